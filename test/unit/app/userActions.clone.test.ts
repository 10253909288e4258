// The cloning flows of the user actions, and the panel's messages for them, with the real parts: the real
// clone pipeline (decoders, fbank, onnxruntime) on the clone fixtures, a real store folder, the real panel
// controller and protocol parser, and for enrolment the real RemoteBackend against upstream's FastAPI
// stand-in (upstream_standin.py), which enrols a clip under a name. The editor's dialogs are a recorder.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { UserActions, type ActionHost, type CloneHost } from '../../../src/app/userActions';
import { BackendManager } from '../../../src/core/backendManager';
import { DEFAULT_CONFIG, type VieneuConfig } from '../../../src/core/config';
import { UserError } from '../../../src/core/errors';
import { MemorySecretStore } from '../../../src/core/secrets';
import { listClonedVoices } from '../../../src/local/clone/clonedVoiceStore';
import { writeCloneFixtures } from '../../../src/local/fixtures/cloneFixtures';
import { LocalBackend, type LocalSettings } from '../../../src/local/localBackend';
import { parseV3Voices } from '../../../src/local/v3/v3Voices';
import { generateAuthToken, generateNotebook } from '../../../src/notebook';
import { RemoteBackend } from '../../../src/remote/remoteBackend';
import { PanelController } from '../../../src/vscode/panel/panelController';
import { parseFromPanel, type PanelState, type ToPanel } from '../../../src/vscode/panel/protocol';
import { ScriptedBackbone, sentenceFrontEnd, ValueCodec } from '../helpers/engineDoubles';
import { UpstreamStandin } from '../remote/serverProcess';

const KEY = 'clone-actions-key-0123456789';

function sh(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 60000 });
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
}

