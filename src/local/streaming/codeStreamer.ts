// Turns a stream of NeuCodec codes into audio while they are being generated, with upstream's windows
// (NeuTTS-Air / VieNeu `_infer_stream_ggml`): every `framesPerChunk` new codes, once `lookforward` more
// exist, decode the chunk together with up to `lookback` earlier codes (the voice reference's codes count,
// so the first chunk already has context) and keep the chunk plus `overlap` codes each side; neighbours are
// joined by linear overlap-add. Only the codes a future window can still need are kept.
import { OverlapAdder, type OverlapWeight } from './overlapAdd';

/** NeuCodec: 50 codes per second of 24 kHz audio (another codec passes its own samplesPerCode). */
export const SAMPLES_PER_CODE = 480;

export interface StreamingParams {
  framesPerChunk: number;
  lookback: number;
  lookforward: number;
  overlap: number;
  samplesPerCode: number;
  weight: OverlapWeight;
}

/**
 * VieNeu v1's streaming: upstream's window sizes (NeuTTS-Air's, which VieNeu v1 shipped with: first audio
 * after 25 + 5 = 30 codes), so chunks and latency are upstream's; but encodec's triangle for the overlap-add,
 * not upstream's weight. Upstream's `abs(0.5 - (t - 0.5))` is a mistyped `0.5 - abs(t - 0.5)` (encodec's
 * `_linear_overlap_add`, which it copies, says "a triangle"): it is the ramp 1 - t, which gives the newer
 * frame 93-100% of every 2-code overlap - a near-hard cut where a cross-fade was meant. The triangle fades
 * linearly over those 40 ms; both are equal outside the overlaps. 'ramp' stays selectable (weight) to
 * compare with upstream's output sample for sample.
 */
export const V1_STREAMING: StreamingParams = {
  framesPerChunk: 25,
  lookback: 50,
  lookforward: 5,
  overlap: 1,
  samplesPerCode: SAMPLES_PER_CODE,
  weight: 'triangle',
};

/** Decodes a run of codes to exactly codes.length × samplesPerCode samples. */
export type DecodeCodes = (codes: Int32Array) => Promise<Float32Array>;

export class CodeStreamer {
  /** Codes still needed, starting at absolute index `base` (reference codes count from 0). */
  private codes: number[];
  private base = 0;
  /** Absolute index of the first code whose audio has not been framed yet. */
  private next: number;
  private readonly ola: OverlapAdder;
  private generated = 0;

  constructor(
    private readonly decode: DecodeCodes,
    /** Codes that precede the generated ones (the voice reference): context for the first windows only. */
    context: ArrayLike<number>,
    private readonly p: StreamingParams = V1_STREAMING,
  ) {
    this.codes = Array.from(context).slice(-(p.lookback + p.overlap));
    this.base = context.length - this.codes.length;
    this.next = context.length;
    this.ola = new OverlapAdder(p.framesPerChunk * p.samplesPerCode, p.weight);
  }

  /** Generated codes pushed so far. */
  get codeCount(): number {
    return this.generated;
  }

  /** Codes held in memory right now (bounded by lookback + chunk + lookforward + overlap). */
  get heldCodes(): number {
    return this.codes.length;
  }

  /** Adds one generated code; returns new audio when a chunk became ready, otherwise undefined. */
  async push(code: number): Promise<Float32Array | undefined> {
    this.codes.push(code);
    this.generated++;
    const { framesPerChunk: fpc, lookback, lookforward, overlap, samplesPerCode: hop } = this.p;
    const total = this.base + this.codes.length;
    if (total - this.next < fpc + lookforward) return undefined;
    const start = Math.max(this.next - lookback - overlap, this.base);
    const end = Math.min(this.next + fpc + lookforward + overlap, total);
    const audio = await this.decode(this.slice(start, end));
    const from = (this.next - start) * hop;
    const frame = audio.subarray(from, from + (fpc + 2 * overlap) * hop);
    const out = this.ola.add(frame);
    this.next += fpc;
    this.trim();
    return out;
  }

  /**
   * Decodes what is left after the last chunk and returns the rest of the audio. In total the stream
   * yields exactly (generated codes) × samplesPerCode samples. Upstream starts this last frame one code
   * early yet places it at the next stride, shifting it by one code; here it starts at its own position.
   */
  async finish(): Promise<Float32Array> {
    const { lookback, overlap, samplesPerCode: hop } = this.p;
    const total = this.base + this.codes.length;
    const remaining = total - this.next;
    if (remaining <= 0) return this.ola.finish();
    const start = Math.max(this.next - lookback - overlap, this.base, 0);
    const audio = await this.decode(this.slice(start, total));
    const frame = audio.subarray((this.next - start) * hop, (total - start) * hop);
    const out = this.ola.finish(frame);
    this.next = total;
    return out;
  }

  private slice(start: number, end: number): Int32Array {
    return Int32Array.from(this.codes.slice(start - this.base, end - this.base));
  }

  /** Drops codes no later window can reach. */
  private trim(): void {
    const keepFrom = Math.max(this.next - this.p.lookback - this.p.overlap, this.base);
    if (keepFrom > this.base) {
      this.codes = this.codes.slice(keepFrom - this.base);
      this.base = keepFrom;
    }
  }
}
