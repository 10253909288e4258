// Upstream's per-codebook sampling (OnnxV3LiteEngine._sample) and its sliding-window repetition history
// (rep_history.py): penalty on the codes of the last `window` frames of that codebook (a logit < 0 times the
// penalty, otherwise divided), then temperature (0 = argmax), top-k sorted, softmax, top-p keeping the tokens
// whose exclusive cumulative probability is below p, renormalize, draw.

export const V3_SAMPLING = { temperature: 0.8, topK: 25, topP: 0.95, repetitionPenalty: 1.2, repetitionWindow: 64 } as const;

export interface SamplingOptions {
  temperature: number;
  topK: number;
  topP: number;
  repetitionPenalty: number;
}

/** Codes of the last `window` frames of one codebook, with counts (window ≤ 0: never forgets). */
export class ChannelWindow {
  private readonly counts: Int32Array;
  private readonly ring: Int32Array;
  private head = 0;
  private filled = 0;
  /** Distinct codes currently in the window. */
  readonly distinct: number[] = [];

  constructor(
    vocab: number,
    private readonly window: number,
  ) {
    this.counts = new Int32Array(vocab);
    this.ring = new Int32Array(Math.max(1, window));
  }

  add(code: number): void {
    if (this.counts[code]++ === 0) this.distinct.push(code);
    if (this.window <= 0) return;
    if (this.filled === this.window) {
      const old = this.ring[this.head];
      if (--this.counts[old] === 0) this.distinct.splice(this.distinct.indexOf(old), 1);
    } else this.filled++;
    this.ring[this.head] = code;
    this.head = (this.head + 1) % this.window;
  }

  has(code: number): boolean {
    return this.counts[code] > 0;
  }
}

export class RepetitionHistory {
  readonly channels: ChannelWindow[];
  constructor(nVq: number, vocab: number, window: number = V3_SAMPLING.repetitionWindow) {
    this.channels = Array.from({ length: nVq }, () => new ChannelWindow(vocab, window));
  }
}

/**
 * Samples one code from `logits` (modified in place by the penalty and temperature). `random` returns
 * uniform numbers in [0, 1).
 */
export function sampleCode(logits: Float32Array, o: SamplingOptions, prev: ChannelWindow | undefined, random: () => number, scratch?: { idx: Int32Array; p: Float64Array }): number {
  const V = logits.length;
  if (prev && o.repetitionPenalty !== 1) {
    for (const c of prev.distinct) logits[c] = logits[c] < 0 ? logits[c] * o.repetitionPenalty : logits[c] / o.repetitionPenalty;
  }
  if (!(o.temperature > 0)) {
    let best = 0;
    for (let i = 1; i < V; i++) if (logits[i] > logits[best]) best = i;
    return best;
  }
  const k = o.topK > 0 && o.topK < V ? o.topK : V;
  const idx = scratch && scratch.idx.length >= k ? scratch.idx : new Int32Array(k);
  const p = scratch && scratch.p.length >= k ? scratch.p : new Float64Array(k);
  // Top-k by insertion into a sorted list (k is small): descending logits, earlier index first on ties.
  let n = 0;
  for (let i = 0; i < V; i++) {
    const v = logits[i];
    if (n === k && v <= logits[idx[k - 1]]) continue;
    let j = n < k ? n++ : k - 1;
    while (j > 0 && logits[idx[j - 1]] < v) {
      idx[j] = idx[j - 1];
      j--;
    }
    idx[j] = i;
  }
  const t = o.temperature;
  const top = logits[idx[0]] / t;
  let sum = 0;
  for (let j = 0; j < n; j++) {
    p[j] = Math.exp(logits[idx[j]] / t - top);
    sum += p[j];
  }
  let kept = n;
  if (o.topP > 0 && o.topP < 1) {
    let cum = 0;
    let keptSum = 0;
    kept = 0;
    for (let j = 0; j < n; j++) {
      const q = p[j] / sum;
      if (cum < o.topP) {
        keptSum += p[j];
        kept = j + 1;
      }
      cum += q;
    }
    sum = keptSum;
  }
  let u = random() * sum;
  for (let j = 0; j < kept; j++) {
    u -= p[j];
    if (u < 0) return idx[j];
  }
  return idx[kept - 1];
}
