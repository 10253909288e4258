import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { decodeAudioFile } from '../../../../src/audio/decode/decodeAudioFile';
import { resampleBandlimited } from '../../../../src/audio/decode/bandlimitedResample';
import { frameCount, kaldiFbank } from '../../../../src/local/clone/kaldiFbank';
import { PYTHON, pythonHas } from '../../helpers/python';

// torchaudio.compliance.kaldi.fbank with upstream's options, on a raw float32 file; prints a JSON object of
// the float64 and float32 results (the float64 run is the exact reference, float32 is what torch users get).
// One Python process for all inputs: importing torch takes seconds.
const TORCHAUDIO_FBANK = `
import sys, json, numpy as np, torch, torchaudio.compliance.kaldi as K
for stem in sys.argv[1:]:
  x = np.fromfile(stem + ".f32", dtype=np.float32)
  for name, dt in (("f64", torch.float64), ("f32", torch.float32)):
    f = K.fbank(torch.from_numpy(x.astype(np.float64)).to(dt).unsqueeze(0), num_mel_bins=80, sample_frequency=16000,
                frame_length=25.0, frame_shift=10.0, dither=0.0, preemphasis_coefficient=0.97, remove_dc_offset=True,
                window_type="povey", snip_edges=True, use_energy=False, use_log_fbank=True, use_power=True)
    f = f.numpy().astype(np.float64)
    np.asarray(f, dtype=np.float32).tofile(stem + "." + name + ".raw")
    np.asarray(f - f.mean(axis=0, keepdims=True), dtype=np.float32).tofile(stem + "." + name + ".cmn.raw")
`;

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  assert.strictEqual(a.length, b.length, 'lengths differ');
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

function noise(n: number, seed: number): Float32Array {
  let s = seed >>> 0 || 1;
  return new Float32Array(n).map(() => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32 - 0.5;
  });
}

const cases: Array<[string, () => Float32Array]> = [
  [
    'synthetic: chirp + harmonics + noise + DC offset',
    () => {
      const n = 16000 * 3 + 77;
      const nz = noise(n, 9);
      return new Float32Array(n).map((_, i) => {
        const tt = i / 16000;
        return 0.05 + 0.3 * Math.sin(2 * Math.PI * (100 + 900 * tt) * tt) + 0.1 * Math.sin(2 * Math.PI * 2500 * tt) + 0.02 * nz[i];
      });
    },
  ],
  ['synthetic: quiet white noise', () => noise(16000 * 2, 17).map((v) => v * 0.002)],
];

const tagOf = (name: string) => name.replace(/\W+/g, '_');

describe('Kaldi fbank (speaker-encoder features)', function () {
  this.timeout(120000);
  let dir: string;
  const haveTorchaudio = pythonHas('torchaudio');

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vieneu-fbank-'));
    for (const [name, make] of cases) inputs[tagOf(name)] = make();
    const wav = path.join(dir, 'speech.wav');
    const r = spawnSync('espeak-ng', ['-v', 'vi', '-w', wav, 'Xin chào, hôm nay trời đẹp quá. Tôi là người Việt Nam.'], { timeout: 30000 });
    if (r.status === 0) {
      const decoded = await decodeAudioFile(wav);
      inputs.speech = resampleBandlimited(decoded.samples, decoded.sampleRate, 16000);
    }
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const inputs: Record<string, Float32Array> = {};
  const stem = (tag: string) => path.join(dir, tag);

  /** torchaudio's results for every input registered below, computed once. */
  function torchaudio(tag: string): Record<'f64' | 'f32' | 'f64cmn' | 'f32cmn', Float32Array> {
    if (!fs.existsSync(`${stem(tag)}.f64.raw`)) {
      const tags = Object.keys(inputs);
      for (const t of tags) fs.writeFileSync(`${stem(t)}.f32`, Buffer.from(inputs[t].buffer, inputs[t].byteOffset, inputs[t].byteLength));
      const r = spawnSync(PYTHON, ['-c', TORCHAUDIO_FBANK, ...tags.map(stem)], { encoding: 'utf8', timeout: 90000 });
      assert.strictEqual(r.status, 0, r.stderr);
    }
    const read = (suffix: string) => {
      const b = fs.readFileSync(`${stem(tag)}.${suffix}.raw`);
      return new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4);
    };
    return { f64: read('f64'), f32: read('f32'), f64cmn: read('f64.cmn'), f32cmn: read('f32.cmn') };
  }

  it('counts whole frames only (snip_edges): 1 s at 16 kHz gives 98 frames of 80 bins', () => {
    const f = kaldiFbank(noise(16000, 3));
    assert.strictEqual(f.frames, 98);
    assert.strictEqual(f.bins, 80);
    assert.strictEqual(frameCount(399, 400, 160), 0);
    assert.strictEqual(frameCount(400, 400, 160), 1);
  });

  it('subtracts the per-utterance mean of every bin', () => {
    const f = kaldiFbank(noise(32000, 5));
    for (let b = 0; b < 80; b++) {
      let m = 0;
      for (let i = 0; i < f.frames; i++) m += f.data[i * 80 + b];
      assert.ok(Math.abs(m / f.frames) < 1e-5, `bin ${b} mean ${m / f.frames}`);
    }
  });

  for (const [name] of cases) {
    it(`matches torchaudio to 1e-4 — ${name}`, function () {
      if (!haveTorchaudio) this.skip();
      const wave = inputs[tagOf(name)];
      const ref = torchaudio(tagOf(name));
      const raw = kaldiFbank(wave, { meanNormalize: false });
      const cmn = kaldiFbank(wave);
      assert.ok(maxAbsDiff(raw.data, ref.f64) < 1e-4, `raw vs float64: ${maxAbsDiff(raw.data, ref.f64)}`);
      assert.ok(maxAbsDiff(cmn.data, ref.f64cmn) < 1e-4, `mean-normalized vs float64: ${maxAbsDiff(cmn.data, ref.f64cmn)}`);
      // torchaudio in float32 drifts from the exact result by its own rounding (up to ~3e-3 on this input).
      assert.ok(maxAbsDiff(cmn.data, ref.f32cmn) < 5e-3, `mean-normalized vs float32: ${maxAbsDiff(cmn.data, ref.f32cmn)}`);
    });
  }

  it('matches torchaudio to 1e-4 on real speech (espeak-ng, resampled to 16 kHz)', async function () {
    if (!haveTorchaudio || !inputs.speech) this.skip();
    const wave = inputs.speech;
    const ref = torchaudio('speech');
    const cmn = kaldiFbank(wave);
    assert.ok(cmn.frames > 200);
    assert.ok(maxAbsDiff(kaldiFbank(wave, { meanNormalize: false }).data, ref.f64) < 1e-4);
    assert.ok(maxAbsDiff(cmn.data, ref.f64cmn) < 1e-4, `vs float64: ${maxAbsDiff(cmn.data, ref.f64cmn)}`);
    assert.ok(maxAbsDiff(cmn.data, ref.f32cmn) < 1e-3, `vs float32: ${maxAbsDiff(cmn.data, ref.f32cmn)}`);
  });
});
