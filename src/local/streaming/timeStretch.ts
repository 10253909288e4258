// Speaking rate for the VieNeu voice. The model has no speed control (upstream ignores `speed`), and playing
// faster would raise the pitch, so the audio is time-stretched with WSOLA (waveform-similarity overlap-add):
// frames are taken from the input at `speed` times the output hop, each shifted by up to ±TOLERANCE samples to
// the position most similar to the natural continuation of the previous frame, so pitch periods line up.
// Streaming: audio is pushed as the engine produces it and stretched audio comes out with ~one frame of delay.
// Frame, search range and search step are durations, turned into samples at the audio's own rate (24 kHz for
// v1, 48 kHz for v3): the same voice gets the same treatment whatever the codec's rate.

import type { AudioChunk } from '../../core/types';
import { resample } from '../../audio/resample';

const FRAME_S = 0.032; // a few pitch periods of a speaking voice
const TOLERANCE_S = 0.008; // ±8 ms of search: over half the pitch period of a low voice (~60 Hz)
const SEARCH_STEP_S = 1 / 12_000; // the similarity is coarse-searched on this grid of offsets and samples, then refined

/** The stretcher's sizes in samples at `sampleRate`. */
export function stretchGeometry(sampleRate: number): { frame: number; hop: number; tolerance: number; step: number } {
  const hop = Math.max(8, Math.round((FRAME_S * sampleRate) / 2));
  return { frame: 2 * hop, hop, tolerance: Math.round(TOLERANCE_S * sampleRate), step: Math.max(1, Math.round(SEARCH_STEP_S * sampleRate)) };
}

const hanns = new Map<number, Float32Array>();
function hann(frame: number): Float32Array {
  let w = hanns.get(frame);
  if (!w) hanns.set(frame, (w = Float32Array.from({ length: frame }, (_, n) => 0.5 - 0.5 * Math.cos((2 * Math.PI * n) / frame))));
  return w;
}

export class TimeStretcher {
  /** Input not yet dropped; `inBase` is the absolute index of input[0]. */
  private input = new Float32Array(0);
  private inBase = 0;
  /** Output accumulated but not yet final; `outBase` is the absolute index of output[0]. */
  private output: Float32Array;
  private outBase = 0;
  /** Next frame number, and where the previous frame was read from (absolute input index). */
  private frame = 0;
  private prevPos = 0;
  private readonly hopIn: number;
  private readonly frameLen: number;
  /** Hann windows at 50% overlap sum to one. */
  private readonly hopOut: number;
  private readonly tolerance: number;
  private readonly searchStep: number;
  private readonly window: Float32Array;

  constructor(
    readonly speed: number,
    readonly sampleRate: number,
  ) {
    if (!(speed >= 0.25 && speed <= 4)) throw new RangeError(`speed ${speed} is outside 0.25..4`);
    if (!(Number.isInteger(sampleRate) && sampleRate >= 1000)) throw new RangeError(`sample rate ${sampleRate} is not a whole number of Hz >= 1000`);
    const g = stretchGeometry(sampleRate);
    [this.frameLen, this.hopOut, this.tolerance, this.searchStep] = [g.frame, g.hop, g.tolerance, g.step];
    this.window = hann(g.frame);
    this.output = new Float32Array(g.frame * 2);
    this.hopIn = this.hopOut * speed;
  }

  /** Whether this rate changes anything (1.0 within rounding passes the audio through untouched). */
  static needed(speed: number | undefined): speed is number {
    return speed !== undefined && Number.isFinite(speed) && Math.abs(speed - 1) > 1e-3;
  }

  /** Adds input audio; returns the stretched audio that is final so far (possibly empty). */
  push(samples: Float32Array): Float32Array {
    this.append(samples);
    return this.run(false);
  }

  /** Ends the stream: returns the rest, so the total output is the input length divided by the speed. */
  flush(): Float32Array {
    return this.run(true);
  }

  private append(samples: Float32Array): void {
    const next = new Float32Array(this.input.length + samples.length);
    next.set(this.input);
    next.set(samples, this.input.length);
    this.input = next;
  }

