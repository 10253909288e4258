// Edge-silence trimming as upstream does it before cloning (librosa.effects.trim, top_db 30): RMS over
// 2048-sample frames every 512 samples, centred with zero padding; frames more than 30 dB below the loudest
// frame are silent; the clip keeps the first to the last non-silent frame, at frame resolution.

export interface TrimOptions {
  topDb?: number;
  frameLength?: number;
  hop?: number;
}

export interface TrimResult {
  start: number;
  end: number;
}

/** [start, end) of the part of `x` that is not edge silence; {0, 0} when every frame is silent. */
export function trimSilenceRange(x: Float32Array, options: TrimOptions = {}): TrimResult {
  const topDb = options.topDb ?? 30;
  const frame = options.frameLength ?? 2048;
  const hop = options.hop ?? 512;
  const n = x.length;
  const frames = 1 + Math.floor(n / hop);
  const half = Math.floor(frame / 2);
  // Prefix sums of x² make each frame's energy O(1); float64 keeps them exact enough for 10^7 samples.
  const cum = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) cum[i + 1] = cum[i] + x[i] * x[i];
  const power = new Float64Array(frames);
  let maxPower = 0;
  for (let f = 0; f < frames; f++) {
    const a = Math.max(0, f * hop - half);
    const b = Math.min(n, f * hop - half + frame);
    const p = b > a ? Math.max(0, cum[b] - cum[a]) / frame : 0;
    power[f] = p;
    if (p > maxPower) maxPower = p;
  }
  // librosa: 10·log10(max(amin², p)) − 10·log10(max(amin², ref²)) > −top_db, amin = 1e-5.
  const amin2 = 1e-10;
  const refDb = 10 * Math.log10(Math.max(amin2, maxPower));
  let first = -1;
  let last = -1;
  for (let f = 0; f < frames; f++) {
    if (10 * Math.log10(Math.max(amin2, power[f])) - refDb > -topDb) {
      if (first < 0) first = f;
      last = f;
    }
  }
  if (first < 0) return { start: 0, end: 0 };
  return { start: first * hop, end: Math.min(n, (last + 1) * hop) };
}

export function trimSilence(x: Float32Array, options: TrimOptions = {}): Float32Array {
  const { start, end } = trimSilenceRange(x, options);
  return x.subarray(start, end);
}
