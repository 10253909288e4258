// Splits what the user selected into pieces the model can speak (at most 256 characters), remembering where
// each piece sits in the ORIGINAL text so the editor can highlight the chunk being spoken.
//
// Rules (upstream's split_text_into_chunks): each line is its own paragraph; a paragraph splits after sentence
// ends (. ! ? … then a space); sentences are packed greedily; a sentence longer than the limit splits after
// clause marks (, ; : - – —) and then between words. A word is never cut, except a "word" longer than the
// limit itself (a 100,000-character run without spaces), which is cut at the limit.
//
// Selections from Markdown or source files are read as prose: fenced code blocks are skipped, markup
// (#, *, _, `, [text](url), <tags>, > quotes, | tables) is removed, and list items and headings are read as
// sentences — consecutive list items are packed together, each ending with a full stop, so "1. Mở đầu" is not
// read as "một chấm mở đầu".

export interface TextRange {
  /** Offset of the first character in the original text (UTF-16 code units, as editors count). */
  start: number;
  /** Offset just after the last character. */
  end: number;
}

export interface TextChunk {
  /** The readable text of the chunk (markup removed, whitespace collapsed), at most maxChars long. */
  text: string;
  range: TextRange;
}

export interface ChunkOptions {
  maxChars?: number;
  /** Strip Markdown markup and skip fenced code (default true: harmless on plain prose). */
  markdown?: boolean;
}

export interface ChunkResult {
  chunks: TextChunk[];
  /** Fenced code blocks left out. */
  skippedCodeBlocks: number;
}

export const DEFAULT_MAX_CHARS = 256;

/** The text as it will be read, with the original offset of every character. */
class View {
  text = '';
  readonly map: number[] = [];
  push(ch: string, offset: number): void {
    this.text += ch;
    for (let i = 0; i < ch.length; i++) this.map.push(offset);
  }
}

