// The user actions every surface calls, with the real parts behind them: the real LocalBackend (its model
// store refusing a missing path, its downloader meeting a closed port), the real RemoteBackend talking to
// the notebook's real server.py, the real notebook generator and BackendManager. The editor side
// (ActionHost) is a recorder; the local engine's loaders are doubles where a model must "load".
import * as assert from 'assert';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { UserActions, type ActionHost, type CustomVoiceRecord } from '../../../src/app/userActions';
import { modelChoices } from '../../../src/app/modelChoices';
import { BackendManager } from '../../../src/core/backendManager';
import { DEFAULT_CONFIG, type VieneuConfig } from '../../../src/core/config';
import { UserError } from '../../../src/core/errors';
import { MemorySecretStore, SECRET_KEYS } from '../../../src/core/secrets';
import { useLanguage } from '../../../src/core/strings';
import { LocalBackend, type LocalSettings } from '../../../src/local/localBackend';
import { CATALOGUE, DEFAULT_BACKBONE_ID, findModel } from '../../../src/local/models/catalogue';
import { generateAuthToken, generateNotebook, V3_BACKBONE } from '../../../src/notebook';
import { RemoteBackend } from '../../../src/remote/remoteBackend';
import { ScriptedBackbone, sentenceFrontEnd, ValueCodec } from '../helpers/engineDoubles';
import { PythonServer, UpstreamStandin } from '../remote/serverProcess';

const dir = mkdtempSync(join(tmpdir(), 'vieneu-actions-'));
const gguf = join(dir, 'model.gguf');
const onnx = join(dir, 'codec.onnx');
writeFileSync(gguf, 'read by the loader doubles only');
writeFileSync(onnx, 'x');
writeFileSync(join(dir, 'phoneme_dict.json'), '{"xin": "sin "}');
writeFileSync(join(dir, 'voices.json'), JSON.stringify({ meta: { license: 'CC BY-NC 4.0' }, default_voice: 'Ly', presets: { Ly: { codes: [1, 2, 3], text: 'chào', description: 'Ly' } } }));

function setup(o: { builtinVoice?: boolean; endpoint?: string; slowLoad?: boolean } = {}) {
  const config: VieneuConfig = structuredClone(DEFAULT_CONFIG);
  config.local = { ...config.local, builtinVoice: o.builtinVoice ?? false, device: 'cpu' };
  const local = new LocalBackend({
    cacheDir: join(dir, 'cache'),
    settings: (): LocalSettings => config.local,
    // A closed port: every download fails as it does offline.
    endpoint: o.endpoint ?? 'http://127.0.0.1:9',
    loaders: {
      backbone: async () => {
        if (o.slowLoad) await new Promise((r) => setTimeout(r, 300));
        return new ScriptedBackbone(() => 40);
      },
      codec: async () => new ValueCodec(),
      frontEnd: async () => sentenceFrontEnd,
      split: sentenceFrontEnd.split,
    },
  });
  const colab = new RemoteBackend({ healthIntervalMs: 60_000 });
  const manager = new BackendManager({ local, colab });
  const secrets = new MemorySecretStore();
  const opened: Array<{ json: string; fileName: string }> = [];
  const custom: CustomVoiceRecord[] = [];
  const modes: string[] = [];
  const host: ActionHost = {
    openNotebook: async (json, fileName) => void opened.push({ json, fileName }),
    saveNotebook: async () => undefined,
    copy: async () => undefined,
    pickAudio: async () => undefined,
    speak: async () => undefined,
    setVoice: async (v) => void (config.voice = v),
    setEndpoint: async (u) => void (config.colab.endpoint = u),
    customVoices: () => custom,
    saveCustomVoice: async (v) => void custom.push(v),
    onModeChanged: (id) => void modes.push(id),
  };
  const actions = new UserActions({ manager, local, colab, secrets, config: () => config, host, notebook: { generate: generateNotebook, newToken: generateAuthToken } });
  return { config, local, colab, manager, secrets, opened, modes, actions, dispose: () => (actions.dispose(), colab.dispose(), local.dispose()) };
}

const commandsOf = (err: unknown) => (err as UserError).actions.map((a) => a.command);

