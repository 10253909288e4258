// Puts the user-facing parts together for the composition root: the admin panel, the players (webview by
// default, the system player as a setting), and the work behind the Colab / model commands, which reuses the
// panel's controller so a command and a button do exactly the same thing.
import * as vscode from 'vscode';
import type { BackendManager } from '../core/backendManager';
import { UserError } from '../core/errors';
import { SECRET_KEYS, type SecretStore } from '../core/secrets';
import { t } from '../core/strings';
import type { BackendId, BackendStatus, ReferenceVoice, TtsBackend } from '../core/types';
import type { Player } from '../audio/player';
import { SystemPlayer } from '../audio/systemPlayer';
import { BUILTIN_VOICE_ID } from '../local/localBackend';
import { CATALOGUE } from '../local/models/catalogue';
import { generateAuthToken, generateNotebook } from '../notebook';
import type { RemoteBackend } from '../remote';
import { AdminPanel, customVoiceReference } from './adminPanel';
import type { CommandTargets } from './commands';
import type { ConfigService } from './configService';
import type { Log } from './log';
import { showError, showInfo } from './notify';
import type { LocalPort } from './panel/panelController';
import type { ModelOption } from './panel/protocol';
import type { SpeechController } from './speechController';
import { WebviewPlayerHost } from './webviewPlayer';

export interface UiDeps {
  context: vscode.ExtensionContext;
  manager: BackendManager;
  local: TtsBackend;
  colab: RemoteBackend;
  config: ConfigService;
  secrets: SecretStore;
  log: Log;
  speech: () => SpeechController;
  onModeChanged(id: BackendId): void;
}

export type UiTargets = Omit<CommandTargets, 'manager' | 'speech' | 'log' | 'onModeChanged' | 'setHuggingFaceToken' | 'cloneVoiceFromFile'>;

export interface Ui extends vscode.Disposable {
  panel: AdminPanel;
  webviewPlayer: WebviewPlayerHost;
  systemPlayer: SystemPlayer;
  /** The player the settings ask for, at the moment of asking. */
  player(): Player;
  customVoice(id: string): ReferenceVoice | undefined;
  targets: UiTargets;
}

/** The local slot as the panel needs it: a LocalBackend when this build has one, else a refusal that says why. */
function localPort(backend: TtsBackend): LocalPort {
  const b = backend as Partial<LocalPort> & TtsBackend;
  if (typeof b.loadModel === 'function' && typeof b.unloadModel === 'function' && typeof b.voices === 'function') return b as unknown as LocalPort;
  return {
    get status(): BackendStatus {
      return backend.status;
    },
    modelLoaded: false,
    voiceLicence: {},
    voices: () => [],
    loadModel: async () => {
      throw new UserError(backend.status.detail, 'not-ready');
    },
    unloadModel: async () => undefined,
  };
}

function modelOptions(kind: 'backbone' | 'codec'): ModelOption[] {
  return CATALOGUE.filter((e) => e.kind === kind).map((e) => ({
    id: e.repo ?? e.id,
    label: e.runsLocally ? e.label : `${e.label} — ${t('uiColabOnly')}`,
    licence: e.licence,
    sizeMB: e.approxMb,
  }));
}

