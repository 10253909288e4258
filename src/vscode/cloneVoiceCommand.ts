// "VieNeu: Clone Voice from Audio File…": reminder about consent, file picker, name, optional denoising, a
// cancellable progress notification, and the voice saved in the extension's globalStorage (cloned-voices/),
// where it survives restarts and stays out of settings and git. Everything runs on this machine.
import * as path from 'path';
import * as vscode from 'vscode';
import { UserError } from '../core/errors';
import { t } from '../core/strings';
import { findCloneModels } from '../local/clone/cloneModelFiles';
import type { CloneWhere, UserActions } from '../app/userActions';
import type { ClonedVoiceInfo } from '../local/clone/clonedVoiceStore';
import type { Log } from './log';

export function clonedVoicesDir(context: vscode.ExtensionContext): string {
  return path.join(context.globalStorageUri.fsPath, 'cloned-voices');
}

/** The cloned voices of this installation, for Choose Voice, the panel or any other surface. */
export function listClonedVoicesOf(context: vscode.ExtensionContext): ClonedVoiceInfo[] {
  const { listClonedVoices } = require('../local/clone/clonedVoiceStore') as typeof import('../local/clone/clonedVoiceStore');
  return listClonedVoices(clonedVoicesDir(context));
}

export interface CloneCommandDeps {
  context: vscode.ExtensionContext;
  log: Log;
  /** Folders to look for the v3 Turbo and MOSS codec files in. */
  modelRoots(): string[];
  /** The user actions, for enrolling on the connected server when it can (capability cloning 'enrol'). */
  actions?: UserActions;
}

/** Asks where to clone when the connected server can enrol a clip; this computer is the first, default answer. */
async function askWhere(enrolHost: string): Promise<CloneWhere | undefined> {
  if (!enrolHost) return 'local';
  const items: Array<vscode.QuickPickItem & { where: CloneWhere }> = [
    { label: t('uiCloneWhereLocal'), detail: t('cloneCmdPrivacy'), where: 'local' },
    { label: t('uiCloneWhereServer', enrolHost), detail: t('cloneWhereServerDetail'), where: 'server' },
  ];
  const picked = await vscode.window.showQuickPick(items, { placeHolder: t('cloneWherePrompt') });
  return picked?.where;
}

/** Returns the stored voice when cloned here, `{ enrolled }` when the server took it, undefined when stopped. */
export async function cloneVoiceFromFile(d: CloneCommandDeps): Promise<ClonedVoiceInfo | { enrolled: string } | undefined> {
  const enrolHost = d.actions?.view.enrolHost ?? '';
  const where = await askWhere(enrolHost);
  if (!where) return undefined;
  const agree = t('cloneCmdAgree');
  const ok = await vscode.window.showInformationMessage(t('cloneRightsReminder'), { modal: true, detail: where === 'server' ? t('cloneServerPrivacy', enrolHost) : t('cloneCmdPrivacy') }, agree);
  if (ok !== agree) return undefined;
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    openLabel: t('cloneCmdOpenLabel'),
    filters: { [t('cloneCmdAudioFilter')]: ['wav', 'flac', 'mp3', 'ogg', 'oga'] },
  });
  const file = picked?.[0]?.fsPath;
  if (!file) return undefined;
  const { checkVoiceName } = require('../local/clone/clonedVoice') as typeof import('../local/clone/clonedVoice');
  const name = await vscode.window.showInputBox({
    prompt: t('cloneCmdNamePrompt'),
    value: path.basename(file, path.extname(file)),
    validateInput: (v) => {
      try {
        checkVoiceName(v);
        return undefined;
      } catch (err) {
        return (err as Error).message;
      }
    },
  });
  if (name === undefined) return undefined;
  const yes = t('cloneCmdDenoiseYes');
  const no = t('cloneCmdDenoiseNo');
  const choice = await vscode.window.showQuickPick([no, yes], { placeHolder: t('cloneCmdDenoisePrompt') });
  if (!choice) return undefined;
  const denoise = choice === yes;
  if (where === 'server' && d.actions) {
    const actions = d.actions;
    const out = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: t('cloneCmdProgressTitle', checkVoiceName(name)) }, () =>
      actions.cloneFromAudio({ name, source: { file }, denoise, where: 'server', agreed: true }),
    );
    if (!out) return undefined;
    d.log.info(`enrolled voice "${name}" on ${enrolHost}`);
    void vscode.window.showInformationMessage(out.message);
    return { enrolled: checkVoiceName(name) };
  }
  const models = findCloneModels(d.modelRoots());
  if (!models) throw new UserError(t('cloneCmdNoModels'), 'not-ready', t('cloneCmdNoModelsFix'));

  const { VoiceCloner } = require('../local/clone/cloneVoice') as typeof import('../local/clone/cloneVoice');
  const { saveClonedVoice } = require('../local/clone/clonedVoiceStore') as typeof import('../local/clone/clonedVoiceStore');
  const stageText = { decode: 'cloneStageDecode', trim: 'cloneStageTrim', denoise: 'cloneStageDenoise', speaker: 'cloneStageSpeaker', codes: 'cloneStageCodes' } as const;
  const stages = denoise ? 5 : 4;
  const info = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: t('cloneCmdProgressTitle', checkVoiceName(name)), cancellable: true },
    async (progress, token) => {
      const ac = new AbortController();
      const sub = token.onCancellationRequested(() => ac.abort());
      const cloner = await VoiceCloner.load(models, { denoise });
      try {
        const voice = await cloner.cloneFile(file, {
          denoise,
          signal: ac.signal,
          onStage: (s) => progress.report({ message: t(stageText[s]), increment: 100 / stages }),
        });
        return saveClonedVoice(clonedVoicesDir(d.context), checkVoiceName(name), voice, file);
      } finally {
        sub.dispose();
        await cloner.dispose();
      }
    },
  ).then(
    (v) => v,
    (err: unknown) => {
      if ((err as Error)?.name === 'AbortError') return undefined;
      throw err;
    },
  );
  if (!info) return undefined;
  d.log.info(`cloned voice "${info.name}" (${info.frames} frames) into ${info.file}`);
  void vscode.window.showInformationMessage(t('cloneCmdDone', info.name, info.frames, (info.seconds ?? 0).toFixed(1)));
  return info;
}
