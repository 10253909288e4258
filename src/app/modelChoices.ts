// The model lists the user picks from, taken from the catalogue with licence and size. Local gets only what
// the local engine can run (a safetensors backbone would fail after a long download); the Colab notebook
// gets every backbone, since the notebook's PyTorch runtime runs them all.
import { t } from '../core/strings';
import { CATALOGUE, type CatalogueEntry } from '../local/models/catalogue';

export interface ModelOption {
  id: string;
  label: string;
  licence: string;
  /** Download size in megabytes, 0 when unknown. */
  sizeMB: number;
}

/** A catalogue licence as shown: the entries that only point at their repository say so in the UI language. */
export function licenceText(licence: string): string {
  return licence === 'see repository' ? t('uiLicenceSeeRepository') : licence;
}

function option(e: CatalogueEntry): ModelOption {
  return { id: e.repo ?? e.id, label: e.label, licence: licenceText(e.licence), sizeMB: e.approxMb };
}

export function modelChoices(): { localBackbones: ModelOption[]; notebookBackbones: ModelOption[]; codecs: ModelOption[] } {
  const backbones = CATALOGUE.filter((e) => e.kind === 'backbone');
  return {
    localBackbones: backbones.filter((e) => e.runsLocally).map(option),
    notebookBackbones: backbones.map(option),
    codecs: CATALOGUE.filter((e) => e.kind === 'codec').map(option),
  };
}
