// Builds the two backends for the extension: the Colab backend (RemoteBackend, any HTTPS endpoint running the
// notebook's server) and the Local backend. Settings changes reach them without a restart.
import type * as vscode from 'vscode';
import { NotReadyBackend } from '../core/notReadyBackend';
import { t } from '../core/strings';
import type { BackendId, TtsBackend } from '../core/types';
import { RemoteBackend } from '../remote';
import type { ConfigService } from './configService';
import type { Log } from './log';

export interface BackendDeps {
  context: vscode.ExtensionContext;
  config: ConfigService;
  log: Log;
}

export interface Backends extends Record<BackendId, TtsBackend> {
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

export function createBackends(d: BackendDeps): Backends {
  return {
    local: new NotReadyBackend('local', t('noModelLoaded')),
    colab: createColabBackend(d),
  };
}