const FENCE_RE = /^\s{0,3}(`{3,}|~{3,})/;
const HEADING_RE = /^\s{0,3}(#{1,6})\s+/;
const LIST_RE = /^\s*(?:[-*+•]|\d{1,3}[.)]|[a-zA-Z][.)])\s+/;
const QUOTE_RE = /^\s{0,3}(?:>\s?)+/;
const RULE_RE = /^\s{0,3}(?:[-*_]\s*){3,}$/;
const TABLE_SEP_RE = /^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$/;
const ENDS_SENTENCE_RE = /[.!?…:;,]\s*$/;

interface InlineEdit {
  from: number;
  to: number;
  replacement: string;
}

/** Markup inside one line: marks to delete (or replace), in line coordinates. */
function inlineEdits(line: string): InlineEdit[] {
  const edits: InlineEdit[] = [];
  const del = (from: number, to: number, replacement = '') => edits.push({ from, to, replacement });
  let m: RegExpExecArray | null;
  // images and links: keep the visible text, drop the brackets and the address
  const LINK = /(!?)\[([^\]\n]*)\]\(([^)\n]*)\)/g;
  while ((m = LINK.exec(line))) {
    const open = m.index;
    const textStart = open + m[1].length + 1;
    const textEnd = textStart + m[2].length;
    del(open, textStart);
    del(textEnd, open + m[0].length);
  }
  const CODE = /`+([^`\n]+)`+/g;
  while ((m = CODE.exec(line))) {
    const ticks = m[0].indexOf(m[1]);
    del(m.index, m.index + ticks);
    del(m.index + ticks + m[1].length, m.index + m[0].length);
  }
  // emphasis: **x**, __x__, *x*, _x_, ~~x~~ (an underscore inside a word, snake_case, is not emphasis)
  const EMPH = /(\*\*|__|~~|\*|(?<![\p{L}\p{N}])_)(?=\S)([^\n]*?\S)\1(?![\p{L}\p{N}])/gu;
  while ((m = EMPH.exec(line))) {
    del(m.index, m.index + m[1].length);
    del(m.index + m[0].length - m[1].length, m.index + m[0].length);
  }
  // HTML tags, but not the <en> spans the v2026 phonemizer reads
  const TAG = /<\/?(?!en>)[a-zA-Z][^<>\n]*>/g;
  while ((m = TAG.exec(line))) del(m.index, m.index + m[0].length, ' ');
  // table cells
  if (/^\s*\|.*\|\s*$/.test(line)) {
    const first = line.indexOf('|');
    const last = line.lastIndexOf('|');
    for (let i = 0; i < line.length; i++) if (line[i] === '|') del(i, i + 1, i === first || i === last ? ' ' : ', ');
  }
  return edits;
}

function buildView(input: string, markdown: boolean): { view: View; skippedCodeBlocks: number } {
  const view = new View();
  let skippedCodeBlocks = 0;
  let fence: string | undefined;
  let prevWasItem = false;
  let offset = 0;
  const lines = input.split('\n');
  for (let li = 0; li < lines.length; li++) {
    const raw = lines[li];
    const lineStart = offset;
    offset += raw.length + 1;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const newline = () => view.push('\n', Math.min(lineStart + raw.length, input.length - 1));

    if (!markdown) {
      for (let i = 0; i < line.length; i++) view.push(line[i], lineStart + i);
      if (li < lines.length - 1) newline();
      continue;
    }

    const f = FENCE_RE.exec(line);
    if (fence) {
      if (f && f[1][0] === fence[0] && f[1].length >= fence.length) fence = undefined;
      continue;
    }
    if (f) {
      fence = f[1];
      skippedCodeBlocks++;
      prevWasItem = false;
      continue;
    }
    if (RULE_RE.test(line) || TABLE_SEP_RE.test(line) && line.includes('-') && line.includes('|')) {
      if (li < lines.length - 1) newline();
      prevWasItem = false;
      continue;
    }

    let bodyStart = 0;
    let isSentence = false;
    let isItem = false;
    const q = QUOTE_RE.exec(line);
    if (q) bodyStart = q[0].length;
    const h = HEADING_RE.exec(line.slice(bodyStart));
    const l = h ? null : LIST_RE.exec(line.slice(bodyStart));
    if (h) {
      bodyStart += h[0].length;
      isSentence = true;
    } else if (l) {
      bodyStart += l[0].length;
      isSentence = true;
      isItem = true;
    } else if (/^\s*\|.*\|\s*$/.test(line)) {
      isSentence = true;
    }
    const body = line.slice(bodyStart).replace(/\s+#+\s*$/, (m) => ' '.repeat(m.length)); // closing ### of a heading

    // Consecutive list items form one paragraph so they can be packed together.
    if (isItem && prevWasItem && view.text.endsWith('\n')) {
      view.text = view.text.slice(0, -1) + ' ';
    }

    const edits = inlineEdits(body).sort((a, b) => a.from - b.from);
    let e = 0;
    let lastReadable = -1;
    for (let i = 0; i < body.length; ) {
      while (e < edits.length && edits[e].to <= i) e++;
      const edit = edits[e];
      if (edit && edit.from <= i) {
        if (edit.replacement) view.push(edit.replacement, lineStart + bodyStart + i);
        i = Math.max(edit.to, i + 1);
        e++;
        continue;
      }
      view.push(body[i], lineStart + bodyStart + i);
      if (!/\s/.test(body[i])) lastReadable = lineStart + bodyStart + i;
      i++;
    }
    // A heading or list item is a sentence: give it a full stop (mapped onto its last character).
    if (isSentence && lastReadable >= 0 && !ENDS_SENTENCE_RE.test(view.text)) view.push('.', lastReadable);
    prevWasItem = isItem;
    if (li < lines.length - 1) newline();
  }
  return { view, skippedCodeBlocks };
}

// ---- splitting and packing on view coordinates --------------------------------------------------------------

type Span = [number, number];

function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').replace(/ ([,.;:!?])/g, '$1').trim();
}

function trimSpan(text: string, [a, b]: Span): Span | undefined {
  while (a < b && /\s/.test(text[a])) a++;
  while (b > a && /\s/.test(text[b - 1])) b--;
  return a < b ? [a, b] : undefined;
}

/** Splits a span after every match of `boundary` (a mark followed by whitespace). */
function splitAfter(text: string, [a, b]: Span, boundary: RegExp): Span[] {
  const out: Span[] = [];
  const re = new RegExp(boundary.source, 'gu');
  re.lastIndex = a;
  let start = a;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) && m.index < b) {
    const cut = Math.min(b, m.index + m[1].length);
    const s = trimSpan(text, [start, cut]);
    if (s) out.push(s);
    start = cut;
    if (re.lastIndex === m.index) re.lastIndex++;
  }
  const last = trimSpan(text, [start, b]);
  if (last) out.push(last);
  return out;
}

