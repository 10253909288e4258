import * as assert from 'assert';
import { resample } from '../../../src/audio/resample';

const tone = (n: number, rate: number, hz: number) => Float32Array.from({ length: n }, (_, i) => 0.8 * Math.sin((2 * Math.PI * hz * i) / rate));
const rms = (x: Float32Array) => Math.sqrt(x.reduce((s, v) => s + v * v, 0) / x.length);
/** Frequency from rising zero crossings over the middle of a signal. */
function hz(x: Float32Array, rate: number): number {
  const mid = x.subarray(Math.floor(x.length / 4), Math.floor((3 * x.length) / 4));
  let n = 0;
  for (let i = 1; i < mid.length; i++) if (mid[i - 1] < 0 && mid[i] >= 0) n++;
  return n / (mid.length / rate);
}

describe('resample (24 kHz, 48 kHz and espeak-ng 22.05 kHz)', () => {
  for (const [from, to] of [[24000, 48000], [48000, 24000], [22050, 48000], [48000, 22050]]) {
    it(`${from} → ${to} Hz keeps duration, frequency and level of a 1 kHz tone`, () => {
      const x = tone(from / 2, from, 1000);
      const y = resample(x, from, to);
      assert.strictEqual(y.length, Math.round(to / 2));
      assert.ok(Math.abs(hz(y, to) - 1000) < 10, `${hz(y, to)} Hz`);
      const level = rms(y.subarray(100, y.length - 100)) / rms(x);
      assert.ok(level > 0.97 && level < 1.03, `level ${level}`);
    });
  }

  it('48 → 24 kHz removes what 24 kHz cannot hold (a 15 kHz tone) instead of folding it down to 9 kHz', () => {
    const y = resample(tone(24000, 48000, 15000), 48000, 24000);
    assert.ok(rms(y.subarray(200, y.length - 200)) < 0.05, `rms ${rms(y)}`);
  });

  it('the same rate gives a copy', () => {
    const x = tone(100, 48000, 440);
    const y = resample(x, 48000, 48000);
    assert.deepStrictEqual(y, x);
    assert.notStrictEqual(y, x);
  });
});
