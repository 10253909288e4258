// What the VieNeu engine needs from its neighbours, kept as small interfaces so the engine is testable on
// its own and the real text front-end, runners and codec plug in unchanged.

/** A piece of the request to speak: the text as the model should read it and where it came from. */
export interface SpeechChunk {
  /** Normalized text (what gets phonemized). */
  text: string;
  /** Character range in the request text. */
  start: number;
  end: number;
}

export interface FrontEnd {
  /** Normalizes and splits the request into chunks of at most 256 characters, keeping source ranges. */
  split(text: string): SpeechChunk[] | Promise<SpeechChunk[]>;
  /** Phonemes of already-normalized text (one chunk). */
  phonemize(text: string): string | Promise<string>;
  /** Phonemes of a voice's reference transcript (upstream normalizes it first). */
  phonemizeReference(text: string): string | Promise<string>;
}

/** The NeuCodec decoder: codes in, exactly codes × samplesPerCode samples out. */
export interface CodecDecoder {
  readonly sampleRate: number;
  readonly samplesPerCode: number;
  decode(codes: Int32Array): Promise<Float32Array>;
  dispose(): Promise<void> | void;
}

/** Progress of one request, for benchmarks, tests and the admin panel. */
export interface EngineObserver {
  onPrompt?(chunkIndex: number, promptTokens: number): void;
  onCode?(chunkIndex: number, codeCount: number): void;
  onAudio?(chunkIndex: number, samples: number): void;
  onChunkDone?(chunkIndex: number, stats: { codes: number; samples: number }): void;
}
