// The v3 Turbo engine: request text → chunks (front end) → phonemes → prompt grid + speaker anchor → prefill →
// per frame one acoustic frame (16 codes, sampled per codebook) and one decode step → MOSS streaming decode →
// 48 kHz AudioChunks carrying their chunk's text range. Upstream's schedule: the first audio after 4 frames,
// later pieces sized to how far playback is behind (4 / 6 / 8 / 25 frames); pauses between chunks from
// pauses.ts; upstream 3.8's frame cap, and its babble guard on chunks of ≤ 3 syllables, which are generated
// whole (≤ 18 frames) and regenerated up to twice when they "said more".
import { abortError, throwIfAborted } from '../../core/errors';
import type { AudioChunk } from '../../core/types';
import { seededRandom } from '../backbone/speechSampler';
import { babbleApplies, babblePrefer, babbleSuspect, BABBLE_MAX_RETRIES, maxExpectedFrames, type BabbleVerdict } from './frameCap';
import type { MossCodec } from './mossCodec';
import { pausePadSamples, V3_PAUSES, type GapKind } from './pauses';
import type { V3FrontEnd } from './v3FrontEnd';
import { buildPromptGrid, embedRows, speakerAnchor } from './v3Prompt';
import type { V3Runner } from './v3Runner';
import { RepetitionHistory, sampleCode, V3_SAMPLING, type SamplingOptions } from './v3Sampler';
import type { V3Voice } from './v3Voices';

export interface V3Request {
  text: string;
  voice: V3Voice;
  temperature?: number;
  topK?: number;
  topP?: number;
  repetitionPenalty?: number;
  repetitionWindow?: number;
  seed?: number;
  /** Upstream default 300; the frame cap may lower it per chunk. */
  maxNewFrames?: number;
  frameCap?: boolean;
  babbleRetries?: number;
  /** Feed the voice's reference codes into the prompt (upstream default true). */
  useRefCodes?: boolean;
}

export interface V3Observer {
  onPrompt?(chunk: number, rows: number, capFrames: number): void;
  onFrame?(chunk: number, frame: number, eos: boolean): void;
  onCodec?(chunk: number, frames: number, ms: number): void;
  onAudio?(chunk: number, samples: number): void;
  onChunkDone?(chunk: number, stats: { frames: number; eos: boolean; retries: number; samples: number }): void;
}

export interface V3Schedule {
  firstFrames: number;
  maxFrames: number;
}

export interface V3EngineOptions {
  runner: V3Runner;
  codec: MossCodec;
  frontEnd: V3FrontEnd;
  schedule?: Partial<V3Schedule>;
  pauses?: Partial<Record<GapKind, number>>;
  /** Clock for the playback-lead estimate (tests). */
  now?: () => number;
}

interface Frame {
  codes: Int32Array;
  eos: boolean;
}

export class V3Engine {
  private readonly schedule: V3Schedule;
  private readonly pauses: Record<GapKind, number>;
  private readonly now: () => number;
  private busy: Promise<void> = Promise.resolve();

  constructor(private readonly o: V3EngineOptions) {
    this.schedule = { firstFrames: 4, maxFrames: 25, ...o.schedule };
    this.pauses = { ...V3_PAUSES, ...o.pauses };
    this.now = o.now ?? (() => performance.now());
  }

  get sampleRate(): number {
    return this.o.codec.sampleRate;
  }

  /** Frames to buffer before the next codec call, from how much audio is ahead of playback (upstream infer_stream). */
  targetFrames(emittedSamples: number, firstAudioAt: number | undefined): number {
    const { firstFrames, maxFrames } = this.schedule;
    if (firstAudioAt === undefined) return Math.min(maxFrames, firstFrames);
    const lead = emittedSamples / this.sampleRate - (this.now() - firstAudioAt) / 1000;
    if (lead < 0.2) return Math.min(maxFrames, firstFrames);
    if (lead < 0.55) return Math.min(maxFrames, 6);
    if (lead < 1.1) return Math.min(maxFrames, 8);
    return maxFrames;
  }

  /** The frames of one chunk, generated one at a time; stops after the end frame (kept) or at `cap`. */
  private async *frames(embeds: Float32Array, rows: number, cap: number, anchor: Float32Array | undefined, s: SamplingOptions, window: number, random: () => number, signal: AbortSignal): AsyncGenerator<Frame> {
    const { runner } = this.o;
    const c = runner.config;
    const heads = runner.heads;
    const H = heads.hidden;
    const hist = s.repetitionPenalty !== 1 ? new RepetitionHistory(c.nVq, heads.audioRows, window) : undefined;
    const scratch = { idx: new Int32Array(Math.max(1, s.topK)), p: new Float64Array(Math.max(1, s.topK)) };
    const pick = (ch: number, logits: Float32Array) => {
      const code = sampleCode(logits, s, hist?.channels[ch], random, scratch);
      hist?.channels[ch].add(code);
      return code;
    };
    let { h, cache } = await runner.prefill(embeds, rows);
    const row = new Float32Array(H);
    for (let t = 0; t < cap; t++) {
      if (signal.aborted) throw abortError();
      const { codes, eos } = await runner.acousticFrame(h, pick);
      yield { codes, eos };
      if (eos || t + 1 >= cap) return;
      row.set(heads.textEmb.subarray(c.sgs * H, (c.sgs + 1) * H));
      for (let ch = 0; ch < c.nVq; ch++) {
        const a = (ch * heads.audioRows + codes[ch]) * H;
        for (let k = 0; k < H; k++) row[k] += heads.audioEmb[a + k];
      }
      if (anchor) for (let k = 0; k < H; k++) row[k] += anchor[k];
      if (signal.aborted) throw abortError();
      ({ h, cache } = await runner.decodeStep(row.slice(), rows + t, cache));
    }
  }

