// One warm espeak-ng (WebAssembly build) for the whole process: phonemes for the phonemizer and the robotic
// built-in voice. Creating an instance reads a 24 MB data file, so it is made once, lazily, and reused; every
// call is synchronous inside the module, so callers never interleave.
import { UserError } from '../core/errors';
import { t } from '../core/strings';
import type { EspeakModule, eSpeakNGWorker } from '@echogarden/espeak-ng-emscripten';

export type EspeakLanguage = 'vi' | 'en-us';

export interface SynthesisOptions {
  /** Words per minute, espeak-ng's own scale (80..450, 175 is normal). */
  rate?: number;
  language?: EspeakLanguage;
}

export interface SynthesizedAudio {
  samples: Float32Array;
  sampleRate: number;
}

export interface Espeak {
  /**
   * espeak_TextToPhonemes in IPA with '_' between phonemes (the mode Python phonemizer uses), one string
   * per clause joined by single spaces, empty clauses dropped: exactly what phonemizer's wrapper returns.
   */
  textToPhonemes(text: string, language: EspeakLanguage): string;
  synthesize(text: string, options?: SynthesisOptions): SynthesizedAudio;
  readonly sampleRate: number;
}

const RATE_MIN = 80;
const RATE_MAX = 450;
const RATE_NORMAL = 175;

class WasmEspeak implements Espeak {
  private voice: EspeakLanguage | undefined;
  private readonly decoder = new TextDecoder('utf-8');
  readonly sampleRate: number;

  constructor(
    private readonly mod: EspeakModule,
    private readonly worker: eSpeakNGWorker,
  ) {
    this.sampleRate = worker.get_samplerate();
  }

  private useVoice(language: EspeakLanguage): void {
    if (this.voice === language) return;
    const rc = this.worker.set_voice(language);
    if (rc !== 0) throw new UserError(t('espeakVoiceMissing', language), 'internal');
    this.voice = language;
  }

  textToPhonemes(text: string, language: EspeakLanguage): string {
    this.useVoice(language);
    if (text.length === 0) return '';
    const ptr = this.mod.getPointer(this.worker.text_to_phonemes(text, 1));
    if (!ptr) return '';
    const heap = this.mod.HEAPU8;
    let end = ptr;
    while (heap[end] !== 0) end++;
    const raw = this.decoder.decode(heap.subarray(ptr, end));
    this.mod._free(ptr);
    // The glue joins clauses with " | "; phonemizer joins the non-empty ones with " ".
    return raw
      .split(' | ')
      .filter((c) => c.length > 0)
      .join(' ');
  }

  synthesize(text: string, options: SynthesisOptions = {}): SynthesizedAudio {
    this.useVoice(options.language ?? 'vi');
    const rate = Math.round(Math.min(RATE_MAX, Math.max(RATE_MIN, options.rate ?? RATE_NORMAL)));
    if (text.trim() === '') return { samples: new Float32Array(0), sampleRate: this.sampleRate };
    this.worker.set_rate(rate);
    const pieces: Int16Array[] = [];
    let total = 0;
    // Not the glue's synth_: it turns SSML on, and espeak-ng keeps that flag globally, so a later
    // textToPhonemes would parse "<en>" as a tag and drop it (different phonemes than Python's). This entry
    // point synthesizes with flags 0 (plain text) and also returns a phoneme trace, which we ignore.
    this.worker.synthesize_and_get_phonemes(text, (samples) => {
      if (samples.length > 0) {
        pieces.push(samples);
        total += samples.length;
      }
      return false;
    });
    const out = new Float32Array(total);
    let at = 0;
    for (const p of pieces) {
      for (let i = 0; i < p.length; i++) out[at + i] = p[i] / 32768;
      at += p.length;
    }
    return { samples: out, sampleRate: this.sampleRate };
  }
}

let instance: Promise<Espeak> | undefined;
let coldStartMs: number | undefined;

/** The process-wide espeak-ng; the first call loads it (about 100-300 ms), later calls return the same one. */
export function getEspeak(): Promise<Espeak> {
  if (!instance) {
    instance = load().catch((err: unknown) => {
      instance = undefined; // a later call may retry (e.g. after the user repairs the installation)
      throw err;
    });
  }
  return instance;
}

/** How long the first getEspeak() took, once it has finished (for the benchmark and the log). */
export function espeakColdStartMs(): number | undefined {
  return coldStartMs;
}

async function load(): Promise<Espeak> {
  const started = performance.now();
  let mod: EspeakModule;
  try {
    // ESM-only package, kept external by the bundler: resolved from node_modules both from out/ and dist/,
    // and it finds its espeak-ng.data next to itself through import.meta.url.
    const { default: createModule } = await import('@echogarden/espeak-ng-emscripten');
    mod = await createModule();
  } catch (err) {
    throw new UserError(t('espeakLoadFailed', err instanceof Error ? err.message : String(err)), 'internal', t('espeakLoadFix'), [], { cause: err });
  }
  const engine = new WasmEspeak(mod, new mod.eSpeakNGWorker());
  engine.textToPhonemes('a', 'vi'); // select the voice and touch the dictionary now, not on the first real call
  coldStartMs = performance.now() - started;
  return engine;
}
