// Cloning a voice from an audio file, all on this machine: decode → mono → refuse silence → trim edge silence
// (30 dB) → keep the first 8 s → refuse a short or clipped clip → optionally denoise (→ 44.1 kHz) → 16 kHz
// Kaldi fbank → speaker embedding, and → 48 kHz → MOSS encoder → reference codes. The same steps and order
// as upstream's prepare_reference.
import { decodeAudioFile } from '../../audio/decode/decodeAudioFile';
import type { DecodeLimits } from '../../audio/decode/decodedAudio';
import { resampleBandlimited } from '../../audio/decode/bandlimitedResample';
import { throwIfAborted } from '../../core/errors';
import { assertNotSilent, assertUsableClip, MAX_CLIP_SECONDS } from './clipChecks';
import type { CloneModelPaths } from './cloneModelFiles';
import { Denoiser } from './denoiser';
import { kaldiFbank } from './kaldiFbank';
import { MOSS_RATE, MossEncoder } from './mossEncoder';
import { SpeakerEncoder } from './speakerEncoder';
import { trimSilence } from './trimSilence';

export { cloneModelPaths, type CloneModelPaths } from './cloneModelFiles';

export const FBANK_RATE = 16000;

export type CloneStage = 'decode' | 'trim' | 'denoise' | 'speaker' | 'codes';

export interface CloneOptions {
  denoise?: boolean;
  signal?: AbortSignal;
  onStage?: (stage: CloneStage) => void;
  limits?: Partial<DecodeLimits>;
}

export interface ClonedVoice {
  speakerEmbedding: Float32Array;
  codes: number[][];
  /** Seconds of the clip the voice was made from (after trimming and the 8 s cap). */
  seconds: number;
  sourceRate: number;
  denoised: boolean;
}

/** The graphs, loaded once and reused for every clone; the denoiser only when first asked for. */
export class VoiceCloner {
  private denoiserLoad?: Promise<Denoiser>;

  private constructor(
    readonly paths: CloneModelPaths,
    private readonly speaker: SpeakerEncoder,
    private readonly moss: MossEncoder,
    private readonly threads?: number,
  ) {}

  static async load(paths: CloneModelPaths, options: { threads?: number; denoise?: boolean } = {}): Promise<VoiceCloner> {
    const [speaker, moss] = await Promise.all([SpeakerEncoder.load(paths.speakerEncoder, options.threads), MossEncoder.load(paths.mossEncoder, options.threads)]);
    const cloner = new VoiceCloner(paths, speaker, moss, options.threads);
    if (options.denoise) await cloner.denoiser();
    return cloner;
  }

  private denoiser(): Promise<Denoiser> {
    this.denoiserLoad ??= Denoiser.load(this.paths.denoiser, this.threads);
    return this.denoiserLoad;
  }

  async cloneFile(file: string, options: CloneOptions = {}): Promise<ClonedVoice> {
    options.onStage?.('decode');
    const decoded = await decodeAudioFile(file, { limits: options.limits, signal: options.signal });
    return this.cloneSamples(decoded.samples, decoded.sampleRate, options);
  }

  async cloneSamples(samples: Float32Array, sampleRate: number, options: CloneOptions = {}): Promise<ClonedVoice> {
    const { signal } = options;
    throwIfAborted(signal);
    options.onStage?.('trim');
    assertNotSilent(samples);
    let clip = trimSilence(samples);
    clip = clip.subarray(0, Math.min(clip.length, Math.round(MAX_CLIP_SECONDS * sampleRate)));
    assertUsableClip(clip, sampleRate);
    const seconds = clip.length / sampleRate;
    let rate = sampleRate;
    if (options.denoise) {
      options.onStage?.('denoise');
      const den = await this.denoiser();
      throwIfAborted(signal);
      clip = await den.denoise(clip, rate);
      rate = 44100;
    }
    throwIfAborted(signal);
    options.onStage?.('speaker');
    const features = kaldiFbank(rate === FBANK_RATE ? clip : resampleBandlimited(clip, rate, FBANK_RATE));
    const speakerEmbedding = await this.speaker.embed(features);
    throwIfAborted(signal);
    options.onStage?.('codes');
    const codes = await this.moss.encode(rate === MOSS_RATE ? clip : resampleBandlimited(clip, rate, MOSS_RATE));
    throwIfAborted(signal);
    return { speakerEmbedding, codes, seconds, sourceRate: sampleRate, denoised: !!options.denoise };
  }

  async dispose(): Promise<void> {
    const den = this.denoiserLoad ? await this.denoiserLoad.catch(() => undefined) : undefined;
    await Promise.all([this.speaker.dispose(), this.moss.dispose(), den?.dispose()]);
  }
}
