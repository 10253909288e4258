// Linear overlap-add of fixed-stride audio frames (upstream's `_linear_overlap_add`, after encodec), done
// incrementally: only the not-yet-final overlap region is kept, so memory stays bounded however long the
// stream. Samples before the next frame's offset can no longer change once a frame is added, so they are
// handed out at once.

/**
 * 'triangle' is encodec's weight (rises then falls), a true cross-fade between neighbours. 'ramp' is what
 * upstream VieNeu/NeuTTS literally compute (`abs(0.5 - (t - 0.5))` is `1 - t`): the later frame dominates
 * each overlap. Both normalise by the summed weights, so a frame alone passes through unchanged.
 */
export type OverlapWeight = 'triangle' | 'ramp';

/** Weight of sample i of a frame of `length` samples; t runs over (0, 1) excluding both ends. */
export function overlapWeight(kind: OverlapWeight, i: number, length: number): number {
  const t = (i + 1) / (length + 1);
  return kind === 'ramp' ? 1 - t : 0.5 - Math.abs(t - 0.5);
}

/** Whole-signal overlap-add, the reference the incremental version is tested against. */
export function linearOverlapAdd(frames: Float32Array[], stride: number, kind: OverlapWeight = 'triangle'): Float32Array {
  if (frames.length === 0) return new Float32Array(0);
  let total = 0;
  frames.forEach((f, i) => (total = Math.max(total, i * stride + f.length)));
  const out = new Float64Array(total);
  const sum = new Float64Array(total);
  frames.forEach((f, k) => {
    for (let i = 0; i < f.length; i++) {
      const w = overlapWeight(kind, i, f.length);
      out[k * stride + i] += w * f[i];
      sum[k * stride + i] += w;
    }
  });
  const res = new Float32Array(total);
  for (let i = 0; i < total; i++) res[i] = sum[i] > 0 ? out[i] / sum[i] : 0;
  return res;
}

export class OverlapAdder {
  /** Weighted sum and weight of the samples from `emitted` on (the pending overlap region). */
  private acc = new Float64Array(0);
  private weights = new Float64Array(0);
  private emitted = 0;
  private frames = 0;

  constructor(
    readonly stride: number,
    private readonly kind: OverlapWeight = 'triangle',
  ) {
    if (!(stride > 0)) throw new RangeError('stride must be positive');
  }

  /** Samples handed out so far. */
  get position(): number {
    return this.emitted;
  }

  /** Adds the next frame; returns the samples that became final (up to where the next frame will start). */
  add(frame: Float32Array): Float32Array {
    this.accumulate(frame);
    return this.take(this.frames * this.stride);
  }

  /** Adds the last frame (it may be shorter or longer than the others) and returns everything left. */
  finish(frame?: Float32Array): Float32Array {
    if (frame) this.accumulate(frame);
    return this.take(this.emitted + this.acc.length);
  }

  private accumulate(frame: Float32Array): void {
    const offset = this.frames * this.stride - this.emitted;
    if (offset < 0) throw new Error('overlap-add: frame starts before already emitted audio');
    const need = offset + frame.length;
    if (need > this.acc.length) {
      const acc = new Float64Array(need);
      const weights = new Float64Array(need);
      acc.set(this.acc);
      weights.set(this.weights);
      this.acc = acc;
      this.weights = weights;
    }
    for (let i = 0; i < frame.length; i++) {
      const w = overlapWeight(this.kind, i, frame.length);
      this.acc[offset + i] += w * frame[i];
      this.weights[offset + i] += w;
    }
    this.frames++;
  }

  private take(upTo: number): Float32Array {
    const n = Math.max(0, Math.min(upTo - this.emitted, this.acc.length));
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = this.weights[i] > 0 ? this.acc[i] / this.weights[i] : 0;
    this.acc = this.acc.slice(n);
    this.weights = this.weights.slice(n);
    this.emitted += n;
    return out;
  }
}
