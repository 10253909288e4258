// The stream Speak Selection hands to the player, without VS Code: the active backend's chunks, each knowing
// the text range it speaks, with the moment the first one leaves noted. SpeechController uses it, and so does
// bench/ui.ts, which measures exactly this path.
import type { BackendManager } from '../core/backendManager';
import type { AudioChunk, SynthesisRequest } from '../core/types';
import { chunkText } from '../text/chunk';
import { textWindows, type TextWindow } from '../text/textWindows';

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
  if (manager.active !== 'colab') return manager.synthesize(request, signal);
  // The first window is cut now (to fail at once when not ready); the rest as speech reaches it, so a 1 MB
  // selection does not block the extension host while all of it is chunked.
  const windows = textWindows(request.text);
  const firstWindow = windows.next().value ?? { start: 0, text: '' };
  const firstPieces = chunkText(firstWindow.text).chunks;
  if (firstPieces.length === 0 && firstWindow.text.length === request.text.length) return manager.synthesize(request, signal);
  // Later pieces stay on the same backend even if the user switches meanwhile, as one request would.
  const backend = manager.activeBackend;
  const first = firstPieces.length > 0 ? manager.synthesize({ ...request, text: firstPieces[0].text }, signal) : undefined;
  return (async function* () {
    let started = false;
    for (let w: TextWindow | undefined = firstWindow; w; w = windows.next().value ?? undefined) {
      const pieces = w === firstWindow ? firstPieces : chunkText(w.text).chunks;
      for (const piece of pieces) {
        const stream = !started && first ? first : backend.synthesize({ ...request, text: piece.text }, signal);
        started = true;
        const range = { start: piece.range.start + w.start, end: piece.range.end + w.start };
        for await (const a of stream) yield a.textRange ? a : { ...a, textRange: range };
      }
    }
  })();
}
