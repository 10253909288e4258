import * as assert from 'assert';
import { AudioCollector, EMPTY_RECORDING_RATE } from '../../../src/audio/audioCollector';
import { decodeWav } from '../../../src/audio/wav';

const tone = (seconds: number, rate: number, hz = 440) => Float32Array.from({ length: Math.round(seconds * rate) }, (_, n) => 0.5 * Math.sin((2 * Math.PI * hz * n) / rate));

describe('audio collector (Save Selection as Audio)', () => {
  it('writes a 48 kHz WAV for 48 kHz chunks: header, length and duration at the native rate', () => {
    const c = new AudioCollector();
    c.push({ samples: tone(0.25, 48000), sampleRate: 48000 });
    c.push({ samples: tone(0.5, 48000), sampleRate: 48000 });
    const wav = c.wav();
    assert.strictEqual(wav.readUInt32LE(24), 48000, 'sample rate in the fmt chunk');
    assert.strictEqual(wav.readUInt32LE(28), 96000, 'byte rate');
    const d = decodeWav(wav);
    assert.deepStrictEqual([d.sampleRate, d.samples.length], [48000, 36000]);
    assert.strictEqual(c.seconds, 0.75);
  });

  it('keeps 24 kHz chunks at 24 kHz', () => {
    const c = new AudioCollector();
    c.push({ samples: tone(0.5, 24000), sampleRate: 24000 });
    assert.deepStrictEqual([decodeWav(c.wav()).sampleRate, c.length, c.seconds], [24000, 12000, 0.5]);
  });

  it('a chunk at another rate is resampled to the first chunk\'s, so it keeps its duration and pitch', () => {
    const c = new AudioCollector();
    c.push({ samples: tone(0.5, 48000), sampleRate: 48000 });
    c.push({ samples: tone(0.5, 24000, 1000), sampleRate: 24000 });
    assert.deepStrictEqual([c.sampleRate, c.length], [48000, 48000]);
    const second = c.samples().subarray(24000 + 1000, 48000 - 1000);
    let crossings = 0;
    for (let i = 1; i < second.length; i++) if (second[i - 1] < 0 && second[i] >= 0) crossings++;
    assert.ok(Math.abs(crossings / (second.length / 48000) - 1000) < 10, `${crossings} rising crossings`);
  });

  it('an empty recording is still a valid WAV', () => {
    const d = decodeWav(new AudioCollector().wav());
    assert.deepStrictEqual([d.sampleRate, d.samples.length], [EMPTY_RECORDING_RATE, 0]);
  });
});
