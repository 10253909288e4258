// v3 Turbo replaced v1 q4 as the default local model. Someone who had been speaking with v1 q4 without ever
// choosing it must not find a different voice and a 700 MB download after an update: when the old default is
// already downloaded (cache or models folder) and nothing names a backbone, it is written to their settings,
// once, and they are told how to try v3 Turbo.
import * as vscode from 'vscode';
import { t } from '../core/strings';
import { findModel, PREVIOUS_DEFAULT_BACKBONE_ID } from '../local/models/catalogue';
import { resolveEntry } from '../local/models/modelStore';
import type { ConfigService } from './configService';
import type { Log } from './log';
import { showInfo } from './notify';

export const UPGRADE_KEY = 'vieneu.defaultModelV3Checked';

export interface UpgradeDeps {
  context: vscode.ExtensionContext;
  config: ConfigService;
  cacheDir: string;
  log: Log;
  tryV3(): Promise<unknown>;
}

/** Resolves to the backbone kept, or undefined when nothing was changed. */
export async function keepPreviousDefaultModel(d: UpgradeDeps): Promise<string | undefined> {
  if (d.context.globalState.get(UPGRADE_KEY)) return undefined;
  await d.context.globalState.update(UPGRADE_KEY, true);
  const inspected = vscode.workspace.getConfiguration('vieneu').inspect<string>('local.backbone');
  const named = inspected?.globalValue ?? inspected?.workspaceValue ?? inspected?.workspaceFolderValue;
  if (named !== undefined || d.config.current.sources['local.backbone'] !== 'default') return undefined;
  const old = findModel(PREVIOUS_DEFAULT_BACKBONE_ID)!;
  const local = d.config.current.config.local;
  const downloaded = await resolveEntry(old, { cacheDir: d.cacheDir, modelsPath: local.modelsPath || undefined, offline: true }).then(
    () => true,
    () => false,
  );
  if (!downloaded) return undefined;
  await vscode.workspace.getConfiguration('vieneu').update('local.backbone', old.repo, vscode.ConfigurationTarget.Global);
  await d.config.reload();
  d.log.info(`default model: kept ${old.repo}, downloaded before v3 Turbo became the default`);
  void showInfo(t('uiKeptPreviousDefault', old.label), t('uiTryV3')).then((picked) => (picked === t('uiTryV3') ? d.tryV3() : undefined));
  return old.repo;
}
