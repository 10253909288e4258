// The stream Speak Selection hands to the player, without VS Code: the active backend's chunks, each knowing
// the text range it speaks, with the moment the first one leaves noted. SpeechController uses it, and so does
// bench/ui.ts, which measures exactly this path.
import type { BackendManager } from '../core/backendManager';
import type { AudioChunk, SynthesisRequest } from '../core/types';

/** Wraps a chunk stream to note when its first chunk leaves for the player. */
export async function* noteFirst(stream: AsyncIterable<AudioChunk>, onFirst: () => void): AsyncIterable<AudioChunk> {
  let first = true;
  for await (const c of stream) {
    if (first) {
      first = false;
      onFirst();
    }
    yield c;
  }
}

/**
 * The active backend's stream, with every chunk knowing the text it speaks: both backends report ranges
 * themselves (the Colab backend cuts the text into the local engine's chunks), so this is the manager's own
 * request. Throws the backend's "not ready" error at once, before anything starts.
 */
export function synthesizeWithRanges(manager: BackendManager, request: SynthesisRequest, signal: AbortSignal): AsyncIterable<AudioChunk> {
  // Decided once, before anything starts: a Colab that is down may hand the whole text to Local (the fallback).
  return manager.prepareToSpeak().synthesize(request, signal);
}
