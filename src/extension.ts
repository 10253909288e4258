// Composition root: builds the core and the VS Code adapters, registers disposables, and nothing else.
// Heavy parts (llama.cpp, onnxruntime, espeak-ng WASM) load on first use, never here.
import * as vscode from 'vscode';
import { BackendManager } from './core/backendManager';
import { setLocalizer } from './core/strings';
import type { SecretStore } from './core/secrets';
import type { BackendId } from './core/types';
import { createBackends, modelsCacheDir, reconnectColabOnStartup } from './vscode/backends';
import { cloneVoiceFromFile } from './vscode/cloneVoiceCommand';
import { registerCommands } from './vscode/commands';
import { ConfigService } from './vscode/configService';
import { createLog } from './vscode/log';
import { shownMessages } from './vscode/notify';
import { SpeechController } from './vscode/speechController';
import { createSpeakingStatus, createStatusBar } from './vscode/statusBar';
import { registerOnboarding } from './vscode/onboarding';
import { setHuggingFaceToken } from './vscode/huggingFaceToken';
import { vscodeSecretStore } from './vscode/secretStorage';
import { cloneModelRoots, createUi, type Ui } from './vscode/uiShell';
import { keepPreviousDefaultModel } from './vscode/defaultModelUpgrade';

const MODE_KEY = 'vieneu.activeBackend';

/** What activate() returns: used by the extension-host tests, never by users. */
export interface VieneuTestApi {
  manager: BackendManager;
  speech: SpeechController;
  config: ConfigService;
  shownMessages: readonly string[];
  activationMs: number;
  /** The admin panel, players and backends, for the UI tests and the UI benchmark. */
  ui: Ui;
  secrets: SecretStore;
}

export async function activate(context: vscode.ExtensionContext): Promise<VieneuTestApi> {
  const t0 = performance.now();
  setLocalizer((message, ...args) => vscode.l10n.t(message, ...args));
  const log = createLog();
  const config = new ConfigService(log);
  const backends = createBackends({ context, config, log });
  const secrets = vscodeSecretStore(context.secrets);
  const manager = new BackendManager(backends, context.workspaceState.get<BackendId>(MODE_KEY) ?? config.current.config.mode, {
    fallbackToLocal: () => config.current.config.colab.fallbackToLocal,
  });
  const onModeChanged = (id: BackendId) => void context.workspaceState.update(MODE_KEY, id);
  const ui = createUi({
    context,
    manager,
    local: backends.local,
    colab: backends.colab,
    config,
    secrets,
    log,
    // Called only after activate() returns: `speech` exists by then.
    speech: () => speech,
    onModeChanged,
  });
  const speech = new SpeechController(manager, config, () => ui.player(), log, (id) => ui.customVoice(id));

  context.subscriptions.push(
    log,
    config,
    backends.local,
    backends.colab,
    manager,
    speech,
    ui,
    createStatusBar(manager),
    createSpeakingStatus(speech),
    ...registerOnboarding({ context, manager, local: backends.local, config: () => config.current.config, speech, log }),
    ...registerCommands({
      manager,
      actions: ui.actions,
      speech,
      log,
      setHuggingFaceToken: (value) => setHuggingFaceToken(secrets, log, value),
      cloneVoiceFromFile: () =>
        cloneVoiceFromFile({ context, log, modelRoots: () => cloneModelRoots(context, config), actions: ui.actions }),
      ...ui.targets,
    }),
  );
  // Once the settings are read: the last Connect's endpoint and token reconnect by themselves, and someone on the
  // downloaded v1 default keeps it (one read of the configuration serves both).
  const read = config.reload();
  void read.then(() => reconnectColabOnStartup({ context, config, log, colab: backends.colab, manager, onModeChanged }));
  void read.then(() =>
    keepPreviousDefaultModel({ context, config, cacheDir: modelsCacheDir(context), log, tryV3: () => ui.targets.chooseLocalModel('vieneu-v3-turbo') }).catch((err: unknown) =>
      log.warn(`default model check: ${String(err)}`),
    ),
  );
  const activationMs = performance.now() - t0;
  log.info(`activated in ${activationMs.toFixed(1)} ms`);
  return { manager, speech, config, shownMessages, activationMs, ui, secrets };
}

export function deactivate(): void {
  // Everything is in context.subscriptions.
}
