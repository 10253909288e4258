// Speak when the Colab server has stopped answering, in a real extension host: the message says what happened
// and offers the ready Local voice, once, or the fallback setting speaks with it on its own. Against the
// notebook's real server.py (stopped mid-session), with the real built-in voice and a fake system player.
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { activateExtension, fakePaplayDir, openDocument, setSetting, waitFor } from './helpers';
import { PythonServer } from '../../unit/remote/serverProcess';
import type { VieneuTestApi } from '../../../src/extension';

describe('Speak when the Colab server stopped answering', function () {
  this.timeout(90_000);
  let api: VieneuTestApi;
  let bin = '';
  const oldPath = process.env.PATH;

  before(async () => {
    bin = fakePaplayDir();
    process.env.PATH = `${bin}:${oldPath}`;
    await setSetting('local.builtinVoice', true);
    await setSetting('player', 'system');
    api = await activateExtension();
    await api.config.reload();
  });
  after(async () => {
    process.env.PATH = oldPath;
    await vscode.commands.executeCommand('vieneu.disconnectColab');
    for (const k of ['local.builtinVoice', 'player', 'colab.fallbackToLocal', 'colab.endpoint']) await setSetting(k, undefined);
    fs.rmSync(bin, { recursive: true, force: true });
  });

  it('says the server stopped answering (not "Cannot switch"), and Speak with Local says the same text', async () => {
    await waitFor('Local ready on the built-in voice', () => api.manager.backend('local').status.state === 'ready');
    const server = await PythonServer.start();
    await vscode.commands.executeCommand('vieneu.connectColab', { endpoint: server.url, token: server.token });
    assert.strictEqual(api.manager.active, 'colab');
    await server.stop();
    // The health poll notices within its interval; Test Connection notices at once.
    await vscode.commands.executeCommand('vieneu.testColabConnection');
    await waitFor('Colab marked as not answering', () => api.manager.backend('colab').status.state === 'error');

    const text = 'Xin chào 😀 các bạn.';
    const editor = await openDocument(text);
    editor.selection = new vscode.Selection(0, 0, 0, text.length);
    await vscode.commands.executeCommand('vieneu.speakSelection');
    const msg = await waitFor('the message', () => api.shownMessages.find((m) => m.startsWith('The Colab server stopped answering')));
    assert.doesNotMatch(msg, /Cannot switch|Generate the Colab notebook/);
    assert.match(msg, /The Local voice is ready/);
    assert.strictEqual(api.manager.active, 'colab', 'nothing moved without the user');

    const result = (await vscode.commands.executeCommand('vieneu.speakWithLocal')) as { chunks: number; stopped: boolean } | undefined;
    assert.strictEqual(api.manager.active, 'local');
    assert.ok(result && result.chunks >= 1 && !result.stopped, JSON.stringify(result));
    assert.ok(api.shownMessages.includes('VieNeu skips what it cannot read aloud: 😀'), 'the skipped emoji is said in a notification');
  });

  it('with vieneu.colab.fallbackToLocal on, Speak on the dead Colab speaks with Local and says so', async () => {
    await setSetting('colab.fallbackToLocal', true);
    await api.config.reload();
    api.manager.restore('colab');
    const text = 'Hôm nay trời đẹp quá.';
    const editor = await openDocument(text);
    editor.selection = new vscode.Selection(0, 0, 0, text.length);
    const result = (await vscode.commands.executeCommand('vieneu.speakSelection')) as { chunks: number } | undefined;
    assert.ok(result && result.chunks >= 1, JSON.stringify(result));
    assert.strictEqual(api.manager.active, 'local');
    await waitFor('the fallback notice', () => api.shownMessages.find((m) => m.startsWith('The Colab server stopped answering') && m.endsWith('VieNeu speaks with Local instead.')));
  });
});
