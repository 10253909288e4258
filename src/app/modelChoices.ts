// The model lists the user picks from, taken from the catalogue with licence and size. Local gets only what
// the local engine can run (a safetensors backbone would fail after a long download); the Colab notebook
// gets every backbone, since the notebook's PyTorch runtime runs them all. The catalogue's order is the lists'
// order: upstream's current model (v3 Turbo) first. int8 v3 Turbo is only offered on CPUs with VNNI, where it
// sounds right (upstream); a setting naming it elsewhere is refused at load with the reason.
import { t } from '../core/strings';
import type { VieneuConfig } from '../core/config';
import { CATALOGUE, codecFor, companionsOf, DEFAULT_BACKBONE_ID, findModel, type CatalogueEntry } from '../local/models/catalogue';
import { hasVnni } from '../local/v3/cpuFeatures';

export interface ModelOption {
  id: string;
  label: string;
  licence: string;
  /** Download size in megabytes, 0 when unknown. */
  sizeMB: number;
  /** Backbones: the codec option it was made for, used when the codec is left on automatic (''). */
  codec?: string;
}

/** A catalogue licence as shown: the entries that only point at their repository say so in the UI language. */
export function licenceText(licence: string): string {
  return licence === 'see repository' ? t('uiLicenceSeeRepository') : licence;
}

/** The repo id when it names one entry (settings keep repo ids), else the catalogue id (v3 fp32 and int8 share a repo). */
function optionId(e: CatalogueEntry): string {
  const sharing = CATALOGUE.filter((x) => x.kind === e.kind && x.repo === e.repo).length;
  return e.repo && sharing === 1 ? e.repo : e.id;
}

function option(e: CatalogueEntry): ModelOption {
  return { id: optionId(e), label: e.label, licence: licenceText(e.licence), sizeMB: e.approxMb };
}

export function modelChoices(cpu: { vnni: boolean } = { vnni: hasVnni() }): { localBackbones: ModelOption[]; notebookBackbones: ModelOption[]; codecs: ModelOption[] } {
  const backbones = CATALOGUE.filter((e) => e.kind === 'backbone');
  return {
    localBackbones: backbones
      .filter((e) => e.runsLocally && (e.requires !== 'vnni' || cpu.vnni))
      .map((e) => ({ ...option(e), codec: optionId(codecFor(e)) })),
    // One entry a repository: the notebook runs a repository on the GPU, where the CPU precisions do not apply.
    notebookBackbones: backbones.filter((e, i) => !e.repo || backbones.findIndex((x) => x.repo === e.repo) === i).map((e) => ({ ...option(e), id: e.repo ?? e.id })),
    codecs: CATALOGUE.filter((e) => e.kind === 'codec').map(option),
  };
}

/** What Load Model downloads for these settings: backbone, codec and the phoneme dictionary, in MB. */
export function naturalVoiceMb(local: Pick<VieneuConfig['local'], 'backbone' | 'codec' | 'device'>): number {
  const backbone = findModel(local.backbone) ?? CATALOGUE.find((e) => e.id === DEFAULT_BACKBONE_ID)!;
  const codec = local.codec ? findModel(local.codec) : undefined;
  return [backbone, ...companionsOf(backbone, codec, local.device === 'gpu' ? 'gpu' : 'cpu')].reduce((mb, e) => mb + e.approxMb, 0);
}
