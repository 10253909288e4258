// Sampling over the speech tokens and the end token only, for runners that get raw logits (ONNX): top-k, then
// top-p, then min-p, then temperature, then a draw from a seeded generator; temperature 0 means argmax. The
// same chain, in the same order, as llama.cpp's sampler that the GGUF runner uses and that upstream runs
// through llama-cpp-python (logit bias → top-k → top-p → min-p → temperature → dist): top-p and min-p look at
// the probabilities before the temperature is applied.

/**
 * Upstream's GGUF path calls llama-cpp-python 0.3.16 without top_p or min_p, so that library's defaults
 * apply; they cut the unlikely tail of the 50 candidates, which otherwise makes the speech noisier.
 */
export const UPSTREAM_TOP_P = 0.95;
export const UPSTREAM_MIN_P = 0.05;

/** mulberry32: a small seeded generator; the same seed gives the same codes. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Picks one candidate index from `logits[offset + i]` for i in 0..count-1 plus the extra candidate at
 * `extraIndex` (the end token; −1 for none). Returns i for a speech candidate or `count` for the extra one.
 * top-p keeps the most likely candidates until their probability reaches `topP` (the one that crosses it
 * included, at least one); min-p then drops those less likely than `minP` times the most likely one.
 */
export function sampleSpeech(
  logits: ArrayLike<number>,
  offset: number,
  count: number,
  extraIndex: number,
  temperature: number,
  topK: number,
  random: () => number,
  topP: number = UPSTREAM_TOP_P,
  minP: number = UPSTREAM_MIN_P,
): number {
  const n = count + (extraIndex >= 0 ? 1 : 0);
  const at = (i: number) => (i < count ? logits[offset + i] : logits[extraIndex]);
  if (temperature <= 0 || topK === 1) {
    let best = 0;
    let bestV = -Infinity;
    for (let i = 0; i < n; i++) {
      const v = at(i);
      if (v > bestV) {
        bestV = v;
        best = i;
      }
    }
    return best;
  }
  const k = Math.max(1, Math.min(topK > 0 ? topK : n, n));
  // Keep the k largest in a small min-heap (k = 50 of 65,537: one pass, no full sort).
  const heapV = new Float64Array(k);
  const heapI = new Int32Array(k);
  let size = 0;
  const siftDown = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < size && heapV[l] < heapV[m]) m = l;
      if (r < size && heapV[r] < heapV[m]) m = r;
      if (m === i) return;
      [heapV[i], heapV[m]] = [heapV[m], heapV[i]];
      [heapI[i], heapI[m]] = [heapI[m], heapI[i]];
      i = m;
    }
  };
  for (let i = 0; i < n; i++) {
    const v = at(i);
    if (size < k) {
      let j = size++;
      heapV[j] = v;
      heapI[j] = i;
      while (j > 0) {
        const p = (j - 1) >> 1;
        if (heapV[p] <= heapV[j]) break;
        [heapV[p], heapV[j]] = [heapV[j], heapV[p]];
        [heapI[p], heapI[j]] = [heapI[j], heapI[p]];
        j = p;
      }
    } else if (v > heapV[0]) {
      heapV[0] = v;
      heapI[0] = i;
      siftDown(0);
    }
  }
  // Most likely first (ties: lower index first, as a stable sort of the vocabulary would give).
  const order = Array.from({ length: size }, (_, i) => i).sort((a, b) => heapV[b] - heapV[a] || heapI[a] - heapI[b]);
  const max = heapV[order[0]];
  let keep = size;
  if (topP < 1) {
    let z = 0;
    for (const j of order) z += Math.exp(heapV[j] - max);
    let cum = 0;
    for (let n = 0; n < size; n++) {
      cum += Math.exp(heapV[order[n]] - max) / z;
      if (cum >= topP) {
        keep = n + 1;
        break;
      }
    }
  }
  if (minP > 0) {
    const floor = max + Math.log(minP);
    let n = 1;
    while (n < keep && heapV[order[n]] >= floor) n++;
    keep = n;
  }
  let sum = 0;
  const w = new Float64Array(keep);
  for (let n = 0; n < keep; n++) sum += w[n] = Math.exp((heapV[order[n]] - max) / temperature);
  let r = random() * sum;
  for (let n = 0; n < keep; n++) {
    r -= w[n];
    if (r <= 0) return heapI[order[n]];
  }
  return heapI[order[keep - 1]];
}
