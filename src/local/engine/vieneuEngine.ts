// The VieNeu model engine: request text → chunks → phonemes → prompt → backbone codes → streaming NeuCodec
// decode → AudioChunks at the codec's rate (24 kHz for NeuCodec), each carrying the text range it speaks.
// Chunks are joined with 0.15 s of silence like upstream's join. Nothing grows with the text: one chunk's
// prompt, a few dozen codes and one overlap region are alive at a time, and audio is handed out as soon as it
// is final.
import { throwIfAborted, UserError } from '../../core/errors';
import { t } from '../../core/strings';
import type { AudioChunk, ReferenceVoice } from '../../core/types';
import { buildPrompt } from '../../text/prompt';
import { splitInWindows } from '../../text/textWindows';
import type { Backbone } from '../backbone/types';
import type { PromptStyle } from '../models/catalogue';
import { CodeStreamer, V1_STREAMING, type StreamingParams } from '../streaming/codeStreamer';
import type { CodecDecoder, EngineObserver, FrontEnd } from './types';

export interface VieneuEngineOptions {
  backbone: Backbone;
  codec: CodecDecoder;
  frontEnd: FrontEnd;
  promptStyle?: PromptStyle;
  streaming?: Partial<StreamingParams>;
  /** Silence between text chunks, seconds (upstream: 0.15). */
  silenceSeconds?: number;
  /** Upstream allows up to 2048 new tokens per chunk (also bounded by the context left after the prompt). */
  maxNewTokens?: number;
}

export interface EngineRequest {
  text: string;
  voice: ReferenceVoice;
  temperature?: number;
  topK?: number;
  seed?: number;
}

export class VieneuEngine {
  private readonly streaming: StreamingParams;
  private readonly refPhones = new Map<string, Promise<string>>();

  constructor(private readonly o: VieneuEngineOptions) {
    this.streaming = { ...V1_STREAMING, samplesPerCode: o.codec.samplesPerCode, ...o.streaming };
  }

  get sampleRate(): number {
    return this.o.codec.sampleRate;
  }

  /** Phonemes of a reference transcript, once per voice (they are the same for every request). */
  private referencePhones(text: string): Promise<string> {
    let p = this.refPhones.get(text);
    if (!p) {
      p = Promise.resolve(this.o.frontEnd.phonemizeReference(text));
      p.catch(() => this.refPhones.delete(text));
      if (this.refPhones.size > 32) this.refPhones.clear();
      this.refPhones.set(text, p);
    }
    return p;
  }

  async *synthesize(request: EngineRequest, signal: AbortSignal, observer: EngineObserver = {}): AsyncIterable<AudioChunk> {
    throwIfAborted(signal);
    const { backbone, codec, frontEnd } = this.o;
    // Split window by window as speech reaches it: a 1 MB selection starts speaking without splitting it all.
    const chunks = splitInWindows(request.text, (text) => frontEnd.split(text), (c, offset) => ({ ...c, start: c.start + offset, end: c.end + offset }));
    let refPhones: string | undefined;
    const silence = Math.round((this.o.silenceSeconds ?? 0.15) * codec.sampleRate);
    const decode = (codes: Int32Array) => codec.decode(codes);

    let i = -1;
    for await (const chunk of chunks) {
      i++;
      throwIfAborted(signal);
      refPhones ??= await this.referencePhones(request.voice.text);
      const textRange = { start: chunk.start, end: chunk.end };
      if (i > 0 && silence > 0) yield { samples: new Float32Array(silence), sampleRate: codec.sampleRate, textRange };
      const phones = await frontEnd.phonemize(chunk.text);
      const prompt = buildPrompt({ format: this.o.promptStyle ?? 'v1-chat', refPhonemes: refPhones, inputPhonemes: phones, refCodes: request.voice.codes });
      const tokens = await backbone.tokenize(prompt);
      const room = backbone.info.contextLength - tokens.length;
      if (room < 1) {
        throw new UserError(t('localPromptTooLong', tokens.length, backbone.info.contextLength), 'bad-input', t('localPromptTooLongFix'));
      }
      observer.onPrompt?.(i, tokens.length);
      const streamer = new CodeStreamer(decode, request.voice.codes, this.streaming);
      let samples = 0;
      const codes = backbone.generate(tokens, {
        temperature: request.temperature ?? 1,
        topK: request.topK ?? 50,
        maxNewTokens: Math.min(this.o.maxNewTokens ?? 2048, room),
        seed: request.seed,
        signal,
      });
      for await (const code of codes) {
        throwIfAborted(signal);
        const audio = await streamer.push(code);
        observer.onCode?.(i, streamer.codeCount);
        if (audio && audio.length > 0) {
          samples += audio.length;
          observer.onAudio?.(i, audio.length);
          yield { samples: audio, sampleRate: codec.sampleRate, textRange };
        }
      }
      throwIfAborted(signal);
      const tail = await streamer.finish();
      if (tail.length > 0) {
        samples += tail.length;
        observer.onAudio?.(i, tail.length);
        yield { samples: tail, sampleRate: codec.sampleRate, textRange };
      }
      observer.onChunkDone?.(i, { codes: streamer.codeCount, samples });
    }
  }
}
