// Puts the user-facing parts together for the composition root: the user actions (src/app), the admin panel
// that shows them, the players (webview by default, the system player as a setting), and the palette side of
// the actions: each command calls the same action a panel button does and shows its own notification.
import * as vscode from 'vscode';
import { modelChoices } from '../app/modelChoices';
import { UserActions, type LocalPort } from '../app/userActions';
import type { BackendManager } from '../core/backendManager';
import { UserError } from '../core/errors';
import { SECRET_KEYS, type SecretStore } from '../core/secrets';
import { t } from '../core/strings';
import type { BackendId, BackendStatus, ReferenceVoice, TtsBackend } from '../core/types';
import type { Player } from '../audio/player';
import { SystemPlayer } from '../audio/systemPlayer';
import { generateAuthToken, generateNotebook, V3_BACKBONE } from '../notebook';
import type { RemoteBackend } from '../remote';
import { customVoiceReference, vscodeActionHost, vscodeCloneHost } from './actionHost';
import { clonedVoicesDir } from './cloneVoiceCommand';
import { AdminPanel } from './adminPanel';
import { modelsCacheDir } from './backends';
import type { CommandTargets } from './commands';
import type { ConfigService } from './configService';
import type { Log } from './log';
import { chooseLocalModel } from './modelPicker';
import { showError, showInfo, showWarning } from './notify';
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

export type UiTargets = Omit<CommandTargets, 'manager' | 'actions' | 'speech' | 'log' | 'setHuggingFaceToken' | 'cloneVoiceFromFile'>;

export interface Ui extends vscode.Disposable {
  panel: AdminPanel;
  actions: UserActions;
  webviewPlayer: WebviewPlayerHost;
  systemPlayer: SystemPlayer;
  /** The player the settings ask for, at the moment of asking. */
  player(): Player;
  customVoice(id: string): ReferenceVoice | undefined;
  targets: UiTargets;
}

/** The local slot as the actions need it: a LocalBackend when this build has one, else a refusal that says why. */
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

/**
 * Where "Open Colab" goes: Colab's start page, whose "Open notebook" dialog has the Upload tab (Colab has no
 * documented address that opens the upload dialog itself).
 */
const COLAB_URL = 'https://colab.research.google.com/';

/** Where the cloning graphs may be: the extension's model downloads, then the models folder setting. */
export function cloneModelRoots(context: vscode.ExtensionContext, config: ConfigService): string[] {
  return [modelsCacheDir(context), config.current.config.local.modelsPath];
}

