// The v3 Turbo prompt: a (T, nVq+1) grid of ids — text rows [style, tps, …phone ids…, tpe] with every audio
// column padded, then one [ref_slot, c0..c15] row per reference frame — embedded as text_emb[col 0] plus
// audio_emb[ch][id] for each unpadded column plus the speaker anchor (upstream _build_rows / _embed_rows).
import type { V3Config } from './v3Config';
import type { V3Heads } from './v3Heads';

export interface PromptGrid {
  rows: number;
  width: number;
  /** rows × width ids, row-major. */
  ids: Int32Array;
}

export function buildPromptGrid(phoneIds: readonly number[], refCodes: Int32Array | undefined, c: Pick<V3Config, 'nVq' | 'tps' | 'tpe' | 'styleId' | 'refSlot' | 'audioPad'>): PromptGrid {
  const width = c.nVq + 1;
  const text = [c.styleId, c.tps, ...phoneIds, c.tpe];
  const refFrames = refCodes ? refCodes.length / c.nVq : 0;
  const rows = text.length + refFrames;
  const ids = new Int32Array(rows * width).fill(c.audioPad);
  text.forEach((id, r) => (ids[r * width] = id));
  for (let f = 0; f < refFrames; f++) {
    const r = text.length + f;
    ids[r * width] = c.refSlot;
    ids.set(refCodes!.subarray(f * c.nVq, (f + 1) * c.nVq), r * width + 1);
  }
  return { rows, width, ids };
}

/** LayerNorm(W·spk + b) with the biased variance, then ·ln_w + ln_b; an all-zero embedding is refused. */
export function speakerAnchor(heads: V3Heads, speakerEmb: Float32Array): Float32Array {
  const x = heads.xvec;
  if (!x) throw new Error('vieneu_v3_heads.npz has no x-vector projection (xvec_w): it is not the speaker-embedding model');
  if (speakerEmb.length !== x.dim) throw new Error(`the speaker embedding has ${speakerEmb.length} values, the model takes ${x.dim}`);
  if (!speakerEmb.some((v) => v !== 0)) throw new Error('the speaker embedding is all zero');
  const H = heads.hidden;
  const v = new Float64Array(H);
  for (let i = 0; i < H; i++) {
    let s = x.b[i];
    for (let j = 0; j < x.dim; j++) s += x.w[i * x.dim + j] * speakerEmb[j];
    v[i] = s;
  }
  let mean = 0;
  for (let i = 0; i < H; i++) mean += v[i];
  mean /= H;
  let varSum = 0;
  for (let i = 0; i < H; i++) varSum += (v[i] - mean) ** 2;
  const inv = 1 / Math.sqrt(varSum / H + x.eps);
  const out = new Float32Array(H);
  for (let i = 0; i < H; i++) out[i] = (v[i] - mean) * inv * x.lnW[i] + x.lnB[i];
  return out;
}

/** Embeds grid rows [from, to) into `out` (rows × H). */
export function embedRows(grid: PromptGrid, heads: V3Heads, audioPad: number, anchor: Float32Array | undefined, out = new Float32Array(grid.rows * heads.hidden), from = 0, to = grid.rows): Float32Array {
  const H = heads.hidden;
  for (let r = from; r < to; r++) {
    const o = (r - from) * H;
    const base = r * grid.width;
    const t = grid.ids[base] * H;
    for (let k = 0; k < H; k++) out[o + k] = heads.textEmb[t + k];
    for (let ch = 0; ch < grid.width - 1; ch++) {
      const id = grid.ids[base + 1 + ch];
      if (id === audioPad) continue;
      const a = (ch * heads.audioRows + id) * H;
      for (let k = 0; k < H; k++) out[o + k] += heads.audioEmb[a + k];
    }
    if (anchor) for (let k = 0; k < H; k++) out[o + k] += anchor[k];
  }
  return out;
}
