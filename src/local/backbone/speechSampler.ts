// Sampling over the speech tokens and the end token only, for runners that get raw logits (ONNX): top-k,
// then temperature, then a draw from a seeded generator; temperature 0 means argmax. Same semantics as the
// llama.cpp chain the GGUF runner uses (logit bias → top-k → temperature → dist).

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
 */
export function sampleSpeech(
  logits: ArrayLike<number>,
  offset: number,
  count: number,
  extraIndex: number,
  temperature: number,
  topK: number,
  random: () => number,
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
  let max = -Infinity;
  for (let i = 0; i < size; i++) max = Math.max(max, heapV[i]);
  let sum = 0;
  const w = new Float64Array(size);
  for (let i = 0; i < size; i++) sum += w[i] = Math.exp((heapV[i] - max) / temperature);
  let r = random() * sum;
  for (let i = 0; i < size; i++) {
    r -= w[i];
    if (r <= 0) return heapI[i];
  }
  return heapI[size - 1];
}
