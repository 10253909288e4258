// The first minute of a new user: no model, no Colab, the robotic built-in voice speaks at once — for real
// (espeak-ng WASM through the Local backend to the webview player).
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { activateExtension, openDocument, realTimePaplayDir, setSetting, waitFor } from './helpers';

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
    // Long enough to still be speaking while it is paused and resumed below.
    const text = `Xin chào 😀 các bạn 你好. ${'Hôm nay trời đẹp quá, chúng ta cùng đi dạo nhé. '.repeat(8)}`;
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
    // Pause and resume through the command (and its keybinding): the player page's audio clock stops and goes on.
    const player = api.ui.webviewPlayer.player;
    assert.strictEqual(await vscode.commands.executeCommand('vieneu.pauseSpeaking'), true);
    await waitFor('the page paused', async () => (await player.probe())?.audio === 'suspended', 10_000);
    assert.strictEqual(player.paused, true);
    assert.strictEqual(await vscode.commands.executeCommand('vieneu.pauseSpeaking'), false);
    await waitFor('the page resumed', async () => (await player.probe())?.audio === 'running', 10_000);
    await vscode.commands.executeCommand('vieneu.stopSpeaking');
    await done;
    assert.strictEqual(api.speech.speaking, false);
    assert.strictEqual(await vscode.commands.executeCommand('vieneu.pauseSpeaking'), undefined, 'nothing to pause');
  });

  it('Choose Voice sets the voice from the keyboard, and names the voices when asked for one that does not exist', async () => {
    const api = await activateExtension();
    if (api.manager.active !== 'local') api.manager.switchTo('local');
    try {
      assert.strictEqual(await vscode.commands.executeCommand('vieneu.chooseVoice', 'builtin'), 'builtin');
      assert.strictEqual(vscode.workspace.getConfiguration('vieneu').get('voice'), 'builtin');
      assert.strictEqual(await vscode.commands.executeCommand('vieneu.chooseVoice', 'Nobody'), undefined);
      await waitFor('the refusal naming the voices', () => api.shownMessages.some((m) => /no voice "Nobody".*builtin/.test(m)));
      assert.strictEqual(vscode.workspace.getConfiguration('vieneu').get('voice'), 'builtin', 'unchanged');
    } finally {
      await setSetting('voice', undefined);
    }
  });

  it('Speak from Cursor reads on to the end of the document from the paragraph at the cursor, scrolling along', async function () {
    this.timeout(60_000);
    const api = await activateExtension();
    const bin = realTimePaplayDir();
    const oldPath = process.env.PATH;
    process.env.PATH = `${bin}:${oldPath}`;
    try {
      await setSetting('player', 'system');
      // Twelve short paragraphs far apart: the ninth starts well below the first screen.
      const gap = '\n'.repeat(12);
      const text = Array.from({ length: 12 }, (_, i) => `Đoạn ${i + 1}.`).join(gap);
      const editor = await openDocument(text);
      const line = 12 * 8;
      assert.strictEqual(editor.document.lineAt(line).text, 'Đoạn 9.');
      editor.selection = new vscode.Selection(line, 3, line, 3);
      assert.ok(editor.visibleRanges.every((r) => r.end.line < line), 'paragraph 9 starts out of view');
      const spoken: string[] = [];
      const seen = setInterval(() => {
        const hl = api.speech.stats.lastHighlight;
        const s = hl && text.slice(hl.start, hl.end);
        if (s && spoken[spoken.length - 1] !== s) spoken.push(s);
      }, 5);
      const result = (await vscode.commands.executeCommand('vieneu.speakFromCursor')) as { chunks: number; stopped: boolean } | undefined;
      clearInterval(seen);
      assert.ok(result && !result.stopped, JSON.stringify(result));
      assert.deepStrictEqual(spoken, ['Đoạn 9.', 'Đoạn 10.', 'Đoạn 11.', 'Đoạn 12.']);
      await waitFor('the editor scrolled along to the last paragraph', () => editor.visibleRanges.some((r) => r.end.line >= 12 * 11), 10_000);
    } finally {
      process.env.PATH = oldPath;
      await setSetting('player', 'webview');
      fs.rmSync(bin, { recursive: true, force: true });
    }
  });
});
