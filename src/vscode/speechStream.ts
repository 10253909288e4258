// The stream Speak Selection hands to the player, without VS Code: the active backend's chunks, each knowing
// the text range it speaks, with the moment the first one leaves noted. SpeechController uses it, and so does
// bench/ui.ts, which measures exactly this path.
import type { BackendManager } from '../core/backendManager';
import type { AudioChunk, SynthesisRequest } from '../core/types';
import { chunkText } from '../text/chunk';

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
 * The active backend's stream, with every chunk knowing the text it speaks. The local engine reports ranges
 * itself; the Colab server streams one request's audio without them, so the text is cut into the same
 * ≤256-character chunks here and requested one after another (generation still runs ahead of playback).
 * Throws the backend's "not ready" error at once, before anything starts.
 */
export function synthesizeWithRanges(manager: BackendManager, request: SynthesisRequest, signal: AbortSignal): AsyncIterable<AudioChunk> {
  // Decided once, before any piece: a Colab that is down may hand the whole text to Local (the fallback).
  const backend = manager.prepareToSpeak();
  if (backend.id !== 'colab') return backend.synthesize(request, signal);
  const pieces = chunkText(request.text).chunks;
  if (pieces.length === 0) return backend.synthesize(request, signal);
  // Later pieces stay on the same backend even if the user switches meanwhile, as one request would.
  const first = backend.synthesize({ ...request, text: pieces[0].text }, signal);
  return (async function* () {
    for (let i = 0; i < pieces.length; i++) {
      const stream = i === 0 ? first : backend.synthesize({ ...request, text: pieces[i].text }, signal);
      for await (const a of stream) yield a.textRange ? a : { ...a, textRange: pieces[i].range };
    }
  })();
}
