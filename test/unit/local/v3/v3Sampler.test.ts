import * as assert from 'assert';
import { ChannelWindow, sampleCode } from '../../../../src/local/v3/v3Sampler';

const opts = { temperature: 1, topK: 0, topP: 1, repetitionPenalty: 1 };
const fixed = (u: number) => () => u;

describe('v3 Turbo sampler', () => {
  it('keeps the codes of the last `window` frames only', () => {
    const w = new ChannelWindow(16, 3);
    for (const c of [5, 7, 5]) w.add(c);
    assert.deepStrictEqual([...w.distinct].sort(), [5, 7]);
    w.add(9); // the first 5 leaves; the second stays
    assert.deepStrictEqual([...w.distinct].sort((a, b) => a - b), [5, 7, 9]);
    w.add(1); // 7 leaves
    assert.deepStrictEqual([...w.distinct].sort((a, b) => a - b), [1, 5, 9]);
    assert.ok(!w.has(7));
  });

  it('penalizes seen codes: negative logits times the penalty, positive ones divided (greedy after the penalty)', () => {
    const w = new ChannelWindow(4, 64);
    w.add(0);
    w.add(2);
    const logits = Float32Array.of(2.4, 2.1, -1, 0.5);
    assert.strictEqual(sampleCode(logits, { ...opts, temperature: 0, repetitionPenalty: 1.2 }, w, fixed(0)), 1);
    assert.ok(Math.abs(logits[0] - 2) < 1e-6);
    assert.ok(Math.abs(logits[2] + 1.2) < 1e-6);
    assert.strictEqual(logits[1], Float32Array.of(2.1)[0]);
  });

  it('cuts top-p on the exclusive cumulative probability and renormalizes', () => {
    // Probabilities 0.5, 0.3, 0.15, 0.05: exclusive sums 0, 0.5, 0.8, 0.95 → top-p 0.7 keeps the first two.
    const logits = () => Float32Array.from([0.5, 0.3, 0.15, 0.05].map(Math.log));
    const o = { ...opts, topP: 0.7 };
    assert.strictEqual(sampleCode(logits(), o, undefined, fixed(0.6)), 0); // 0.6 · 0.8 = 0.48 < 0.5
    assert.strictEqual(sampleCode(logits(), o, undefined, fixed(0.65)), 1); // 0.52 ≥ 0.5
    assert.strictEqual(sampleCode(logits(), o, undefined, fixed(0.999)), 1); // never the cut tokens
    assert.strictEqual(sampleCode(logits(), { ...opts, topP: 1 }, undefined, fixed(0.999)), 3);
  });

  it('keeps the top-k candidates in descending order and divides by the temperature', () => {
    const logits = () => Float32Array.of(0, 3, 1, 2);
    assert.strictEqual(sampleCode(logits(), { ...opts, topK: 2 }, undefined, fixed(0.999)), 3);
    assert.strictEqual(sampleCode(logits(), { ...opts, topK: 2 }, undefined, fixed(0)), 1);
    // Very low temperature: all mass on the best.
    assert.strictEqual(sampleCode(logits(), { ...opts, temperature: 0.01 }, undefined, fixed(0.999)), 1);
  });
});
