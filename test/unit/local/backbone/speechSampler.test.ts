import * as assert from 'assert';
import { sampleSpeech, seededRandom } from '../../../../src/local/backbone/speechSampler';

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
      const pick = sampleSpeech(logits, 6, 20, -1, 1, 4, random);
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
});
