// Sample-rate conversion for mono float audio: espeak-ng speaks at 22.05 kHz, VieNeu v1 at 24 kHz, v3 at 48 kHz,
// and a stream that mixes rates is brought to one (audioCollector.ts, the system player, the time stretch).
// A windowed-sinc interpolator: linear interpolation would alias audibly when going down in rate.

export function resample(input: Float32Array, fromRate: number, toRate: number, taps = 16): Float32Array {
  if (fromRate === toRate || input.length === 0) return input.slice();
  const ratio = toRate / fromRate;
  const outLen = Math.round(input.length * ratio);
  const out = new Float32Array(outLen);
  // Low-pass at the lower Nyquist frequency of the two rates.
  const cutoff = Math.min(1, ratio);
  const half = Math.ceil(taps / cutoff);
  for (let i = 0; i < outLen; i++) {
    const center = i / ratio;
    const first = Math.floor(center) - half + 1;
    let acc = 0;
    let norm = 0;
    for (let j = first; j < first + 2 * half; j++) {
      if (j < 0 || j >= input.length) continue;
      const x = (center - j) * cutoff;
      const sinc = x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
      const w = 0.5 + 0.5 * Math.cos((Math.PI * (center - j)) / half); // Hann window
      const k = sinc * w;
      acc += input[j] * k;
      norm += k;
    }
    out[i] = norm > 0 ? acc / norm : 0;
  }
  return out;
}
