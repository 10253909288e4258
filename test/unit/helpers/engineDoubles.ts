// Test doubles for the engine's neighbours (backbone, codec, front-end). Never used by the product; the
// end-to-end tests use the real runners, codec and text front-end instead.
import { abortError } from '../../../src/core/errors';
import type { Backbone, BackboneInfo, GenerateOptions } from '../../../src/local/backbone/types';
import type { CodecDecoder, FrontEnd, SpeechChunk } from '../../../src/local/engine/types';

export class ScriptedBackbone implements Backbone {
  readonly prompts: string[] = [];
  readonly info: BackboneInfo = {
    format: 'gguf', path: 'scripted', contextLength: 2048, vocabSize: 70000, speechTokenBase: 1000, speechTokenCount: 65536, endTokenId: 999,
  };
  /** Codes pulled by the engine after the signal aborted. */
  pulledAfterAbort = 0;
  closed = 0;
  generated = 0;

  constructor(
    private readonly codesPerChunk: (chunkIndex: number) => number,
    private readonly delayMs = 0,
  ) {}

  async tokenize(text: string): Promise<number[]> {
    this.prompts.push(text);
    return Array.from({ length: Math.ceil(text.length / 4) }, (_, i) => i);
  }

  tokenId(): number | undefined {
    return undefined;
  }

  async *generate(_prompt: number[], o: GenerateOptions): AsyncIterable<number> {
    const n = Math.min(this.codesPerChunk(this.prompts.length - 1), o.maxNewTokens);
    try {
      for (let i = 0; i < n; i++) {
        if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
        if (o.signal?.aborted) {
          this.pulledAfterAbort++;
          throw abortError();
        }
        this.generated++;
        yield (i * 37 + 11) % 65536;
      }
    } finally {
      this.closed++;
    }
  }

  async dispose(): Promise<void> {}
}

/** Audio for code c is the constant c / 65536 over its samples, so tests can check which code each sample speaks. */
export class ValueCodec implements CodecDecoder {
  readonly sampleRate = 24000;
  readonly samplesPerCode = 480;
  calls = 0;
  async decode(codes: Int32Array): Promise<Float32Array> {
    this.calls++;
    const out = new Float32Array(codes.length * this.samplesPerCode);
    codes.forEach((c, i) => out.fill(c / 65536, i * this.samplesPerCode, (i + 1) * this.samplesPerCode));
    return out;
  }
  dispose(): void {}
}

/** Splits on sentence ends and "phonemizes" by tagging, enough to see what reaches the prompt. */
export const sentenceFrontEnd: FrontEnd = {
  split(text: string): SpeechChunk[] {
    const out: SpeechChunk[] = [];
    const re = /[^.!?]+[.!?]?/g;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const s = m[0].trim();
      if (s) out.push({ text: s.toLowerCase(), start: m.index + m[0].indexOf(s), end: m.index + m[0].indexOf(s) + s.length });
    }
    return out;
  },
  phonemize: (text) => `P(${text})`,
  phonemizeReference: (text) => `R(${text})`,
};
