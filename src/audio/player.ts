// Where synthesized audio goes. The webview player (plays on the user's machine, even with a remote
// extension host), a system player (paplay/aplay/afplay/PowerShell), or a WAV file all take this shape.
import type { AudioChunk } from '../core/types';

export interface PlaybackEvents {
  /** A chunk starts to sound: the editor highlights its text range. */
  onChunkStart?(chunk: AudioChunk, index: number): void;
  /** The first audio was handed to the output (for time-to-first-audio measurements). */
  onFirstAudio?(): void;
  /** The sound was paused or resumed from the player itself (its own button), not through setPaused. */
  onPaused?(paused: boolean): void;
}

export interface PlaybackResult {
  chunks: number;
  /** Samples played, at `sampleRate` where the player joins chunks into one stream, else each at its own. */
  samples: number;
  /** The first chunk's rate (the model's native rate); 0 when nothing played. */
  sampleRate: number;
  /** True when stopped by the signal before the end. */
  stopped: boolean;
}

export interface Player {
  readonly kind: 'webview' | 'system' | 'file' | 'null';
  /**
   * Plays chunks as they arrive (playback starts while later chunks are still being generated) and resolves
   * when the last one has finished sounding, or soon after `signal` aborts (sound stops at once).
   */
  play(chunks: AsyncIterable<AudioChunk>, signal: AbortSignal, events?: PlaybackEvents): Promise<PlaybackResult>;
  /**
   * Pauses or resumes the sound of what is playing (generation goes on meanwhile). False when nothing is
   * playing or this player cannot pause. Players without it cannot pause at all.
   */
  setPaused?(paused: boolean): boolean;
  /** Whether the sound is paused now. */
  readonly paused?: boolean;
}
