// Shared steps for the extension-host tests: activate the extension under test and wait for conditions.
import * as vscode from 'vscode';
import type { VieneuTestApi } from '../../../src/extension';

export const EXTENSION_ID = 'vieneu.vieneu-tts-vscode';

export async function activateExtension(): Promise<VieneuTestApi> {
  const ext = vscode.extensions.getExtension<VieneuTestApi>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not loaded`);
  return ext.isActive ? ext.exports : ext.activate();
}

export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function openDocument(content: string, language = 'markdown'): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument({ content, language });
  return vscode.window.showTextDocument(doc);
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('vieneu').update(key, value, vscode.ConfigurationTarget.Global);
}