const SENTENCE_END = /([.!?…]+)\s+/;
const CLAUSE_END = /([,;:\-–—])\s+/;
const SPACE = /(\S)\s+/;
const EN_TAG = /<\/?en>/gi;

export function chunkText(input: string, options: ChunkOptions = {}): ChunkResult {
  const maxChars = Math.max(16, Math.floor(options.maxChars ?? DEFAULT_MAX_CHARS));
  const { view, skippedCodeBlocks } = buildView(String(input ?? ''), options.markdown ?? true);
  const text = view.text;
  const spans: Span[] = [];
  const len = (s: Span) => collapse(text.slice(s[0], s[1])).length;
  const fits = (a: Span, b: Span) => len([a[0], b[1]]) <= maxChars;

  const pushWords = (span: Span, buffer: Span | undefined): Span | undefined => {
    for (const word of splitAfter(text, span, SPACE)) {
      if (buffer && fits(buffer, word)) {
        buffer = [buffer[0], word[1]];
        continue;
      }
      if (buffer) spans.push(buffer);
      buffer = word;
      // A single "word" longer than the limit (no spaces at all) is cut, or it could never be spoken.
      while (buffer && len(buffer) > maxChars) {
        spans.push([buffer[0], buffer[0] + maxChars]);
        buffer = trimSpan(text, [buffer[0] + maxChars, buffer[1]]);
      }
    }
    return buffer;
  };

  let paraStart = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && text[i] !== '\n') continue;
    const para = trimSpan(text, [paraStart, i]);
    paraStart = i + 1;
    if (!para) continue;
    let buffer: Span | undefined;
    for (const sentence of splitAfter(text, para, SENTENCE_END)) {
      if (len(sentence) <= maxChars) {
        if (buffer && fits(buffer, sentence)) buffer = [buffer[0], sentence[1]];
        else {
          if (buffer) spans.push(buffer);
          buffer = sentence;
        }
        continue;
      }
      if (buffer) spans.push(buffer);
      buffer = undefined;
      for (const part of splitAfter(text, sentence, CLAUSE_END)) {
        if (buffer && fits(buffer, part)) buffer = [buffer[0], part[1]];
        else if (len(part) <= maxChars) {
          if (buffer) spans.push(buffer);
          buffer = part;
        } else {
          buffer = pushWords(part, buffer);
        }
      }
    }
    if (buffer) spans.push(buffer);
  }

  const chunks: TextChunk[] = [];
  let inEn = false;
  for (const [a, b] of spans) {
    let t = collapse(text.slice(a, b));
    if (!t) continue;
    // An <en> span cut between two chunks is closed at the cut and reopened in the next chunk, so that its
    // words are still read as English (a lone tag would be dropped by the normalizer).
    if (inEn) t = `<en>${t}`;
    const tags = t.match(EN_TAG) ?? [];
    const open = tags.length > 0 && !tags[tags.length - 1].startsWith('</');
    // Only a span that is closed later is carried over; a lone <en> stays lone (the normalizer drops it).
    inEn = open && /^<\//.test(text.slice(b).match(EN_TAG)?.[0] ?? '');
    if (inEn) t += '</en>';
    chunks.push({ text: t, range: { start: view.map[a], end: view.map[b - 1] + 1 } });
  }
  return { chunks, skippedCodeBlocks };
}
