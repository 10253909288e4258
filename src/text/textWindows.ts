// Cuts a long text into windows that are split (chunked, normalized) one at a time as speech reaches them, so
// a 1 MB selection starts speaking after its first window instead of after the whole text — splitting a
// megabyte takes seconds and would block the extension host that long. Windows end at a line break outside a
// fenced code block (the chunker reads each line as its own paragraph, so nothing changes there), else after
// a sentence, else at a space; texts of one window are passed through whole, exactly as before.
import { DEFAULT_MAX_CHARS } from './chunk';

/** Sixty-four chunks' worth: splitting one window takes a few milliseconds. */
export const WINDOW_CHARS = 64 * DEFAULT_MAX_CHARS;

export interface TextWindow {
  /** Offset of the window in the whole text. */
  start: number;
  text: string;
}

const FENCE = /^[ \t]*(```|~~~)/gm;

function insideFence(text: string, from: number, to: number): boolean {
  FENCE.lastIndex = 0;
  return (text.slice(from, to).match(FENCE)?.length ?? 0) % 2 === 1;
}

function cutPoint(text: string, start: number, size: number): number {
  const limit = start + size;
  const floor = start + (size >> 1);
  // A line break, searching back from the limit, that is not inside a fenced block.
  for (let nl = text.lastIndexOf('\n', limit); nl >= floor; nl = text.lastIndexOf('\n', nl - 1)) {
    if (!insideFence(text, start, nl)) return nl + 1;
  }
  const piece = text.slice(floor, limit);
  const sentence = /[.!?…][)"'”’\]]*\s+(?=\S)/g;
  let last = -1;
  for (let m = sentence.exec(piece); m; m = sentence.exec(piece)) last = m.index + m[0].length;
  if (last > 0) return floor + last;
  const space = piece.lastIndexOf(' ');
  return space > 0 ? floor + space + 1 : limit;
}

export function* textWindows(text: string, size = WINDOW_CHARS): Generator<TextWindow> {
  let start = 0;
  while (text.length - start > size) {
    const end = cutPoint(text, start, size);
    yield { start, text: text.slice(start, end) };
    start = end;
  }
  if (start < text.length || start === 0) yield { start, text: text.slice(start) };
}

/** Splits `text` window by window with `split`, shifting each piece's offsets by its window's start. */
export async function* splitInWindows<T>(
  text: string,
  split: (text: string) => Iterable<T> | Promise<Iterable<T>>,
  shift: (piece: T, offset: number) => T,
  size = WINDOW_CHARS,
): AsyncGenerator<T> {
  for (const w of textWindows(text, size)) {
    for (const piece of await split(w.text)) yield w.start === 0 ? piece : shift(piece, w.start);
  }
}