describe('user actions: cloning on this computer, the cloned voices list, and enrolment on a server', function () {
  this.timeout(120_000);
  let dir: string;
  let up: UpstreamStandin | undefined;
  const f = (n: string) => path.join(dir, n);

  before(function () {
    if (spawnSync('sh', ['-c', 'command -v espeak-ng && command -v sox']).status !== 0) this.skip();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vieneu-clone-actions-'));
    writeCloneFixtures(f('models'));
    sh('espeak-ng', ['-v', 'vi', '-w', f('me.wav'), 'Xin chào, hôm nay trời đẹp quá. Tôi là người Việt Nam.']);
    sh('sox', [f('me.wav'), '-r', '44100', '-c', '2', f('me.flac'), 'pad', '0.5', '0.5']);
  });
  after(() => {
    up?.kill();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  function setup(o: { roots?: string[] } = {}) {
    const config: VieneuConfig = structuredClone(DEFAULT_CONFIG);
    config.local = { ...config.local, builtinVoice: false, device: 'cpu' };
    const local = new LocalBackend({
      cacheDir: f('cache'),
      settings: (): LocalSettings => config.local,
      endpoint: 'http://127.0.0.1:9',
      loaders: { backbone: async () => new ScriptedBackbone(() => 40), codec: async () => new ValueCodec(), frontEnd: async () => sentenceFrontEnd, split: sentenceFrontEnd.split },
    });
    const colab = new RemoteBackend({ healthIntervalMs: 60_000 });
    const manager = new BackendManager({ local, colab });
    const spoken: Array<{ text: string; voice: string }> = [];
    const host: ActionHost = {
      openNotebook: async () => undefined,
      saveNotebook: async () => undefined,
      copy: async () => undefined,
      pickAudio: async () => undefined,
      speak: async (text, voice) => void spoken.push({ text, voice }),
      setVoice: async (v) => void (config.voice = v),
      setEndpoint: async (u) => void (config.colab.endpoint = u),
      customVoices: () => [],
      saveCustomVoice: async () => undefined,
      onModeChanged: () => undefined,
    };
    const asked: Array<{ message: string; detail: string; yes: string }> = [];
    const answers = { confirm: true, audio: f('me.wav') as string | undefined, voicesFile: undefined as string | undefined, saveTo: undefined as string | undefined };
    const store = fs.mkdtempSync(path.join(dir, 'store-'));
    const clone: CloneHost = {
      dir: store,
      modelRoots: () => [...(o.roots ?? [f('nowhere'), f('models')])],
      confirm: async (message, detail, yes) => (asked.push({ message, detail, yes }), answers.confirm),
      pickAudioFile: async () => answers.audio,
      pickVoicesFile: async () => answers.voicesFile,
      saveVoicesFile: async () => answers.saveTo,
    };
    const actions = new UserActions({ manager, local, colab, secrets: new MemorySecretStore(), config: () => config, host, clone, notebook: { generate: generateNotebook, newToken: generateAuthToken } });
    const posted: ToPanel[] = [];
    const panel = new PanelController({
      actions,
      manager,
      local,
      config: () => config,
      post: (m) => void posted.push(m),
      runCommand: async () => undefined,
      openColab: async () => undefined,
      backbones: [],
      notebookBackbones: [],
      codecs: [],
    });
    const lastState = (): PanelState => (posted.filter((m) => m.type === 'state' || m.type === 'init').at(-1) as { state: PanelState }).state;
    const notices = () => posted.filter((m): m is Extract<ToPanel, { type: 'notice' }> => m.type === 'notice' && m.section === 'voices');
    /** Sends a message as the page would: through the parser, refusals handled as the host does. */
    const send = async (raw: unknown) => {
      let msg;
      try {
        msg = parseFromPanel(raw);
      } catch (err) {
        panel.refused(raw, err);
        return;
      }
      await panel.handle(msg);
    };
    return {
      config, local, colab, manager, actions, panel, posted, lastState, notices, send, asked, answers, store, spoken,
      dispose: () => (panel.dispose(), actions.dispose(), colab.dispose(), local.dispose()),
    };
  }

  it('clones a picked file after the rights reminder, with progress in the panel, and lists it with its facts', async () => {
    const s = setup();
    s.answers.confirm = false;
    assert.strictEqual(await s.actions.cloneFromAudio({}), undefined, 'declining the reminder stops here');
    assert.match(s.asked[0].message, /right to use/);
    assert.match(s.asked[0].detail, /never uploaded/);
    assert.deepStrictEqual(listClonedVoices(s.store), []);

    s.answers.confirm = true;
    await s.send({ type: 'ready' });
    const running: string[] = [];
    s.actions.onDidChange(() => {
      const r = s.actions.view.cloning;
      if (r) running.push(r.message);
    });
    await s.send({ type: 'cloneAudio', name: '', denoise: false, where: 'local' });
    const done = s.notices().at(-1)!;
    assert.strictEqual(done.level, 'info', done.text);
    assert.match(done.text, /^Voice "me" is ready \(\d+ reference frames from 3\.\d s of speech\)\./);
    assert.ok(running.includes('Measuring the voice…') && running.includes('Encoding the reference…'), `stages shown: ${running}`);
    const st = s.lastState();
    assert.strictEqual(st.voices.cloneLocal.available, true);
    assert.strictEqual(st.voices.cloneLocal.running, null, 'no progress left behind');
    assert.strictEqual(st.voices.cloned.length, 1);
    assert.strictEqual(st.voices.cloned[0].name, 'me', "an empty name takes the file's");
    assert.match(st.voices.cloned[0].detail, /^3\.\d s of speech · \d+ reference frames$/);
    // The same name again is refused before any work, with what to do.
    await s.send({ type: 'cloneAudio', name: 'ME', denoise: false, where: 'local' });
    assert.match(s.notices().at(-1)!.text, /already called "ME"/);
    assert.strictEqual(listClonedVoices(s.store).length, 1);
    s.dispose();
  });

  it('clones a dropped file from its bytes with the denoiser, leaving no temporary copy; a huge or empty drop is refused clearly', async () => {
    const s = setup();
    const before = new Set(fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith('vieneu-clip-')));
    await s.send({ type: 'cloneAudioBytes', name: 'Giọng thả', denoise: true, where: 'local', fileName: 'thu âm.flac', bytes: fs.readFileSync(f('me.flac')) });
    assert.match(s.notices().at(-1)!.text, /^Voice "Giọng thả" is ready/);
    const [v] = listClonedVoices(s.store);
    assert.strictEqual(v.denoised, true);
    assert.match(s.lastState().voices.cloned[0].detail, /noise cleaned up/);
    assert.deepStrictEqual(fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith('vieneu-clip-') && !before.has(n)), [], 'the dropped copy is removed');

    await s.send({ type: 'cloneAudioBytes', name: '', denoise: false, where: 'local', fileName: 'film.mkv', bytes: new Uint8Array(50 * 1024 * 1024 + 1) });
    assert.match(s.notices().at(-1)!.text, /^The dropped file film\.mkv was refused: .*more than the 50 MB a clip may be\.$/);
    await s.send({ type: 'cloneAudioBytes', name: '', denoise: false, where: 'local', fileName: 'empty.wav', bytes: new Uint8Array(0) });
    assert.match(s.notices().at(-1)!.text, /empty\.wav was refused: .*no content/);
    // Bytes that are not audio reach the decoder, which says what it is not.
    await s.send({ type: 'cloneAudioBytes', name: 'x', denoise: false, where: 'local', fileName: 'notes.wav', bytes: Buffer.from('just some text, not audio at all'.repeat(10)) });
    const bad = s.notices().at(-1)!;
    assert.strictEqual(bad.level, 'error');
    assert.match(bad.text, /is not a WAV, FLAC, MP3 or Ogg Vorbis file/);
    assert.ok(bad.fix);
    assert.strictEqual(listClonedVoices(s.store).length, 1);
    s.dispose();
  });

  it('Cancel stops a clone under way and keeps nothing; without the graphs cloning says what to load', async () => {
    const s = setup();
    const sub = s.actions.onDidChange(() => {
      if (s.actions.view.cloning) s.actions.cancelClone();
    });
    const out = await s.actions.cloneFromAudio({ name: 'Huỷ' });
    sub.dispose();
    assert.strictEqual(out?.message, 'Cloning cancelled; nothing was kept.');
    assert.deepStrictEqual(listClonedVoices(s.store), []);
    assert.strictEqual(s.actions.view.cloning, undefined);
    s.dispose();

    const roots = [f('nowhere')];
    const none = setup({ roots });
    assert.strictEqual(none.actions.canCloneLocally(), false);
    // Pointing the models folder elsewhere is seen at once, not after the remembered answer expires.
    roots.push(f('models'));
    assert.strictEqual(none.actions.canCloneLocally(), true);
    roots.pop();
    assert.strictEqual(none.actions.canCloneLocally(), false);
    await assert.rejects(none.actions.cloneFromAudio({ name: 'x' }), (e: unknown) => e instanceof UserError && /speaker_encoder\.onnx/.test(e.message) && /v3 Turbo/.test(e.fix ?? ''));
    none.dispose();
  });

  it('previews, uses, renames, exports, deletes (after confirming) and imports back, all through the panel messages', async () => {
    const s = setup();
    await s.send({ type: 'ready' });
    await s.send({ type: 'cloneAudio', name: 'Mẫu', denoise: false, where: 'local' });
    const id = s.lastState().voices.cloned[0].id;
    await s.send({ type: 'previewVoice', voice: id });
    assert.deepStrictEqual(s.spoken.map((x) => x.voice), [id]);
    await s.send({ type: 'selectVoice', voice: id });
    assert.strictEqual(s.config.voice, id);
    assert.strictEqual(s.lastState().voices.selected, id);

    await s.send({ type: 'renameClonedVoice', id, name: 'Mẫu mới' });
    assert.strictEqual(s.notices().at(-1)!.text, 'Renamed to "Mẫu mới".');
    assert.deepStrictEqual(s.lastState().voices.cloned.map((c) => [c.id, c.name]), [[id, 'Mẫu mới']]);
    await s.send({ type: 'renameClonedVoice', id, name: ' ' });
    assert.match(s.notices().at(-1)!.text, /1 to 64 characters/);

    s.answers.saveTo = undefined;
    await s.send({ type: 'exportClonedVoice', id });
    const dest = f(`export-${Date.now()}.json`);
    s.answers.saveTo = dest;
    await s.send({ type: 'exportClonedVoice', id });
    assert.strictEqual(s.notices().at(-1)!.text, `Exported "Mẫu mới" to ${dest}.`);
    const set = parseV3Voices(JSON.parse(fs.readFileSync(dest, 'utf8')), dest, { nVq: 16, audioVocab: 1024, speakerDim: 192 });
    assert.deepStrictEqual(set.voices.map((v) => v.id), ['Mẫu mới']);

    s.answers.confirm = false;
    const asked = s.asked.length;
    await s.send({ type: 'deleteClonedVoice', id });
    assert.match(s.asked[asked].message, /Delete the cloned voice "Mẫu mới"\?/);
    assert.strictEqual(listClonedVoices(s.store).length, 1, 'kept when not confirmed');
    s.answers.confirm = true;
    await s.send({ type: 'deleteClonedVoice', id });
    assert.strictEqual(s.notices().at(-1)!.text, 'Deleted the cloned voice "Mẫu mới".');
    assert.deepStrictEqual(s.lastState().voices.cloned, []);
    assert.strictEqual(s.config.voice, '', 'the deleted voice is no longer the one in use');

    s.answers.voicesFile = dest;
    await s.send({ type: 'importClonedVoices' });
    assert.strictEqual(s.notices().at(-1)!.text, 'Imported 1 voice(s): Mẫu mới.');
    assert.deepStrictEqual(s.lastState().voices.cloned.map((c) => c.name), ['Mẫu mới']);
    await s.send({ type: 'importClonedVoices' });
    assert.match(s.notices().at(-1)!.text, /already called "Mẫu mới"/);
    s.dispose();
  });

  it('enrols on a server that can (upstream stand-in): offered with its host, local stays the default, the voice comes with its list', async () => {
    const s = setup();
    await assert.rejects(s.actions.cloneFromAudio({ name: 'x', where: 'server' }), (e: unknown) => e instanceof UserError && /cannot enrol/.test(e.message));
    up ??= await UpstreamStandin.start({ VIENEU_API_KEY: KEY });
    await s.actions.connect(up.url, KEY);
    const host = `127.0.0.1:${up.port}`;
    assert.strictEqual(s.actions.view.enrolHost, host);
    await s.send({ type: 'ready' });
    assert.strictEqual(s.lastState().voices.cloneLocal.enrolHost, host);

    // The default is still this computer, even while connected to a server that enrols.
    await s.send({ type: 'cloneAudio', name: 'Ở máy', denoise: false, where: 'local' });
    assert.match(s.notices().at(-1)!.text, /^Voice "Ở máy" is ready/);
    assert.ok(!(await s.colab.voices()).voices.some((v) => v.id === 'Ở máy'), 'nothing was uploaded');

    const asked = s.asked.length;
    await s.send({ type: 'cloneAudio', name: 'Trên máy chủ', denoise: false, where: 'server' });
    assert.match(s.asked[asked].detail, new RegExp(`uploaded to ${host.replace(/\./g, '\\.')}`));
    assert.strictEqual(s.notices().at(-1)!.text, `Voice "Trên máy chủ" is enrolled on ${host}; choose it with Choose Voice while connected.`);
    assert.ok((await s.colab.voices()).voices.some((v) => v.id === 'Trên máy chủ'), 'the server has it');
    assert.ok(s.actions.voiceChoices().choices.some((v) => v.id === 'Trên máy chủ'), 'Choose Voice offers it');
    assert.deepStrictEqual(listClonedVoices(s.store).map((v) => v.name), ['Ở máy'], 'not stored on this computer');
    // The server's own refusal (a built-in name) reaches the panel as it said it.
    await s.send({ type: 'cloneAudio', name: 'Mai Anh', denoise: false, where: 'server' });
    assert.match(s.notices().at(-1)!.text, /built-in voice/);
    s.actions.disconnect();
    assert.strictEqual(s.actions.view.enrolHost, '');
    s.dispose();
  });
});
