// The speaker encoder's features: Kaldi's log-mel filterbank as kaldi-native-fbank and
// torchaudio.compliance.kaldi.fbank compute it with upstream's options — 16 kHz, 25 ms frames every 10 ms,
// snip_edges (only whole frames), DC removal per frame, pre-emphasis 0.97 (the first sample against itself),
// the povey window, zero-padding to 512, power spectrum, 80 triangular mel bins from 20 Hz to Nyquist on
// Kaldi's mel scale, natural log floored at float32 epsilon, no dither, no energy — then, as upstream's
// front-end, the per-utterance mean of each bin is subtracted. Computed in float64.

export interface FbankOptions {
  sampleRate?: number;
  frameLengthMs?: number;
  frameShiftMs?: number;
  numMelBins?: number;
  lowFreq?: number;
  preemphasis?: number;
  meanNormalize?: boolean;
}

export interface Fbank {
  frames: number;
  bins: number;
  /** Row-major (frames × bins). */
  data: Float32Array;
}

const FLOAT32_EPS = 1.1920928955078125e-7;

const f32 = Math.fround;

/**
 * Kaldi's triangular mel weights, (bins × fftBins) row-major over the first fftBins (the Nyquist bin has none).
 * Computed in float32 step by step as Kaldi (BaseFloat) and torchaudio (float32 tensors) do: a weight near a
 * triangle's foot is small, so float64 weights alone move a log energy by up to 5e-4.
 */
export function melBanks(numBins: number, paddedWindow: number, sampleRate: number, lowFreq: number): Float64Array {
  const fftBins = paddedWindow / 2;
  const binWidth = sampleRate / paddedWindow;
  // The three scalars are float64 in torchaudio (Python floats), then rounded when they meet a tensor.
  const melLow = 1127 * Math.log(1 + lowFreq / 700);
  const melHigh = 1127 * Math.log(1 + sampleRate / 2 / 700);
  const delta = (melHigh - melLow) / (numBins + 1);
  const lowF = f32(melLow);
  const deltaF = f32(delta);
  const mels = new Float64Array(fftBins);
  for (let k = 0; k < fftBins; k++) mels[k] = f32(1127 * f32(Math.log(f32(1 + f32(f32(binWidth * k) / 700)))));
  const w = new Float64Array(numBins * fftBins);
  for (let b = 0; b < numBins; b++) {
    const left = f32(lowF + f32(b * deltaF));
    const centre = f32(lowF + f32((b + 1) * deltaF));
    const right = f32(lowF + f32((b + 2) * deltaF));
    for (let k = 0; k < fftBins; k++) {
      const mel = mels[k];
      const up = f32(f32(mel - left) / f32(centre - left));
      const down = f32(f32(right - mel) / f32(right - centre));
      w[b * fftBins + k] = Math.max(0, Math.min(up, down));
    }
  }
  return w;
}

/** In-place iterative radix-2 complex FFT (re/im of length n, a power of two). */
function fftRadix2(re: Float64Array, im: Float64Array, cos: Float64Array, sin: Float64Array): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      const r = re[i];
      re[i] = re[j];
      re[j] = r;
      const m = im[i];
      im[i] = im[j];
      im[j] = m;
    }
  }
  for (let size = 2; size <= n; size <<= 1) {
    const half = size >> 1;
    const step = n / size;
    for (let start = 0; start < n; start += size) {
      for (let k = 0; k < half; k++) {
        const wr = cos[k * step];
        const wi = -sin[k * step];
        const a = start + k;
        const b = a + half;
        const tr = re[b] * wr - im[b] * wi;
        const ti = re[b] * wi + im[b] * wr;
        re[b] = re[a] - tr;
        im[b] = im[a] - ti;
        re[a] += tr;
        im[a] += ti;
      }
    }
  }
}

export function frameCount(samples: number, frameLength: number, shift: number): number {
  return samples < frameLength ? 0 : 1 + Math.floor((samples - frameLength) / shift);
}

export function kaldiFbank(wave: Float32Array, options: FbankOptions = {}): Fbank {
  const rate = options.sampleRate ?? 16000;
  const frameLength = Math.round((rate * (options.frameLengthMs ?? 25)) / 1000);
  const shift = Math.round((rate * (options.frameShiftMs ?? 10)) / 1000);
  const bins = options.numMelBins ?? 80;
  const preemph = options.preemphasis ?? 0.97;
  let padded = 1;
  while (padded < frameLength) padded <<= 1;
  const fftBins = padded / 2;
  const banks = melBanks(bins, padded, rate, options.lowFreq ?? 20);
  // Each bank is non-zero on a short run of FFT bins: keep the run so the mel product skips the zeros.
  const runs = Array.from({ length: bins }, (_, b) => {
    let lo = 0;
    while (lo < fftBins && banks[b * fftBins + lo] === 0) lo++;
    let hi = fftBins;
    while (hi > lo && banks[b * fftBins + hi - 1] === 0) hi--;
    return [lo, hi] as const;
  });
  const window = new Float64Array(frameLength);
  for (let i = 0; i < frameLength; i++) window[i] = Math.pow(0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (frameLength - 1)), 0.85);
  const cos = new Float64Array(padded / 2);
  const sin = new Float64Array(padded / 2);
  for (let k = 0; k < padded / 2; k++) {
    cos[k] = Math.cos((2 * Math.PI * k) / padded);
    sin[k] = Math.sin((2 * Math.PI * k) / padded);
  }
  const frames = frameCount(wave.length, frameLength, shift);
  const data = new Float32Array(frames * bins);
  const re = new Float64Array(padded);
  const im = new Float64Array(padded);
  const power = new Float64Array(fftBins);
  const frame = new Float64Array(frameLength);
  for (let f = 0; f < frames; f++) {
    const at = f * shift;
    let mean = 0;
    for (let i = 0; i < frameLength; i++) mean += wave[at + i];
    mean /= frameLength;
    for (let i = 0; i < frameLength; i++) frame[i] = wave[at + i] - mean;
    for (let i = frameLength - 1; i > 0; i--) frame[i] -= preemph * frame[i - 1];
    frame[0] -= preemph * frame[0];
    re.fill(0);
    im.fill(0);
    for (let i = 0; i < frameLength; i++) re[i] = frame[i] * window[i];
    fftRadix2(re, im, cos, sin);
    for (let k = 0; k < fftBins; k++) power[k] = re[k] * re[k] + im[k] * im[k];
    for (let b = 0; b < bins; b++) {
      const [lo, hi] = runs[b];
      let e = 0;
      for (let k = lo; k < hi; k++) e += power[k] * banks[b * fftBins + k];
      data[f * bins + b] = Math.log(Math.max(FLOAT32_EPS, e));
    }
  }
  if (options.meanNormalize !== false && frames > 0) {
    for (let b = 0; b < bins; b++) {
      let m = 0;
      for (let f = 0; f < frames; f++) m += data[f * bins + b];
      m /= frames;
      for (let f = 0; f < frames; f++) data[f * bins + b] -= m;
    }
  }
  return { frames, bins, data };
}
