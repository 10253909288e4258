// The first minute of a new user: no model, no Colab, the robotic built-in voice speaks at once — for real
// (espeak-ng WASM through the Local backend to the webview player).
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, openDocument, setSetting, waitFor } from './helpers';

describe('built-in voice in a real extension host', function () {
  before(async () => {
    await setSetting('local.builtinVoice', true);
    await setSetting('player', 'webview');
  });
  after(async () => {
    await setSetting('local.builtinVoice', undefined);
    await setSetting('player', undefined);
  });

  it('makes Local ready with no download and speaks a selection, saying what it skipped', async () => {
    const api = await activateExtension();
    const local = api.manager.backend('local');
    await waitFor('Local ready on the built-in voice', () => local.status.state === 'ready');
    assert.match(local.status.detail, /Built-in voice/);
    if (api.manager.active !== 'local') api.manager.switchTo('local');
    const text = 'Xin chào 😀 các bạn 你好.';
    const editor = await openDocument(text);
    editor.selection = new vscode.Selection(0, 0, 0, text.length);
    const stats = api.ui.webviewPlayer.player.stats;
    const before = stats.chunksSent;
    const done = vscode.commands.executeCommand('vieneu.speakSelection');
    await waitFor('built-in audio sent to the player', () => stats.chunksSent > before, 30_000);
    assert.deepStrictEqual(
      [...(api.speech.stats.lastSkipped ?? [])].sort(),
      ['你', '好', '😀'].sort(),
      'emoji and Chinese are reported as skipped',
    );
    await vscode.commands.executeCommand('vieneu.stopSpeaking');
    await done;
    assert.strictEqual(api.speech.speaking, false);
  });
});
