// Writer of SEAP dictionaries (the layout is described in seapDict.ts), for tests and for users who build a
// small dictionary of their own. Strings are pooled once each, ids given in first-use order (merged rows, then
// common rows, then sections), and every table is sorted by the word's UTF-8 bytes, which is the order the
// reader's binary search relies on.
import { SEAP_HEADER_V1, SEAP_HEADER_V2 } from './seapDict';

export interface SeapContents {
  /** word → phonemes (put `<en>` in the phonemes to mark an English-only word). */
  merged?: Record<string, string> | Iterable<[string, string]>;
  /** word → [Vietnamese phonemes, English phonemes]. */
  common?: Record<string, readonly [string, string]> | Iterable<[string, readonly [string, string]]>;
  /** v2 only: section kind → (word → value). */
  sections?: Record<number, Record<string, string>>;
  /** Header version (default 2; 1 cannot hold sections). */
  version?: 1 | 2;
}

function entries<V>(x: Record<string, V> | Iterable<[string, V]> | undefined): Array<[string, V]> {
  if (!x) return [];
  return Symbol.iterator in Object(x) ? [...(x as Iterable<[string, V]>)] : Object.entries(x as Record<string, V>);
}

/**
 * Code-point order, which is UTF-8 byte order, without encoding: UTF-16 units agree with it except that
 * surrogates (astral characters) must sort after U+E000–U+FFFF.
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x - y;
  }
  return a.length - b.length;
}

function sortByBytes<V>(rows: Array<[string, V]>): Array<[string, V]> {
  const keyed = new Map<string, V>(rows); // a repeated word keeps its last value, as a Python dict would
  return [...keyed].sort((x, y) => compareCodePoints(x[0], y[0]));
}

export function writeSeap(contents: SeapContents): Buffer {
  const version = contents.version ?? 2;
  const sectionsIn = Object.entries(contents.sections ?? {})
    .map(([k, v]) => [Number(k), v] as const)
    .sort((a, b) => a[0] - b[0]);
  if (version === 1 && sectionsIn.length > 0) throw new Error('SEAP version 1 has no language sections');

  const ids = new Map<string, number>();
  const sid = (s: string) => {
    let id = ids.get(s);
    if (id === undefined) ids.set(s, (id = ids.size));
    return id;
  };
  const merged = sortByBytes(entries(contents.merged)).map(([w, p]) => [sid(w), sid(p)]);
  const common = sortByBytes(entries(contents.common)).map(([w, [v, e]]) => [sid(w), sid(v), sid(e)]);
  const sections = sectionsIn.map(([kind, table]) => ({ kind, rows: sortByBytes(Object.entries(table)).map(([w, p]) => [sid(w), sid(p)]) }));

  const header = version === 2 ? SEAP_HEADER_V2 : SEAP_HEADER_V1;
  const pool: Buffer[] = [];
  const offsets: number[] = [];
  let poolLen = 0;
  for (const s of ids.keys()) {
    offsets.push(poolLen);
    const b = Buffer.from(s + '\0', 'utf8');
    pool.push(b);
    poolLen += b.length;
  }
  const offsetsPos = header + poolLen;
  const mergedPos = offsetsPos + 4 * offsets.length;
  const commonPos = mergedPos + 8 * merged.length;
  const sectionsPos = commonPos + 12 * common.length;
  let rowsPos = sectionsPos + 12 * sections.length;
  const sectionMeta = sections.map((s) => {
    const meta = { kind: s.kind, count: s.rows.length, pos: rowsPos };
    rowsPos += 8 * s.rows.length;
    return meta;
  });

  const out = Buffer.alloc(rowsPos);
  out.write('SEAP', 0, 'latin1');
  [version, ids.size, merged.length, common.length, offsetsPos, mergedPos, commonPos].forEach((v, i) => out.writeUInt32LE(v, 4 + i * 4));
  if (version === 2) {
    out.writeUInt32LE(sections.length, 32);
    out.writeUInt32LE(sectionsPos, 36);
  }
  let p = header;
  for (const b of pool) p += b.copy(out, p);
  const put = (vals: number[]) => vals.forEach((v) => (p = out.writeUInt32LE(v, p)));
  put(offsets);
  merged.forEach(put);
  common.forEach(put);
  sectionMeta.forEach((m) => put([m.kind, m.count, m.pos]));
  sections.forEach((s) => s.rows.forEach(put));
  return out;
}
