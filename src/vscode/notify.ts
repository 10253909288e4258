// Shows errors the way users can act on them: the message, its fix, and buttons that run the fixing command.
import * as vscode from 'vscode';
import { UserError, describeError, isAbortError } from '../core/errors';
import type { Log } from './log';

/** The last messages shown, newest last: the extension's test API exposes them to the tests. */
export const shownMessages: string[] = [];

function remember(text: string): void {
  shownMessages.push(text);
  if (shownMessages.length > 50) shownMessages.shift();
}

export async function showError(err: unknown, log?: Log): Promise<void> {
  if (isAbortError(err)) return;
  if (!(err instanceof UserError)) log?.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  else log?.warn(err.display);
  const text = describeError(err);
  remember(text);
  const actions = err instanceof UserError ? err.actions : [];
  // A refusal (not ready yet, input it cannot use) is a warning: nothing broke, the message says what to do.
  const show = isRefusal(err) ? vscode.window.showWarningMessage : vscode.window.showErrorMessage;
  const picked = await show(text, ...actions.map((a) => a.label));
  const action = actions.find((a) => a.label === picked);
  if (action) await vscode.commands.executeCommand(action.command, ...(action.args ?? []));
}

function isRefusal(err: unknown): boolean {
  return err instanceof UserError && (err.code === 'not-ready' || err.code === 'bad-input');
}

export async function showInfo(text: string, ...actions: string[]): Promise<string | undefined> {
  remember(text);
  return vscode.window.showInformationMessage(text, ...actions);
}

export async function showWarning(text: string, ...actions: string[]): Promise<string | undefined> {
  remember(text);
  return vscode.window.showWarningMessage(text, ...actions);
}

/** Runs a command body and turns any error into a notification instead of an unhandled rejection. */
export function guarded<A extends unknown[]>(log: Log, fn: (...args: A) => Promise<unknown> | unknown) {
  return async (...args: A) => {
    try {
      return await fn(...args);
    } catch (err) {
      void showError(err, log);
      return undefined;
    }
  };
}
