// Builds the two backends for the extension: the Colab backend (RemoteBackend, any HTTPS endpoint running the
// notebook's server) and the Local backend. Settings changes reach them without a restart.
import * as path from 'path';
import type * as vscode from 'vscode';
import { SECRET_KEYS } from '../core/secrets';
import type { BackendId, TtsBackend } from '../core/types';
import { LocalBackend } from '../local/localBackend';
import { defaultLoaders } from '../local/engine/defaultLoaders';
import { RemoteBackend } from '../remote';
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

/** The local engine; its native modules (llama.cpp, onnxruntime) load only when a model does. */
export function createLocalBackend(d: BackendDeps): LocalBackend {
  const local = new LocalBackend({
    cacheDir: path.join(d.context.globalStorageUri.fsPath, 'models'),
    settings: () => ({ ...d.config.current.config.local }),
    hfToken: async () => d.context.secrets.get(SECRET_KEYS.huggingFaceToken),
    loaders: defaultLoaders(),
    customVoices: () => d.config.current.config.customVoices,
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
