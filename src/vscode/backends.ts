// Builds the two backends for the extension. The Local and Colab implementations plug in here.
import type * as vscode from 'vscode';
import { NotReadyBackend } from '../core/notReadyBackend';
import { t } from '../core/strings';
import type { BackendId, TtsBackend } from '../core/types';
import type { ConfigService } from './configService';
import type { Log } from './log';

export interface BackendDeps {
  context: vscode.ExtensionContext;
  config: ConfigService;
  log: Log;
}

export function createBackends(_deps: BackendDeps): Record<BackendId, TtsBackend> {
  return {
    local: new NotReadyBackend('local', t('noModelLoaded')),
    colab: new NotReadyBackend('colab', t('notConnected')),
  };
}
