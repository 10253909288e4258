// The whole text front-end in one call, for the local engine: chunk the original text (keeping ranges for the
// editor highlight), normalize each chunk, phonemize it on the warm espeak-ng. Any string is accepted: nothing
// readable is simply skipped, and the result says what was left out and why.
import { t } from '../core/strings';
import { chunkText, DEFAULT_MAX_CHARS, type TextRange } from './chunk';
import { getEspeak } from './espeak';
import { normalizeDetailed } from './normalize';
import { EMPTY_DICT, type PhonemeDict } from './phonemeDict';
import { DEFAULT_PHONEMIZER_VARIANT, Phonemizer, type PhonemizerVariant } from './phonemize';

export interface FrontendOptions {
  /** The model's phoneme_dict.json (EMPTY_DICT sends every word through espeak-ng). */
  dict?: PhonemeDict;
  variant?: PhonemizerVariant;
  maxChars?: number;
  /** Read Markdown/source selections as prose (default true). */
  markdown?: boolean;
  /** Longer input is cut here and the rest reported as skipped (default 200,000 characters). */
  maxInputChars?: number;
}

export interface PreparedChunk {
  /** The normalized text that was phonemized. */
  text: string;
  phonemes: string;
  /** Where the chunk is in the original text (several chunks share a range when normalizing made one too long). */
  range: TextRange;
}

export interface PreparedText {
  chunks: PreparedChunk[];
  /** Human-readable notes on what was not read (localized); empty when everything was read. */
  skipped: string[];
}

export const DEFAULT_MAX_INPUT_CHARS = 200_000;
const SHOW_DROPPED = 12;

const phonemizers = new WeakMap<PhonemeDict, Map<PhonemizerVariant, Phonemizer>>();

async function phonemizerFor(dict: PhonemeDict, variant: PhonemizerVariant): Promise<Phonemizer> {
  let byVariant = phonemizers.get(dict);
  if (!byVariant) phonemizers.set(dict, (byVariant = new Map()));
  let p = byVariant.get(variant);
  if (!p) byVariant.set(variant, (p = new Phonemizer(await getEspeak(), dict, variant)));
  return p;
}

export async function prepare(text: string, options: FrontendOptions = {}): Promise<PreparedText> {
  const variant = options.variant ?? DEFAULT_PHONEMIZER_VARIANT;
  const maxChars = options.maxChars ?? DEFAULT_MAX_CHARS;
  const maxInput = options.maxInputChars ?? DEFAULT_MAX_INPUT_CHARS;
  const skipped: string[] = [];
  let input = typeof text === 'string' ? text : String(text ?? '');
  if (input.length > maxInput) {
    skipped.push(t('skippedTooLong', maxInput));
    input = input.slice(0, maxInput);
  }
  if (input.trim() === '') return { chunks: [], skipped: [t('skippedEmpty')] };

  const phonemizer = await phonemizerFor(options.dict ?? EMPTY_DICT, variant);
  const { chunks: raw, skippedCodeBlocks } = chunkText(input, { maxChars, markdown: options.markdown });
  if (skippedCodeBlocks > 0) skipped.push(t('skippedCode', skippedCodeBlocks));

  const dropped = new Set<string>();
  let controls = 0;
  let unbalancedEn = false;
  const failed = new Set<string>();
  const chunks: PreparedChunk[] = [];

  for (const chunk of raw) {
    const norm = normalizeDetailed(chunk.text, { keepEnTags: variant === 'v2026' });
    for (const d of norm.dropped) {
      if (d.startsWith('U+')) controls++;
      else dropped.add(d);
    }
    unbalancedEn ||= norm.unbalancedEn;
    if (!norm.text) continue;
    // Numbers and symbols grow when spelled out; keep what the model sees near the chunk size.
    const pieces = norm.text.length > maxChars * 1.5 ? chunkText(norm.text, { maxChars, markdown: false }).chunks.map((c) => c.text) : [norm.text];
    for (const piece of pieces) {
      const { phonemes, failed: f } = phonemizer.phonemize(piece);
      f.forEach((w) => failed.add(w));
      if (phonemes.trim()) chunks.push({ text: piece, phonemes, range: { ...chunk.range } });
    }
  }

  if (dropped.size > 0) {
    const shown = [...dropped].slice(0, SHOW_DROPPED).join(' ');
    skipped.push(t('skippedChars', dropped.size > SHOW_DROPPED ? `${shown} …` : shown));
  }
  if (controls > 0) skipped.push(t('skippedControl', controls));
  if (unbalancedEn) skipped.push(t('skippedUnbalancedEn'));
  if (failed.size > 0) skipped.push(t('skippedPhonemizeFailed', [...failed].slice(0, SHOW_DROPPED).join(' ')));
  if (chunks.length === 0 && !skipped.includes(t('skippedEmpty'))) skipped.unshift(t('skippedEmpty'));
  return { chunks, skipped };
}
