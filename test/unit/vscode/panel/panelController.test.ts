// The admin panel's controller with the real parts behind it: BackendManager, the real RemoteBackend talking
// to the notebook's real server.py (Debian python3 + FastAPI, stand-in model), the real notebook generator and
// a memory secret store. Only the VS Code host (dialogs, clipboard, settings) and the local engine are fakes.
import * as assert from 'assert';
import { BackendManager } from '../../../../src/core/backendManager';
import { abortError, UserError } from '../../../../src/core/errors';
import { Emitter } from '../../../../src/core/events';
import { MemorySecretStore, SECRET_KEYS } from '../../../../src/core/secrets';
import { DEFAULT_CONFIG, type VieneuConfig } from '../../../../src/core/config';
import type { AudioChunk, BackendStatus, SynthesisRequest, TtsBackend } from '../../../../src/core/types';
import { RemoteBackend } from '../../../../src/remote/remoteBackend';
import { generateNotebook, generateAuthToken } from '../../../../src/notebook';
import { UserActions, type ActionHost, type CustomVoiceRecord, type LocalPort } from '../../../../src/app/userActions';
import { PanelController } from '../../../../src/vscode/panel/panelController';
import { parseToPanel, type ToPanel } from '../../../../src/vscode/panel/protocol';
import { useLanguage } from '../../../../src/core/strings';
import { encodeWav } from '../../../../src/audio/wav';
import { PythonServer } from '../../remote/serverProcess';

/** A local backend whose model "loads" in steps until cancelled or done. */
class SteppedLocal implements TtsBackend, LocalPort {
  readonly id = 'local' as const;
  private readonly emitter = new Emitter<BackendStatus>();
  readonly onDidChangeStatus = this.emitter.event;
  status: BackendStatus = { state: 'idle', detail: 'No local model loaded' };
  modelLoaded = false;
  voiceLicence = { licence: 'CC BY-NC 4.0' };
  release: (() => void) | undefined;
  failNext: UserError | undefined;
  voices() {
    return this.modelLoaded ? [{ id: 'binh', description: 'north, male', source: 'preset' as const }] : [];
  }
  async loadModel(_o: unknown, progress: (f: number, p: string) => void, signal?: AbortSignal): Promise<void> {
    progress(0.3, 'Downloading backbone');
    const fail = this.failNext;
    this.failNext = undefined;
    if (fail) {
      this.status = { state: 'error', detail: fail.message };
      this.emitter.fire(this.status);
      throw fail;
    }
    await new Promise<void>((resolve, reject) => {
      this.release = resolve;
      signal?.addEventListener('abort', () => reject(abortError()));
    });
    this.modelLoaded = true;
    this.status = { state: 'ready', detail: 'VieNeu-TTS q4 loaded' };
    this.emitter.fire(this.status);
  }
  async unloadModel() {
    this.modelLoaded = false;
    this.status = { state: 'idle', detail: 'No local model loaded' };
    this.emitter.fire(this.status);
  }
  async *synthesize(_r: SynthesisRequest, _s: AbortSignal): AsyncIterable<AudioChunk> {
    yield { samples: new Float32Array(10), sampleRate: 24000 };
  }
  dispose() {}
}

