// A new user's way in: the walkthrough's "hear the built-in voice" step, and one offer, on the first Speak
// with the robotic built-in voice, to download the natural VieNeu voice (asked once, remembered in globalState).
import * as vscode from 'vscode';
import type { BackendManager } from '../core/backendManager';
import { t } from '../core/strings';
import type { VieneuConfig } from '../core/config';
import { BUILTIN_VOICE_ID } from '../local/localBackend';
import { naturalVoiceMb } from '../app/modelChoices';
import type { Log } from './log';
import { guarded, showInfo } from './notify';
import type { SpeechController } from './speechController';

export const OFFERED_KEY = 'vieneu.naturalVoiceOffered';
/** Not contributed (it would only clutter the palette): the walkthrough's button runs it. */
export const HEAR_BUILTIN_COMMAND = 'vieneu.walkthrough.hearBuiltinVoice';
/** What the walkthrough's first step says aloud. */
export const WALKTHROUGH_SAMPLE = 'Xin chào! Đây là giọng đọc có sẵn của VieNeu. Giọng tự nhiên hơn có thể tải về ở bước tiếp theo.';


export interface OnboardingDeps {
  context: vscode.ExtensionContext;
  manager: BackendManager;
  local: { readonly modelLoaded: boolean };
  config: () => VieneuConfig;
  speech: SpeechController;
  log: Log;
}

export function registerOnboarding(d: OnboardingDeps): vscode.Disposable[] {
  const robotic = () => d.manager.active === 'local' && !d.local.modelLoaded && d.config().local.builtinVoice;
  const offer = async () => {
    await d.context.globalState.update(OFFERED_KEY, true);
    const download = t('uiRoboticVoiceDownload');
    const picked = await showInfo(t('uiRoboticVoiceOffer', naturalVoiceMb(d.config().local)), download, t('uiRoboticVoiceLater'));
    if (picked === download) await vscode.commands.executeCommand('vieneu.loadLocalModel');
  };
  const sub = d.speech.onDidChangeState((s) => {
    if (s.phase !== 'preparing' || d.context.globalState.get(OFFERED_KEY) || !robotic()) return;
    void offer().catch((err: unknown) => d.log.warn(`natural voice offer: ${String(err)}`));
  });
  const hear = vscode.commands.registerCommand(
    HEAR_BUILTIN_COMMAND,
    guarded(d.log, () => d.speech.speakText(WALKTHROUGH_SAMPLE, d.local.modelLoaded ? BUILTIN_VOICE_ID : undefined)),
  );
  return [{ dispose: () => sub.dispose() }, hear];
}
