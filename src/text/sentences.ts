// Where the sentences of a text end, so the UI can say "sentence 3 of 40" while any backend speaks it: backends
// report the character range each audio chunk speaks, not sentence numbers (a model chunk packs a few
// sentences, the built-in voice about one), and the count must not depend on which one speaks.

/** A full stop, question or exclamation mark or ellipsis (closing quotes and brackets with it) before a space; or a line break. */
const BOUNDARY = /[.!?…]+["'”’»)\]]*(?=\s|$)|\n/gu;
const WORDISH = /[\p{L}\p{N}]/u;

/** Offsets just after each sentence; a "sentence" holds at least one letter or digit. */
export function sentenceEnds(text: string): number[] {
  const ends: number[] = [];
  let start = 0;
  for (const m of text.matchAll(BOUNDARY)) {
    const end = m.index + m[0].length;
    if (WORDISH.test(text.slice(start, end))) ends.push(end);
    start = end;
  }
  if (WORDISH.test(text.slice(start))) ends.push(text.length);
  return ends;
}

/** 1-based number of the sentence holding `offset`, given sentenceEnds(); at most ends.length. */
export function sentenceAt(ends: readonly number[], offset: number): number {
  let lo = 0;
  let hi = ends.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ends[mid] <= offset) lo = mid + 1;
    else hi = mid;
  }
  return Math.max(1, Math.min(ends.length, lo + 1));
}
