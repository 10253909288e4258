// Builds the two backends for the extension: the Colab backend (RemoteBackend, any HTTPS endpoint running the
// notebook's server) and the Local backend. Settings changes reach them without a restart.
import * as path from 'path';
import type * as vscode from 'vscode';
import { SECRET_KEYS } from '../core/secrets';
import type { BackendId, TtsBackend } from '../core/types';
import { LocalBackend } from '../local/localBackend';
import { defaultLoaders } from '../local/engine/defaultLoaders';
import { RemoteBackend } from '../remote';
import { reconnectSaved } from '../remote/reconnect';
import { t } from '../core/strings';
import type { BackendManager } from '../core/backendManager';
import { hostOf } from '../remote/remoteErrors';
import { showWarning } from './notify';
import type { ConfigService } from './configService';
import type { Log } from './log';

export interface BackendDeps {
  context: vscode.ExtensionContext;
  config: ConfigService;
  log: Log;
}

export interface Backends extends Record<BackendId, TtsBackend> {
  local: LocalBackend;
  colab: RemoteBackend;
}

export function createColabBackend(d: BackendDeps): RemoteBackend {
  const c = () => d.config.current.config.colab;
  const colab = new RemoteBackend({
    healthIntervalMs: c().healthIntervalSeconds * 1000,
    client: { firstByteTimeoutMs: c().requestTimeoutSeconds * 1000, healthTimeoutMs: Math.min(10, c().requestTimeoutSeconds) * 1000 },
    log: (line) => d.log.info(`colab: ${line}`),
  });
  d.context.subscriptions.push(d.config.onDidChange(() => colab.setHealthInterval(c().healthIntervalSeconds * 1000)));
  return colab;
}

/** Where Load Model downloads to and finds its cache: the extension's global storage. */
export function modelsCacheDir(context: vscode.ExtensionContext): string {
  return path.join(context.globalStorageUri.fsPath, 'models');
}

/** The local engine; its native modules (llama.cpp, onnxruntime) load only when a model does. */
export function createLocalBackend(d: BackendDeps): LocalBackend {
  const local = new LocalBackend({
    cacheDir: modelsCacheDir(d.context),
    settings: () => ({ ...d.config.current.config.local }),
    hfToken: async () => d.context.secrets.get(SECRET_KEYS.huggingFaceToken),
    loaders: defaultLoaders(),
    customVoices: () => d.config.current.config.customVoices,
    // Read at each listing: a voice cloned or deleted a moment ago shows up (or goes) in Choose Voice at once.
    clonedVoices: () => (require('./cloneVoiceCommand') as typeof import('./cloneVoiceCommand')).listClonedVoicesOf(d.context),
    log: (line) => d.log.info(line),
  });
  // The built-in voice can be switched on or off in settings: the status follows at once.
  d.context.subscriptions.push(d.config.onDidChange(() => local.refreshStatus()));
  return local;
}

export function createBackends(d: BackendDeps): Backends {
  return {
    local: createLocalBackend(d),
    colab: createColabBackend(d),
  };
}

/**
 * After a window reload: the saved endpoint and token (SecretStorage, else $COLAB_AUTH_TOKEN) reconnect by
 * themselves, quietly; a failure is told only while Colab is the active mode, with Retry and Use Local.
 */
export function reconnectColabOnStartup(d: BackendDeps & { colab: RemoteBackend; manager: BackendManager; onModeChanged: (id: BackendId) => void }): Promise<unknown> {
  const c = d.config.current;
  return reconnectSaved({
    colab: d.colab,
    endpoint: c.config.colab.endpoint,
    fallbacks: c.config.colab.fallbackEndpoints,
    token: async () => (await d.context.secrets.get(SECRET_KEYS.colabAuthToken)) ?? c.envAuthToken ?? '',
    askOnFailure: async (message) => {
      if (d.manager.active !== 'colab') return undefined;
      const retry = t('remoteActionRetry');
      const local = t('remoteActionUseLocal');
      const picked = await showWarning(t('remoteReconnectFailed', hostOf(c.config.colab.endpoint), message), retry, local);
      return picked === retry ? 'retry' : picked === local ? 'local' : undefined;
    },
    useLocal: () => {
      d.manager.restore('local');
      d.onModeChanged('local');
    },
    log: (line) => d.log.info(`colab: ${line}`),
  }).catch((err) => d.log.warn(`colab: reconnect: ${String(err)}`));
}
