// The contributed commands, run for real inside VS Code's extension host.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { activateExtension, EXTENSION_ID, openDocument, setSetting, waitFor } from './helpers';
import { PythonServer } from '../../unit/remote/serverProcess';

const manifest = () => vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { commands: Array<{ command: string }> } };

describe('VieNeu commands in a real extension host', function () {
  before(async () => {
    // No model and no built-in voice: the state of a user who has just installed and turned the robot voice off.
    await setSetting('local.builtinVoice', false);
  });
  after(async () => {
    await setSetting('local.builtinVoice', undefined);
  });

  it('activates on a command, quickly, without loading native modules', async () => {
    const t0 = Date.now();
    await vscode.commands.executeCommand('vieneu.stopSpeaking');
    const api = await activateExtension();
    console.log(`      activation: ${api.activationMs.toFixed(1)} ms inside activate(), ${Date.now() - t0} ms from the first command`);
    const loaded = Object.keys(require.cache).filter((k) => /node-llama-cpp|onnxruntime-node/.test(k));
    assert.deepStrictEqual(loaded, [], 'native modules must load lazily');
  });

  it('registers every command that package.json contributes', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    const contributed = manifest().contributes.commands.map((c) => c.command);
    assert.ok(contributed.length >= 11);
    const missing = contributed.filter((c) => !registered.has(c));
    assert.deepStrictEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });

  it('Speak Selection with no backend ready tells the user what to do', async () => {
    const api = await activateExtension();
    await openDocument('Xin chào các bạn. Hôm nay trời đẹp quá.');
    await vscode.commands.executeCommand('vieneu.speakSelection');
    const msg = await waitFor('the not-ready message', () => api.shownMessages.find((m) => /No VieNeu backend is ready/.test(m)));
    assert.match(msg, /Load a local model or connect to Colab/);
    assert.strictEqual(api.speech.speaking, false);
  });

  it('Switch Backend to Colab is refused while not connected, with the known message and a fix', async () => {
    const api = await activateExtension();
    const before = api.manager.active;
    await vscode.commands.executeCommand('vieneu.switchBackend', 'colab');
    const msg = await waitFor('the refusal', () => api.shownMessages.find((m) => m.startsWith('Cannot switch to Colab: Not connected to Colab backend')));
    assert.match(msg, /notebook/);
    assert.strictEqual(api.manager.active, before);
  });

  it('Speak Selection with nothing to read says so', async () => {
    const api = await activateExtension();
    await openDocument('\n\n\n');
    await vscode.commands.executeCommand('vieneu.speakSelection');
    await waitFor('the empty-text message', () => api.shownMessages.find((m) => /Nothing to speak/.test(m)));
  });

  it('Choose Voice with no model and no built-in voice says there are none yet, and what to do', async () => {
    const api = await activateExtension();
    assert.strictEqual(await vscode.commands.executeCommand('vieneu.chooseVoice'), undefined);
    await waitFor('the refusal', () => api.shownMessages.some((m) => m.includes('There are no voices yet') && m.includes('Load Local Model')));
  });

  it('after 500 panel messages, Connect, Test and Disconnect from the palette with the panel closed each show their notification', async function () {
    this.timeout(60_000);
    const api = await activateExtension();
    const panelTabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('vieneu.adminPanel'));
    assert.strictEqual(panelTabs().length, 0, 'the panel is closed');
    for (let i = 0; i < 500; i++) await api.ui.panel.request({ type: 'ready' });
    assert.strictEqual(api.ui.panel.sent.length, 200, 'the test hook is full, as one model download used to fill it');
    const server = await PythonServer.start();
    try {
      await vscode.commands.executeCommand('vieneu.connectColab', { endpoint: server.url, token: server.token });
      await waitFor('the Connect notification', () => api.shownMessages.find((m) => m.startsWith(`Connected to ${server.url}`)));
      await vscode.commands.executeCommand('vieneu.testColabConnection');
      await waitFor('the Test notification', () => api.shownMessages.find((m) => m.startsWith('The server answered in')));
      await vscode.commands.executeCommand('vieneu.disconnectColab');
      await waitFor('the Disconnect notification', () => api.shownMessages.find((m) => m === 'Disconnected from Colab.'));
      assert.strictEqual(panelTabs().length, 0, 'no command opened the panel');
    } finally {
      await server.stop();
      await vscode.commands.executeCommand('vieneu.disconnectColab');
      await setSetting('colab.endpoint', undefined);
    }
  });

  it('Load Model from the palette with the panel closed reports a failure by notification, without opening the panel', async () => {
    const api = await activateExtension();
    const missing = path.join(os.tmpdir(), `vieneu-no-such-model-${Date.now()}.gguf`);
    await setSetting('local.backbone', missing);
    try {
      await api.config.reload();
      await vscode.commands.executeCommand('vieneu.loadLocalModel');
      const msg = await waitFor('the load failure', () => api.shownMessages.find((m) => m.includes(missing)));
      assert.ok(!api.ui.panel.visible, 'the panel stayed closed');
      assert.strictEqual(api.manager.backend('local').status.state, 'error');
      console.log(`      palette Load Model failure: ${msg}`);
    } finally {
      await setSetting('local.backbone', undefined);
      await api.config.reload();
    }
  });

  it('Stop Speaking when silent is harmless', async () => {
    assert.strictEqual(await vscode.commands.executeCommand('vieneu.stopSpeaking'), false);
  });

  it('Set Hugging Face Token keeps a well-formed token in secret storage, refuses a malformed one, and removes it when empty', async () => {
    const api = await activateExtension();
    const key = 'vieneu.huggingface.token';
    const token = `hf_${'Ab3'.repeat(12)}`;
    assert.strictEqual(await vscode.commands.executeCommand('vieneu.setHuggingFaceToken', token), true);
    assert.strictEqual(await api.secrets.get(key), token);
    assert.ok(!JSON.stringify(vscode.workspace.getConfiguration('vieneu')).includes(token), 'never in settings');
    assert.strictEqual(await vscode.commands.executeCommand('vieneu.setHuggingFaceToken', 'my password'), undefined);
    await waitFor('the format message', () => api.shownMessages.some((m) => m.includes('starts with "hf_"')));
    assert.strictEqual(await api.secrets.get(key), token, 'a refused token changes nothing');
    assert.strictEqual(await vscode.commands.executeCommand('vieneu.setHuggingFaceToken', ''), false);
    assert.strictEqual(await api.secrets.get(key), undefined);
  });

  it('reports a broken config.yaml with line and column and never rewrites it', async () => {
    const api = await activateExtension();
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the test workspace is open');
    const file = path.join(folder.uri.fsPath, '.vieneu', 'config.yaml');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const broken = 'colab:\n  endpoint_url: https://x.example\n  timeout: [60\n';
    fs.writeFileSync(file, broken);
    try {
      const resolved = await api.config.reload();
      assert.strictEqual(resolved.problems.length, 1);
      assert.match(resolved.problems[0].message, /config\.yaml is not valid YAML at line \d+, column \d+/);
      await waitFor('the YAML warning', () => api.shownMessages.find((m) => m.includes('is not valid YAML')));
      assert.strictEqual(fs.readFileSync(file, 'utf8'), broken);
      assert.strictEqual(resolved.config.colab.endpoint, '', 'a broken file changes nothing');
    } finally {
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  });

  it('environment variables override config.yaml and settings', async () => {
    const api = await activateExtension();
    process.env.COLAB_ENDPOINT_URL = 'https://env.example';
    try {
      await setSetting('colab.endpoint', 'https://settings.example');
      const r = await api.config.reload();
      assert.strictEqual(r.config.colab.endpoint, 'https://env.example');
      assert.strictEqual(r.sources['colab.endpoint'], 'env');
    } finally {
      delete process.env.COLAB_ENDPOINT_URL;
      await setSetting('colab.endpoint', undefined);
    }
  });
});
