// The contracts every backend, player and surface share. Kept free of vscode so the core runs under
// mocha, in the CLI and inside the extension host alike.
import type { Event, Disposable } from './events';

export type BackendId = 'local' | 'colab';

/** Where a backend is in its life: nothing loaded, working on it, usable, or broken (detail says why). */
export type BackendState = 'idle' | 'busy' | 'ready' | 'error';

export interface BackendStatus {
  state: BackendState;
  /** One short human sentence: "VieNeu-TTS q4 loaded", "Connected (82 ms, Tesla T4)", "Not connected". */
  detail: string;
  /** 0..1 while busy, when known. */
  progress?: number;
  /** Facts for tooltips and the admin panel: latency, GPU, model id, engine. */
  info?: Record<string, string | number | boolean>;
}

/** A custom voice: NeuCodec codes of a reference clip plus its transcript. */
export interface ReferenceVoice {
  codes: number[];
  text: string;
}

export interface SynthesisRequest {
  text: string;
  /** Preset voice id; undefined = the backend's default voice. */
  voice?: string;
  /** A custom voice overrides `voice`. */
  reference?: ReferenceVoice;
  speed?: number;
  temperature?: number;
  topK?: number;
  seed?: number;
}

/** A piece of audio, mono float32 in [-1, 1]. Chunks of one request share a sample rate. */
export interface AudioChunk {
  samples: Float32Array;
  sampleRate: number;
  /** Character range of the request text this audio speaks, when the backend knows it (for highlighting). */
  textRange?: { start: number; end: number };
}

export interface TtsBackend extends Disposable {
  readonly id: BackendId;
  readonly status: BackendStatus;
  readonly onDidChangeStatus: Event<BackendStatus>;
  /**
   * Streams audio for the request. Stops promptly (and ends the iteration with an AbortError) when
   * `signal` aborts. Throws a UserError when the backend is not ready.
   */
  synthesize(request: SynthesisRequest, signal: AbortSignal): AsyncIterable<AudioChunk>;
}
