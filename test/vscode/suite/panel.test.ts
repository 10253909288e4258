// The admin panel, the notebook, the Colab connection and Speak Selection inside a real VS Code extension host
// (code-server), against the notebook's real server.py (Debian python3 + FastAPI, stand-in model).
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { activateExtension, fakePaplayDir, lastPanelState, openDocument, setSetting, waitFor } from './helpers';
import { PythonServer } from '../../unit/remote/serverProcess';
import { statusText } from '../../../src/vscode/statusBar';
import type { VieneuTestApi } from '../../../src/extension';
import { decodeWav } from '../../../src/audio/wav';

const TEXT = 'Hôm nay trời đẹp quá. Chúng ta đi dạo nhé! Ngày mai trời mưa.';


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
    assert.strictEqual(lastPanelState(api)?.active, api.manager.active);
  });

  it('Generate Colab Notebook opens it in the notebook editor, carrying the token the panel shows', async () => {
    await vscode.commands.executeCommand('vieneu.generateColabNotebook');
    const editor = await waitFor('the notebook editor', () => vscode.window.activeNotebookEditor);
    assert.strictEqual(editor.notebook.notebookType, 'jupyter-notebook');
    assert.ok(editor.notebook.isUntitled);
    assert.strictEqual(path.posix.basename(editor.notebook.uri.path), 'vieneu_tts_colab.ipynb', 'opened under the name Step 2 names');
    assert.ok(editor.notebook.cellCount > 3);
    const token = lastPanelState(api)?.colabConfig.notebookToken ?? '';
    assert.ok(token.length >= 32);
    const all = editor.notebook.getCells().map((c) => c.document.getText()).join('\n');
    assert.ok(all.includes(token), 'the notebook embeds the token');
    assert.ok(all.includes('pnnbao-ump/VieNeu-TTS-v3-Turbo'), 'the palette writes the v3 Turbo notebook by default');
    assert.ok(editor.notebook.getCells().some((c) => c.kind === vscode.NotebookCellKind.Markup));
    assert.match(editor.notebook.cellAt(0).document.getText(), /Runs on Colab \(or Kaggle\), not in VS Code\.\*\* Do not press "Select Kernel" here/);
  });

  it('shown again after being hidden (behind the notebook), the panel page restores and asks for a fresh state', async function () {
    // A busy webview host can take more than one try (the panel sets the page again after 5, then 10 s).
    this.timeout(90_000);
    // `sent` is a bounded log (the oldest messages drop out): look for an init object not seen before, not a count.
    await waitFor('the panel hidden behind the notebook', () => !api.ui.panel.visible);
    const seen = new Set(api.ui.panel.sent.filter((m) => m.type === 'init'));
    await vscode.commands.executeCommand('vieneu.openAdminPanel');
    await waitFor('a new init for the reloaded page', () => api.ui.panel.sent.some((m) => m.type === 'init' && !seen.has(m)), 60_000);
    assert.strictEqual(lastPanelState(api)?.colabConfig.notebookToken.length, 43, 'the token is still shown');
  });

  it('a panel page that does not start (a failed load leaves it blank) is set again and comes back', async function () {
    this.timeout(60_000);
    const seen = new Set(api.ui.panel.sent.filter((m) => m.type === 'init'));
    const before = api.ui.panel.pageReloads;
    api.ui.panel.breakPageForTest();
    await waitFor('the page set again', () => api.ui.panel.pageReloads > before, 20_000);
    await waitFor('the page started and got its state', () => api.ui.panel.sent.some((m) => m.type === 'init' && !seen.has(m)), 30_000);
    assert.strictEqual(lastPanelState(api)?.colabConfig.notebookToken.length, 43);
  });

  it('connects through Step 3 to the real notebook server; the status bar turns to Colab with its latency', async () => {
    const token = lastPanelState(api)!.colabConfig.notebookToken;
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
    console.log(`      player page: audio ${probe!.audio}, received ${probe!.received} chunks, ${stats.gestureNeeded ? 'asked for the click' : 'played without asking'}`);
    await vscode.commands.executeCommand('vieneu.stopSpeaking');
    await speaking;
    assert.strictEqual(api.speech.speaking, false);
  });

  it('with the system player, the chunk being spoken is highlighted in the editor and Stop ends it', async () => {
    const bin = fakePaplayDir();
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

  it('Save Selection as Audio writes a complete WAV of the selection', async () => {
    const editor = await openDocument(TEXT);
    editor.selection = new vscode.Selection(0, 0, 0, TEXT.length);
    const target = vscode.Uri.file(path.join(os.tmpdir(), `vieneu-save-${Date.now()}.wav`));
    const written = (await vscode.commands.executeCommand('vieneu.saveSelectionAsAudio', target)) as vscode.Uri | undefined;
    assert.strictEqual(written?.fsPath, target.fsPath);
    const wav = decodeWav(fs.readFileSync(target.fsPath));
    assert.strictEqual(wav.sampleRate, 24000);
    assert.ok(wav.samples.length > 24000 * 0.5, `${wav.samples.length} samples`);
    fs.rmSync(target.fsPath, { force: true });
  });

  it('Disconnect from Colab returns the status to Not connected', async () => {
    await vscode.commands.executeCommand('vieneu.disconnectColab');
    await waitFor('disconnected', () => api.manager.backend('colab').status.state === 'idle');
    assert.strictEqual(lastPanelState(api)?.colab.state, 'idle');
    // Local has no model here, so Colab stays the active mode, shown as disconnected.
    assert.match(statusText(api.manager.state), /VieNeu: Colab · Not connected/);
  });

  it('loads the fixture models from the panel, switches to Local and speaks again (real llama.cpp + onnxruntime)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vieneu-fixtures-'));
    const { writeFixtures } = require('../../../src/local/fixtures/writeFixtures') as typeof import('../../../src/local/fixtures/writeFixtures');
    const fx = writeFixtures(dir);
    // The models folder holds the fixture phoneme dictionary, as an offline user's would: no network needed.
    await setSetting('local.modelsPath', dir);
    // One llama.cpp thread: on this shared 2-core machine "let llama.cpp decide" (0) oversubscribes the CPU
    // and the tiny model's first audio takes tens of seconds instead of tens of milliseconds.
    await setSetting('local.threads', 1);
    await api.config.reload();
    const t0 = Date.now();
    await api.ui.panel.request({ type: 'loadModel', backbone: fx.gguf, codec: fx.codec, device: 'cpu' });
    console.log(`      fixture models loaded through the panel in ${Date.now() - t0} ms`);
    const local = api.manager.backend('local');
    assert.strictEqual(local.status.state, 'ready', JSON.stringify(api.ui.panel.sent.filter((m) => m.type === 'notice').slice(-2)));
    const st = lastPanelState(api)!;
    assert.strictEqual(st.model.loaded, true);
    assert.ok(st.voices.presets.some((v) => v.id === 'fixture_bac'), 'the voices.json beside the model is listed');
    await api.ui.panel.request({ type: 'switchBackend', backend: 'local' });
    assert.strictEqual(api.manager.active, 'local');
    assert.match(statusText(api.manager.state), /VieNeu: Local · ready/);

    const bin = fakePaplayDir();
    const oldPath = process.env.PATH;
    process.env.PATH = `${bin}:${oldPath}`;
    try {
      await setSetting('player', 'system');
      await setSetting('voice', 'fixture_bac');
      const editor = await openDocument('Xin chào Việt Nam.\n\nHôm nay trời đẹp quá.');
      editor.selection = new vscode.Selection(0, 0, 0, 0); // nothing selected: the paragraph at the cursor
      api.speech.stats.lastHighlight = undefined;
      const speaking = vscode.commands.executeCommand('vieneu.speakSelection');
      // The tiny random-weight backbone rarely says "end": it would talk for the whole 2048-token budget.
      // First audio and its highlight are what this test is about; then Stop, which must end it at once.
      const hl = await waitFor('the first chunk highlighted', () => api.speech.stats.lastHighlight, 60_000);
      assert.deepStrictEqual(hl, { start: 0, end: 'Xin chào Việt Nam.'.length }, 'the first paragraph only, highlighted');
      assert.ok(api.speech.stats.lastHandoffMs !== undefined);
      const t1 = Date.now();
      await vscode.commands.executeCommand('vieneu.stopSpeaking');
      const result = (await speaking) as { chunks: number; samples: number; stopped: boolean } | undefined;
      // Sampling is random: now and then the tiny model says "end" before Stop arrives. Either way the audio
      // must have been played, and nothing may still be speaking.
      assert.ok(result && result.samples > 0, JSON.stringify(result));
      assert.strictEqual(api.speech.speaking, false);
      console.log(`      local: first audio handed to the player ${api.speech.stats.lastHandoffMs?.toFixed(0)} ms after the command; stopped in ${Date.now() - t1} ms`);
    } finally {
      process.env.PATH = oldPath;
      await setSetting('player', undefined);
      await setSetting('voice', undefined);
      await setSetting('local.modelsPath', undefined);
      await setSetting('local.threads', undefined);
      await api.ui.panel.request({ type: 'unloadModel' });
      fs.rmSync(bin, { recursive: true, force: true });
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
