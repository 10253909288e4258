// Speaking rate for the VieNeu voice. The model has no speed control (upstream ignores `speed`), and playing
// faster would raise the pitch, so the audio is time-stretched with WSOLA (waveform-similarity overlap-add):
// frames are taken from the input at `speed` times the output hop, each shifted by up to ±TOLERANCE samples to
// the position most similar to the natural continuation of the previous frame, so pitch periods line up.
// Streaming: audio is pushed as the engine produces it and stretched audio comes out with ~one frame of delay.

import type { AudioChunk } from '../../core/types';

const FRAME = 768; // 32 ms at 24 kHz: a few pitch periods of a speaking voice
const HOP_OUT = FRAME / 2; // Hann windows at 50% overlap sum to one
const TOLERANCE = 192; // ±8 ms of search
const SEARCH_STEP = 2; // the similarity is coarse-searched on every 2nd offset and sample, then refined

const HANN = Float32Array.from({ length: FRAME }, (_, n) => 0.5 - 0.5 * Math.cos((2 * Math.PI * n) / FRAME));

export class TimeStretcher {
  /** Input not yet dropped; `inBase` is the absolute index of input[0]. */
  private input = new Float32Array(0);
  private inBase = 0;
  /** Output accumulated but not yet final; `outBase` is the absolute index of output[0]. */
  private output = new Float32Array(FRAME * 2);
  private outBase = 0;
  /** Next frame number, and where the previous frame was read from (absolute input index). */
  private frame = 0;
  private prevPos = 0;
  private readonly hopIn: number;

  constructor(readonly speed: number) {
    if (!(speed >= 0.25 && speed <= 4)) throw new RangeError(`speed ${speed} is outside 0.25..4`);
    this.hopIn = HOP_OUT * speed;
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
      const natural = this.prevPos + HOP_OUT;
      // Input this frame may read: the candidates around `nominal` and the continuation of the last frame.
      const need = Math.max(nominal + TOLERANCE, natural) + FRAME;
      if (!final && need > inEnd) break;
      if (final && nominal >= inEnd) break;
      const pos = k === 0 ? 0 : this.bestPosition(nominal, natural, inEnd);
      this.addFrame(k, pos, inEnd);
      this.prevPos = pos;
      this.frame++;
    }
    // Everything before the next frame's start is final.
    const total = Math.round(inEnd / this.speed);
    const finalUpTo = final ? total : Math.min(this.frame * HOP_OUT, total);
    const ready = this.output.slice(0, Math.min(this.output.length, Math.max(0, finalUpTo - this.outBase)));
    this.consumeOutput(ready.length);
    this.dropInput();
    return ready;
  }

  private at(abs: number, inEnd: number): number {
    return abs >= this.inBase && abs < inEnd ? this.input[abs - this.inBase] : 0;
  }

  /** The read position within ±TOLERANCE of `nominal` whose frame best matches the input at `natural`. */
  private bestPosition(nominal: number, natural: number, inEnd: number): number {
    const lo = Math.max(this.inBase, nominal - TOLERANCE);
    const hi = nominal + TOLERANCE;
    const x = this.input;
    const b = natural - this.inBase;
    const score = (p: number, step: number) => {
      let s = 0;
      const a = p - this.inBase;
      if (a >= 0 && b >= 0 && a + FRAME <= this.input.length && b + FRAME <= this.input.length) {
        for (let n = 0; n < FRAME; n += step) s += x[a + n] * x[b + n];
      } else {
        for (let n = 0; n < FRAME; n += step) s += this.at(p + n, inEnd) * this.at(natural + n, inEnd);
      }
      return s;
    };
    let best = Math.min(Math.max(nominal, lo), hi);
    let bestScore = -Infinity;
    for (let p = lo; p <= hi; p += SEARCH_STEP) {
      const s = score(p, SEARCH_STEP);
      if (s > bestScore) [best, bestScore] = [p, s];
    }
    const coarse = best;
    bestScore = score(coarse, 1);
    for (let p = Math.max(lo, coarse - SEARCH_STEP + 1); p <= Math.min(hi, coarse + SEARCH_STEP - 1); p++) {
      const s = p === coarse ? bestScore : score(p, 1);
      if (s > bestScore) [best, bestScore] = [p, s];
    }
    return best;
  }

  private addFrame(k: number, pos: number, inEnd: number): void {
    const start = k * HOP_OUT - this.outBase;
    if (start + FRAME > this.output.length) {
      const grown = new Float32Array(Math.max(this.output.length * 2, start + FRAME));
      grown.set(this.output);
      this.output = grown;
    }
    for (let n = 0; n < FRAME; n++) {
      // The first frame is not faded in: the utterance starts at full level.
      const w = k === 0 && n < HOP_OUT ? 1 : HANN[n];
      this.output[start + n] += w * this.at(pos + n, inEnd);
    }
  }

  private consumeOutput(n: number): void {
    if (n <= 0) return;
    const rest = new Float32Array(Math.max(FRAME * 2, this.output.length - n));
    rest.set(this.output.subarray(n, Math.min(this.output.length, n + rest.length)));
    this.output = rest;
    this.outBase += n;
  }

  /** Drops input that no later frame can read, so memory stays bounded however long the utterance. */
  private dropInput(): void {
    const nominal = Math.round(this.frame * this.hopIn);
    const firstNeeded = Math.min(nominal - TOLERANCE, this.prevPos + HOP_OUT);
    const drop = Math.min(this.input.length, Math.max(0, firstNeeded - this.inBase));
    if (drop <= 0) return;
    this.input = this.input.slice(drop);
    this.inBase += drop;
  }
}

/** Stretches a stream of audio chunks; each output chunk keeps the text range of the input it came from. */
export async function* stretchAudio(chunks: AsyncIterable<AudioChunk>, speed: number): AsyncGenerator<AudioChunk> {
  const stretcher = new TimeStretcher(speed);
  let last: AudioChunk | undefined;
  for await (const chunk of chunks) {
    last = chunk;
    const out = stretcher.push(chunk.samples);
    if (out.length) yield { ...chunk, samples: out };
  }
  const rest = stretcher.flush();
  if (last && rest.length) yield { ...last, samples: rest };
}
