// The Emscripten build of espeak-ng ships no types; this describes the part of its API we use.
declare module '@echogarden/espeak-ng-emscripten' {
  export interface WrappedPointer {
    readonly ptr: number;
  }
  export interface EspeakEvent {
    type: string;
    text_position: number;
    word_length: number;
    audio_position: number;
    id?: string | number;
  }
  export class eSpeakNGWorker {
    constructor();
    set_voice(name: string, lang?: string, gender?: number, age?: number, variant?: number): number;
    /** Phonemes of every clause of the text, clauses joined by " | "; the C string must be freed by the caller. */
    text_to_phonemes(text: string, useIpa: number): WrappedPointer;
    /** Calls back with 16-bit PCM pieces; returning true from the callback aborts synthesis. */
    synthesize(text: string, callback: (samples: Int16Array, events: EspeakEvent[]) => boolean | void): void;
    /** Synthesizes without SSML (flags 0) and returns the phoneme trace; same callback contract as synthesize. */
    synthesize_and_get_phonemes(text: string, callback: (samples: Int16Array, events: EspeakEvent[]) => boolean | void): string;
    get_samplerate(): number;
    set_rate(wordsPerMinute: number): void;
    get_rate(): number;
  }
  export interface EspeakModule {
    eSpeakNGWorker: typeof eSpeakNGWorker;
    HEAPU8: Uint8Array;
    getPointer(p: WrappedPointer): number;
    _free(ptr: number): void;
  }
  const createModule: (options?: Record<string, unknown>) => Promise<EspeakModule>;
  export default createModule;
}
