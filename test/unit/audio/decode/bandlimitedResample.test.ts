import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { resampleBandlimited, resampledLength } from '../../../../src/audio/decode/bandlimitedResample';
import { decodeAudioFile } from '../../../../src/audio/decode/decodeAudioFile';

/** Signal-to-difference ratio in dB over the samples both have, edges (filter warm-up) excluded. */
function snrDb(ref: Float32Array, got: Float32Array, edge: number): number {
  let s = 0;
  let e = 0;
  const n = Math.min(ref.length, got.length);
  for (let i = edge; i < n - edge; i++) {
    s += ref[i] * ref[i];
    e += (ref[i] - got[i]) ** 2;
  }
  return 10 * Math.log10(s / Math.max(e, 1e-30));
}

function tone(rate: number, seconds: number, hz: number, amp = 0.5): Float32Array {
  return new Float32Array(Math.round(rate * seconds)).map((_, i) => amp * Math.sin((2 * Math.PI * hz * i) / rate));
}

function rms(x: Float32Array, edge: number): number {
  let s = 0;
  for (let i = edge; i < x.length - edge; i++) s += x[i] * x[i];
  return Math.sqrt(s / (x.length - 2 * edge));
}

function soxRate(input: string, from: number, to: number, out: string): Float32Array {
  const r = spawnSync('sox', ['-t', 'f32', '-r', String(from), '-c', '1', input, '-t', 'f32', out, 'rate', '-v', String(to)]);
  assert.strictEqual(r.status, 0, String(r.stderr));
  const b = fs.readFileSync(out);
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
}

describe('band-limited resampler', function () {
  this.timeout(60000);
  let dir: string;
  let speech: { samples: Float32Array; sampleRate: number } | undefined;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vieneu-resample-'));
    const wav = path.join(dir, 'speech.wav');
    if (spawnSync('espeak-ng', ['-v', 'vi', '-w', wav, 'Xin chào, hôm nay trời đẹp quá.']).status === 0) speech = await decodeAudioFile(wav);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('keeps the duration: round(n · to / from) samples', () => {
    assert.strictEqual(resampleBandlimited(new Float32Array(44100), 44100, 16000).length, 16000);
    assert.strictEqual(resampleBandlimited(new Float32Array(1000), 22050, 48000).length, resampledLength(1000, 22050, 48000));
    assert.strictEqual(resampledLength(1000, 22050, 48000), 2177);
  });

  it('passes a tone in the pass band at its level and removes one above the new Nyquist frequency', () => {
    const pass = resampleBandlimited(tone(44100, 1, 3000), 44100, 16000);
    assert.ok(Math.abs(rms(pass, 800) / (0.5 / Math.SQRT2) - 1) < 0.01, `pass-band level ${rms(pass, 800)}`);
    const alias = resampleBandlimited(tone(44100, 1, 10000), 44100, 16000);
    const db = 20 * Math.log10(rms(alias, 800) / (0.5 / Math.SQRT2));
    assert.ok(db < -70, `a 10 kHz tone comes through at ${db.toFixed(1)} dB`);
  });

  // A ratio with few phases, one with many, an irrational-looking one, up and down.
  for (const [from, to] of [
    [22050, 16000],
    [44100, 48000],
    [48000, 16000],
    [8000, 48000],
    [44056, 16000],
  ] as const) {
    it(`${from} → ${to} Hz agrees with sox's very-high-quality rate effect on speech (> 60 dB below 0.85 × Nyquist, > 40 dB in all)`, function () {
      if (!speech || spawnSync('sh', ['-c', 'command -v sox']).status !== 0) this.skip();
      const input = resampleBandlimited(speech.samples, speech.sampleRate, from);
      const full = path.join(dir, `in-${from}-full.f32`);
      fs.writeFileSync(full, Buffer.from(input.buffer, input.byteOffset, input.byteLength));
      const fullRef = soxRate(full, from, to, path.join(dir, `out-${from}-${to}-full.f32`));
      const all = snrDb(fullRef, resampleBandlimited(input, from, to), Math.round(to * 0.01));
      assert.ok(all > 40, `full band: ${all.toFixed(1)} dB`);
      // Two good resamplers differ only where their filters roll off; below that they must agree closely.
      const raw = path.join(dir, `in-${from}.f32`);
      const band = Math.round(0.85 * (Math.min(from, to) / 2));
      assert.strictEqual(spawnSync('sox', ['-t', 'f32', '-r', String(from), '-c', '1', full, '-t', 'f32', raw, 'sinc', `-${band}`]).status, 0);
      const lb = fs.readFileSync(raw);
      const limited = new Float32Array(lb.buffer.slice(lb.byteOffset, lb.byteOffset + lb.byteLength));
      const out = path.join(dir, `out-${from}-${to}.f32`);
      const r = spawnSync('sox', ['-t', 'f32', '-r', String(from), '-c', '1', raw, '-t', 'f32', out, 'rate', '-v', String(to)]);
      assert.strictEqual(r.status, 0, String(r.stderr));
      const b = fs.readFileSync(out);
      const ref = new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
      const got = resampleBandlimited(limited, from, to);
      assert.ok(Math.abs(ref.length - got.length) <= 1, `lengths ${ref.length} vs ${got.length}`);
      const snr = snrDb(ref, got, Math.round(to * 0.01));
      assert.ok(snr > 60, `pass band: ${snr.toFixed(1)} dB`);
    });
  }
});
