// Names of the secrets and the small interface the core needs; VS Code's SecretStorage implements it in
// the extension, an in-memory map in tests and the CLI. Secrets never go through settings or logs.

export const SECRET_KEYS = {
  colabAuthToken: 'vieneu.colab.authToken',
  ngrokToken: 'vieneu.ngrok.authToken',
  huggingFaceToken: 'vieneu.huggingface.token',
} as const;

export type SecretKey = (typeof SECRET_KEYS)[keyof typeof SECRET_KEYS];

export interface SecretStore {
  get(key: SecretKey): Promise<string | undefined>;
  store(key: SecretKey, value: string): Promise<void>;
  delete(key: SecretKey): Promise<void>;
}

export class MemorySecretStore implements SecretStore {
  private readonly values = new Map<string, string>();
  async get(key: SecretKey) {
    return this.values.get(key);
  }
  async store(key: SecretKey, value: string) {
    this.values.set(key, value);
  }
  async delete(key: SecretKey) {
    this.values.delete(key);
  }
}

/** Shows a token in logs and UI without revealing it: first 4 characters and the length. */
export function redact(token: string | undefined): string {
  if (!token) return '(none)';
  return `${token.slice(0, 4)}… (${token.length} chars)`;
}
