import * as assert from 'assert';
import type { AudioChunk } from '../../../../src/core/types';
import { stretchAudio, stretchGeometry, TimeStretcher } from '../../../../src/local/streaming/timeStretch';

// Every case runs at v1's 24 kHz and v3's 48 kHz: the stretcher works in durations, not sample counts.
for (const SR of [24000, 48000]) {

/** A voiced-speech-like signal: a 150 Hz pitch with harmonics, slowly varying loudness. */
function voiced(seconds: number, f0 = 150): Float32Array {
  return Float32Array.from({ length: Math.round(seconds * SR) }, (_, n) => {
    const t = n / SR;
    const env = 0.6 + 0.3 * Math.sin(2 * Math.PI * 1.3 * t);
    return env * (0.5 * Math.sin(2 * Math.PI * f0 * t) + 0.3 * Math.sin(2 * Math.PI * 2 * f0 * t + 0.5) + 0.15 * Math.sin(2 * Math.PI * 3 * f0 * t + 1));
  });
}

/** Pitch by autocorrelation over 80..400 Hz, on a middle stretch of the signal. */
function pitchHz(x: Float32Array): number {
  const a = Math.floor(x.length / 3);
  const n = SR / 5;
  let best = 0;
  let bestLag = 0;
  for (let lag = Math.floor(SR / 400); lag <= Math.ceil(SR / 80); lag++) {
    let s = 0;
    for (let i = a; i < a + n; i++) s += x[i] * x[i + lag];
    if (s > best) [best, bestLag] = [s, lag];
  }
  return SR / bestLag;
}

function rms(x: Float32Array, from = 0, to = x.length): number {
  let s = 0;
  for (let i = from; i < to; i++) s += x[i] * x[i];
  return Math.sqrt(s / (to - from));
}

function stretchInPieces(x: Float32Array, speed: number, pieces: number[]): Float32Array {
  const ts = new TimeStretcher(speed, SR);
  const out: number[] = [];
  let i = 0;
  for (let p = 0; i < x.length; p++) {
    const n = pieces[p % pieces.length];
    out.push(...ts.push(x.subarray(i, Math.min(x.length, i + n))));
    i += n;
  }
  out.push(...ts.flush());
  return Float32Array.from(out);
}

describe(`time stretch (speaking rate for the VieNeu voice, pitch kept) at ${SR} Hz`, () => {
  it('sizes its frames in time: 32 ms frames, ±8 ms of search', () => {
    const g = stretchGeometry(SR);
    assert.deepStrictEqual([g.frame / SR, g.tolerance / SR, g.hop * 2], [0.032, 0.008, g.frame]);
    assert.throws(() => new TimeStretcher(1.5, 0), RangeError);
  });

  it('changes only when the rate differs from 1 and refuses rates outside 0.25..4', () => {
    assert.deepStrictEqual([undefined, 1, 1.0005, 0.9, 1.5, NaN].map((s) => TimeStretcher.needed(s)), [false, false, false, true, true, false]);
    assert.throws(() => new TimeStretcher(0.1, SR), RangeError);
    assert.throws(() => new TimeStretcher(5, SR), RangeError);
  });

  for (const speed of [0.5, 0.8, 1.25, 1.5, 2]) {
    it(`at ×${speed}: length divided by the rate, same pitch, same loudness`, () => {
      const x = voiced(2);
      const y = stretchInPieces(x, speed, [480 * 7, 1000, 333, 12000]);
      assert.strictEqual(y.length, Math.round(x.length / speed));
      const f = pitchHz(y);
      assert.ok(Math.abs(f - 150) / 150 < 0.02, `pitch ${f.toFixed(1)} Hz, want 150`);
      // A low voice (85 Hz: a period of 11.8 ms) needs the full ±8 ms search to keep its periods aligned.
      const low = stretchInPieces(voiced(2, 85), speed, [4000]);
      const fl = pitchHz(low);
      assert.ok(Math.abs(fl - 85) / 85 < 0.03, `low voice pitch ${fl.toFixed(1)} Hz, want 85`);
      // Naive resampling would move the pitch by the rate: this is what the stretcher must avoid.
      assert.ok(Math.abs(150 * speed - 150) / 150 > 0.1);
      const level = rms(y, 2000, y.length - 2000) / rms(x, 2000, x.length - 2000);
      assert.ok(level > 0.9 && level < 1.1, `loudness ratio ${level.toFixed(3)}`);
    });
  }

  it('gives the same samples whether the audio arrives at once or in pieces', () => {
    const x = voiced(1.2, 210);
    const once = stretchInPieces(x, 1.3, [x.length]);
    const pieces = stretchInPieces(x, 1.3, [100, 4096, 1, 777]);
    assert.deepStrictEqual(pieces, once);
  });

  it('keeps a steady tone steady: frames join in phase, without the dips of plain overlap-add', () => {
    const x = Float32Array.from({ length: SR }, (_, n) => 0.8 * Math.sin((2 * Math.PI * 220 * n) / SR));
    const y = stretchInPieces(x, 1.4, [2400]);
    const levels: number[] = [];
    const ms10 = SR / 100;
    for (let i = 5 * ms10; i + ms10 < y.length - 5 * ms10; i += ms10) levels.push(rms(y, i, i + ms10));
    const [lo, hi] = [Math.min(...levels), Math.max(...levels)];
    assert.ok(lo / hi > 0.9, `10 ms loudness varies from ${lo.toFixed(3)} to ${hi.toFixed(3)}`);
  });

  it('holds a bounded amount of audio however long the utterance', () => {
    const ts = new TimeStretcher(0.75, SR);
    const piece = voiced(0.5);
    let out = 0;
    let held = 0;
    for (let i = 0; i < 40; i++) {
      out += ts.push(piece).length;
      const s = ts as unknown as { input: Float32Array; output: Float32Array };
      held = Math.max(held, s.input.length, s.output.length);
    }
    out += ts.flush().length;
    assert.strictEqual(out, Math.round((40 * piece.length) / 0.75));
    assert.ok(held < piece.length + (4096 * SR) / 24000, `held ${held} samples`);
  });

  it('streams chunks, each keeping the text range it speaks', async () => {
    async function* source(): AsyncGenerator<AudioChunk> {
      yield { samples: voiced(0.5), sampleRate: SR, textRange: { start: 0, end: 5 } };
      yield { samples: voiced(0.5, 180), sampleRate: SR, textRange: { start: 6, end: 12 } };
    }
    const got: AudioChunk[] = [];
    for await (const c of stretchAudio(source(), 2)) got.push(c);
    assert.strictEqual(got.reduce((n, c) => n + c.samples.length, 0), SR / 2);
    assert.deepStrictEqual(got[0].textRange, { start: 0, end: 5 });
    assert.deepStrictEqual(got[got.length - 1].textRange, { start: 6, end: 12 });
    assert.ok(got.every((c) => c.sampleRate === SR));
  });

  it('a chunk at another rate joins the stream at the first chunk\'s rate', async () => {
    const other = SR === 24000 ? 48000 : 24000;
    async function* source(): AsyncGenerator<AudioChunk> {
      yield { samples: voiced(0.5), sampleRate: SR };
      yield { samples: Float32Array.from({ length: other / 2 }, (_, n) => 0.5 * Math.sin((2 * Math.PI * 150 * n) / other)), sampleRate: other };
    }
    const got: AudioChunk[] = [];
    for await (const c of stretchAudio(source(), 2)) got.push(c);
    assert.ok(got.every((c) => c.sampleRate === SR));
    assert.ok(Math.abs(got.reduce((n, c) => n + c.samples.length, 0) - SR / 2) <= 1);
  });
});
}
