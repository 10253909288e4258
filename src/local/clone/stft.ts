// The denoiser's STFT as upstream computes it (torch.stft semantics): n_fft 1680, hop 420, periodic Hann,
// reflect padding of n_fft/2 on both sides, last frame dropped; and its inverse by weighted overlap-add with
// window² normalization after repeating the last frame. 1680 = 2⁴·3·5·7 is not a power of two, so the FFT is
// KISS FFT (WebAssembly), which takes any even size for real transforms.

export const N_FFT = 1680;
export const HOP = 420;
export const BINS = N_FFT / 2 + 1;

interface KissModule {
  HEAPF32: Float32Array;
  _malloc(bytes: number): number;
  _free(ptr: number): void;
  _kiss_fftr_alloc(nfft: number, inverse: number, mem: number, lenmem: number): number;
  _kiss_fftr(cfg: number, timedata: number, freqdata: number): void;
  _kiss_fftri(cfg: number, freqdata: number, timedata: number): void;
}

let kiss: Promise<KissModule> | undefined;

async function kissModule(): Promise<KissModule> {
  kiss ??= import('@echogarden/kissfft-wasm').then((m) => (m.default as unknown as () => Promise<KissModule>)());
  return kiss;
}

/** A real FFT of one size, forward and inverse, over buffers held in the WASM heap. */
export class RealFft {
  private constructor(
    private readonly m: KissModule,
    readonly size: number,
    private readonly fwd: number,
    private readonly inv: number,
    private readonly time: number,
    private readonly freq: number,
  ) {}

  static async create(size: number): Promise<RealFft> {
    if (size % 2 !== 0) throw new RangeError(`real FFT size must be even, not ${size}`);
    const m = await kissModule();
    return new RealFft(m, size, m._kiss_fftr_alloc(size, 0, 0, 0), m._kiss_fftr_alloc(size, 1, 0, 0), m._malloc(size * 4), m._malloc((size + 2) * 4));
  }

  /** `input` (size) → interleaved re/im of size/2 + 1 bins. */
  forward(input: Float32Array, out: Float32Array): void {
    this.m.HEAPF32.set(input, this.time >> 2);
    this.m._kiss_fftr(this.fwd, this.time, this.freq);
    out.set(this.m.HEAPF32.subarray(this.freq >> 2, (this.freq >> 2) + this.size + 2));
  }

  /** Interleaved bins → `size` samples, scaled by 1/size (KISS FFT's inverse is unnormalized). */
  inverse(bins: Float32Array, out: Float32Array): void {
    this.m.HEAPF32.set(bins, this.freq >> 2);
    this.m._kiss_fftri(this.inv, this.freq, this.time);
    const heap = this.m.HEAPF32.subarray(this.time >> 2, (this.time >> 2) + this.size);
    const s = 1 / this.size;
    for (let i = 0; i < this.size; i++) out[i] = heap[i] * s;
  }

  dispose(): void {
    for (const p of [this.fwd, this.inv, this.time, this.freq]) this.m._free(p);
  }
}

export function periodicHann(n: number): Float32Array {
  return new Float32Array(n).map((_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / n));
}

export interface Spectrogram {
  frames: number;
  /** (BINS × frames) row-major, as the graph's (1, 841, T) tensors. */
  mag: Float32Array;
  cos: Float32Array;
  sin: Float32Array;
}

function reflectPad(x: Float32Array, pad: number): Float32Array {
  if (x.length <= pad) throw new RangeError(`reflect padding of ${pad} needs more than ${pad} samples, got ${x.length}`);
  const out = new Float32Array(x.length + 2 * pad);
  out.set(x, pad);
  for (let k = 1; k <= pad; k++) {
    out[pad - k] = x[k];
    out[pad + x.length - 1 + k] = x[x.length - 1 - k];
  }
  return out;
}

export function stft(fft: RealFft, x: Float32Array): Spectrogram {
  const win = periodicHann(N_FFT);
  const xp = reflectPad(x, N_FFT / 2);
  const frames = Math.floor((xp.length - N_FFT) / HOP); // 1 + ⌊…⌋ frames, the last one dropped
  const mag = new Float32Array(BINS * frames);
  const cos = new Float32Array(BINS * frames);
  const sin = new Float32Array(BINS * frames);
  const buf = new Float32Array(N_FFT);
  const spec = new Float32Array(N_FFT + 2);
  for (let f = 0; f < frames; f++) {
    for (let i = 0; i < N_FFT; i++) buf[i] = xp[f * HOP + i] * win[i];
    fft.forward(buf, spec);
    for (let k = 0; k < BINS; k++) {
      const re = spec[2 * k];
      const im = spec[2 * k + 1];
      const m = Math.hypot(re, im);
      const at = k * frames + f;
      mag[at] = m;
      // numpy's angle(0) is 0: cos 1, sin 0.
      cos[at] = m > 0 ? re / m : 1;
      sin[at] = m > 0 ? im / m : 0;
    }
  }
  return { frames, mag, cos, sin };
}

/** Inverse of `stft` for `outLength` samples, from a spectrum given as magnitude and unit phase. */
export function istft(fft: RealFft, s: Spectrogram, outLength: number): Float32Array {
  const win = periodicHann(N_FFT);
  const frames = s.frames + 1; // the last frame is repeated to stand in for the dropped one
  const sigLen = N_FFT + HOP * (frames - 1);
  const out = new Float64Array(sigLen);
  const wsum = new Float64Array(sigLen);
  const bins = new Float32Array(N_FFT + 2);
  const frame = new Float32Array(N_FFT);
  for (let f = 0; f < frames; f++) {
    const src = Math.min(f, s.frames - 1);
    for (let k = 0; k < BINS; k++) {
      const at = k * s.frames + src;
      bins[2 * k] = s.mag[at] * s.cos[at];
      bins[2 * k + 1] = s.mag[at] * s.sin[at];
    }
    // irfft ignores the imaginary parts of DC and Nyquist.
    bins[1] = 0;
    bins[N_FFT + 1] = 0;
    fft.inverse(bins, frame);
    const at = f * HOP;
    for (let i = 0; i < N_FFT; i++) {
      out[at + i] += frame[i] * win[i];
      wsum[at + i] += win[i] * win[i];
    }
  }
  const pad = N_FFT / 2;
  const y = new Float32Array(outLength);
  const avail = Math.min(outLength, sigLen - 2 * pad);
  for (let i = 0; i < avail; i++) y[i] = out[pad + i] / Math.max(wsum[pad + i], 1e-11);
  return y;
}
