// "VieNeu: Set Hugging Face Token": the token for gated or private model repositories, kept in VS Code's
// SecretStorage (never in settings or logs). An empty entry removes it.
import * as vscode from 'vscode';
import { UserError } from '../core/errors';
import { redact, SECRET_KEYS, type SecretStore } from '../core/secrets';
import { t } from '../core/strings';
import type { Log } from './log';

/** Hugging Face user access tokens: "hf_" and then letters and digits. */
const TOKEN_RE = /^hf_[A-Za-z0-9]{20,}$/;

export function checkHuggingFaceToken(value: string): string | undefined {
  return value === '' || TOKEN_RE.test(value) ? undefined : t('hfTokenFormat');
}

/**
 * Stores (or with '' removes) the token. `value` comes from the command's argument when given, otherwise from
 * a password box. Returns whether a token is stored afterwards; undefined when the user cancelled.
 */
export async function setHuggingFaceToken(secrets: SecretStore, log: Log, value?: string): Promise<boolean | undefined> {
  let token = typeof value === 'string' ? value.trim() : undefined;
  if (token === undefined) {
    const had = await secrets.get(SECRET_KEYS.huggingFaceToken);
    token = (
      await vscode.window.showInputBox({
        title: t('hfTokenTitle'),
        prompt: had ? t('hfTokenPromptReplace', redact(had)) : t('hfTokenPrompt'),
        placeHolder: 'hf_…',
        password: true,
        ignoreFocusOut: true,
        validateInput: (v) => checkHuggingFaceToken(v.trim()),
      })
    )?.trim();
    if (token === undefined) return undefined;
  }
  const problem = checkHuggingFaceToken(token);
  if (problem) throw new UserError(problem, 'bad-input');
  if (token === '') {
    await secrets.delete(SECRET_KEYS.huggingFaceToken);
    log.info('huggingface: token removed');
    void vscode.window.showInformationMessage(t('hfTokenRemoved'));
    return false;
  }
  await secrets.store(SECRET_KEYS.huggingFaceToken, token);
  log.info(`huggingface: token stored ${redact(token)}`);
  void vscode.window.showInformationMessage(t('hfTokenStored'));
  return true;
}
