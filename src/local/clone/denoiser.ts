// denoiser.onnx (resemble-enhance's denoise core): the clip at 44.1 kHz, normalized to its peak and padded with
// 441 zeros, goes through the STFT; the graph maps (mag, cos, sin) to (sep_mag, sep_cos, sep_sin); the iSTFT
// gives the cleaned clip, cut to its length and scaled back. Output is at 44.1 kHz, as upstream's.
import { resampleBandlimited } from '../../audio/decode/bandlimitedResample';
import { UserError } from '../../core/errors';
import { t } from '../../core/strings';
import { openGraph, type Ort, type Session } from './ortSession';
import { BINS, istft, N_FFT, RealFft, stft } from './stft';

export const DENOISER_RATE = 44100;
const TAIL_PAD = 441;

export class Denoiser {
  private constructor(
    private readonly ort: Ort,
    private readonly session: Session,
    private readonly fft: RealFft,
    readonly path: string,
  ) {}

  static async load(file: string, threads?: number): Promise<Denoiser> {
    const { ort, session } = await openGraph(
      file,
      { label: 'denoiser', inputs: { mag: 'float32', cos: 'float32', sin: 'float32' }, outputs: ['sep_mag', 'sep_cos', 'sep_sin'] },
      threads,
    );
    return new Denoiser(ort, session, await RealFft.create(N_FFT), file);
  }

  /** Mono audio at any rate → denoised mono at 44.1 kHz. */
  async denoise(x: Float32Array, sampleRate: number): Promise<Float32Array> {
    const wav = sampleRate === DENOISER_RATE ? x : resampleBandlimited(x, sampleRate, DENOISER_RATE);
    let absMax = 1e-7;
    for (const v of wav) absMax = Math.max(absMax, Math.abs(v));
    const w = new Float32Array(wav.length + TAIL_PAD);
    for (let i = 0; i < wav.length; i++) w[i] = wav[i] / absMax;
    // Upstream normalizes a second time inside its forward pass (÷ (max + 1e-7)); kept for equal numbers.
    let m = 0;
    for (const v of w) m = Math.max(m, Math.abs(v));
    const norm = 1 / (m + 1e-7);
    for (let i = 0; i < w.length; i++) w[i] *= norm;
    const spec = stft(this.fft, w);
    const dims = [1, BINS, spec.frames];
    const out = await this.session.run(
      {
        mag: new this.ort.Tensor('float32', spec.mag, dims),
        cos: new this.ort.Tensor('float32', spec.cos, dims),
        sin: new this.ort.Tensor('float32', spec.sin, dims),
      },
      ['sep_mag', 'sep_cos', 'sep_sin'],
    );
    for (const name of ['sep_mag', 'sep_cos', 'sep_sin']) {
      const o = out[name];
      if (o.type !== 'float32' || o.dims.join() !== dims.join()) {
        throw new UserError(t('cloneModelBadOutput', this.path, `${name} ${o.type} ${o.dims.join('×')}`, `float32 ${dims.join('×')}`), 'model', t('cloneModelBadOutputFix'));
      }
    }
    const y = istft(this.fft, { frames: spec.frames, mag: out.sep_mag.data as Float32Array, cos: out.sep_cos.data as Float32Array, sin: out.sep_sin.data as Float32Array }, w.length);
    const clean = new Float32Array(wav.length);
    for (let i = 0; i < wav.length; i++) clean[i] = y[i] * absMax;
    return clean;
  }

  async dispose(): Promise<void> {
    this.fft.dispose();
    await this.session.release();
  }
}
