// v3 Turbo, the default local model, in a real extension host: Choose Local Model lists it first with what it
// costs; the v3 fixture (real onnxruntime sessions, MOSS codec, sea-g2p dictionary) is chosen in the panel and
// speaks at 48 kHz to the webview player and to the system player with the chunk highlighted; Save as Audio
// writes a 48 kHz WAV; someone already on the downloaded v1 default keeps it after the update.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { decodeWav } from '../../../src/audio/wav';
import type { VieneuTestApi } from '../../../src/extension';
import { keepPreviousDefaultModel, UPGRADE_KEY } from '../../../src/vscode/defaultModelUpgrade';
import type { Log } from '../../../src/vscode/log';
import { naturalVoiceMb } from '../../../src/app/modelChoices';
import { activateExtension, fakePaplayDir, lastPanelState, openDocument, setSetting, waitFor } from './helpers';

type Win = Record<string, unknown>;
const TEXT = 'Xin chào các bạn. Hôm nay trời đẹp quá. Tôi là người Việt Nam.';


/** A globalState for one call: the real one would remember the check for the rest of the suite. */
function memento(): vscode.Memento {
  const m = new Map<string, unknown>();
  return { keys: () => [...m.keys()], get: (k: string, d?: unknown) => (m.has(k) ? m.get(k) : d), update: async (k: string, v: unknown) => void m.set(k, v) } as vscode.Memento;
}

