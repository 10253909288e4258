// VS Code's SecretStorage (the OS keychain on desktop) behind the core's SecretStore interface.
import type * as vscode from 'vscode';
import type { SecretKey, SecretStore } from '../core/secrets';

export function vscodeSecretStore(secrets: vscode.SecretStorage): SecretStore {
  return {
    get: async (key: SecretKey) => secrets.get(key),
    store: async (key: SecretKey, value: string) => secrets.store(key, value),
    delete: async (key: SecretKey) => secrets.delete(key),
  };
}
