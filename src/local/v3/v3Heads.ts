// The tied embeddings/heads of vieneu_v3_heads.npz (text_emb, audio_emb, the x-vector projection) as float32,
// and the dot products the engine takes with them: every logit is hidden · an embedding row.
import { readNpz, type NpyArray } from './npz';

export interface V3Heads {
  hidden: number;
  textRows: number;
  nVq: number;
  audioRows: number;
  /** (textRows, H) */
  textEmb: Float32Array;
  /** (nVq, audioRows, H) */
  audioEmb: Float32Array;
  xvec?: { w: Float32Array; b: Float32Array; lnW: Float32Array; lnB: Float32Array; eps: number; dim: number };
}

function floats(a: NpyArray | undefined, name: string, shape?: number[]): Float32Array {
  if (!a) throw new Error(`it has no ${name} array`);
  if (!(a.data instanceof Float32Array)) throw new Error(`${name} is not a float array`);
  if (shape && (a.shape.length !== shape.length || a.shape.some((d, i) => shape[i] >= 0 && d !== shape[i]))) {
    throw new Error(`${name} has shape (${a.shape.join(', ')}), expected (${shape.map((d) => (d < 0 ? '?' : d)).join(', ')})`);
  }
  return a.data;
}

export function parseV3Heads(bytes: Uint8Array, expect: { hidden: number; nVq: number; textVocab: number }, label: string): V3Heads {
  const z = readNpz(bytes, label);
  const H = expect.hidden;
  const textEmb = floats(z.get('text_emb'), 'text_emb', [expect.textVocab, H]);
  const audio = z.get('audio_emb');
  const audioEmb = floats(audio, 'audio_emb', [expect.nVq, -1, H]);
  const heads: V3Heads = { hidden: H, textRows: expect.textVocab, nVq: expect.nVq, audioRows: audio!.shape[1], textEmb, audioEmb };
  if (z.has('xvec_w')) {
    const w = floats(z.get('xvec_w'), 'xvec_w', [H, -1]);
    const eps = z.get('xvec_ln_eps');
    heads.xvec = {
      w,
      dim: z.get('xvec_w')!.shape[1],
      b: floats(z.get('xvec_b'), 'xvec_b', [H]),
      lnW: floats(z.get('xvec_ln_w'), 'xvec_ln_w', [H]),
      lnB: floats(z.get('xvec_ln_b'), 'xvec_ln_b', [H]),
      eps: eps ? Number(eps.data[0]) : 1e-5,
    };
  }
  return heads;
}

/** out[r] = vec · table[rowOffset + r] for r < rows (each row H long). A 4-way unrolled loop. */
export function rowDots(vec: Float32Array, vecOffset: number, table: Float32Array, rowOffset: number, rows: number, H: number, out: Float32Array): Float32Array {
  const h4 = H - (H % 4);
  for (let r = 0; r < rows; r++) {
    const base = (rowOffset + r) * H;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let k = 0;
    for (; k < h4; k += 4) {
      s0 += vec[vecOffset + k] * table[base + k];
      s1 += vec[vecOffset + k + 1] * table[base + k + 1];
      s2 += vec[vecOffset + k + 2] * table[base + k + 2];
      s3 += vec[vecOffset + k + 3] * table[base + k + 3];
    }
    for (; k < H; k++) s0 += vec[vecOffset + k] * table[base + k];
    out[r] = s0 + s1 + s2 + s3;
  }
  return out;
}