export function createUi(d: UiDeps): Ui {
  const disposables: vscode.Disposable[] = [];
  const webviewPlayer = new WebviewPlayerHost(d.context, d.log, () => d.speech().stop());
  const systemPlayer = new SystemPlayer();
  const local = localPort(d.local);
  const actions = new UserActions({
    manager: d.manager,
    local,
    colab: d.colab,
    notebook: { generate: (o) => generateNotebook(o), newToken: generateAuthToken },
    secrets: d.secrets,
    config: () => d.config.current.config,
    host: vscodeActionHost({
      context: d.context,
      speak: async (text, voice) => void (await d.speech().speakText(text, voice)),
      onModeChanged: d.onModeChanged,
    }),
    clone: vscodeCloneHost({ dir: clonedVoicesDir(d.context), modelRoots: () => cloneModelRoots(d.context, d.config) }),
    log: (line) => d.log.info(line),
  });
  const models = modelChoices();
  const openColab = async () => void (await vscode.env.openExternal(vscode.Uri.parse(COLAB_URL)));
  const panel = new AdminPanel({
    context: d.context,
    log: d.log,
    actions,
    manager: d.manager,
    local,
    config: () => d.config.current.config,
    backbones: models.localBackbones,
    notebookBackbones: models.notebookBackbones,
    codecs: models.codecs,
    openColab,
  });
  disposables.push(webviewPlayer, panel, actions);

  // A Colab connection that drops while in use is worth a notification, not just a status-bar change.
  const lost = d.colab.onDidLoseConnection((err) => void showError(err, d.log));
  // Speaking moved to Local by the fallback setting: said once, as it happens.
  const fellBack = d.manager.onDidFallBack((why) => {
    d.onModeChanged('local');
    void showWarning(t('fellBackToLocal', why.message));
  });
  disposables.push({ dispose: () => (lost.dispose(), fellBack.dispose()) });

  const targets: UiTargets = {
    openAdminPanel: async () => panel.open(),
    generateColabNotebook: async () => {
      // Upstream's current model (v3 Turbo) by default, whatever Local runs; the panel offers the others.
      const c = d.config.current.config.local;
      const out = await actions.generateNotebook({ backbone: V3_BACKBONE, codec: c.codec, device: 'gpu', action: 'open' });
      // Not awaited: the command is done when the notebook is open, whether or not the button is ever pressed.
      if (out) void showInfo(out.message, t('uiOpenColab')).then((picked) => (picked === t('uiOpenColab') ? openColab() : undefined));
    },
    connectColab: async (given?: { endpoint: string; token?: string }) => {
      if (given) {
        // From a script or a test: no questions asked.
        const out = await actions.connect(given.endpoint, given.token ?? '');
        void showInfo(out.message);
        return out;
      }
      const c = d.config.current.config.colab;
      const endpoint = await vscode.window.showInputBox({
        title: t('uiStep3'),
        prompt: t('uiEndpointUrl'),
        value: c.endpoint,
        placeHolder: t('uiEndpointPlaceholder'),
        ignoreFocusOut: true,
        validateInput: (v) => (/^https?:\/\/\S+$/i.test(v.trim()) ? undefined : t('uiEndpointEmpty')),
      });
      if (!endpoint) return undefined;
      const stored = await d.secrets.get(SECRET_KEYS.colabAuthToken);
      const token = await vscode.window.showInputBox({
        title: t('uiStep3'),
        prompt: t('uiTokenField'),
        password: true,
        ignoreFocusOut: true,
        placeHolder: stored ? t('uiTokenStoredPlaceholder') : '',
      });
      if (token === undefined) return undefined;
      const out = await actions.connect(endpoint.trim(), token);
      void showInfo(out.message);
      return out;
    },
    disconnectColab: async () => void showInfo(actions.disconnect().message),
    testColabConnection: async () => {
      const out = await actions.testConnection();
      void showInfo(out.message);
      return out;
    },
    loadLocalModel: async () => {
      const c = d.config.current.config.local;
      // The panel, when open, shows the same progress (the actions keep it); the palette does not open it.
      const out = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: t('uiLoadModel'), cancellable: true },
        (progress, cancel) => {
          const ac = new AbortController();
          cancel.onCancellationRequested(() => ac.abort());
          let last = 0;
          return actions.loadModel(
            { backbone: c.backbone, codec: c.codec, device: c.device },
            {
              signal: ac.signal,
              progress: (fraction, message) => {
                progress.report({ message, increment: Math.max(0, fraction * 100 - last) });
                last = Math.max(last, fraction * 100);
              },
            },
          );
        },
      );
      void showInfo(out.message);
      return out;
    },
    chooseLocalModel: (id?: string) =>
      chooseLocalModel(
        {
          backbones: models.localBackbones,
          local: () => d.config.current.config.local,
          setBackbone: async (backbone) => {
            await vscode.workspace.getConfiguration('vieneu').update('local.backbone', backbone, vscode.ConfigurationTarget.Global);
            await d.config.reload();
          },
          load: () => targets.loadLocalModel(),
          browse: () => targets.chooseModelsFolder('backbone'),
        },
        id,
      ),
    unloadLocalModel: async () => void showInfo((await actions.unloadModel()).message),
    chooseModelsFolder: async (what?: 'backbone') => {
      const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: what === 'backbone', canSelectMany: false, title: t(what === 'backbone' ? 'uiBrowseBackbone' : 'uiChooseModelsFolder') });
      const dir = picked?.[0]?.fsPath;
      if (!dir) return undefined;
      await vscode.workspace.getConfiguration('vieneu').update(what === 'backbone' ? 'local.backbone' : 'local.modelsPath', dir, vscode.ConfigurationTarget.Global);
      await d.config.reload();
      const load = t('actionLoadModel');
      void showInfo(t(what === 'backbone' ? 'uiBackboneSet' : 'uiModelsFolderSet', dir), load).then((picked) =>
        picked === load ? vscode.commands.executeCommand('vieneu.loadLocalModel') : undefined,
      );
      return dir;
    },
    chooseVoice: async (id?: string) => {
      const { choices, selected, licence } = actions.voiceChoices();
      if (choices.length === 0) {
        await actions.chooseVoice(''); // refuses, saying what to do
        return undefined;
      }
      let pick = id;
      if (pick === undefined) {
        const item = await vscode.window.showQuickPick(
          choices.map((v) => ({ label: v.id === selected ? `$(check) ${v.label}` : v.label, description: v.description, detail: v.custom ? t('uiCustomVoice') : undefined, id: v.id })),
          { title: t('uiChooseVoiceTitle'), placeHolder: licence ? t('uiVoiceLicence', licence) : undefined, matchOnDescription: true },
        );
        pick = item?.id;
      }
      if (pick === undefined) return undefined;
      const out = await actions.chooseVoice(pick);
      void vscode.window.setStatusBarMessage(out.message, 3000);
      return pick;
    },
  };

  return {
    panel,
    actions,
    webviewPlayer,
    systemPlayer,
    player: () => (d.config.current.config.player === 'system' ? systemPlayer : webviewPlayer.player),
    customVoice: (id: string) => customVoiceReference(d.context, id),
    targets,
    dispose: () => disposables.forEach((x) => x.dispose()),
  };
}
