// Normalized Vietnamese text → the IPA string a VieNeu-TTS model was trained on. Two variants, chosen per model:
//   'v1-seed' (default, the v1 models): the seed's phonemize_with_dict — whole tokens, punctuation included,
//             looked up in the dictionary; unknown tokens through espeak-ng one at a time; a token starting
//             with "r" gets "ɹ" as its first phone; pieces joined with ' ' (so two spaces between words and
//             one trailing space, since every piece ends with the word separator).
//   'v2026'   (upstream from January 2026): punctuation peeled off before lookup and glued back, unknown
//             words phonemized as one batch and trimmed, <en>…</en> spans read with en-us, spaces before
//             punctuation removed.
// Both reproduce the Python code byte for byte (see pythonPhonemizer.ts and the parity test).
import { getEspeak, type Espeak } from './espeak';
import { EMPTY_DICT, type PhonemeDict } from './phonemeDict';
import { phonemizeLines, phonemizeString, PY_WS, pySplit, pyStrip } from './pythonPhonemizer';

export type PhonemizerVariant = 'v1-seed' | 'v2026';
export const PHONEMIZER_VARIANTS: readonly PhonemizerVariant[] = ['v1-seed', 'v2026'];
export const DEFAULT_PHONEMIZER_VARIANT: PhonemizerVariant = 'v1-seed';

export interface PhonemizeResult {
  phonemes: string;
  /** Words espeak-ng failed on; they are left as written (what upstream does) and reported. */
  failed: string[];
}

/** Replaces the first phone (code point) with the English-style r upstream uses for Vietnamese "r". */
function rhoticFirst(phones: string): string {
  const cps = Array.from(phones);
  if (cps.length === 0) return phones;
  return 'ɹ' + cps.slice(1).join('');
}

// Python's \w for str patterns: letters, digits and numbers of every script, and the underscore.
const AFFIX_RE = /^([^\p{L}\p{N}_]*)(.*?)([^\p{L}\p{N}_]*)$/su;
const EN_SPLIT_RE = /(<en>.*?<\/en>)/i;
const EN_PART_RE = /^<en>.*<\/en>/i;
const SPACE_BEFORE_PUNCT_RE = new RegExp(`[${PY_WS}]+([.,!?;:])`, 'g');

export class Phonemizer {
  /** Words espeak-ng already read, per variant (upstream caches them in the dictionary object itself). */
  private readonly seedCache = new Map<string, string>();
  private readonly v2026Cache = new Map<string, string>();

  constructor(
    private readonly espeak: Espeak,
    readonly dict: PhonemeDict = EMPTY_DICT,
    readonly variant: PhonemizerVariant = DEFAULT_PHONEMIZER_VARIANT,
  ) {}

  /** Phonemizes text that is already normalized (the normalizer is a separate step, as in the CLI). */
  phonemize(text: string): PhonemizeResult {
    return this.variant === 'v2026' ? this.phonemizeV2026(text) : this.phonemizeSeed(text);
  }

  private phonemizeSeed(text: string): PhonemizeResult {
    const failed: string[] = [];
    const out: string[] = [];
    for (const word of pySplit(text)) {
      let phones = this.dict.get(word) ?? this.seedCache.get(word);
      if (phones === undefined) {
        try {
          phones = phonemizeString(this.espeak, word, 'vi');
          if (word.toLowerCase().startsWith('r')) phones = rhoticFirst(phones);
          this.seedCache.set(word, phones);
        } catch {
          failed.push(word);
          phones = word;
        }
      }
      out.push(phones);
    }
    return { phonemes: out.join(' '), failed };
  }

  private phonemizeV2026(text: string): PhonemizeResult {
    const failed: string[] = [];
    const parts = text.split(EN_SPLIT_RE);
    const processed: Array<string | Array<string | null> | null> = [];
    const enTexts: string[] = [];
    const enIndices: number[] = [];
    const viTexts: string[] = [];
    const viMaps: Array<[number, number]> = [];

    parts.forEach((part, partIdx) => {
      if (EN_PART_RE.test(part)) {
        enTexts.push(pyStrip(part.replace(/<\/?en>/gi, '')));
        enIndices.push(partIdx);
        processed.push(null);
        return;
      }
      const words: Array<string | null> = [];
      for (const word of pySplit(part)) {
        const m = AFFIX_RE.exec(word);
        const [pre, core, suf] = m ? [m[1], m[2], m[3]] : ['', word, ''];
        if (!core) {
          words.push(word);
          continue;
        }
        const known = this.dict.get(core) ?? this.v2026Cache.get(core);
        if (known !== undefined) {
          words.push(`${pre}${known}${suf}`);
        } else {
          viTexts.push(word);
          viMaps.push([partIdx, words.length]);
          words.push(null);
        }
      }
      processed.push(words);
    });

    if (enTexts.length > 0) {
      try {
        const en = phonemizeLines(this.espeak, enTexts, 'en-us');
        // zip() semantics: an empty <en></en> is dropped by phonemizer and the rest shift, as upstream.
        for (let i = 0; i < Math.min(en.length, enIndices.length); i++) processed[enIndices[i]] = pyStrip(en[i]);
      } catch {
        failed.push(...enTexts);
        enIndices.forEach((partIdx, i) => (processed[partIdx] = enTexts[i]));
      }
    }

    if (viTexts.length > 0) {
      let vi: string[] | undefined;
      try {
        vi = phonemizeLines(this.espeak, viTexts, 'vi');
      } catch {
        vi = undefined;
      }
      let complete = vi !== undefined;
      if (vi) {
        for (let i = 0; i < viMaps.length; i++) {
          if (i >= vi.length) {
            complete = false; // upstream raises IndexError here and falls back to the words as written
            break;
          }
          let phones = pyStrip(vi[i]);
          if (viTexts[i].toLowerCase().startsWith('r') && phones.length > 0) phones = rhoticFirst(phones);
          this.v2026Cache.set(viTexts[i], phones);
          const [partIdx, wordIdx] = viMaps[i];
          (processed[partIdx] as Array<string | null>)[wordIdx] = phones;
        }
      }
      if (!complete) {
        failed.push(...viTexts);
        viMaps.forEach(([partIdx, wordIdx], i) => ((processed[partIdx] as Array<string | null>)[wordIdx] = viTexts[i]));
      }
    }

    const finalParts: string[] = [];
    for (const part of processed) {
      if (Array.isArray(part)) finalParts.push(part.filter((w): w is string => w !== null).join(' '));
      else if (part !== null) finalParts.push(part);
    }
    return { phonemes: finalParts.join(' ').replace(SPACE_BEFORE_PUNCT_RE, '$1'), failed };
  }
}

/** A phonemizer on the process-wide warm espeak-ng. */
export async function createPhonemizer(dict: PhonemeDict = EMPTY_DICT, variant: PhonemizerVariant = DEFAULT_PHONEMIZER_VARIANT): Promise<Phonemizer> {
  return new Phonemizer(await getEspeak(), dict, variant);
}
