import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { isAbortError, UserError } from '../../../src/core/errors';
import type { AudioChunk, BackendStatus } from '../../../src/core/types';
import { LocalBackend, type LocalSettings, type ModelLoaders } from '../../../src/local/localBackend';
import type { CustomVoiceSpec } from '../../../src/local/voices/voiceLibrary';
import { ScriptedBackbone, sentenceFrontEnd, ValueCodec } from '../helpers/engineDoubles';

const dir = mkdtempSync(join(tmpdir(), 'vieneu-lb-'));
const gguf = join(dir, 'model.gguf');
const onnx = join(dir, 'codec.onnx');
const dict = join(dir, 'phoneme_dict.json');
writeFileSync(gguf, 'not read by the doubles');
writeFileSync(onnx, 'x');
writeFileSync(dict, '{"xin": "sin "}');
writeFileSync(
  join(dir, 'voices.json'),
  JSON.stringify({ meta: { license: 'CC BY-NC 4.0' }, default_voice: 'Ly', presets: { Ly: { codes: [1, 2, 3], text: 'chào', description: 'Ly' } } }),
);

function setup(settings: Partial<LocalSettings> = {}, loaders: Partial<ModelLoaders> = {}, customVoices?: () => Record<string, CustomVoiceSpec>) {
  const s: LocalSettings = { backbone: gguf, codec: onnx, device: 'cpu', threads: 0, modelsPath: '', builtinVoice: true, ...settings };
  const backbone = new ScriptedBackbone(() => 40);
  const statuses: BackendStatus[] = [];
  const b = new LocalBackend({
    cacheDir: join(dir, 'cache'),
    settings: () => s,
    loaders: {
      backbone: async () => backbone,
      codec: async () => new ValueCodec(),
      frontEnd: async () => sentenceFrontEnd,
      split: sentenceFrontEnd.split,
      ...loaders,
    },
    customVoices,
  });
  b.onDidChangeStatus((x) => statuses.push(x));
  return { b, s, backbone, statuses };
}

async function collect(it: AsyncIterable<AudioChunk>): Promise<AudioChunk[]> {
  const out: AudioChunk[] = [];
  for await (const c of it) out.push(c);
  return out;
}

