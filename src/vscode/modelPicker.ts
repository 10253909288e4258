// "VieNeu: Choose Local Model…": the catalogue's local models (upstream's current one first) with what choosing
// one costs — the download with its codec and dictionary — and its licence; the choice is written to
// vieneu.local.backbone and loaded at once, since picking a model means wanting to hear it.
import * as vscode from 'vscode';
import type { ModelOption } from '../app/modelChoices';
import { t } from '../core/strings';
import type { VieneuConfig } from '../core/config';
import { familyOf, findModel } from '../local/models/catalogue';
import { naturalVoiceMb } from '../app/modelChoices';

const BROWSE = '\u0000browse';

export interface ModelPickerDeps {
  backbones: readonly ModelOption[];
  local: () => VieneuConfig['local'];
  /** Writes vieneu.local.backbone (user settings) and reloads the configuration. */
  setBackbone(id: string): Promise<void>;
  load(): Promise<unknown>;
  browse(): Promise<string | undefined>;
}

/** The same model under its catalogue id or its repository id. */
function sameModel(a: string, b: string): boolean {
  const x = findModel(a);
  return a.trim().toLowerCase() === b.trim().toLowerCase() || (!!x && x === findModel(b));
}

export async function chooseLocalModel(d: ModelPickerDeps, id?: string): Promise<string | undefined> {
  const local = d.local();
  let pick = id;
  if (pick === undefined) {
    const items = d.backbones.map((m) => {
      const entry = findModel(m.id);
      return {
        label: `${sameModel(m.id, local.backbone) ? '$(check) ' : ''}${m.label}`,
        description: t('uiModelPickDescription', Math.round(naturalVoiceMb({ ...local, backbone: m.id })), m.licence),
        detail: entry && familyOf(entry) === 'v3-turbo' ? t('uiModelPickRecommended') : t('uiModelPickDeprecated'),
        id: m.id,
      };
    });
    const item = await vscode.window.showQuickPick([...items, { label: `$(folder) ${t('uiBrowseBackbone')}`, description: '', detail: undefined, id: BROWSE }], {
      title: t('uiChooseModelTitle'),
      placeHolder: t('uiChooseModelPlaceholder'),
      matchOnDescription: true,
    });
    pick = item?.id;
  }
  if (pick === undefined) return undefined;
  if (pick === BROWSE) return d.browse();
  await d.setBackbone(pick);
  await d.load();
  return pick;
}
