// The status bar: the backend switch at a glance (the active backend and its state, both backends in the
// tooltip, a click that opens the switch quick pick), shown from start-up; and, while speaking, what is being
// heard ("▶ sentence 3 of 40", Preparing… before the first sound) with Pause/Resume and Stop one click away.
import * as vscode from 'vscode';
import type { BackendManager, ManagerState } from '../core/backendManager';
import type { Event } from '../core/events';
import { t } from '../core/strings';
import type { BackendId, BackendStatus } from '../core/types';
import type { SpeakingState } from './speechController';

export function backendName(id: BackendId): string {
  return id === 'local' ? t('backendLocal') : t('backendColab');
}

function stateWord(s: BackendStatus): string {
  return t(s.state === 'idle' ? 'stateIdle' : s.state === 'busy' ? 'stateBusy' : s.state === 'ready' ? 'stateReady' : 'stateError');
}

function icon(id: BackendId, s: BackendStatus): string {
  if (s.state === 'busy') return '$(loading~spin)';
  if (s.state === 'error') return '$(warning)';
  if (id === 'colab') return s.state === 'ready' ? '$(cloud)' : '$(debug-disconnect)';
  return s.state === 'ready' ? '$(unmute)' : '$(mute)';
}

/** Status bar text: "Local · ready", "Colab · 82 ms", "Colab · Not connected". */
export function statusText(state: ManagerState): string {
  const s = state.statuses[state.active];
  const latency = s.info?.latencyMs;
  const tail =
    state.active === 'colab' && s.state === 'ready' && typeof latency === 'number'
      ? `${Math.round(latency)} ms`
      : state.active === 'colab' && s.state === 'idle'
        ? t('notConnected')
        : stateWord(s);
  return `${icon(state.active, s)} VieNeu: ${backendName(state.active)} · ${tail}`;
}

export function createStatusBar(manager: BackendManager): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('vieneu.backend', vscode.StatusBarAlignment.Right, 100);
  item.name = 'VieNeu TTS';
  item.command = 'vieneu.switchBackend';
  const render = (state: ManagerState) => {
    item.text = statusText(state);
    const md = new vscode.MarkdownString(undefined, true);
    for (const id of ['local', 'colab'] as const) {
      const s = state.statuses[id];
      md.appendMarkdown(`${id === state.active ? '**▶** ' : ''}${icon(id, s)} **${backendName(id)}** — ${stateWord(s)}: `);
      md.appendText(s.detail);
      // Which kind of server the Colab backend speaks to, and what it can do.
      if (id === 'colab' && s.state === 'ready' && s.info?.serverKindLabel) md.appendText(` — ${t('remoteServerTooltip', String(s.info.serverKindLabel), String(s.info.capabilities ?? ''))}`);
      md.appendMarkdown('\n\n');
    }
    md.appendMarkdown(`[$(arrow-swap) ${t('actionSwitch')}](command:vieneu.switchBackend) · [$(settings-gear) ${t('actionOpenPanel')}](command:vieneu.openAdminPanel)`);
    md.isTrusted = { enabledCommands: ['vieneu.switchBackend', 'vieneu.openAdminPanel'] };
    item.tooltip = md;
    const s = state.statuses[state.active];
    item.backgroundColor = s.state === 'error' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    item.accessibilityInformation = { label: `VieNeu: ${backendName(state.active)}, ${stateWord(s)}. ${s.detail}` };
  };
  render(manager.state);
  item.show();
  const sub = manager.onDidChange(render);
  return { dispose: () => (sub.dispose(), item.dispose()) };
}

/** "$(play) VieNeu: sentence 3 of 40", "$(debug-pause) VieNeu: Paused · sentence 3 of 40", "$(loading~spin) VieNeu: Preparing…". */
export function speakingText(s: SpeakingState): string {
  const where = s.sentence && s.sentences ? t('uiSpeakingSentence', s.sentence, s.sentences) : '';
  if (s.phase === 'preparing') return `$(loading~spin) VieNeu: ${t('uiPreparing')}`;
  if (s.phase === 'paused') return `$(debug-pause) VieNeu: ${t('uiSpeakingPausedWord')}${where ? ` · ${where}` : ''}`;
  return `$(play) VieNeu: ${where}`;
}

function speakingTip(s: SpeakingState): string {
  return t(s.phase === 'preparing' ? 'uiSpeakingTipPreparing' : s.phase === 'paused' ? 'uiSpeakingTipPaused' : 'uiSpeakingTipPlaying');
}

/** Two items beside the backend's, visible only while speaking: the state (click: pause/resume) and Stop. */
export function createSpeakingStatus(speech: { readonly state: SpeakingState; readonly onDidChangeState: Event<SpeakingState> }): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('vieneu.speaking', vscode.StatusBarAlignment.Right, 102);
  item.name = 'VieNeu TTS — speaking';
  item.command = 'vieneu.pauseSpeaking';
  const stop = vscode.window.createStatusBarItem('vieneu.stop', vscode.StatusBarAlignment.Right, 101);
  stop.name = 'VieNeu TTS — stop';
  stop.command = 'vieneu.stopSpeaking';
  stop.text = '$(debug-stop)';
  const render = (s: SpeakingState) => {
    if (s.phase === 'idle') {
      item.hide();
      stop.hide();
      return;
    }
    item.text = speakingText(s);
    const md = new vscode.MarkdownString(undefined, true);
    md.appendText(speakingTip(s));
    md.appendMarkdown(
      `\n\n[$(${s.phase === 'paused' ? 'play' : 'debug-pause'}) ${t(s.phase === 'paused' ? 'uiPlayerResume' : 'uiPlayerPause')}](command:vieneu.pauseSpeaking) · [$(debug-stop) ${t('uiSpeakingStop')}](command:vieneu.stopSpeaking)`,
    );
    md.isTrusted = { enabledCommands: ['vieneu.pauseSpeaking', 'vieneu.stopSpeaking'] };
    item.tooltip = md;
    item.accessibilityInformation = { label: `${item.text.replace(/\$\([^)]*\)\s*/g, '')}. ${speakingTip(s)}` };
    stop.tooltip = t('uiSpeakingStop');
    stop.accessibilityInformation = { label: t('uiSpeakingStop') };
    item.show();
    stop.show();
  };
  render(speech.state);
  const sub = speech.onDidChangeState(render);
  return { dispose: () => (sub.dispose(), item.dispose(), stop.dispose()) };
}

interface BackendPick extends vscode.QuickPickItem {
  id: BackendId;
}

/** The switch quick pick: each backend with its state; one that is not ready says why and how to fix it. */
export async function pickBackend(manager: BackendManager): Promise<BackendId | undefined> {
  const items: BackendPick[] = (['local', 'colab'] as const).map((id) => {
    const s = manager.backend(id).status;
    const why = manager.whyNotReady(id);
    return {
      id,
      label: `${icon(id, s)} ${backendName(id)}`,
      description: `${id === manager.active ? t('activeMarker') + ' · ' : ''}${stateWord(s)}`,
      detail: why ? `${s.detail} — ${why.fix ?? ''}` : s.detail,
    };
  });
  const picked = await vscode.window.showQuickPick(items, { title: t('switchTitle'), placeHolder: t('switchPlaceholder') });
  return picked?.id;
}