export function createUi(d: UiDeps): Ui {
  const disposables: vscode.Disposable[] = [];
  const webviewPlayer = new WebviewPlayerHost(d.context, d.log, () => d.speech().stop());
  const systemPlayer = new SystemPlayer();
  const panel = new AdminPanel({
    context: d.context,
    log: d.log,
    manager: d.manager,
    local: localPort(d.local),
    colab: d.colab,
    notebook: { generate: (o) => generateNotebook(o), newToken: generateAuthToken },
    secrets: d.secrets,
    config: () => d.config.current.config,
    backbones: modelOptions('backbone'),
    codecs: modelOptions('codec'),
    onModeChanged: d.onModeChanged,
    preview: async (text, voice) => void (await d.speech().speakText(text, voice)),
  });
  disposables.push(webviewPlayer, panel);

  // A Colab connection that drops while in use is worth a notification, not just a status-bar change.
  const lost = d.colab.onDidLoseConnection((err) => void showError(err, d.log));
  disposables.push({ dispose: () => lost.dispose() });

  /** Runs a panel request from a command; its outcome, shown in the panel when open, becomes a notification. */
  const viaPanel = async (msg: unknown) => {
    const before = panel.sent.length;
    await panel.request(msg);
    if (panel.visible) return;
    for (const m of panel.sent.slice(before)) {
      if (m.type !== 'notice') continue;
      if (m.level === 'error') void showError(new UserError(m.text, 'internal', m.fix), d.log);
      else void showInfo(m.text);
    }
  };

  const targets: UiTargets = {
    openAdminPanel: async () => panel.open(),
    generateColabNotebook: async () => {
      const c = d.config.current.config.local;
      await viaPanel({ type: 'generateNotebook', backbone: c.backbone, codec: c.codec, device: 'gpu', action: 'open' });
    },
    connectColab: async () => {
      const c = d.config.current.config.colab;
      const endpoint = await vscode.window.showInputBox({
        title: t('uiStep3'),
        prompt: t('uiEndpointUrl'),
        value: c.endpoint,
        placeHolder: t('uiEndpointPlaceholder'),
        ignoreFocusOut: true,
        validateInput: (v) => (/^https?:\/\/\S+$/i.test(v.trim()) ? undefined : t('uiEndpointEmpty')),
      });
      if (!endpoint) return;
      const stored = await d.secrets.get(SECRET_KEYS.colabAuthToken);
      const token = await vscode.window.showInputBox({
        title: t('uiStep3'),
        prompt: t('uiTokenField'),
        password: true,
        ignoreFocusOut: true,
        placeHolder: stored ? t('uiTokenStoredPlaceholder') : '',
      });
      if (token === undefined) return;
      await viaPanel({ type: 'connect', endpoint: endpoint.trim(), token });
    },
    disconnectColab: async () => viaPanel({ type: 'disconnect' }),
    testColabConnection: async () => viaPanel({ type: 'testConnection', endpoint: d.config.current.config.colab.endpoint, token: '' }),
    loadLocalModel: async () => {
      const c = d.config.current.config.local;
      panel.open(); // the progress bar and Cancel live there
      await viaPanel({ type: 'loadModel', backbone: c.backbone, codec: c.codec, device: c.device });
    },
    unloadLocalModel: async () => viaPanel({ type: 'unloadModel' }),
    chooseVoice: async (id?: string) => {
      // The voices the panel shows (the active backend's presets and the custom ones), from the keyboard.
      const { voices } = await panel.controller.state();
      // espeak-ng's voice is the Local backend's own: offered while Local is active and the voice is enabled.
      const builtin = { id: BUILTIN_VOICE_ID, label: BUILTIN_VOICE_ID, description: t('localStatusBuiltin'), custom: false };
      const withBuiltin = d.manager.active === 'local' && d.config.current.config.local.builtinVoice;
      const all = withBuiltin ? [...voices.presets, builtin] : voices.presets;
      if (all.length === 0) throw new UserError(t('uiNoVoices'), 'not-ready', t('fixLoadLocal'));
      let pick = id;
      if (pick === undefined) {
        const item = await vscode.window.showQuickPick(
          all.map((v) => ({ label: v.id === voices.selected ? `$(check) ${v.label}` : v.label, description: v.description, detail: v.custom ? t('uiCustomVoice') : undefined, id: v.id })),
          { title: t('uiChooseVoiceTitle'), placeHolder: voices.licence ? t('uiVoiceLicence', voices.licence) : undefined, matchOnDescription: true },
        );
        pick = item?.id;
      }
      if (pick === undefined) return undefined;
      if (!all.some((v) => v.id === pick)) {
        throw new UserError(t('uiNoSuchVoice', pick), 'bad-input', t('uiNoSuchVoiceFix', all.map((v) => v.id).join(', ')));
      }
      await viaPanel({ type: 'selectVoice', voice: pick });
      void vscode.window.setStatusBarMessage(t('uiVoiceChosen', pick), 3000);
      return pick;
    },
  };

  return {
    panel,
    webviewPlayer,
    systemPlayer,
    player: () => (d.config.current.config.player === 'system' ? systemPlayer : webviewPlayer.player),
    customVoice: (id: string) => customVoiceReference(d.context, id),
    targets,
    dispose: () => disposables.forEach((x) => x.dispose()),
  };
}
