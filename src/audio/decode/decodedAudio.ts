// What an audio file decodes to, the limits that keep decoding bounded, and the mono buffer that enforces them.
import { UserError } from '../../core/errors';
import { t } from '../../core/strings';

export type AudioFormat = 'wav' | 'flac' | 'mp3' | 'ogg-vorbis';

export interface DecodedAudio {
  format: AudioFormat;
  sampleRate: number;
  /** Channels in the file; `samples` is their mean (upstream mono-mixes the same way). */
  channels: number;
  samples: Float32Array;
}

export interface DecodeLimits {
  /** Longest input accepted; decoding stops with an error as soon as it is passed. */
  maxSeconds: number;
  /** Bytes read per step: bounds what one compressed chunk can expand to. */
  chunkBytes: number;
}

/** Cloning needs 3–8 s; two minutes leaves room for leading silence and keeps memory near 25 MB at 48 kHz. */
export const DEFAULT_DECODE_LIMITS: DecodeLimits = { maxSeconds: 120, chunkBytes: 16 * 1024 };

/** Sample rates and channel counts that real recordings have; anything outside is a damaged header. */
export const MAX_SAMPLE_RATE = 768_000;
export const MIN_SAMPLE_RATE = 1000;
export const MAX_CHANNELS = 64;

export function formatSeconds(s: number): string {
  if (s >= 3600) return `${(s / 3600).toFixed(1)} h`;
  if (s >= 60) return `${(s / 60).toFixed(1)} min`;
  return `${s.toFixed(1)} s`;
}

export function checkStreamShape(file: string, sampleRate: number, channels: number): void {
  if (!Number.isFinite(sampleRate) || sampleRate < MIN_SAMPLE_RATE || sampleRate > MAX_SAMPLE_RATE) {
    throw new UserError(t('cloneAudioBadFormatValues', file, `${sampleRate} Hz`), 'bad-input', t('cloneAudioCorruptFix'));
  }
  if (!Number.isInteger(channels) || channels < 1 || channels > MAX_CHANNELS) {
    throw new UserError(t('cloneAudioBadFormatValues', file, `${channels} channels`), 'bad-input', t('cloneAudioCorruptFix'));
  }
}

export function tooLong(file: string, limits: DecodeLimits, seconds: number): UserError {
  return new UserError(
    t('cloneAudioTooLong', file, formatSeconds(limits.maxSeconds), formatSeconds(seconds)),
    'bad-input',
    t('cloneAudioTooLongFix'),
  );
}

/**
 * Collects the mono mix of decoded planar chunks. It grows by doubling but never past `maxSeconds` of audio:
 * one sample more is an error, so a ten-hour file costs two minutes of memory before it is refused.
 */
export class MonoCollector {
  private buf = new Float32Array(0);
  private length = 0;
  private rate = 0;
  private limit = 0;

  constructor(
    private readonly file: string,
    private readonly limits: DecodeLimits,
  ) {}

  get sampleRate(): number {
    return this.rate;
  }

  get samples(): number {
    return this.length;
  }

  start(sampleRate: number, channels: number): void {
    checkStreamShape(this.file, sampleRate, channels);
    if (this.rate && this.rate !== sampleRate) {
      throw new UserError(t('cloneAudioCorrupt', this.file, `sample rate changes from ${this.rate} to ${sampleRate} Hz`), 'bad-input', t('cloneAudioCorruptFix'));
    }
    this.rate = sampleRate;
    this.limit = Math.ceil(this.limits.maxSeconds * sampleRate);
  }

  private reserve(extra: number): number {
    const need = this.length + extra;
    if (need > this.limit) throw tooLong(this.file, this.limits, need / this.rate);
    if (need > this.buf.length) {
      const next = new Float32Array(Math.min(this.limit, Math.max(need, this.buf.length * 2, 65536)));
      next.set(this.buf.subarray(0, this.length));
      this.buf = next;
    }
    const at = this.length;
    this.length = need;
    return at;
  }

  /** Adds `frames` frames given as one array per channel. */
  addPlanar(channelData: readonly Float32Array[], frames: number, gain = 1): void {
    if (frames <= 0) return;
    const at = this.reserve(frames);
    const out = this.buf;
    const n = channelData.length;
    if (n === 1 && gain === 1) {
      out.set(channelData[0].subarray(0, frames), at);
      return;
    }
    const inv = gain / n;
    for (let i = 0; i < frames; i++) {
      let acc = 0;
      for (let c = 0; c < n; c++) acc += channelData[c][i];
      out[at + i] = acc * inv;
    }
  }

  /** Reserves `frames` frames and returns the view to write their mono values into. */
  addDirect(frames: number): Float32Array {
    const at = this.reserve(frames);
    return this.buf.subarray(at, at + frames);
  }

  finish(): Float32Array {
    return this.buf.slice(0, this.length);
  }
}