  private run(final: boolean): Float32Array {
    const inEnd = this.inBase + this.input.length;
    for (;;) {
      const k = this.frame;
      const nominal = Math.round(k * this.hopIn);
      const natural = this.prevPos + this.hopOut;
      // Input this frame may read: the candidates around `nominal` and the continuation of the last frame.
      const need = Math.max(nominal + this.tolerance, natural) + this.frameLen;
      if (!final && need > inEnd) break;
      if (final && nominal >= inEnd) break;
      const pos = k === 0 ? 0 : this.bestPosition(nominal, natural, inEnd);
      this.addFrame(k, pos, inEnd);
      this.prevPos = pos;
      this.frame++;
    }
    // Everything before the next frame's start is final.
    const total = Math.round(inEnd / this.speed);
    const finalUpTo = final ? total : Math.min(this.frame * this.hopOut, total);
    const ready = this.output.slice(0, Math.min(this.output.length, Math.max(0, finalUpTo - this.outBase)));
    this.consumeOutput(ready.length);
    this.dropInput();
    return ready;
  }

  private at(abs: number, inEnd: number): number {
    return abs >= this.inBase && abs < inEnd ? this.input[abs - this.inBase] : 0;
  }

  /** The read position within ±tolerance of `nominal` whose frame best matches the input at `natural`. */
  private bestPosition(nominal: number, natural: number, inEnd: number): number {
    const lo = Math.max(this.inBase, nominal - this.tolerance);
    const hi = nominal + this.tolerance;
    const x = this.input;
    const b = natural - this.inBase;
    const score = (p: number, step: number) => {
      let s = 0;
      const a = p - this.inBase;
      if (a >= 0 && b >= 0 && a + this.frameLen <= this.input.length && b + this.frameLen <= this.input.length) {
        for (let n = 0; n < this.frameLen; n += step) s += x[a + n] * x[b + n];
      } else {
        for (let n = 0; n < this.frameLen; n += step) s += this.at(p + n, inEnd) * this.at(natural + n, inEnd);
      }
      return s;
    };
    let best = Math.min(Math.max(nominal, lo), hi);
    let bestScore = -Infinity;
    for (let p = lo; p <= hi; p += this.searchStep) {
      const s = score(p, this.searchStep);
      if (s > bestScore) [best, bestScore] = [p, s];
    }
    const coarse = best;
    bestScore = score(coarse, 1);
    for (let p = Math.max(lo, coarse - this.searchStep + 1); p <= Math.min(hi, coarse + this.searchStep - 1); p++) {
      const s = p === coarse ? bestScore : score(p, 1);
      if (s > bestScore) [best, bestScore] = [p, s];
    }
    return best;
  }

  private addFrame(k: number, pos: number, inEnd: number): void {
    const start = k * this.hopOut - this.outBase;
    if (start + this.frameLen > this.output.length) {
      const grown = new Float32Array(Math.max(this.output.length * 2, start + this.frameLen));
      grown.set(this.output);
      this.output = grown;
    }
    for (let n = 0; n < this.frameLen; n++) {
      // The first frame is not faded in: the utterance starts at full level.
      const w = k === 0 && n < this.hopOut ? 1 : this.window[n];
      this.output[start + n] += w * this.at(pos + n, inEnd);
    }
  }

  private consumeOutput(n: number): void {
    if (n <= 0) return;
    const rest = new Float32Array(Math.max(this.frameLen * 2, this.output.length - n));
    rest.set(this.output.subarray(n, Math.min(this.output.length, n + rest.length)));
    this.output = rest;
    this.outBase += n;
  }

  /** Drops input that no later frame can read, so memory stays bounded however long the utterance. */
  private dropInput(): void {
    const nominal = Math.round(this.frame * this.hopIn);
    const firstNeeded = Math.min(nominal - this.tolerance, this.prevPos + this.hopOut);
    const drop = Math.min(this.input.length, Math.max(0, firstNeeded - this.inBase));
    if (drop <= 0) return;
    this.input = this.input.slice(drop);
    this.inBase += drop;
  }
}

/**
 * Stretches a stream of audio chunks at the rate of the first one; each output chunk keeps the text range of
 * the input it came from. A chunk at another rate is resampled to that rate first, so one stretcher hears one
 * continuous signal.
 */
export async function* stretchAudio(chunks: AsyncIterable<AudioChunk>, speed: number): AsyncGenerator<AudioChunk> {
  let stretcher: TimeStretcher | undefined;
  let last: AudioChunk | undefined;
  for await (const chunk of chunks) {
    stretcher ??= new TimeStretcher(speed, chunk.sampleRate);
    const rate = stretcher.sampleRate;
    last = chunk;
    const out = stretcher.push(chunk.sampleRate === rate ? chunk.samples : resample(chunk.samples, chunk.sampleRate, rate));
    if (out.length) yield { ...chunk, samples: out, sampleRate: rate };
  }
  const rest = stretcher?.flush();
  if (last && rest?.length) yield { ...last, samples: rest, sampleRate: stretcher!.sampleRate };
}
