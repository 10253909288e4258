import * as assert from 'assert';
import { linearOverlapAdd, OverlapAdder, overlapWeight } from '../../../../src/local/streaming/overlapAdd';

function rand(n: number, seed: number): Float32Array {
  let s = seed;
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    a[i] = (s / 2 ** 32) * 2 - 1;
  }
  return a;
}

function concat(parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

describe('overlap-add', () => {
  it('weights: triangle peaks mid-frame, ramp is upstream 1 - t', () => {
    const L = 9;
    assert.ok(overlapWeight('triangle', 4, L) > overlapWeight('triangle', 0, L));
    assert.ok(Math.abs(overlapWeight('triangle', 0, L) - overlapWeight('triangle', L - 1, L)) < 1e-12);
    assert.ok(Math.abs(overlapWeight('ramp', 0, L) - L / (L + 1)) < 1e-12);
    assert.ok(Math.abs(overlapWeight('ramp', L - 1, L) - 1 / (L + 1)) < 1e-12);
  });

  it('a single frame passes through unchanged', () => {
    const f = rand(100, 1);
    const out = linearOverlapAdd([f], 80);
    assert.deepStrictEqual(Array.from(out), Array.from(f));
  });

  it('equal frames overlap-add to the same signal', () => {
    const f = new Float32Array(30).fill(0.5);
    const out = linearOverlapAdd([f, f, f], 25);
    assert.strictEqual(out.length, 80);
    for (const x of out) assert.ok(Math.abs(x - 0.5) < 1e-6);
  });

  it('cross-fades in the overlap (triangle): the blend lies between both frames', () => {
    const a = new Float32Array(27).fill(1);
    const b = new Float32Array(27).fill(-1);
    const out = linearOverlapAdd([a, b], 25);
    assert.strictEqual(out[24], 1);
    assert.ok(out[25] < 1 && out[25] > -1);
    assert.ok(out[26] < out[25]);
    assert.strictEqual(out[27], -1);
  });

  for (const kind of ['triangle', 'ramp'] as const) {
    it(`incremental equals whole-signal (${kind}), with a short last frame`, () => {
      const stride = 120;
      const frames = [rand(130, 2), rand(130, 3), rand(130, 4), rand(130, 5), rand(57, 6)];
      const ref = linearOverlapAdd(frames, stride, kind);
      const ola = new OverlapAdder(stride, kind);
      const parts: Float32Array[] = [];
      for (const f of frames.slice(0, -1)) {
        const p = ola.add(f);
        assert.strictEqual(p.length, stride, 'each regular frame releases exactly one stride');
        parts.push(p);
      }
      parts.push(ola.finish(frames[frames.length - 1]));
      const got = concat(parts);
      assert.strictEqual(got.length, ref.length);
      for (let i = 0; i < ref.length; i++) assert.ok(Math.abs(got[i] - ref[i]) < 1e-6, `sample ${i}`);
    });
  }

  it('keeps only the pending overlap in memory', () => {
    const ola = new OverlapAdder(100);
    for (let i = 0; i < 1000; i++) ola.add(rand(110, i));
    assert.strictEqual(ola.position, 100 * 1000);
    assert.strictEqual(ola.finish().length, 10);
  });
});
