import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../../../src/cli/main';
import { UserError } from '../../../../src/core/errors';
import { presetProblems, type V3VoicesFile } from '../../../../src/local/clone/clonedVoice';
import { cloneModelPaths, VoiceCloner } from '../../../../src/local/clone/cloneVoice';
import { writeCloneFixtures } from '../../../../src/local/fixtures/cloneFixtures';
import { writeFixtures } from '../../../../src/local/fixtures/writeFixtures';

function sh(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 60000 });
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
}

describe('voice cloning, whole path on the fixture graphs', function () {
  this.timeout(120000);
  let dir: string;
  let cloner: VoiceCloner;
  const f = (n: string) => path.join(dir, n);

  before(async function () {
    if (spawnSync('sh', ['-c', 'command -v sox && command -v espeak-ng']).status !== 0) this.skip();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vieneu-clone-'));
    writeCloneFixtures(dir);
    sh('espeak-ng', ['-v', 'vi', '-w', f('a.wav'), 'Xin chào, hôm nay trời đẹp quá. Tôi là người Việt Nam, rất vui được gặp bạn.']);
    sh('espeak-ng', ['-v', 'vi', '-p', '80', '-s', '140', '-w', f('b.wav'), 'Xin chào, hôm nay trời đẹp quá. Tôi là người Việt Nam, rất vui được gặp bạn.']);
    // 44.1 kHz stereo with a second of silence at both ends; a 13 s one to exercise the 8 s cap.
    sh('sox', [f('a.wav'), '-r', '44100', '-c', '2', f('speaker-a.wav'), 'pad', '1', '1']);
    sh('sox', [f('b.wav'), '-r', '44100', '-c', '2', f('speaker-b.flac'), 'pad', '1', '1']);
    sh('sox', [f('a.wav'), '-r', '44100', f('long.wav'), 'repeat', '2']);
    sh('sox', [f('a.wav'), f('short.wav'), 'trim', '0', '1.2', 'pad', '1', '1']);
    sh('sox', ['-n', '-r', '16000', '-c', '1', '-b', '16', f('silent.wav'), 'trim', '0', '4']);
    cloner = await VoiceCloner.load(cloneModelPaths(f('v3-turbo'), f('moss-codec')), { threads: 1 });
  });
  after(async () => {
    await cloner?.dispose();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('gives a 192-d finite embedding and 16-codebook codes, one frame per 3840 samples of the trimmed clip at 48 kHz', async () => {
    const stages: string[] = [];
    const v = await cloner.cloneFile(f('speaker-a.wav'), { onStage: (s) => stages.push(s) });
    assert.deepStrictEqual(stages, ['decode', 'trim', 'speaker', 'codes']);
    assert.strictEqual(v.speakerEmbedding.length, 192);
    assert.ok(v.speakerEmbedding.every(Number.isFinite));
    assert.ok(v.speakerEmbedding.some((x) => x !== 0));
    // The silent second added on each side is gone (espeak-ng's own quiet tail too), the speech is kept.
    const speech = Number(spawnSync('soxi', ['-D', f('a.wav')], { encoding: 'utf8' }).stdout);
    assert.ok(v.seconds <= speech + 0.1 && v.seconds > speech - 0.6, `clip ${v.seconds} s for ${speech} s of speech`);
    const n48 = Math.round(v.seconds * 48000);
    assert.strictEqual(v.codes.length, Math.ceil(n48 / 3840));
    for (const row of v.codes) {
      assert.strictEqual(row.length, 16);
      for (const c of row) assert.ok(Number.isInteger(c) && c >= 0 && c < 1024);
    }
    // The encoder's extra frame (codebook-0 = 455 in the fixture, as in the real one) is not kept.
    assert.notStrictEqual(v.codes[v.codes.length - 1][0], 455);
  });

  it('is deterministic, and another voice gives another embedding and other codes', async () => {
    const a1 = await cloner.cloneFile(f('speaker-a.wav'));
    const a2 = await cloner.cloneFile(f('speaker-a.wav'));
    const b = await cloner.cloneFile(f('speaker-b.flac'));
    assert.deepStrictEqual(Array.from(a1.speakerEmbedding), Array.from(a2.speakerEmbedding));
    assert.deepStrictEqual(a1.codes, a2.codes);
    const dist = Math.hypot(...Array.from(a1.speakerEmbedding, (x, i) => x - b.speakerEmbedding[i]));
    assert.ok(dist > 0.1, `embeddings differ by ${dist}`);
    assert.notDeepStrictEqual(a1.codes.slice(0, 5), b.codes.slice(0, 5));
  });

  it('uses at most 8 s of a longer recording', async () => {
    const v = await cloner.cloneFile(f('long.wav'));
    assert.ok(Math.abs(v.seconds - 8) < 1e-6, `${v.seconds} s`);
    assert.strictEqual(v.codes.length, 100);
  });

  it('with the denoiser: same shapes, 44.1 kHz in between, a different (cleaned) result', async () => {
    const plain = await cloner.cloneFile(f('speaker-a.wav'));
    const stages: string[] = [];
    const clean = await cloner.cloneFile(f('speaker-a.wav'), { denoise: true, onStage: (s) => stages.push(s) });
    assert.deepStrictEqual(stages, ['decode', 'trim', 'denoise', 'speaker', 'codes']);
    assert.ok(clean.denoised);
    assert.strictEqual(clean.speakerEmbedding.length, 192);
    assert.ok(clean.speakerEmbedding.every(Number.isFinite));
    assert.strictEqual(clean.codes.length, plain.codes.length);
    assert.notDeepStrictEqual(Array.from(clean.speakerEmbedding), Array.from(plain.speakerEmbedding));
  });

  it('refuses a clip shorter than 2 s and a silent one, saying what to do', async () => {
    for (const [file, pattern] of [
      ['short.wav', /only 1\.\d s of sound/],
      ['silent.wav', /silent/],
    ] as const) {
      await assert.rejects(cloner.cloneFile(f(file)), (e: unknown) => e instanceof UserError && pattern.test(e.message) && !!e.fix);
    }
  });

  it('stops when cancelled', async () => {
    const ac = new AbortController();
    const p = cloner.cloneFile(f('speaker-a.wav'), { signal: ac.signal, onStage: (s) => s === 'speaker' && ac.abort() });
    await assert.rejects(p, (e: unknown) => (e as Error).name === 'AbortError');
  });

  it('refuses a missing or wrong model file with what to do', async () => {
    await assert.rejects(VoiceCloner.load(cloneModelPaths(f('nowhere'), f('moss-codec'))), (e: unknown) => e instanceof UserError && /missing/.test(e.message));
    fs.mkdirSync(f('wrong'), { recursive: true });
    // The MOSS encoder where the speaker encoder should be: its inputs are checked by name.
    fs.copyFileSync(f('moss-codec/moss_audio_tokenizer_encode.onnx'), f('wrong/speaker_encoder.onnx'));
    await assert.rejects(VoiceCloner.load(cloneModelPaths(f('wrong'), f('moss-codec'))), (e: unknown) => e instanceof UserError && /no input "input"/.test(e.message));
  });

  it('`vieneu clone` writes a voices_v3_turbo.json-format file the engine accepts', async () => {
    const out = f('voice.json');
    const log = console.log;
    const err = console.error;
    const lines: string[] = [];
    console.log = (...a: unknown[]) => lines.push(a.join(' '));
    console.error = () => undefined;
    let code: number;
    try {
      code = await main(['clone', f('speaker-a.wav'), '--name', 'Giọng của tôi', '--backbone', f('v3-turbo'), '--codec', f('moss-codec'), '--threads', '1', '--out', out]);
    } finally {
      console.log = log;
      console.error = err;
    }
    assert.strictEqual(code, 0);
    assert.match(lines.join('\n'), /Wrote voice "Giọng của tôi"/);
    const voices = JSON.parse(fs.readFileSync(out, 'utf8')) as V3VoicesFile;
    assert.strictEqual(voices.default_voice, 'Giọng của tôi');
    const preset = voices.presets['Giọng của tôi'];
    assert.deepStrictEqual(presetProblems(preset), []);
    assert.strictEqual(preset.style, 'tu_nhien');
    assert.ok(!fs.existsSync(`${out}.partial`));
  });

  it('`vieneu clone` refuses a missing --out, a bad name and a folder without the models, saying what to do', async () => {
    const err = console.error;
    const lines: string[] = [];
    console.error = (...a: unknown[]) => lines.push(a.join(' '));
    try {
      const base = [f('speaker-a.wav'), '--backbone', f('v3-turbo'), '--codec', f('moss-codec')];
      assert.strictEqual(await main(['clone', ...base, '--name', 'A']), 1);
      assert.strictEqual(await main(['clone', ...base, '--name', '   ', '--out', f('x.json')]), 1);
      assert.strictEqual(await main(['clone', f('speaker-a.wav'), '--name', 'A', '--backbone', dir, '--codec', f('moss-codec'), '--out', f('x.json')]), 1);
    } finally {
      console.error = err;
    }
    assert.match(lines[0], /--out voice\.json/);
    assert.match(lines[1], /1 to 64 characters/);
    assert.match(lines[2], /not a folder with the v3 Turbo model files\. Give the folder of a downloaded model/);
    assert.ok(!fs.existsSync(f('x.json')));
  });

  it('`vieneu fixtures DIR` writes the cloning graphs beside the other fixtures', function () {
    this.timeout(120000);
    const fx = f('fixtures');
    writeFixtures(fx);
    for (const p of ['v3-turbo/speaker_encoder.onnx', 'v3-turbo/denoiser.onnx', 'moss-codec/moss_audio_tokenizer_encode.onnx']) {
      assert.ok(fs.statSync(path.join(fx, p)).size > 1000, p);
    }
  });
});
