import * as assert from 'assert';
import { ggufSampling } from '../../../../src/local/backbone/ggufBackbone';
import { sampleSpeech, seededRandom, UPSTREAM_MIN_P, UPSTREAM_TOP_P } from '../../../../src/local/backbone/speechSampler';

describe('speech sampler (ONNX runner)', () => {
  // Layout as in a full-vocabulary logits row: 5 text tokens, the end token at 5, 20 speech tokens from 6.
  const logits = Float32Array.from({ length: 26 }, (_, i) => (i < 5 ? 100 : i === 5 ? -5 : Math.sin(i) * 3));

  it('argmax over speech + end at temperature 0, ignoring the (larger) text logits', () => {
    const best = sampleSpeech(logits, 6, 20, 5, 0, 50, Math.random);
    const speech = Array.from(logits.subarray(6));
    assert.strictEqual(best, speech.indexOf(Math.max(...speech)));
    const withEnd = Float32Array.from(logits);
    withEnd[5] = 50;
    assert.strictEqual(sampleSpeech(withEnd, 6, 20, 5, 0, 50, Math.random), 20, 'the end token is candidate number 20');
  });

  it('never draws outside the top k, and draws each of them for some seed', () => {
    const speech = Array.from(logits.subarray(6)).map((v, i) => [v, i] as const);
    const top = new Set(speech.sort((a, b) => b[0] - a[0]).slice(0, 4).map(([, i]) => i));
    const seen = new Set<number>();
    const random = seededRandom(42);
    for (let n = 0; n < 2000; n++) {
      const pick = sampleSpeech(logits, 6, 20, -1, 1, 4, random, 1, 0);
      assert.ok(top.has(pick), `picked ${pick}`);
      seen.add(pick);
    }
    assert.deepStrictEqual([...seen].sort(), [...top].sort());
  });

  it('follows the softmax of logits / temperature', () => {
    const l = Float32Array.of(0, Math.log(3)); // probabilities 1/4 and 3/4 at temperature 1
    const random = seededRandom(7);
    let ones = 0;
    for (let n = 0; n < 4000; n++) ones += sampleSpeech(l, 0, 2, -1, 1, 50, random);
    assert.ok(Math.abs(ones / 4000 - 0.75) < 0.03, `${ones / 4000}`);
    let hot = 0;
    for (let n = 0; n < 4000; n++) hot += sampleSpeech(l, 0, 2, -1, 0.25, 50, random);
    assert.ok(hot / 4000 > 0.97, 'a low temperature sharpens the distribution');
  });

  it('gives the same sequence for the same seed', () => {
    const a = seededRandom(123);
    const b = seededRandom(123);
    const c = seededRandom(124);
    const xs = Array.from({ length: 10 }, () => sampleSpeech(logits, 6, 20, 5, 1, 50, a));
    assert.deepStrictEqual(Array.from({ length: 10 }, () => sampleSpeech(logits, 6, 20, 5, 1, 50, b)), xs);
    assert.notDeepStrictEqual(Array.from({ length: 10 }, () => sampleSpeech(logits, 6, 20, 5, 1, 50, c)), xs);
  });

  /** Logits whose softmax at temperature 1 is `probs`, speech candidates from offset 0. */
  const fromProbs = (probs: number[]) => Float32Array.from(probs, Math.log);
  const draw = (l: Float32Array, n: number, temperature = 1, topP?: number, minP?: number) => {
    const random = seededRandom(99);
    const counts = new Array<number>(l.length).fill(0);
    for (let i = 0; i < n; i++) counts[sampleSpeech(l, 0, l.length, -1, temperature, 50, random, topP, minP)]++;
    return counts;
  };

  it("upstream's cut by default: llama-cpp-python's top-p 0.95 and min-p 0.05", () => {
    assert.deepStrictEqual([UPSTREAM_TOP_P, UPSTREAM_MIN_P], [0.95, 0.05]);
    // Cumulative 0.5, 0.8, 0.92, 0.97: top-p keeps the first four (the one that crosses 0.95 included).
    const counts = draw(fromProbs([0.5, 0.3, 0.12, 0.05, 0.03]), 6000);
    assert.strictEqual(counts[4], 0, 'never a token outside the top-p set');
    assert.ok(counts.slice(0, 4).every((c) => c > 0), counts.join());
    // The survivors are renormalized: 0.5 / 0.97 of the draws for the first.
    assert.ok(Math.abs(counts[0] / 6000 - 0.5 / 0.97) < 0.03, `${counts[0] / 6000}`);
    // With both cuts off every candidate can come out.
    assert.ok(draw(fromProbs([0.5, 0.3, 0.12, 0.05, 0.03]), 6000, 1, 1, 0)[4] > 0);
  });

  it('min-p drops candidates under 5% of the best one; both cuts look at the probabilities before temperature', () => {
    // Top-p would keep three (0.9, 0.94, 0.97); min-p's floor 0.045 leaves only the first.
    assert.deepStrictEqual(draw(fromProbs([0.9, 0.04, 0.03, 0.03]), 2000), [2000, 0, 0, 0]);
    // A high temperature flattens what is drawn from, not which candidates survive.
    const hot = draw(fromProbs([0.5, 0.3, 0.12, 0.05, 0.03]), 6000, 3);
    assert.strictEqual(hot[4], 0);
    assert.ok(hot[3] / 6000 > 0.12, `the kept tail is drawn more often when hot: ${hot[3] / 6000}`);
  });

  it('the end token takes part in the cut like any candidate', () => {
    const l = Float32Array.from([Math.log(0.02), Math.log(0.6), Math.log(0.38)]); // speech 1..2 from offset 1, end at 0
    const random = seededRandom(5);
    for (let i = 0; i < 2000; i++) assert.notStrictEqual(sampleSpeech(l, 1, 2, 0, 1, 50, random), 2, 'the unlikely end token is cut');
  });
});

describe('GGUF runner sampling', () => {
  it("hands llama.cpp upstream's top-p and min-p, and greedy stays greedy", () => {
    assert.deepStrictEqual(ggufSampling({ temperature: 1, topK: 50, maxNewTokens: 10, seed: 3 }), { temperature: 1, topK: 50, topP: 0.95, minP: 0.05, seed: 3 });
    assert.deepStrictEqual(ggufSampling({ temperature: 0, topK: 50, maxNewTokens: 10, topP: 1, minP: 0 }), { temperature: 0, topK: 50, topP: 1, minP: 0, seed: undefined });
  });
});