describe('admin panel controller (real RemoteBackend + server.py, real notebook generator)', function () {
  this.timeout(30000);
  let server: PythonServer | undefined;
  after(async () => server?.stop());

  function setup() {
    const local = new SteppedLocal();
    const colab = new RemoteBackend({ healthIntervalMs: 60_000 });
    const manager = new BackendManager({ local, colab });
    const secrets = new MemorySecretStore();
    const posted: ToPanel[] = [];
    const opened: string[] = [];
    const custom: CustomVoiceRecord[] = [];
    const config: VieneuConfig = structuredClone(DEFAULT_CONFIG);
    const picked: { audio?: Uint8Array } = {};
    const commands: Array<[string, string[]]> = [];
    const host: ActionHost = {
      openNotebook: async (json) => void opened.push(json),
      saveNotebook: async (_json, name) => `/tmp/${name}`,
      copy: async () => undefined,
      pickAudio: async () => picked.audio,
      speak: async () => undefined,
      setVoice: async (v) => void (config.voice = v),
      setEndpoint: async (u) => void (config.colab.endpoint = u),
      customVoices: () => custom,
      saveCustomVoice: async (v) => void custom.push(v),
      onModeChanged: () => undefined,
    };
    const actions = new UserActions({
      manager,
      local,
      colab,
      secrets,
      config: () => config,
      host,
      notebook: { generate: (o) => generateNotebook(o), newToken: generateAuthToken },
    });
    const controller = new PanelController({
      actions,
      manager,
      local,
      config: () => config,
      post: (m) => void posted.push(parseToPanel(structuredClone(m))), // everything sent must be valid protocol
      runCommand: async (command, args) => void commands.push([command, args]),
      openColab: async () => void commands.push(['openColab', []]),
      backbones: [{ id: 'pnnbao-ump/VieNeu-TTS-q4-gguf', label: 'VieNeu-TTS q4', licence: 'Apache-2.0', sizeMB: 330 }],
      notebookBackbones: [{ id: 'pnnbao-ump/VieNeu-TTS-q4-gguf', label: 'VieNeu-TTS q4', licence: 'Apache-2.0', sizeMB: 330 }],
      codecs: [{ id: 'neuphonic/neucodec-onnx-decoder-int8', label: 'NeuCodec int8', licence: 'see repository', sizeMB: 312 }],
    });
    const lastState = () => {
      for (let i = posted.length - 1; i >= 0; i--) {
        const m = posted[i];
        if (m.type === 'state' || m.type === 'init') return m.state;
      }
      return undefined;
    };
    const notices = () => posted.filter((x): x is Extract<ToPanel, { type: 'notice' }> => x.type === 'notice');
    return {
      local, colab, manager, secrets, posted, opened, custom, config, controller, actions, commands, lastState, notices,
      set pickAudio(a: Uint8Array) {
        picked.audio = a;
      },
      dispose: () => (controller.dispose(), actions.dispose(), colab.dispose()),
    };
  }

  it('answers ready with every string and the state; refuses a switch to Colab with the known reason and fix', async () => {
    const s = setup();
    await s.controller.handle({ type: 'ready' });
    const init = s.posted[0];
    assert.strictEqual(init.type, 'init');
    assert.ok(init.type === 'init' && init.strings.uiSecBackend === 'Backend Selection');
    await s.controller.handle({ type: 'switchBackend', backend: 'colab' });
    assert.strictEqual(s.manager.active, 'local');
    assert.strictEqual(s.lastState()?.active, 'local');
    const n = s.notices().at(-1)!;
    assert.strictEqual(n.level, 'error');
    assert.strictEqual(n.text, 'Cannot switch to Colab: Not connected to Colab backend.');
    assert.match(n.fix ?? '', /Generate the Colab notebook/);
    s.dispose();
  });

  it('loads a model with progress, and Cancel keeps the previous state', async () => {
    const s = setup();
    const loading = s.controller.handle({ type: 'loadModel', backbone: 'pnnbao-ump/VieNeu-TTS-q4-gguf', codec: 'neuphonic/neucodec-onnx-decoder-int8', device: 'cpu' });
    await new Promise((r) => setTimeout(r, 20));
    assert.deepStrictEqual(s.lastState()?.model.loading, { fraction: 0.3, message: 'Downloading backbone' });
    await s.controller.handle({ type: 'cancelLoad' });
    await loading;
    assert.strictEqual(s.lastState()?.model.loading, null);
    assert.strictEqual(s.local.modelLoaded, false);
    assert.match(s.notices().at(-1)!.text, /Loading cancelled/);

    const again = s.controller.handle({ type: 'loadModel', backbone: 'x', codec: 'y', device: 'auto' });
    await new Promise((r) => setTimeout(r, 20));
    s.local.release!();
    await again;
    assert.strictEqual(s.lastState()?.local.state, 'ready');
    assert.strictEqual(s.lastState()?.model.loaded, true);
    assert.deepStrictEqual(s.lastState()?.voices.presets.map((v) => v.id), ['binh']);
    assert.match(s.notices().at(-1)!.text, /Loaded: VieNeu-TTS q4 loaded/);
    s.dispose();
  });

  it('a failed load shows its error once, with buttons that run their commands, and the notice clears when Local recovers', async () => {
    const s = setup();
    s.local.failNext = new UserError('Cannot reach huggingface.co (ENOTFOUND).', 'network', 'Check your internet connection.');
    await s.controller.handle({ type: 'loadModel', backbone: 'x', codec: 'y', device: 'cpu' });
    const n = s.notices().at(-1)!;
    assert.strictEqual(n.level, 'error');
    assert.strictEqual(n.text, 'Cannot reach huggingface.co (ENOTFOUND).');
    assert.deepStrictEqual(n.actions?.map((a) => a.command), ['vieneu.chooseModelsFolder', 'workbench.action.openSettings']);
    // Once: the Local card does not repeat the message the notice shows.
    assert.strictEqual(s.lastState()?.local.detail, 'No local model loaded');
    await s.controller.handle({ type: 'runCommand', command: n.actions![0].command, args: n.actions![0].args });
    assert.deepStrictEqual(s.commands, [['vieneu.chooseModelsFolder', []]]);

    const again = s.controller.handle({ type: 'loadModel', backbone: 'x', codec: 'y', device: 'cpu' });
    await new Promise((r) => setTimeout(r, 20));
    s.local.release!();
    await again;
    assert.ok(s.notices().some((x) => x.text === ''), 'the error notice was cleared');
    assert.strictEqual(s.notices().at(-1)!.level, 'info');
    s.dispose();
  });

  it('generates the notebook with a fresh token kept in secret storage, then connects through Step 3 to the real server', async () => {
    const s = setup();
    await s.controller.handle({ type: 'generateNotebook', backbone: 'pnnbao-ump/VieNeu-TTS-q4-gguf', codec: 'neuphonic/distill-neucodec', device: 'gpu', action: 'open' });
    assert.strictEqual(s.opened.length, 1);
    const token = (await s.secrets.get(SECRET_KEYS.colabAuthToken))!;
    assert.ok(token && token.length >= 32);
    assert.ok(s.opened[0].includes(token), 'the notebook carries the stored token');
    const nb = JSON.parse(s.opened[0]);
    assert.strictEqual(nb.nbformat, 4);
    assert.strictEqual(s.lastState()?.colabConfig.notebookToken, token);

    server = await PythonServer.start({ token });
    // Token field left empty: the stored one is used.
    await s.controller.handle({ type: 'connect', endpoint: server.url, token: '' });
    const st = s.lastState()!;
    assert.strictEqual(st.colab.state, 'ready', JSON.stringify(s.notices()));
    assert.strictEqual(st.active, 'colab');
    assert.strictEqual(s.manager.active, 'colab');
    assert.strictEqual(typeof st.colab.info?.latencyMs, 'number');
    assert.strictEqual(st.colabConfig.busy, false);
    assert.strictEqual(s.config.colab.endpoint, server.url);
    assert.ok(st.voices.canClone);
    assert.ok(st.voices.presets.length > 0, 'the server lists its voices');
    assert.match(s.notices().at(-1)!.text, /Connected to http:\/\/127\.0\.0\.1:\d+ \(\d+ ms\)/);

    // Cloning through Colab: the picked WAV is encoded by the server's codec into a custom voice.
    s.pickAudio = encodeWav(Float32Array.from({ length: 24000 }, (_, i) => 0.3 * Math.sin(i / 10)), 24000);
    await s.controller.handle({ type: 'cloneVoice', name: 'Giọng tôi', transcript: 'một hai ba bốn' });
    assert.strictEqual(s.custom.length, 1, JSON.stringify(s.notices().at(-1)));
    assert.strictEqual(s.custom[0].id, 'Giọng tôi');
    assert.strictEqual(s.custom[0].codes.length, 50, '1 s of audio = 50 codes');
    assert.match(s.notices().at(-1)!.text, /Voice "Giọng tôi" cloned \(50 codes\)/);

    await s.controller.handle({ type: 'testConnection', endpoint: server.url, token: '' });
    assert.match(s.notices().at(-1)!.text, /The server answered in \d+ ms/);

    await s.controller.handle({ type: 'disconnect' });
    assert.strictEqual(s.lastState()?.colab.state, 'idle');
    assert.strictEqual(s.lastState()?.voices.canClone, false);
    s.dispose();
  });

  it('a wrong token is refused by the server and said so in the Colab section', async () => {
    const s = setup();
    server ??= await PythonServer.start();
    await s.controller.handle({ type: 'connect', endpoint: server.url, token: 'not-the-token' });
    const n = s.notices().at(-1)!;
    assert.strictEqual(n.level, 'error');
    assert.match(`${n.text} ${n.fix ?? ''}`, /token/i);
    assert.strictEqual(s.manager.active, 'local');
    assert.strictEqual(await s.secrets.get(SECRET_KEYS.colabAuthToken), undefined, 'a refused token is not stored');
    s.dispose();
  });

  it('speaks Vietnamese when VS Code does: every string and every refusal', async () => {
    useLanguage('vi');
    try {
      const s = setup();
      await s.controller.handle({ type: 'ready' });
      const init = s.posted[0];
      assert.ok(init.type === 'init');
      assert.strictEqual(init.strings.uiSecBackend, 'Chọn backend');
      assert.strictEqual(init.strings.uiLoadModel, 'Tải mô hình');
      await s.controller.handle({ type: 'switchBackend', backend: 'colab' });
      const n = s.notices().at(-1)!;
      assert.strictEqual(n.text, 'Không thể chuyển sang Colab: Chưa kết nối tới backend Colab.');
      assert.match(n.fix ?? '', /Tạo notebook Colab/);
      s.dispose();
    } finally {
      useLanguage('en');
    }
  });

  it('adds a custom voice and selects voices', async () => {
    const s = setup();
    await s.controller.handle({ type: 'addCustomVoice', name: 'Tôi', codes: '1,2,3', transcript: 'xin chào' });
    assert.deepStrictEqual(s.custom, [{ id: 'Tôi', codes: [1, 2, 3], text: 'xin chào' }]);
    assert.ok(s.lastState()?.voices.presets.some((v) => v.id === 'Tôi' && v.custom));
    await s.controller.handle({ type: 'addCustomVoice', name: 'Bad', codes: '1,70000', transcript: 'x' });
    assert.match(s.notices().at(-1)!.text, /codes from 0 to 65535/);
    await s.controller.handle({ type: 'selectVoice', voice: 'Tôi' });
    assert.strictEqual(s.config.voice, 'Tôi');
    assert.strictEqual(s.lastState()?.voices.selected, 'Tôi');
    s.dispose();
  });
});
