// What the v3 engine needs from the text side: chunks of the request (≤ 256 characters, with their source
// ranges and the kind of boundary before each, for the pause) and phonemes per chunk. v3TextFrontEnd.ts picks
// sea-g2p or, without its dictionary, `textFrontEndV3` on the v1 phonemizer; `phonemeFrontEnd` speaks given
// phonemes.
import { chunkText, DEFAULT_MAX_CHARS } from '../../text/chunk';
import { normalize } from '../../text/normalize';
import type { GapKind } from './pauses';

export interface V3Chunk {
  /** Text as the phonemizer should read it. */
  text: string;
  start: number;
  end: number;
  /** Boundary before this chunk (undefined for the first). */
  gap?: GapKind;
}

export interface V3FrontEnd {
  split(text: string): V3Chunk[] | Promise<V3Chunk[]>;
  phonemize(text: string): string | Promise<string>;
  /** Which phonemizer this is ('sea-g2p', or the 'v1-phonemizer' stopgap), for the load log and model info. */
  readonly g2p?: string;
}

/** Upstream's boundary kinds: a new paragraph, the end of a sentence (.!?), or a cut inside one. */
export function classifyGap(source: string, prevEnd: number, nextStart: number, prevText: string): GapKind {
  if (/[\r\n]/.test(source.slice(prevEnd, nextStart))) return 'para';
  return /[.!?]$/.test(prevText.trimEnd()) ? 'sentence' : 'minor';
}

/** Chunks of `text` with ranges and boundary kinds; `prepare` turns a chunk's source text into phonemizer input. */
export function splitWithGaps(text: string, prepare: (s: string) => string = (s) => s, maxChars = DEFAULT_MAX_CHARS): V3Chunk[] {
  const out: V3Chunk[] = [];
  let prev: { end: number; text: string } | undefined;
  for (const c of chunkText(text, { maxChars }).chunks) {
    const prepared = prepare(c.text);
    if (!prepared.trim()) continue;
    out.push({ text: prepared, start: c.range.start, end: c.range.end, gap: prev ? classifyGap(text, prev.end, c.range.start, prev.text) : undefined });
    prev = { end: c.range.end, text: c.text };
  }
  return out;
}

/** Speaks the given phoneme string for the whole text (one chunk; lines of phonemes become paragraphs). */
export function phonemeFrontEnd(phonemes: string): V3FrontEnd {
  const lines = phonemes.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  return {
    split: (text) => lines.map((line, i) => ({ text: line, start: 0, end: text.length, gap: i > 0 ? 'para' : undefined })),
    phonemize: (chunk) => chunk,
  };
}

/** The existing Vietnamese normalizer and a phonemizer function (e.g. src/text/phonemize's), chunk by chunk. */
export function textFrontEndV3(phonemize: (normalized: string) => string | Promise<string>): V3FrontEnd {
  return {
    split: (text) => splitWithGaps(text, (s) => normalize(s, { keepEnTags: true })),
    phonemize,
  };
}
