import * as assert from 'assert';
import { encodeWav, decodeWav, wavHeader } from '../../../src/audio/wav';
import { resample } from '../../../src/audio/resample';

describe('wav', () => {
  it('round-trips float samples through PCM16 within one quantization step', () => {
    const s = new Float32Array(1000).map((_, i) => Math.sin(i / 10) * 0.8);
    const d = decodeWav(encodeWav(s, 24000));
    assert.strictEqual(d.sampleRate, 24000);
    assert.strictEqual(d.samples.length, 1000);
    for (let i = 0; i < s.length; i++) assert.ok(Math.abs(d.samples[i] - s[i]) < 1 / 16384);
  });

  it('clips out-of-range samples instead of wrapping', () => {
    const d = decodeWav(encodeWav(new Float32Array([2, -2, NaN]), 8000));
    assert.ok(d.samples[0] > 0.99 && d.samples[1] <= -0.99 && d.samples[2] === 0);
  });

  it('reads a truncated file as far as it goes and refuses non-WAV bytes', () => {
    const full = encodeWav(new Float32Array(100).fill(0.5), 24000);
    assert.strictEqual(decodeWav(full.subarray(0, 44 + 50)).samples.length, 25);
    assert.throws(() => decodeWav(Buffer.from('<html>ERR_NGROK_3200</html>')), /not a WAV/);
  });

  it('writes a header whose sizes match the data', () => {
    const h = wavHeader(24000, 480);
    assert.strictEqual(h.readUInt32LE(4), 36 + 480);
    assert.strictEqual(h.readUInt32LE(28), 48000);
  });
});

describe('resample', () => {
  it('keeps duration and the frequency of a tone', () => {
    const from = 22050, to = 24000, f = 440;
    const x = new Float32Array(from).map((_, i) => Math.sin((2 * Math.PI * f * i) / from));
    const y = resample(x, from, to);
    assert.strictEqual(y.length, to);
    let crossings = 0;
    for (let i = 1; i < y.length; i++) if (y[i - 1] < 0 && y[i] >= 0) crossings++;
    assert.ok(Math.abs(crossings - f) <= 2, `crossings ${crossings}`);
  });

  it('is the identity when the rates match', () => {
    const x = new Float32Array([0.1, 0.2]);
    assert.deepStrictEqual(resample(x, 24000, 24000), x);
  });
});
