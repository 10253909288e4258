// The built-in voice: espeak-ng's own Vietnamese voice from the same WebAssembly build that makes the
// phonemes. Robotic, but it needs no download, works offline from the first minute, and lets Speak Selection
// work before any model is loaded. Its 22.05 kHz output is resampled to 24 kHz like everything else.
// espeak synthesizes a whole string synchronously, so text goes in sentence-sized chunks (at most
// BUILTIN_CHUNK_CHARS), and the event loop gets a turn before each one: the chunk already yielded leaves for
// the player (postMessage needs the loop), an abort is noticed, the extension host stays responsive, and the
// first audio waits for one sentence, whatever the length of the text. Without that turn a for-await over
// this generator ran every chunk in one go: 10,000 characters were silent for about 12 s.
import { resample } from '../audio/resample';
import { throwIfAborted } from '../core/errors';
import type { AudioChunk } from '../core/types';
import { getEspeak } from '../text/espeak';
import { splitInWindows } from '../text/textWindows';
import type { SpeechChunk } from './engine/types';

export const BUILTIN_SAMPLE_RATE = 24_000;
/** About one sentence: ~7 s of speech, synthesized in well under a second on a slow CPU. */
export const BUILTIN_CHUNK_CHARS = 140;
/** espeak-ng's normal speed in words per minute; `speed` scales it. */
const NORMAL_WPM = 175;

export interface BuiltinSpeaker {
  synthesize(text: string, options?: { rate?: number; language?: 'vi' }): { samples: Float32Array; sampleRate: number };
}

export interface BuiltinVoiceOptions {
  /** Splits the request into chunks with source ranges (the same front-end the model engine uses); lazily, so the first sentence is ready before the rest is normalized. */
  split: (text: string, maxChars: number) => Iterable<SpeechChunk> | Promise<SpeechChunk[]>;
  /** Defaults to the process-wide espeak-ng WASM, loaded on first use. */
  speaker?: () => Promise<BuiltinSpeaker>;
}

/** A macrotask turn: lets I/O (the messages to the player) and timers run before the next synchronous chunk. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

// espeak.ts itself is light: the WASM module is imported inside getEspeak() on first use.
const defaultSpeaker = (): Promise<BuiltinSpeaker> => getEspeak();

export class BuiltinVoice {
  constructor(private readonly o: BuiltinVoiceOptions) {}

  /** Loads espeak-ng now (about 100-300 ms) so the first request does not pay for it. */
  async warm(): Promise<void> {
    await (this.o.speaker ?? defaultSpeaker)();
  }

  async *synthesize(text: string, speed: number | undefined, signal: AbortSignal): AsyncIterable<AudioChunk> {
    throwIfAborted(signal);
    const speaker = await (this.o.speaker ?? defaultSpeaker)();
    // Split window by window as speech reaches it (a 1 MB selection starts at once), in sentence-sized chunks.
    const chunks = splitInWindows(text, (w) => this.o.split(w, BUILTIN_CHUNK_CHARS), (c, offset) => ({ ...c, start: c.start + offset, end: c.end + offset }));
    const rate = NORMAL_WPM * (speed && speed > 0 ? speed : 1);
    for await (const chunk of chunks) {
      await nextTurn();
      throwIfAborted(signal);
      const audio = speaker.synthesize(chunk.text, { rate, language: 'vi' });
      throwIfAborted(signal);
      if (audio.samples.length === 0) continue;
      yield {
        samples: resample(audio.samples, audio.sampleRate, BUILTIN_SAMPLE_RATE),
        sampleRate: BUILTIN_SAMPLE_RATE,
        textRange: { start: chunk.start, end: chunk.end },
      };
    }
  }
}
