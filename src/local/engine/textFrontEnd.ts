// The text front-end, the only one: chunk the original text (≤ 256 characters, keeping each chunk's range
// for highlighting), normalize each chunk, phonemize it with the model's variant and dictionary.
// Phonemization happens per chunk when the engine reaches it, so the first audio of a long text does not wait
// for the whole text to be phonemized.
import { chunkText, DEFAULT_MAX_CHARS } from '../../text/chunk';
import { normalize } from '../../text/normalize';
import { EMPTY_DICT, loadPhonemeDict } from '../../text/phonemeDict';
import { createPhonemizer } from '../../text/phonemize';
import type { PhonemizerVariantId } from '../models/catalogue';
import type { FrontEnd, SpeechChunk } from './types';

/**
 * Chunks with their original ranges, normalized as they are taken: cutting is cheap, normalizing is most of
 * the cost, so the first chunk of a long text is ready without normalizing the rest (the built-in voice).
 * The v2026 phonemizer needs <en> tags kept.
 */
export function* speechChunks(text: string, variant: PhonemizerVariantId = 'v1-seed', maxChars = DEFAULT_MAX_CHARS): Generator<SpeechChunk> {
  const keepEnTags = variant === 'v2026';
  for (const c of chunkText(text, { maxChars }).chunks) {
    const norm = normalize(c.text, { keepEnTags });
    if (!norm.trim()) continue;
    // Numbers grow when spelled out: split again what became much longer than a chunk (same range for all).
    const pieces = norm.length > maxChars * 1.5 ? chunkText(norm, { maxChars, markdown: false }).chunks.map((p) => p.text) : [norm];
    for (const p of pieces) yield { text: p, start: c.range.start, end: c.range.end };
  }
}

/** All of speechChunks() at once. */
export function splitForSpeech(text: string, variant: PhonemizerVariantId = 'v1-seed', maxChars = DEFAULT_MAX_CHARS): SpeechChunk[] {
  return [...speechChunks(text, variant, maxChars)];
}

export async function createTextFrontEnd(o: { dictionary?: string; variant: PhonemizerVariantId }): Promise<FrontEnd> {
  const dict = o.dictionary ? await loadPhonemeDict(o.dictionary) : EMPTY_DICT;
  const phonemizer = await createPhonemizer(dict, o.variant);
  const keepEnTags = o.variant === 'v2026';
  return {
    split: (text) => splitForSpeech(text, o.variant),
    phonemize: (text) => phonemizer.phonemize(text).phonemes,
    phonemizeReference: (text) => phonemizer.phonemize(normalize(text, { keepEnTags })).phonemes,
  };
}
