// The behaviour of Python phonemizer 3.3 as VieNeu-TTS calls it — `phonemize(text, backend='espeak',
// preserve_punctuation=True, with_stress=True, language_switch='remove-flags')` with the default separator
// (words ' ', phones '') and strip=False — re-implemented over our espeak-ng so that the phonemes are the very
// characters the models were trained on. Its quirks are kept on purpose (they are what the model has seen):
// punctuation is hidden from espeak and glued back afterwards, every word ends with the word separator, a run
// of marks is re-inserted with its inner spaces, and a line made only of marks comes back without a trailing
// space. Checked byte for byte against the real Python package in test/unit/text/phonemizeParity.test.ts.
import type { Espeak, EspeakLanguage } from './espeak';

/** phonemizer's default punctuation marks. */
const MARKS = ';:,.!?¡¿—…"«»“”(){}[]';
const WORD_SEP = ' ';

function escapeClass(chars: string): string {
  return chars.replace(/[\\\]^-]/g, (c) => '\\' + c);
}

// Python's idea of whitespace (str.isspace): JavaScript's \s without U+FEFF, plus U+001C..U+001F and U+0085.
export const PY_WS = '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const PY_STRIP_RE = new RegExp(`^[${PY_WS}]+|[${PY_WS}]+$`, 'g');
const PY_SPLIT_RE = new RegExp(`[${PY_WS}]+`);

/** Python's str.strip() with no argument. */
export function pyStrip(s: string): string {
  return s.replace(PY_STRIP_RE, '');
}

/** Python's str.split() with no argument: runs of whitespace, no empty pieces. */
export function pySplit(s: string): string[] {
  return s.split(PY_SPLIT_RE).filter((w) => w.length > 0);
}

// Zero or more spaces, one or more marks, zero or more spaces, repeated: one "mark" is the whole run.
const MARKS_RE = new RegExp(`(?:[${PY_WS}]*[${escapeClass(MARKS)}]+[${PY_WS}]*)+`, 'g');
const LANG_FLAG_RE = /\(.+?\)/g;

type Position = 'B' | 'E' | 'I' | 'A';
interface MarkIndex {
  index: number;
  mark: string;
  position: Position;
}

function preserveLine(line: string, num: number): { chunks: string[]; marks: MarkIndex[] } {
  const matches = [...line.matchAll(MARKS_RE)].map((m) => m[0]);
  if (matches.length === 0) return { chunks: [line], marks: [] };
  if (matches.length === 1 && matches[0] === line) return { chunks: [], marks: [{ index: num, mark: line, position: 'A' }] };

  const marks: MarkIndex[] = matches.map((m, i) => {
    let position: Position = 'I';
    if (i === 0 && line.startsWith(m)) position = 'B';
    else if (i === matches.length - 1 && line.endsWith(m)) position = 'E';
    return { index: num, mark: m, position };
  });

  // Split at the first occurrence of each mark in turn (Python: line.split(mark)[0] and the rest re-joined).
  const chunks: string[] = [];
  let rest = line;
  for (const m of marks) {
    const at = rest.indexOf(m.mark);
    if (at < 0) {
      chunks.push(rest);
      rest = '';
    } else {
      chunks.push(rest.slice(0, at));
      rest = rest.slice(at + m.mark.length);
    }
  }
  chunks.push(rest);
  return { chunks, marks };
}

function preserve(lines: string[]): { chunks: string[]; marks: MarkIndex[] } {
  const chunks: string[] = [];
  const marks: MarkIndex[] = [];
  lines.forEach((line, num) => {
    const r = preserveLine(line, num);
    chunks.push(...r.chunks);
    marks.push(...r.marks);
  });
  return { chunks: chunks.filter((c) => c.length > 0), marks };
}

/** EspeakBackend._postprocess_line with stress kept, no tie, phone separator '' and strip=False. */
function postprocessLine(raw: string): string {
  let line = pyStrip(raw).replace(/\n/g, ' ').split('  ').join(' ');
  line = line.replace(/_+/g, '_').replace(/_ /g, ' ');
  line = line.replace(LANG_FLAG_RE, ''); // remove-flags: "(en)" / "(vi)" language switches
  if (!line) return '';
  let out = '';
  for (const w of line.split(' ')) {
    const word = (pyStrip(w) + '_').split('_').join('');
    out += word + WORD_SEP;
  }
  return out;
}

function restore(text: string[], marks: MarkIndex[]): string[] {
  text = [...text];
  marks = [...marks];
  const out: string[] = [];
  let pos = 0;
  while (text.length > 0 || marks.length > 0) {
    if (marks.length === 0) {
      for (let line of text) {
        if (!line.endsWith(WORD_SEP)) line += WORD_SEP;
        out.push(line);
      }
      text = [];
    } else if (text.length === 0) {
      // Nothing was phonemized: the marks alone, inner spaces as word separators, no trailing separator.
      out.push(marks.map((m) => m.mark).join('').split(' ').join(WORD_SEP));
      marks = [];
    } else {
      const current = marks[0];
      if (current.index === pos) {
        marks = marks.slice(1);
        const mark = current.mark.split(' ').join(WORD_SEP);
        if (text[0].endsWith(WORD_SEP)) text[0] = text[0].slice(0, -WORD_SEP.length);
        if (current.position === 'B') {
          text[0] = mark + text[0];
        } else if (current.position === 'E') {
          out.push(text[0] + mark + (mark.endsWith(WORD_SEP) ? '' : WORD_SEP));
          text = text.slice(1);
          pos++;
        } else if (current.position === 'A') {
          out.push(mark + (mark.endsWith(WORD_SEP) ? '' : WORD_SEP));
          pos++;
        } else if (text.length === 1) {
          text[0] = text[0] + mark;
        } else {
          const first = text[0];
          text = text.slice(1);
          text[0] = first + mark + text[0];
        }
      } else {
        out.push(text[0]);
        text = text.slice(1);
        pos++;
      }
    }
  }
  return out;
}

/**
 * phonemize() on a list of lines: returns one string per non-blank line (blank lines are dropped, as
 * phonemizer does without preserve_empty_lines).
 */
export function phonemizeLines(espeak: Espeak, lines: string[], language: EspeakLanguage): string[] {
  const kept = lines.map((l) => l.replace(/^\n+|\n+$/g, '')).filter((l) => pyStrip(l).length > 0);
  const { chunks, marks } = preserve(kept);
  const phonemized = chunks.map((c) => postprocessLine(espeak.textToPhonemes(c, language)));
  return restore(phonemized, marks);
}

/** phonemize() on one string: its lines phonemized and joined with '\n', as phonemizer returns a str. */
export function phonemizeString(espeak: Espeak, text: string, language: EspeakLanguage): string {
  return phonemizeLines(espeak, text.replace(/^\n+|\n+$/g, '').split('\n'), language).join('\n');
}
