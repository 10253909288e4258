import * as assert from 'assert';
import { CodeStreamer, SAMPLES_PER_CODE, V1_STREAMING } from '../../../../src/local/streaming/codeStreamer';
import { overlapWeight } from '../../../../src/local/streaming/overlapAdd';

const HOP = SAMPLES_PER_CODE;

/** A decoder double whose audio for code c is the constant c / 65536 over its 480 samples. */
function codeValueDecoder(windows: Array<[number, number]> = []) {
  return async (codes: Int32Array) => {
    windows.push([codes[0], codes.length]);
    const out = new Float32Array(codes.length * HOP);
    codes.forEach((c, i) => out.fill(c / 65536, i * HOP, (i + 1) * HOP));
    return out;
  };
}

async function run(ref: number[], generated: number[], windows: Array<[number, number]> = []) {
  const s = new CodeStreamer(codeValueDecoder(windows), ref);
  const pieces: Array<{ after: number; audio: Float32Array }> = [];
  let maxHeld = 0;
  for (const c of generated) {
    const a = await s.push(c);
    maxHeld = Math.max(maxHeld, s.heldCodes);
    if (a) pieces.push({ after: s.codeCount, audio: a });
  }
  pieces.push({ after: s.codeCount, audio: await s.finish() });
  return { pieces, maxHeld };
}

describe('code streamer (upstream windows)', () => {
  const ref = Array.from({ length: 130 }, (_, i) => 60000 + i);

  it('first audio once 30 codes exist, then every 25; total length = codes x 480', async () => {
    const gen = Array.from({ length: 137 }, (_, i) => i * 7);
    const { pieces } = await run(ref, gen);
    assert.deepStrictEqual(
      pieces.map((p) => p.after),
      [30, 55, 80, 105, 130, 137],
    );
    for (const p of pieces.slice(0, -1)) assert.strictEqual(p.audio.length, 25 * HOP);
    const total = pieces.reduce((n, p) => n + p.audio.length, 0);
    assert.strictEqual(total, gen.length * HOP);
  });

  it('each sample speaks its own code (windows cut at the right place)', async () => {
    const gen = Array.from({ length: 91 }, (_, i) => 1000 + i * 13);
    const { pieces } = await run(ref, gen);
    const audio = pieces.flatMap((p) => Array.from(p.audio));
    gen.forEach((c, i) => {
      for (const j of [0, HOP / 2, HOP - 1]) assert.ok(Math.abs(audio[i * HOP + j] - c / 65536) < 1e-6, `code ${i}`);
    });
  });

  it('decodes with upstream windows: 50 codes (+1 overlap) of look-back from the reference', async () => {
    const windows: Array<[number, number]> = [];
    const gen = Array.from({ length: 60 }, (_, i) => i);
    await run(ref, gen, windows);
    // first window: ref[130-51..130) + 30 generated codes
    assert.deepStrictEqual(windows[0], [ref[130 - 51], 51 + 30]);
    // second, once 55 exist: starts 51 before generated[25] (still inside the reference), ends at the newest
    assert.deepStrictEqual(windows[1], [ref[130 + 25 - 51], 51 + 30]);
    // tail: 51 codes before generated[50] (the last reference code) and the 10 left
    assert.deepStrictEqual(windows[2], [ref[129], 51 + 10]);
  });

  it('works without reference context and for fewer than 30 codes', async () => {
    const { pieces } = await run([], [5, 6, 7]);
    assert.strictEqual(pieces.length, 1);
    assert.strictEqual(pieces[0].audio.length, 3 * HOP);
    const none = await run(ref, []);
    assert.strictEqual(none.pieces[0].audio.length, 0);
  });

  it('memory stays bounded however long the stream', async () => {
    const gen = Array.from({ length: 5000 }, (_, i) => i % 65536);
    const s = new CodeStreamer(async (c) => new Float32Array(c.length * HOP), ref);
    let maxHeld = 0;
    let samples = 0;
    for (const c of gen) {
      samples += (await s.push(c))?.length ?? 0;
      maxHeld = Math.max(maxHeld, s.heldCodes);
    }
    samples += (await s.finish()).length;
    const p = V1_STREAMING;
    assert.ok(maxHeld <= p.lookback + p.overlap + p.framesPerChunk + p.lookforward, `held ${maxHeld}`);
    assert.strictEqual(samples, gen.length * HOP);
  });

  it("V1_STREAMING: upstream's window sizes with encodec's triangle, named for what it is", () => {
    const p = V1_STREAMING;
    assert.deepStrictEqual([p.framesPerChunk, p.lookback, p.lookforward, p.overlap, p.weight], [25, 50, 5, 1, 'triangle']);
    // In the 2-code overlap of two decoded windows, the share of the newer frame: upstream's literal weight
    // (ramp) starts at 93% (a near-hard cut), the triangle fades from 0 to 100%.
    const len = (p.framesPerChunk + 2 * p.overlap) * SAMPLES_PER_CODE;
    const stride = p.framesPerChunk * SAMPLES_PER_CODE;
    const share = (kind: 'ramp' | 'triangle', j: number) => {
      const neu = overlapWeight(kind, j, len);
      return neu / (neu + overlapWeight(kind, stride + j, len));
    };
    assert.ok(share('ramp', 0) > 0.92 && share('ramp', len - stride - 1) > 0.99);
    assert.ok(share('triangle', 0) < 0.01 && share('triangle', len - stride - 1) > 0.99);
    assert.ok(Math.abs(share('triangle', (len - stride) / 2) - 0.5) < 0.01);
  });
});
