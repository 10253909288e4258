// The extension's log: a LogOutputChannel with levels ("VieNeu TTS" in the Output view). Tokens never reach it:
// callers pass redacted values (src/core/secrets.ts redact).
import * as vscode from 'vscode';

export type Log = vscode.LogOutputChannel;

export function createLog(): Log {
  return vscode.window.createOutputChannel('VieNeu TTS', { log: true });
}
