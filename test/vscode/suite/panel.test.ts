// The admin panel, the notebook, the Colab connection and Speak Selection inside a real VS Code extension host
// (code-server), against the notebook's real server.py (Debian python3 + FastAPI, stand-in model).
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { activateExtension, openDocument, setSetting, waitFor } from './helpers';
import { PythonServer } from '../../unit/remote/serverProcess';
import { statusText } from '../../../src/vscode/statusBar';
import type { VieneuTestApi } from '../../../src/extension';
import type { PanelState } from '../../../src/vscode/panel/protocol';

const TEXT = 'Hôm nay trời đẹp quá. Chúng ta đi dạo nhé! Ngày mai trời mưa.';

function lastState(api: VieneuTestApi): PanelState | undefined {
  for (let i = api.ui.panel.sent.length - 1; i >= 0; i--) {
    const m = api.ui.panel.sent[i];
    if (m.type === 'state' || m.type === 'init') return m.state;
  }
  return undefined;
}

function webviewTabs(viewType: string): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes(viewType));
}

describe('admin panel, Colab and Speak Selection in a real extension host', function () {
  this.timeout(120_000);
  let server: PythonServer | undefined;
  let api: VieneuTestApi;

  before(async () => {
    await setSetting('local.builtinVoice', false);
    api = await activateExtension();
  });
  after(async () => {
    await vscode.commands.executeCommand('vieneu.stopSpeaking');
    await server?.stop();
    await setSetting('local.builtinVoice', undefined);
    await setSetting('player', undefined);
    await setSetting('colab.endpoint', undefined);
  });

  it('opens the admin panel, whose page loads under its CSP and asks for its state', async () => {
    await vscode.commands.executeCommand('vieneu.openAdminPanel');
    await waitFor('the panel tab', () => webviewTabs('vieneu.adminPanel').length === 1);
    // 'init' is only sent in answer to the page's 'ready': the script ran inside the webview.
    const init = await waitFor('the page to say ready', () => api.ui.panel.sent.find((m) => m.type === 'init'), 30_000);
    assert.ok(init.type === 'init' && init.strings.uiSecColab === 'Colab Configuration');
    assert.strictEqual(lastState(api)?.active, api.manager.active);
  });

  it('Generate Colab Notebook opens it in the notebook editor, carrying the token the panel shows', async () => {
    await vscode.commands.executeCommand('vieneu.generateColabNotebook');
    const editor = await waitFor('the notebook editor', () => vscode.window.activeNotebookEditor);
    assert.strictEqual(editor.notebook.notebookType, 'jupyter-notebook');
    assert.ok(editor.notebook.isUntitled);
    assert.ok(editor.notebook.cellCount > 3);
    const token = lastState(api)?.colabConfig.notebookToken ?? '';
    assert.ok(token.length >= 32);
    const all = editor.notebook.getCells().map((c) => c.document.getText()).join('\n');
    assert.ok(all.includes(token), 'the notebook embeds the token');
    assert.ok(editor.notebook.getCells().some((c) => c.kind === vscode.NotebookCellKind.Markup));
  });

  it('connects through Step 3 to the real notebook server; the status bar turns to Colab with its latency', async () => {
    const token = lastState(api)!.colabConfig.notebookToken;
    server = await PythonServer.start({ token, env: { VIENEU_STANDIN_CHUNKS: '3', VIENEU_STANDIN_CHUNK_S: '0.05' } });
    // The same request the page sends when the user fills in Step 3 with an empty token field.
    await api.ui.panel.request({ type: 'connect', endpoint: server.url, token: '' });
    assert.strictEqual(api.manager.active, 'colab', JSON.stringify(api.ui.panel.sent.filter((m) => m.type === 'notice')));
    assert.strictEqual(api.manager.backend('colab').status.state, 'ready');
    assert.match(statusText(api.manager.state), /VieNeu: Colab · \d+ ms/);
    assert.strictEqual(vscode.workspace.getConfiguration('vieneu').get('colab.endpoint'), server.url);
    // The token went to secret storage, never to settings.
    const settings = JSON.stringify(vscode.workspace.getConfiguration('vieneu'));
    assert.ok(!settings.includes(token));
  });

  it('Speak Selection streams the audio to the webview player (held until the one click when autoplay needs it)', async () => {
    await setSetting('player', 'webview');
    const editor = await openDocument(TEXT);
    editor.selection = new vscode.Selection(0, 0, 0, TEXT.length);
    const stats = api.ui.webviewPlayer.player.stats;
    const before = stats.chunksSent;
    const speaking = vscode.commands.executeCommand('vieneu.speakSelection');
    await waitFor('audio sent to the player', () => stats.chunksSent >= before + 3, 30_000);
    await waitFor('the page to play or ask for the click', () => stats.firstAudio > 0 || stats.gestureNeeded > 0, 15_000);
    const probe = await api.ui.webviewPlayer.player.probe();
    assert.ok(probe, 'the player page answers');
    assert.ok(probe!.received >= 3, `the page received the chunks (${JSON.stringify(probe)})`);
    assert.ok(api.speech.stats.lastHandoffMs !== undefined);
    await vscode.commands.executeCommand('vieneu.stopSpeaking');
    await speaking;
    assert.strictEqual(api.speech.speaking, false);
  });

  it('with the system player, the chunk being spoken is highlighted in the editor and Stop ends it', async () => {
    // A fake paplay on PATH (this extension host is this process): it swallows the WAV stream slowly.
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'vieneu-paplay-'));
    fs.writeFileSync(path.join(bin, 'paplay'), '#!/bin/sh\nexec cat > /dev/null\n');
    fs.chmodSync(path.join(bin, 'paplay'), 0o755);
    const oldPath = process.env.PATH;
    process.env.PATH = `${bin}:${oldPath}`;
    try {
      await setSetting('player', 'system');
      const editor = await openDocument(TEXT);
      editor.selection = new vscode.Selection(0, 0, 0, TEXT.length);
      const result = (await vscode.commands.executeCommand('vieneu.speakSelection')) as { chunks: number; stopped: boolean } | undefined;
      assert.ok(result && result.chunks >= 3 && !result.stopped, JSON.stringify(result));
      assert.ok((api.speech.stats.lastChunkStarts ?? 0) >= 1);
      const hl = api.speech.stats.lastHighlight;
      assert.ok(hl && hl.start >= 0 && hl.end <= TEXT.length && hl.end > hl.start, `highlight ${JSON.stringify(hl)}`);
    } finally {
      process.env.PATH = oldPath;
      await setSetting('player', undefined);
      fs.rmSync(bin, { recursive: true, force: true });
    }
  });

  it('Disconnect from Colab returns the status to Not connected', async () => {
    await vscode.commands.executeCommand('vieneu.disconnectColab');
    await waitFor('disconnected', () => api.manager.backend('colab').status.state === 'idle');
    assert.strictEqual(lastState(api)?.colab.state, 'idle');
  });
});