  async *synthesize(request: V3Request, signal: AbortSignal, observer: V3Observer = {}): AsyncGenerator<AudioChunk> {
    throwIfAborted(signal);
    let release!: () => void;
    const previous = this.busy;
    this.busy = new Promise<void>((r) => (release = r));
    await previous;
    try {
      yield* this.run(request, signal, observer);
    } finally {
      release();
    }
  }

  private async *run(request: V3Request, signal: AbortSignal, observer: V3Observer): AsyncGenerator<AudioChunk> {
    const { runner, codec, frontEnd } = this.o;
    const c = runner.config;
    const sr = codec.sampleRate;
    const chunks = await frontEnd.split(request.text);
    if (chunks.length === 0) return;
    const anchor = c.useSpeakerEmbedding ? speakerAnchor(runner.heads, request.voice.speakerEmb) : undefined;
    const refCodes = request.useRefCodes === false || request.voice.frames === 0 ? undefined : request.voice.codes;
    const sampling: SamplingOptions = {
      temperature: request.temperature ?? V3_SAMPLING.temperature,
      topK: request.topK ?? V3_SAMPLING.topK,
      topP: request.topP ?? V3_SAMPLING.topP,
      repetitionPenalty: request.repetitionPenalty ?? V3_SAMPLING.repetitionPenalty,
    };
    const window = request.repetitionWindow ?? V3_SAMPLING.repetitionWindow;
    const random = seededRandom(request.seed ?? (Date.now() ^ (Math.random() * 0x7fffffff)));
    const retries = request.babbleRetries ?? BABBLE_MAX_RETRIES;
    let emitted = 0;
    let firstAudioAt: number | undefined;
    let lastPiece: Float32Array | undefined;

    for (let ci = 0; ci < chunks.length; ci++) {
      throwIfAborted(signal);
      const chunk = chunks[ci];
      const textRange = { start: chunk.start, end: chunk.end };
      const phonemes = await frontEnd.phonemize(chunk.text);
      const grid = buildPromptGrid(runner.tokenize(phonemes), refCodes, c);
      const embeds = embedRows(grid, runner.heads, c.audioPad, anchor);
      const cap = request.frameCap === false ? (request.maxNewFrames ?? 300) : Math.min(request.maxNewFrames ?? 300, maxExpectedFrames(phonemes));
      observer.onPrompt?.(ci, grid.rows, cap);
      let pendingPause = ci > 0 ? this.pauses[chunk.gap ?? 'sentence'] : 0;
      let samples = 0;
      const emit = (audio: Float32Array): AudioChunk[] => {
        if (audio.length === 0) return [];
        const out: AudioChunk[] = [];
        if (pendingPause > 0 && lastPiece) {
          const pad = pausePadSamples(lastPiece, audio, sr, pendingPause);
          if (pad > 0) out.push({ samples: new Float32Array(pad), sampleRate: sr, textRange });
          emitted += pad;
        }
        pendingPause = 0;
        if (firstAudioAt === undefined) firstAudioAt = this.now();
        out.push({ samples: audio, sampleRate: sr, textRange });
        emitted += audio.length;
        samples += audio.length;
        lastPiece = audio;
        observer.onAudio?.(ci, audio.length);
        return out;
      };
      const decode = async (stream: ReturnType<MossCodec['stream']>, frames: Int32Array[]) => {
        const t0 = performance.now();
        const flat = new Int32Array(frames.length * c.nVq);
        frames.forEach((f, i) => flat.set(f, i * c.nVq));
        const audio = await stream.decode(flat, frames.length);
        observer.onCodec?.(ci, frames.length, performance.now() - t0);
        return audio;
      };

      if (request.frameCap !== false && retries > 0 && babbleApplies(phonemes)) {
        // Short chunk: generate it whole, check it, regenerate if it babbled; then play the best take.
        let best: { audio: Float32Array; verdict: BabbleVerdict; frames: number; eos: boolean } | undefined;
        let tries = 0;
        for (; tries <= retries; tries++) {
          const frames: Int32Array[] = [];
          let eos = false;
          for await (const f of this.frames(embeds, grid.rows, cap, anchor, sampling, window, random, signal)) {
            frames.push(f.codes);
            eos = f.eos;
            observer.onFrame?.(ci, frames.length - 1, f.eos);
          }
          const audio = await decode(codec.stream(), frames);
          const verdict = babbleSuspect(audio, sr, phonemes, cap, frames.length);
          if (!best || babblePrefer(verdict, best.verdict)) best = { audio, verdict, frames: frames.length, eos };
          if (!best.verdict.suspect) break;
          throwIfAborted(signal);
        }
        throwIfAborted(signal);
        yield* emit(best!.audio);
        observer.onChunkDone?.(ci, { frames: best!.frames, eos: best!.eos, retries: Math.min(tries, retries), samples });
        continue;
      }

      const stream = codec.stream();
      let buffer: Int32Array[] = [];
      let count = 0;
      let eos = false;
      for await (const f of this.frames(embeds, grid.rows, cap, anchor, sampling, window, random, signal)) {
        buffer.push(f.codes);
        observer.onFrame?.(ci, count, f.eos);
        count++;
        eos = f.eos;
        if (buffer.length >= this.targetFrames(emitted, firstAudioAt) || f.eos) {
          const audio = await decode(stream, buffer);
          buffer = [];
          throwIfAborted(signal);
          yield* emit(audio);
        }
      }
      if (buffer.length > 0) {
        const audio = await decode(stream, buffer);
        throwIfAborted(signal);
        yield* emit(audio);
      }
      observer.onChunkDone?.(ci, { frames: count, eos, retries: 0, samples });
    }
  }
}
