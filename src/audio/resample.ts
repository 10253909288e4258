// Sample-rate conversion for mono float audio: espeak-ng speaks at 22.05 kHz, VieNeu v1 at 24 kHz, v3 at 48 kHz,
// and a stream that mixes rates is brought to one (audioCollector.ts, the system player, the time stretch).
// A windowed-sinc interpolator: linear interpolation would alias audibly when going down in rate.
// When the two rates have a small common period (22,050 -> 24,000 Hz: 147 -> 160 samples), the output
// samples fall on a few fractional positions only, so their kernels are computed once (a polyphase table)
// instead of a sine and a cosine per tap per sample: the built-in voice resamples each sentence before its
// first audio, and this was as slow as the synthesis itself.

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** Kernels for more phases than this are not worth a table (and rates that are not integers have none). */
const MAX_PHASES = 4096;

export function resample(input: Float32Array, fromRate: number, toRate: number, taps = 16): Float32Array {
  if (fromRate === toRate || input.length === 0) return input.slice();
  const ratio = toRate / fromRate;
  const outLen = Math.round(input.length * ratio);
  const out = new Float32Array(outLen);
  // Low-pass at the lower Nyquist frequency of the two rates.
  const cutoff = Math.min(1, ratio);
  const half = Math.ceil(taps / cutoff);
  const width = 2 * half;
  const weight = (d: number) => {
    const x = d * cutoff;
    const sinc = x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
    return sinc * (0.5 + 0.5 * Math.cos((Math.PI * d) / half)); // Hann window
  };
  /** One output sample from the taps that fall inside the input (the edges), normalized by their sum. */
  const direct = (center: number, first: number) => {
    let acc = 0;
    let norm = 0;
    for (let j = Math.max(0, first); j < Math.min(input.length, first + width); j++) {
      const k = weight(center - j);
      acc += input[j] * k;
      norm += k;
    }
    return norm > 0 ? acc / norm : 0;
  };

  const integral = Number.isInteger(fromRate) && Number.isInteger(toRate);
  const g = integral ? gcd(fromRate, toRate) : 1;
  const up = toRate / g; // output samples per period
  const down = fromRate / g; // input samples per period
  if (!integral || up > MAX_PHASES) {
    for (let i = 0; i < outLen; i++) {
      const center = i / ratio;
      out[i] = direct(center, Math.floor(center) - half + 1);
    }
    return out;
  }
  // Phase p = (i * down) mod up: the output sample sits p/up of the way past input sample floor(i*down/up).
  const table = new Float32Array(up * width);
  for (let p = 0; p < up; p++) {
    const frac = p / up;
    let norm = 0;
    for (let t = 0; t < width; t++) norm += weight(frac + half - 1 - t);
    for (let t = 0; t < width; t++) table[p * width + t] = weight(frac + half - 1 - t) / norm;
  }
  for (let i = 0; i < outLen; i++) {
    const pos = i * down;
    const base = Math.floor(pos / up);
    const p = pos - base * up;
    const first = base - half + 1;
    if (first < 0 || first + width > input.length) {
      out[i] = direct(base + p / up, first);
      continue;
    }
    let acc = 0;
    const row = p * width;
    for (let t = 0; t < width; t++) acc += input[first + t] * table[row + t];
    out[i] = acc;
  }
  return out;
}