describe('v3 Turbo, the default local model, in a real extension host', function () {
  this.timeout(180_000);
  let api: VieneuTestApi;
  let dir: string;
  let fx: { v3Dir: string; mossDir: string };
  const win = vscode.window as unknown as Win;
  const saved: Win = {};
  const stub = (name: string, fn: unknown) => {
    saved[name] ??= win[name];
    win[name] = fn;
  };
  const unstub = () => {
    for (const [k, v] of Object.entries(saved)) win[k] = v;
    for (const k of Object.keys(saved)) delete saved[k];
  };

  before(async () => {
    api = await activateExtension();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vieneu-v3-host-'));
    const { writeFixtures } = require('../../../src/local/fixtures/writeFixtures') as typeof import('../../../src/local/fixtures/writeFixtures');
    fx = writeFixtures(dir);
    // One onnxruntime thread: on this shared 2-core machine the tiny graphs gain nothing from two.
    await setSetting('local.threads', 1);
  });
  after(async () => {
    unstub();
    await vscode.commands.executeCommand('vieneu.stopSpeaking');
    await api.ui.panel.request({ type: 'unloadModel' });
    for (const k of ['local.threads', 'local.backbone', 'local.codec', 'player', 'voice', 'local.modelsPath']) await setSetting(k, undefined);
    // Leave the workbench as the next suite expects it: no panel open (its tests open and hide it themselves).
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(dir, { recursive: true, force: true });
  });
  afterEach(unstub);

  it('the defaults are v3 Turbo with the codec it was made for, and Choose Local Model lists it first with size and licence', async () => {
    const local = vscode.workspace.getConfiguration('vieneu').inspect<string>('local.backbone');
    assert.strictEqual(local?.defaultValue, 'vieneu-v3-turbo');
    assert.strictEqual(vscode.workspace.getConfiguration('vieneu').inspect<string>('local.codec')?.defaultValue, '');
    let offered: Array<{ label: string; description?: string; detail?: string }> = [];
    stub('showQuickPick', async (items: typeof offered) => ((offered = items), undefined));
    assert.strictEqual(await vscode.commands.executeCommand('vieneu.chooseLocalModel'), undefined, 'dismissed: nothing chosen');
    assert.match(offered[0].label, /^\$\(check\) VieNeu-TTS v3 Turbo$/, 'v3 Turbo first, and the current choice');
    assert.match(offered[0].description ?? '', new RegExp(`${naturalVoiceMb({ backbone: 'vieneu-v3-turbo', codec: '', device: 'auto' })} MB .*Apache-2\\.0`));
    assert.match(offered[0].detail ?? '', /recommended/);
    const q4 = offered.find((i) => i.label === 'VieNeu-TTS q4');
    assert.ok(q4 && /644 MB/.test(q4.description ?? '') && /deprecated/.test(q4.detail ?? ''), JSON.stringify(q4));
    assert.match(offered.at(-1)!.label, /Browse/);
    assert.strictEqual(vscode.workspace.getConfiguration('vieneu').inspect('local.backbone')?.globalValue, undefined, 'no setting written');
  });

  it('chooses the v3 fixture in the panel: its presets are listed with their licence, and it speaks at 48 kHz to the webview player', async () => {
    await api.ui.panel.open();
    await api.ui.panel.request({ type: 'loadModel', backbone: fx.v3Dir, codec: '', device: 'cpu' });
    const local = api.manager.backend('local');
    assert.strictEqual(local.status.state, 'ready', JSON.stringify(api.ui.panel.sent.filter((m) => m.type === 'notice').slice(-2)));
    assert.strictEqual(local.status.info?.engine, 'vieneu-v3-turbo');
    assert.strictEqual(local.status.info?.sampleRate, 48000);
    assert.strictEqual(local.status.info?.codec, fx.mossDir, 'automatic: the MOSS codec folder beside the model, no download');
    assert.match(String(local.status.info?.g2p), /sea/, 'plain text read with sea-g2p, not the v1 phonemizer');
    const st = lastPanelState(api)!;
    assert.strictEqual(st.model.loaded, true);
    assert.deepStrictEqual(st.voices.presets.slice(0, 2).map((v) => v.id), ['Fixture Bắc', 'Fixture Nam']);
    assert.match(st.voices.licence ?? '', /CC0-1\.0/);
    await api.ui.panel.request({ type: 'switchBackend', backend: 'local' });
    assert.strictEqual(api.manager.active, 'local');

    await setSetting('player', 'webview');
    const editor = await openDocument(TEXT);
    editor.selection = new vscode.Selection(0, 0, 0, TEXT.length);
    const stats = api.ui.webviewPlayer.player.stats;
    const before = stats.chunksSent;
    const speaking = vscode.commands.executeCommand('vieneu.speakSelection');
    await waitFor('audio sent to the player', () => stats.chunksSent >= before + 2, 60_000);
    const probe = await waitFor('the page to receive a chunk', async () => {
      const p = await api.ui.webviewPlayer.player.probe();
      return p && p.received > 0 ? p : undefined;
    }, 30_000);
    assert.strictEqual(probe.rate, 48000, `the page plays the codec's rate (${JSON.stringify(probe)})`);
    await vscode.commands.executeCommand('vieneu.stopSpeaking');
    await speaking;
    assert.strictEqual(api.speech.speaking, false);
  });

  it('with the system player the chunk being spoken is highlighted; Save as Audio writes a 48 kHz WAV', async () => {
    assert.strictEqual(api.manager.backend('local').status.info?.engine, 'vieneu-v3-turbo', 'the previous test loaded v3');
    const bin = fakePaplayDir();
    const oldPath = process.env.PATH;
    process.env.PATH = `${bin}:${oldPath}`;
    try {
      await setSetting('player', 'system');
      const editor = await openDocument(TEXT);
      editor.selection = new vscode.Selection(0, 0, 0, TEXT.length);
      api.speech.stats.lastHighlight = undefined;
      const result = (await vscode.commands.executeCommand('vieneu.speakSelection')) as { chunks: number; samples: number; sampleRate: number; stopped: boolean } | undefined;
      assert.ok(result && result.samples > 0 && !result.stopped, JSON.stringify(result));
      assert.strictEqual(result.sampleRate, 48000);
      const hl = api.speech.stats.lastHighlight as { start: number; end: number } | undefined;
      assert.ok(hl && hl.start >= 0 && hl.end <= TEXT.length && hl.end > hl.start, `highlight ${JSON.stringify(hl)}`);
    } finally {
      process.env.PATH = oldPath;
      await setSetting('player', undefined);
      fs.rmSync(bin, { recursive: true, force: true });
    }

    const editor = await openDocument(TEXT);
    editor.selection = new vscode.Selection(0, 0, 0, TEXT.length);
    const target = vscode.Uri.file(path.join(dir, 'v3.wav'));
    const written = (await vscode.commands.executeCommand('vieneu.saveSelectionAsAudio', target)) as vscode.Uri | undefined;
    assert.strictEqual(written?.fsPath, target.fsPath);
    const wav = decodeWav(fs.readFileSync(target.fsPath));
    assert.strictEqual(wav.sampleRate, 48000);
    // Every v3 frame is 3840 samples (80 ms); pauses are added between sentences.
    assert.ok(wav.samples.length >= 3840 * 3, `${wav.samples.length} samples`);
  });

  it('after the update, a user already speaking with the downloaded v1 q4 default keeps it; anyone else gets v3 Turbo', async () => {
    const models = path.join(dir, 'models');
    fs.mkdirSync(path.join(models, 'VieNeu-TTS-q4-gguf'), { recursive: true });
    fs.writeFileSync(path.join(models, 'VieNeu-TTS-q4-gguf', 'vieneu-q4.gguf'), 'x');
    const log = { info: () => undefined, warn: () => undefined } as unknown as Log;
    const shown: string[] = [];
    stub('showInformationMessage', async (m: string) => void shown.push(m));
    const run = (context: vscode.ExtensionContext) => keepPreviousDefaultModel({ context, config: api.config, cacheDir: path.join(dir, 'cache'), log, tryV3: async () => undefined });
    const ctx = () => ({ globalState: memento() }) as unknown as vscode.ExtensionContext;

    // Nothing downloaded: v3 Turbo it is, and nothing is written.
    assert.strictEqual(await run(ctx()), undefined);
    await setSetting('local.modelsPath', models);
    await waitFor('the models folder setting', () => api.config.current.config.local.modelsPath === models);
    // Already checked once: never again, even with the old model on disk.
    const checked = ctx();
    await checked.globalState.update(UPGRADE_KEY, true);
    assert.strictEqual(await run(checked), undefined);
    // Chose a backbone themselves: theirs stays as it is.
    await setSetting('local.backbone', fx.v3Dir);
    assert.strictEqual(await run(ctx()), undefined);
    await setSetting('local.backbone', undefined);
    await waitFor('the backbone back on its default', () => api.config.current.sources['local.backbone'] === 'default');
    assert.deepStrictEqual(shown, []);

    const once = ctx();
    assert.strictEqual(await run(once), 'pnnbao-ump/VieNeu-TTS-q4-gguf');
    assert.strictEqual(vscode.workspace.getConfiguration('vieneu').inspect('local.backbone')?.globalValue, 'pnnbao-ump/VieNeu-TTS-q4-gguf');
    assert.strictEqual(api.config.current.config.local.backbone, 'pnnbao-ump/VieNeu-TTS-q4-gguf');
    assert.match(shown[0], /v3 Turbo is now the default local model\. You keep VieNeu-TTS q4/);
    assert.strictEqual(await run(once), undefined, 'told once');
    await setSetting('local.backbone', undefined);
    await setSetting('local.modelsPath', undefined);
  });
});
