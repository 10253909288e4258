// Shared steps for the extension-host tests: activate the extension under test and wait for conditions.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { VieneuTestApi } from '../../../src/extension';
import type { PanelState } from '../../../src/vscode/panel/protocol';

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

/** A folder with a fake paplay that swallows the WAV stream (put it first on this extension host's PATH). */
export function fakePaplayDir(): string {
  return paplayDir('#!/bin/sh\nexec cat > /dev/null\n');
}

/** A fake paplay that takes as long as the 24 kHz 16-bit mono audio it is given lasts, as a real player would. */
export function realTimePaplayDir(): string {
  return paplayDir(
    [
      '#!/usr/bin/env python3',
      'import sys, time',
      'n, t0 = 0, None',
      'while True:',
      '    b = sys.stdin.buffer.read(65536)',
      '    if not b: break',
      '    t0 = t0 or time.monotonic()',
      '    n += len(b)',
      'if t0: time.sleep(max(0.0, (n - 44) / 48000 - (time.monotonic() - t0)))',
      '',
    ].join('\n'),
  );
}

function paplayDir(script: string): string {
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'vieneu-paplay-'));
  fs.writeFileSync(path.join(bin, 'paplay'), script);
  fs.chmodSync(path.join(bin, 'paplay'), 0o755);
  return bin;
}

/** The last state the admin panel was sent (its `sent` log is bounded: the newest is at the end). */
export function lastPanelState(api: VieneuTestApi): PanelState | undefined {
  for (let i = api.ui.panel.sent.length - 1; i >= 0; i--) {
    const m = api.ui.panel.sent[i];
    if (m.type === 'state' || m.type === 'init') return m.state;
  }
  return undefined;
}
