import * as assert from 'assert';
import { buildPromptGrid, embedRows, speakerAnchor } from '../../../../src/local/v3/v3Prompt';
import type { V3Heads } from '../../../../src/local/v3/v3Heads';

const ids = { nVq: 2, tps: 3, tpe: 4, styleId: 16, refSlot: 7, audioPad: 9 };

/** H = 2, 20 text rows (row r = [r, 10r]), 2 codebooks of 3 rows (codebook q row i = [100q + i, 0]). */
function heads(): V3Heads {
  const textEmb = new Float32Array(20 * 2);
  for (let r = 0; r < 20; r++) textEmb.set([r, 10 * r], 2 * r);
  const audioEmb = new Float32Array(2 * 3 * 2);
  for (let q = 0; q < 2; q++) for (let i = 0; i < 3; i++) audioEmb.set([100 * (q + 1) + i, 0], (q * 3 + i) * 2);
  return {
    hidden: 2,
    textRows: 20,
    nVq: 2,
    audioRows: 3,
    textEmb,
    audioEmb,
    xvec: { w: Float32Array.of(1, 0, 0, 2), b: Float32Array.of(0, 1), lnW: Float32Array.of(1, 1), lnB: Float32Array.of(0, 0.5), eps: 0, dim: 2 },
  };
}

describe('v3 Turbo prompt grid and speaker anchor', () => {
  it('builds [style, tps, phones…, tpe] text rows with padded audio columns, then [ref_slot, codes] rows', () => {
    const g = buildPromptGrid([11, 12], Int32Array.of(0, 1, 2, 0), ids);
    assert.strictEqual(g.rows, 7);
    assert.strictEqual(g.width, 3);
    assert.deepStrictEqual([...g.ids], [16, 9, 9, 3, 9, 9, 11, 9, 9, 12, 9, 9, 4, 9, 9, 7, 0, 1, 7, 2, 0]);
  });

  it('has only text rows without reference codes', () => {
    const g = buildPromptGrid([], undefined, ids);
    assert.deepStrictEqual([...g.ids], [16, 9, 9, 3, 9, 9, 4, 9, 9]);
  });

  it('projects the speaker embedding then layer-normalizes it with the biased variance', () => {
    // W·[3, 1] + b = [3, 3]: zero variance, so the normalized part is 0 and the anchor is ln_b.
    assert.deepStrictEqual([...speakerAnchor({ ...heads(), xvec: { ...heads().xvec!, eps: 1e-5 } }, Float32Array.of(3, 1))], [0, 0.5]);
    // W·[1, 2] + b = [1, 5]: mean 3, variance 4 → [-1, 1], then + ln_b.
    assert.deepStrictEqual([...speakerAnchor(heads(), Float32Array.of(1, 2))], [-1, 1.5]);
  });

  it('refuses an all-zero embedding and one of the wrong size', () => {
    assert.throws(() => speakerAnchor(heads(), Float32Array.of(0, 0)), /all zero/);
    assert.throws(() => speakerAnchor(heads(), Float32Array.of(1, 2, 3)), /3 values, the model takes 2/);
  });

  it('embeds a row as text_emb[col 0] + audio_emb of each unpadded column + the anchor', () => {
    const g = buildPromptGrid([11], Int32Array.of(2, 9), { ...ids, audioPad: 9 });
    // Rows: 16, 3, 11, 4 (text, all padded) and [7, 2, 9]: codebook 1 padded, codebook 0 id 2.
    const e = embedRows(g, heads(), 9, Float32Array.of(0.5, -1));
    assert.deepStrictEqual([...e.subarray(0, 2)], [16.5, 159]);
    assert.deepStrictEqual([...e.subarray(8, 10)], [7 + 102 + 0.5, 70 - 1]);
  });
});
