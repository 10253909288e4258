// The v3 engine's text front-end: the project's chunker and normalizer in its v3 (sea-g2p) reading, then
// sea-g2p's phonemes from the model's sea_g2p.bin. Structurally a FrontEnd of src/local/engine/types.ts (text
// does not import the engine; the test checks the fit). The v3 tokenizer (phonemes → ids) belongs to the engine.
import { chunkText, DEFAULT_MAX_CHARS } from '../chunk';
import { normalize } from '../normalize';
import { loadSeapDict, type SeapDict } from './seapDict';
import { SeaPhonemizer } from './seaPhonemizer';
import type { SeaG2pOptions } from './seaG2p';

/** Normalized text of one chunk and its character range in the request. */
export interface SpeechChunk {
  text: string;
  start: number;
  end: number;
}

/** Chunks (≤ maxChars, with their source ranges) of text normalized for v3. */
export function splitForSea(text: string, maxChars = DEFAULT_MAX_CHARS): SpeechChunk[] {
  const out: SpeechChunk[] = [];
  for (const c of chunkText(text, { maxChars }).chunks) {
    const norm = normalize(c.text, { sea: true });
    if (!norm.trim()) continue;
    // Spelled-out numbers grow; what became much longer than a chunk is split again (same range for all).
    const pieces = norm.length > maxChars * 1.5 ? chunkText(norm, { maxChars, markdown: false }).chunks.map((p) => p.text) : [norm];
    for (const p of pieces) out.push({ text: p, start: c.range.start, end: c.range.end });
  }
  return out;
}

export interface SeaFrontEnd {
  readonly dict: SeapDict;
  split(text: string): SpeechChunk[];
  phonemize(text: string): string;
  phonemizeReference(text: string): string;
}

export function seaFrontEndFrom(dict: SeapDict, options: SeaG2pOptions & { maxChars?: number } = {}): SeaFrontEnd {
  const phonemizer = new SeaPhonemizer(dict, options);
  return {
    dict,
    split: (text) => splitForSea(text, options.maxChars),
    phonemize: (text) => phonemizer.phonemize(text),
    phonemizeReference: (text) => phonemizer.phonemize(normalize(text, { sea: true })),
  };
}

/** Loads (once per path) the dictionary and builds the front-end. */
export async function createSeaFrontEnd(o: { dictionary: string } & SeaG2pOptions & { maxChars?: number }): Promise<SeaFrontEnd> {
  return seaFrontEndFrom(await loadSeapDict(o.dictionary), o);
}