describe('user actions (real LocalBackend, RemoteBackend + server.py, notebook generator)', function () {
  this.timeout(30_000);
  let server: PythonServer | undefined;
  after(async () => server?.stop());

  it('a model that cannot be downloaded fails with its own message and offers Choose model folder… and Open Settings', async () => {
    const s = setup();
    const err = await s.actions.loadModel({ backbone: 'vieneu-0.5b-q4', codec: onnx, device: 'cpu' }).then(
      () => assert.fail('loaded without a network'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof UserError, String(err));
    assert.strictEqual(err.code, 'network');
    assert.match(err.message, /127\.0\.0\.1/);
    assert.deepStrictEqual(commandsOf(err).slice(-2), ['vieneu.chooseModelsFolder', 'workbench.action.openSettings']);
    assert.deepStrictEqual(err.actions.at(-1)!.args, ['vieneu.local']);
    assert.strictEqual(s.actions.view.loading, undefined, 'no progress left behind');
    s.dispose();
  });

  it('a model path that does not exist fails the same way, and a good load afterwards succeeds with progress', async () => {
    const s = setup();
    const err = await s.actions.loadModel({ backbone: join(dir, 'nowhere.gguf'), codec: onnx, device: 'cpu' }).catch((e: unknown) => e);
    assert.ok(err instanceof UserError);
    assert.strictEqual(err.code, 'bad-input');
    assert.ok(commandsOf(err).includes('vieneu.chooseModelsFolder'));
    assert.strictEqual(s.local.status.state, 'error');

    const fractions: number[] = [];
    const out = await s.actions.loadModel({ backbone: gguf, codec: onnx, device: 'cpu' }, { progress: (f) => void fractions.push(f) });
    assert.strictEqual(out.cancelled, false);
    assert.match(out.message, /^Loaded: /);
    assert.strictEqual(s.local.status.state, 'ready');
    assert.ok(fractions.length >= 3 && fractions.every((f, i) => i === 0 || f >= fractions[i - 1]), `rising progress ${fractions}`);
    assert.deepStrictEqual((await s.actions.unloadModel()).message, 'Model unloaded.');
    s.dispose();
  });

  it('a load cancelled by its signal says so and keeps the previous state; the view shows it while it runs', async () => {
    const s = setup({ slowLoad: true });
    const ac = new AbortController();
    const loading = s.actions.loadModel({ backbone: gguf, codec: onnx, device: 'cpu' }, { signal: ac.signal });
    await new Promise((r) => setTimeout(r, 50));
    assert.ok(s.actions.view.loading, 'loading shows in the view');
    ac.abort();
    const out = await loading;
    assert.strictEqual(out.cancelled, true);
    assert.match(out.message, /cancelled/);
    assert.strictEqual(s.local.modelLoaded, false);
    assert.strictEqual(s.actions.view.loading, undefined);
    s.dispose();
  });

  it('generates the notebook under the name Step 2 names, with its token in secret storage', async () => {
    const s = setup();
    const out = await s.actions.generateNotebook({ backbone: 'pnnbao-ump/VieNeu-TTS-q4-gguf', codec: 'neuphonic/distill-neucodec', device: 'gpu', action: 'open' });
    assert.strictEqual(s.opened[0].fileName, 'vieneu_tts_colab.ipynb');
    assert.match(out!.message, /vieneu_tts_colab\.ipynb/);
    const token = await s.secrets.get(SECRET_KEYS.colabAuthToken);
    assert.ok(token && s.opened[0].json.includes(token));
    assert.strictEqual(s.actions.view.notebookToken, token);
    s.dispose();
  });

  it('connects to the real server, tests it, and disconnects back to a ready Local; without a token the notebook says one is missing', async () => {
    const s = setup({ builtinVoice: true });
    server ??= await PythonServer.start();
    await assert.rejects(s.actions.connect(server.url, ''), (e: unknown) => e instanceof UserError && e.code === 'auth' && /needs an auth token/.test(e.message) && /banner/.test(e.fix ?? ''));
    assert.strictEqual(s.manager.active, 'local');
    const out = await s.actions.connect(server.url, server.token);
    assert.strictEqual(out.endpoint, server.url);
    assert.match(out.message, /^Connected to http:\/\/127\.0\.0\.1:\d+ \(\d+ ms\)/);
    assert.strictEqual(s.manager.active, 'colab');
    assert.strictEqual(await s.secrets.get(SECRET_KEYS.colabAuthToken), server.token, 'the accepted typed token is stored');
    assert.ok(s.actions.view.remoteVoices.length > 0);
    assert.match((await s.actions.testConnection()).message, /The server answered in \d+ ms/);
    assert.strictEqual(s.actions.view.colabBusy, false);
    assert.strictEqual(s.actions.disconnect().message, 'Disconnected from Colab.');
    assert.strictEqual(s.manager.active, 'local', 'the built-in voice is ready: speaking goes on locally');
    assert.deepStrictEqual(s.modes, ['colab', 'local']);
    assert.deepStrictEqual(s.actions.view.remoteVoices, []);
    s.dispose();
  });

  it('connects with no token to a server that needs none (upstream\'s own, started without VIENEU_API_KEY)', async () => {
    const s = setup({ builtinVoice: true });
    const open = await UpstreamStandin.start();
    try {
      const out = await s.actions.connect(open.url, '');
      assert.strictEqual(out.endpoint, open.url);
      assert.strictEqual(s.manager.active, 'colab');
      assert.strictEqual(await s.secrets.get(SECRET_KEYS.colabAuthToken), undefined, 'nothing stored');
      s.actions.disconnect();
    } finally {
      await open.stop();
      s.dispose();
    }
  });

  it('Choose Voice offers the built-in voice on Local, refuses an unknown one with the list, and says when there are none', async () => {
    const s = setup({ builtinVoice: true });
    assert.deepStrictEqual(s.actions.voiceChoices().choices.map((v) => v.id), ['builtin']);
    await assert.rejects(s.actions.chooseVoice('ngoc'), (e: unknown) => e instanceof UserError && /no voice "ngoc"/.test(e.message) && /builtin/.test(e.fix ?? ''));
    assert.strictEqual((await s.actions.chooseVoice('builtin')).message, 'VieNeu: speaking with the voice builtin.');
    assert.strictEqual(s.config.voice, 'builtin');
    s.dispose();
    const none = setup({ builtinVoice: false });
    await assert.rejects(none.actions.chooseVoice('x'), (e: unknown) => e instanceof UserError && e.code === 'not-ready' && commandsOf(e).includes('vieneu.loadLocalModel'));
    none.dispose();
  });

  it('switching to a backend that is not ready throws the refusal; a ready one says so', () => {
    const s = setup({ builtinVoice: true });
    assert.throws(() => s.actions.switchBackend('colab'), (e: unknown) => e instanceof UserError && /Cannot switch to Colab/.test(e.message));
    assert.strictEqual(s.manager.active, 'local');
    assert.match(s.actions.switchBackend('local').message, /Local/);
    s.dispose();
  });
});

describe('model choices', () => {
  it('offers Local only what the local engine runs, and the notebook every backbone', () => {
    const m = modelChoices({ vnni: true });
    const runnable = CATALOGUE.filter((e) => e.kind === 'backbone' && e.runsLocally);
    const all = CATALOGUE.filter((e) => e.kind === 'backbone');
    assert.ok(all.some((e) => !e.runsLocally), 'the catalogue has a model Local cannot run');
    // One option per runnable entry, each naming exactly that entry (v3 fp32 and int8 share a repository).
    assert.deepStrictEqual(m.localBackbones.map((o) => findModel(o.id)), runnable);
    assert.strictEqual(new Set(m.localBackbones.map((o) => o.id)).size, runnable.length);
    // The notebook: every repository once, upstream's current model first (its default).
    assert.deepStrictEqual(m.notebookBackbones.map((o) => o.id), [...new Set(all.map((e) => e.repo ?? e.id))]);
    assert.strictEqual(m.notebookBackbones[0].id, V3_BACKBONE);
  });

  it('lists v3 Turbo first, each backbone with the codec it was made for; int8 v3 only on CPUs with VNNI', () => {
    const withVnni = modelChoices({ vnni: true }).localBackbones;
    const without = modelChoices({ vnni: false }).localBackbones;
    assert.strictEqual(withVnni[0].id, DEFAULT_BACKBONE_ID);
    assert.strictEqual(withVnni[0].codec, 'OpenMOSS-Team/MOSS-Audio-Tokenizer-Nano-ONNX');
    assert.strictEqual(withVnni.find((o) => o.id === 'pnnbao-ump/VieNeu-TTS-q4-gguf')?.codec, 'neuphonic/neucodec-onnx-decoder-int8');
    assert.ok(withVnni.some((o) => o.id === 'vieneu-v3-turbo-int8'));
    assert.deepStrictEqual(without.map((o) => o.id), withVnni.map((o) => o.id).filter((id) => id !== 'vieneu-v3-turbo-int8'));
  });

  it('says "see the repository" in the UI language', () => {
    useLanguage('vi');
    try {
      const codec = modelChoices().codecs.find((c) => c.id === 'neuphonic/neucodec-onnx-decoder-int8')!;
      assert.strictEqual(codec.licence, 'xem kho của mô hình');
    } finally {
      useLanguage('en');
    }
  });
});
