// Joins the audio chunks of one utterance into one signal at its native rate: the rate of the first chunk
// (the model's codec: 24 kHz for v1, 48 kHz for v3). A chunk at another rate is resampled to it, so the
// result never plays at the wrong speed whatever the backend mixes in.
import type { AudioChunk } from '../core/types';
import { resample } from './resample';
import { encodeWav } from './wav';

/** The rate of a recording that holds no audio at all (any rate is right for no samples). */
export const EMPTY_RECORDING_RATE = 16000;

/** The samples of `chunk` at `rate`. */
export function atRate(chunk: Pick<AudioChunk, 'samples' | 'sampleRate'>, rate: number): Float32Array {
  return chunk.sampleRate === rate ? chunk.samples : resample(chunk.samples, chunk.sampleRate, rate);
}

export class AudioCollector {
  private parts: Float32Array[] = [];
  /** Samples collected so far, at `sampleRate`. */
  length = 0;
  /** The first chunk's rate; 0 until one arrives. */
  sampleRate = 0;

  push(chunk: Pick<AudioChunk, 'samples' | 'sampleRate'>): void {
    if (this.sampleRate === 0) this.sampleRate = chunk.sampleRate;
    const samples = atRate(chunk, this.sampleRate);
    this.parts.push(samples);
    this.length += samples.length;
  }

  get seconds(): number {
    return this.sampleRate ? this.length / this.sampleRate : 0;
  }

  samples(): Float32Array {
    const all = new Float32Array(this.length);
    let o = 0;
    for (const p of this.parts) {
      all.set(p, o);
      o += p.length;
    }
    return all;
  }

  /** A 16-bit mono WAV at the native rate. */
  wav(): Buffer {
    return encodeWav(this.samples(), this.sampleRate || EMPTY_RECORDING_RATE);
  }
}
