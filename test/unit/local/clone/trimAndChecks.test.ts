import * as assert from 'assert';
import { UserError } from '../../../../src/core/errors';
import { assertNotSilent, assertUsableClip, clippedShare } from '../../../../src/local/clone/clipChecks';
import { trimSilence, trimSilenceRange } from '../../../../src/local/clone/trimSilence';

const RATE = 16000;

function tone(seconds: number, amp: number, hz = 220): Float32Array {
  return new Float32Array(Math.round(RATE * seconds)).map((_, i) => amp * Math.sin((2 * Math.PI * hz * i) / RATE));
}

function concat(...parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function refusedWith(fn: () => void, pattern: RegExp): void {
  assert.throws(fn, (err: unknown) => err instanceof UserError && err.code === 'bad-input' && !!err.fix && pattern.test(err.message));
}

describe('edge-silence trim (librosa.effects.trim, 30 dB) and clip checks', () => {
  it('keeps the sound between silent edges, at 512-sample frame resolution with centred 2048-sample frames', () => {
    const x = concat(new Float32Array(RATE), tone(2, 0.5), new Float32Array(RATE));
    const { start, end } = trimSilenceRange(x);
    assert.strictEqual(start % 512, 0);
    // A centred frame reaches 1024 samples either side, so the kept part starts up to 1024 + 512 samples early.
    assert.ok(start <= RATE && start >= RATE - 1536, `start ${start}`);
    assert.ok(end >= 3 * RATE && end <= 3 * RATE + 1536, `end ${end}`);
  });

  it('measures silence relative to the loudest frame: noise 40 dB down is trimmed, 20 dB down is kept', () => {
    const quiet = tone(1, 0.005, 3000);
    const x = concat(quiet, tone(2, 0.5), quiet);
    const { start } = trimSilenceRange(x);
    assert.ok(start >= RATE - 1536, `−40 dB edge kept from ${start}`);
    const louder = tone(1, 0.05, 3000);
    assert.strictEqual(trimSilenceRange(concat(louder, tone(2, 0.5), louder)).start, 0);
  });

  it('keeps all of an all-zero input (as librosa: every frame equals the loudest) and of a clip loud throughout', () => {
    // Digital silence is refused by assertNotSilent before trimming, so this never reaches the encoders.
    assert.deepStrictEqual(trimSilenceRange(new Float32Array(5000)), { start: 0, end: 5000 });
    assert.strictEqual(trimSilence(tone(1, 0.3)).length, RATE);
  });

  it('refuses a silent recording with its level', () => {
    refusedWith(() => assertNotSilent(new Float32Array(RATE)), /silent .*-∞ dBFS/);
    refusedWith(() => assertNotSilent(tone(3, 0.0005)), /silent .*-66 dBFS/);
    assertNotSilent(tone(1, 0.01));
  });

  it('refuses fewer than 2 s and accepts 2 s', () => {
    refusedWith(() => assertUsableClip(tone(1.9, 0.3), RATE), /only 1\.9 s .* at least 2 s/);
    assertUsableClip(tone(2, 0.3), RATE);
  });

  it('refuses a clipped recording (flat tops at full scale) but not one normalized to 0 dBFS', () => {
    const clipped = tone(3, 3).map((v) => Math.max(-1, Math.min(1, v)));
    assert.ok(clippedShare(clipped) > 0.5);
    refusedWith(() => assertUsableClip(clipped, RATE), /distorted: \d+\.\d% .*clipped/);
    const normalized = tone(3, 1);
    assert.ok(clippedShare(normalized) < 0.005, `share ${clippedShare(normalized)}`);
    assertUsableClip(normalized, RATE);
  });
});