describe('LocalBackend', () => {
  it('loading the backend and its real loaders loads no native module (they wait for a model)', () => {
    const root = join(__dirname, '..', '..', '..');
    const code = `for (const m of ['src/local/localBackend', 'src/local/engine/defaultLoaders', 'src/cli/speakCommand']) require(${JSON.stringify(root)} + '/' + m);
      console.log(Object.keys(require.cache).filter((k) => /node-llama-cpp|onnxruntime-node|espeak-ng-emscripten/.test(k)).length)`;
    const r = spawnSync(process.execPath, ['-e', code], { encoding: 'utf8' });
    assert.strictEqual(r.status, 0, r.stderr);
    assert.strictEqual(r.stdout.trim(), '0');
  });

  it('is ready with the built-in voice from the start, or idle when it is off', () => {
    assert.deepStrictEqual([setup().b.status.state, setup().b.status.detail], ['ready', 'Built-in voice (robotic, espeak-ng)']);
    const off = setup({ builtinVoice: false }).b;
    assert.deepStrictEqual([off.status.state, off.status.detail], ['idle', 'No local model loaded']);
    assert.strictEqual(off.id, 'local');
  });

  it('speaks with the real espeak-ng built-in voice at 24 kHz, with text ranges', async () => {
    const { b } = setup();
    const text = 'Xin chào. Hôm nay trời đẹp.';
    const chunks = await collect(b.synthesize({ text }, new AbortController().signal));
    assert.strictEqual(chunks.length, 2);
    for (const c of chunks) {
      assert.strictEqual(c.sampleRate, 24000);
      const rms = Math.sqrt(c.samples.reduce((a, x) => a + x * x, 0) / c.samples.length);
      assert.ok(c.samples.length > 0.3 * 24000 && rms > 0.01, `real speech (${c.samples.length} samples, rms ${rms})`);
    }
    assert.strictEqual(text.slice(chunks[1].textRange!.start, chunks[1].textRange!.end), 'Hôm nay trời đẹp.');
  });

  it('refuses to speak with no model and the built-in voice off', async () => {
    const { b } = setup({ builtinVoice: false });
    await assert.rejects(collect(b.synthesize({ text: 'a' }, new AbortController().signal)), (e: unknown) => e instanceof UserError && e.code === 'not-ready');
  });

  it('loads a model from local files with progress, then speaks with the model and its voices', async () => {
    const { b, statuses, backbone } = setup();
    const seen: number[] = [];
    await b.loadModel({ dictionary: dict, offline: true }, (f) => seen.push(f));
    assert.ok(statuses.some((s) => s.state === 'busy' && typeof s.progress === 'number'));
    assert.deepStrictEqual([b.status.state, b.status.detail], ['ready', 'VieNeu-TTS (model.gguf) loaded']);
    assert.strictEqual(b.status.info?.voiceLicence, 'CC BY-NC 4.0');
    assert.strictEqual(seen[seen.length - 1], 1);
    assert.deepStrictEqual(b.voices().map((v) => v.id), ['Ly']);
    const chunks = await collect(b.synthesize({ text: 'Một câu.' }, new AbortController().signal));
    assert.strictEqual(chunks.reduce((n, c) => n + c.samples.length, 0), 40 * 480);
    // The speaking rate is applied to the model's audio (it has no rate control of its own).
    const faster = await collect(b.synthesize({ text: 'Một câu.', speed: 1.5 }, new AbortController().signal));
    assert.strictEqual(faster.reduce((n, c) => n + c.samples.length, 0), Math.round((40 * 480) / 1.5));
    assert.ok(faster.every((c) => c.textRange !== undefined));
    assert.match(backbone.prompts[0], /R\(chào\).*<\|speech_1\|><\|speech_2\|><\|speech_3\|>$/s);
    // the built-in voice stays reachable by id
    const builtin = await collect(b.synthesize({ text: 'Xin chào.', voice: 'builtin' }, new AbortController().signal));
    assert.ok(builtin[0].samples.length > 1000);
    await b.unloadModel();
    assert.strictEqual(b.status.detail, 'Built-in voice (robotic, espeak-ng)');
    assert.deepStrictEqual(b.voices(), []);
  });

  it('a catalogue model brings its own prompt, phonemizer and dictionary: 0.3B compact + v2026 + v1.1.5', async () => {
    const models = mkdtempSync(join(tmpdir(), 'vieneu-lb-models-'));
    for (const [folder, file] of [['VieNeu-TTS-0.3B-q4-gguf', 'm.gguf'], ['VieNeu-TTS-q4-gguf', 'm.gguf'], ['phoneme-dict-v1.1.5', 'phoneme_dict.json'], ['phoneme-dict-v1', 'phoneme_dict.json']]) {
      mkdirSync(join(models, folder));
      writeFileSync(join(models, folder, file), file.endsWith('.json') ? '{}' : 'x');
    }
    writeFileSync(join(models, 'VieNeu-TTS-0.3B-q4-gguf', 'voices.json'), readFileSync(join(dir, 'voices.json')));
    writeFileSync(join(models, 'VieNeu-TTS-q4-gguf', 'voices.json'), readFileSync(join(dir, 'voices.json')));
    const asked: Array<{ dictionary?: string; variant: string }> = [];
    const frontEnd = async (o: { dictionary?: string; variant: string }) => (asked.push(o), sentenceFrontEnd);
    for (const [id, dictFolder, variant, prefix] of [
      ['vieneu-0.3b-q4', 'phoneme-dict-v1.1.5', 'v2026', '<|TEXT_PROMPT_START|>'],
      ['vieneu-0.5b-q4', 'phoneme-dict-v1', 'v1-seed', 'user: Convert the text to speech:<|TEXT_PROMPT_START|>'],
    ]) {
      const { b, backbone } = setup({ backbone: id, modelsPath: models }, { frontEnd });
      await b.loadModel({ offline: true });
      const a = asked.pop();
      assert.deepStrictEqual([a?.dictionary, a?.variant], [join(models, dictFolder, 'phoneme_dict.json'), variant], id);
      await collect(b.synthesize({ text: 'Một câu.' }, new AbortController().signal));
      assert.ok(backbone.prompts[0].startsWith(prefix), backbone.prompts[0]);
      assert.match(backbone.prompts[0], /<\|TEXT_PROMPT_END\|>(\nassistant:)?<\|SPEECH_GENERATION_START\|><\|speech_1\|>/);
    }
  });

  it('the codec follows a v1 backbone when the setting is empty or names the MOSS codec; MOSS asked for by name is refused before any download', async () => {
    const models = mkdtempSync(join(tmpdir(), 'vieneu-lb-codec-'));
    mkdirSync(join(models, 'neucodec-onnx-decoder-int8'));
    writeFileSync(join(models, 'neucodec-onnx-decoder-int8', 'model.onnx'), 'x');
    const moss = join(models, 'moss-codec');
    mkdirSync(moss);
    writeFileSync(join(moss, 'codec_browser_onnx_meta.json'), '{}');
    for (const codec of ['', moss]) {
      const opened: string[] = [];
      const { b } = setup({ codec, modelsPath: models }, { codec: async (p) => (opened.push(p), new ValueCodec()) });
      await b.loadModel({ dictionary: dict, offline: true });
      assert.deepStrictEqual(opened, [join(models, 'neucodec-onnx-decoder-int8', 'model.onnx')], `codec setting ${JSON.stringify(codec)}`);
      b.dispose();
    }
    const opened: string[] = [];
    const { b } = setup({ modelsPath: models }, { codec: async (p) => (opened.push(p), new ValueCodec()) });
    await assert.rejects(b.loadModel({ codec: moss, dictionary: dict, offline: true }), (e: unknown) => e instanceof UserError && /MOSS|v3/.test(e.display) && e.display.includes(moss));
    assert.deepStrictEqual(opened, []);
  });

  it('adds custom voices from the configuration; a broken one is skipped and reported', async () => {
    const { b, backbone } = setup({}, {}, () => ({ mine: { codes: [9, 8], text: 'giọng tôi' }, broken: { codesFile: join(dir, 'nope.npy'), text: 'x' } }));
    await b.loadModel({ dictionary: dict, offline: true });
    assert.deepStrictEqual(b.voices().map((v) => [v.id, v.source]), [['Ly', 'preset'], ['mine', 'custom']]);
    assert.match(String(b.status.info?.voiceProblems), /nope\.npy/);
    await collect(b.synthesize({ text: 'Một.', voice: 'mine' }, new AbortController().signal));
    assert.match(backbone.prompts[0], /R\(giọng tôi\).*<\|speech_9\|><\|speech_8\|>$/s);
  });

  it('unloading while a request streams lets it finish before the model is disposed', async () => {
    const { b, backbone } = setup();
    let disposed = 0;
    backbone.dispose = async () => void disposed++;
    await b.loadModel({ dictionary: dict, offline: true });
    const it = b.synthesize({ text: 'Một.' }, new AbortController().signal)[Symbol.asyncIterator]();
    assert.ok(!(await it.next()).done);
    await b.unloadModel();
    assert.strictEqual(disposed, 0, 'still in use');
    while (!(await it.next()).done) {
      /* drain */
    }
    assert.strictEqual(disposed, 1);
  });

  it('a failed load reports the reason: error state without the built-in voice, ready with it', async () => {
    const broken = { backbone: async () => Promise.reject(new UserError('That is not a VieNeu model.', 'model')) };
    const off = setup({ builtinVoice: false }, broken);
    await assert.rejects(off.b.loadModel({ offline: true, dictionary: dict }), UserError);
    assert.deepStrictEqual([off.b.status.state, off.b.status.detail], ['error', 'That is not a VieNeu model.']);
    const on = setup({}, broken);
    await assert.rejects(on.b.loadModel({ offline: true, dictionary: dict }), UserError);
    assert.strictEqual(on.b.status.state, 'ready');
    assert.strictEqual(on.b.status.info?.modelError, 'That is not a VieNeu model.');
  });

  it('a missing model file is a clear error, not a crash', async () => {
    const { b } = setup({ backbone: join(dir, 'absent.gguf') });
    await assert.rejects(b.loadModel({ offline: true }), (e: unknown) => e instanceof UserError && /absent\.gguf/.test(e.message));
  });

  it('loading can be cancelled; the previous state comes back', async () => {
    let release: () => void = () => undefined;
    const slow = { backbone: () => new Promise<never>((_, reject) => (release = () => reject(new Error('late')))) };
    const { b } = setup({}, slow);
    const ac = new AbortController();
    const p = b.loadModel({ offline: true, dictionary: dict }, () => undefined, ac.signal);
    await new Promise((r) => setTimeout(r, 20));
    assert.strictEqual(b.status.state, 'busy');
    ac.abort();
    release();
    await assert.rejects(p, (e: unknown) => isAbortError(e));
    assert.strictEqual(b.status.detail, 'Built-in voice (robotic, espeak-ng)');
    assert.strictEqual(b.modelLoaded, false);
  });
});
