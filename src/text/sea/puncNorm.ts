// sea-g2p's "punc_norm": the sentence ending the v3 model was trained on. A very short (1–2 word) fragment that
// ends in "." before more text gets a "," instead (a list marker "ba." must not stop the voice); the whole
// string, if it is under five words, ends in exactly one "."; a longer one gains "." unless it already ends in
// , . ! ?. Word counts and whitespace follow Rust's Unicode definitions, as upstream's src/punc.rs does.

const ALNUM = /[\p{Alphabetic}\p{Nd}\p{Nl}\p{No}]/u;
const SENTENCE_DOT = /\.(\p{White_Space}+|$)/gu;
const PUNCT_RUN = /[.,!?;:](?:[ \t]*[.,!?;:])+/g;
const TRAILING = new Set([',', '.', '!', '?', ';', ':', '\u2026', '\u2025', '\u2024']);
const SENTENCE_END = new Set([',', '.', '!', '?']);

/** Unicode White_Space (Rust's char::is_whitespace), without a regular expression: this runs per token. */
function isWs(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0x85) return false;
  return c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

export function trimEndWs(s: string): string {
  let end = s.length;
  while (end > 0 && isWs(s.charCodeAt(end - 1))) end--;
  return end === s.length ? s : s.slice(0, end);
}

export function trimWs(s: string): string {
  let start = 0;
  while (start < s.length && isWs(s.charCodeAt(start))) start++;
  return trimEndWs(start === 0 ? s : s.slice(start));
}

function hasAlnum(s: string): boolean {
  return ALNUM.test(s);
}

/** Words that contain a letter or digit (free-standing marks do not count). */
export function wordCount(text: string): number {
  let n = 0;
  for (const w of text.split(/\p{White_Space}+/u)) if (w && hasAlnum(w)) n++;
  return n;
}

function rank(c: string): number {
  return c === '?' ? 3 : c === '!' ? 2 : c === '.' ? 1 : 0;
}

/** Marks separated only by spaces or tabs collapse to the strongest (? > ! > . > , ; :), the first on a tie. */
export function collapsePunctRuns(text: string): string {
  return text.replace(PUNCT_RUN, (run) => {
    let best = '';
    for (const c of run) if (c !== ' ' && c !== '\t' && (best === '' || rank(c) > rank(best))) best = c;
    return best;
  });
}

function softenShortSegments(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(SENTENCE_DOT)) {
    const dot = m.index;
    const end = dot + m[0].length;
    const segment = text.slice(last, dot);
    const wc = wordCount(segment);
    out += segment + (hasAlnum(text.slice(end)) && wc >= 1 && wc <= 2 ? ',' : '.') + m[1];
    last = end;
  }
  return out + text.slice(last);
}

export function puncNorm(text: string): string {
  let trimmed = trimEndWs(text);
  if (!trimmed) return '';
  trimmed = trimEndWs(softenShortSegments(trimmed));
  if (wordCount(trimmed) <= 4) {
    const chars = Array.from(trimmed);
    while (chars.length > 0 && (TRAILING.has(chars[chars.length - 1]) || isWs(chars[chars.length - 1].charCodeAt(0)))) chars.pop();
    return chars.length === 0 ? '.' : chars.join('') + '.';
  }
  const lastChar = Array.from(trimmed).pop()!;
  return SENTENCE_END.has(lastChar) ? trimmed : trimmed + '.';
}
