// Reader of sea-g2p's phoneme dictionary, "SEAP" (sea_g2p.bin), header versions 1 and 2. The file stays one
// Buffer and every lookup is a binary search over its sorted tables, comparing UTF-8 bytes in place: a 60 MB
// dictionary costs 60 MB of memory and no per-entry JavaScript objects. Layout (little-endian u32 fields):
//
//   0  "SEAP"          4  version        8  string count   12 merged count   16 common count
//   20 string-offsets position   24 merged position   28 common position
//   v2: 32 section count   36 sections position   40..47 reserved
//   string pool (NUL-terminated UTF-8) from the header's end; offsets are relative to 32 (v1) or 48 (v2)
//   merged rows (word, phones) 8 B; common rows (word, vi, en) 12 B; v2 sections (kind, count, pos) 12 B
//   pointing at 8-byte rows like merged. Every table is sorted by the word's UTF-8 bytes.
import { promises as fs, statSync } from 'fs';
import { UserError } from '../../core/errors';
import { t } from '../../core/strings';

export const SEAP_MAGIC = 'SEAP';
export const SEAP_HEADER_V1 = 32;
export const SEAP_HEADER_V2 = 48;
/** v2 section kinds known upstream (Thai pronunciations and Thai word frequencies). */
export const SEAP_SECTION_TH = 3;
export const SEAP_SECTION_TH_FREQ = 4;

interface Section {
  kind: number;
  count: number;
  pos: number;
}

function corrupt(source: string, what: string): UserError {
  return new UserError(t('seapTruncated', source, what), 'model', t('seapFix'));
}

export class SeapDict {
  private constructor(
    readonly source: string,
    private readonly buf: Buffer,
    readonly version: number,
    readonly stringCount: number,
    readonly mergedCount: number,
    readonly commonCount: number,
    private readonly offsetsPos: number,
    private readonly mergedPos: number,
    private readonly commonPos: number,
    private readonly stringBase: number,
    private readonly sections: readonly Section[],
  ) {}

  /** Checks the header and that every table lies inside the file; `source` names the file in errors. */
  static fromBuffer(data: Uint8Array, source: string): SeapDict {
    const buf = Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    if (buf.length < 4 || buf.toString('latin1', 0, 4) !== SEAP_MAGIC) {
      throw new UserError(t('seapBadMagic', source), 'model', t('seapFix'));
    }
    if (buf.length < SEAP_HEADER_V1) throw corrupt(source, `header is ${buf.length} bytes, needs ${SEAP_HEADER_V1}`);
    const u32 = (p: number) => buf.readUInt32LE(p);
    const version = u32(4);
    if (version !== 1 && version !== 2) throw new UserError(t('seapBadVersion', source, version), 'model', t('seapFix'));
    const [stringCount, mergedCount, commonCount, offsetsPos, mergedPos, commonPos] = [u32(8), u32(12), u32(16), u32(20), u32(24), u32(28)];
    const base = version === 2 ? SEAP_HEADER_V2 : SEAP_HEADER_V1;
    if (buf.length < base) throw corrupt(source, `v2 header is ${buf.length} bytes, needs ${SEAP_HEADER_V2}`);
    const inside = (name: string, pos: number, rows: number, width: number) => {
      if (pos < base || pos + rows * width > buf.length) {
        throw corrupt(source, `${name} (${rows} × ${width} B at ${pos}) runs past the end of the ${buf.length}-byte file`);
      }
    };
    inside('string offsets', offsetsPos, stringCount, 4);
    inside('merged table', mergedPos, mergedCount, 8);
    inside('common table', commonPos, commonCount, 12);
    const sections: Section[] = [];
    if (version === 2) {
      const count = u32(32);
      const pos = u32(36);
      inside('section table', pos, count, 12);
      for (let i = 0; i < count; i++) {
        const s = { kind: u32(pos + i * 12), count: u32(pos + i * 12 + 4), pos: u32(pos + i * 12 + 8) };
        inside(`section ${s.kind}`, s.pos, s.count, 8);
        sections.push(s);
      }
    }
    // The last string of the pool must be inside the file and terminated.
    if (stringCount > 0) {
      const lastOff = base + u32(offsetsPos + (stringCount - 1) * 4);
      if (lastOff >= buf.length || buf.indexOf(0, lastOff) < 0) throw corrupt(source, 'the string pool is not NUL-terminated');
    }
    return new SeapDict(source, buf, version, stringCount, mergedCount, commonCount, offsetsPos, mergedPos, commonPos, base, sections);
  }

  /** Reads a dictionary file whole, in one read into one Buffer that is kept as it is. */
  static async load(path: string): Promise<SeapDict> {
    let data: Buffer;
    try {
      const fh = await fs.open(path, 'r');
      try {
        const { size } = await fh.stat();
        data = Buffer.allocUnsafe(size);
        let off = 0;
        while (off < size) {
          const { bytesRead } = await fh.read(data, off, size - off, off);
          if (bytesRead === 0) break;
          off += bytesRead;
        }
        if (off < size) data = data.subarray(0, off);
      } finally {
        await fh.close();
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new UserError(t('seapNotFound', path), 'model', t('seapFix'));
      throw new UserError(t('seapUnreadable', path, (err as Error).message), 'model', t('seapFix'));
    }
    return SeapDict.fromBuffer(data, path);
  }

  get byteLength(): number {
    return this.buf.length;
  }

  get sectionKinds(): number[] {
    return this.sections.map((s) => s.kind);
  }

  /** Start of string `id` in the buffer, or -1 for an id outside the pool (read as "", as sea-g2p does). */
  private stringStart(id: number): number {
    if (id >= this.stringCount) return -1;
    const start = this.stringBase + this.buf.readUInt32LE(this.offsetsPos + id * 4);
    return start < this.buf.length ? start : -1;
  }

  private stringAt(id: number): string {
    const start = this.stringStart(id);
    if (start < 0) return '';
    let end = this.buf.indexOf(0, start);
    if (end < 0) end = this.buf.length;
    return this.buf.toString('utf8', start, end);
  }

  /** Byte order of string `id` against `key` (as Rust's &str ordering). */
  private compareString(id: number, key: Buffer): number {
    const buf = this.buf;
    let p = this.stringStart(id);
    if (p < 0) return key.length === 0 ? 0 : -1;
    const n = buf.length;
    for (let i = 0; ; i++, p++) {
      const a = p < n ? buf[p] : 0;
      if (i === key.length) return a === 0 ? 0 : 1;
      if (a === 0) return -1;
      const d = a - key[i];
      if (d !== 0) return d;
    }
  }

  /** Row index of `key` in a table of `count` rows of `width` bytes at `pos`, or -1. */
  private search(pos: number, count: number, width: number, key: Buffer): number {
    let low = 0;
    let high = count - 1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const c = this.compareString(this.buf.readUInt32LE(pos + mid * width), key);
      if (c === 0) return mid;
      if (c < 0) low = mid + 1;
      else high = mid - 1;
    }
    return -1;
  }

  /** Phonemes of a word of the merged table (an `<en>` marker in them means English). */
  lookupMerged(word: string): string | undefined {
    const row = this.search(this.mergedPos, this.mergedCount, 8, Buffer.from(word, 'utf8'));
    return row < 0 ? undefined : this.stringAt(this.buf.readUInt32LE(this.mergedPos + row * 8 + 4));
  }

  /** (Vietnamese, English) phonemes of a word both languages claim. */
  lookupCommon(word: string): [vi: string, en: string] | undefined {
    const row = this.search(this.commonPos, this.commonCount, 12, Buffer.from(word, 'utf8'));
    if (row < 0) return undefined;
    const p = this.commonPos + row * 12;
    return [this.stringAt(this.buf.readUInt32LE(p + 4)), this.stringAt(this.buf.readUInt32LE(p + 8))];
  }

  /** A v2 language section's value for `word`; undefined on a v1 file or an absent section. */
  lookupSection(kind: number, word: string): string | undefined {
    const s = this.sections.find((x) => x.kind === kind);
    if (!s) return undefined;
    const row = this.search(s.pos, s.count, 8, Buffer.from(word, 'utf8'));
    return row < 0 ? undefined : this.stringAt(this.buf.readUInt32LE(s.pos + row * 8 + 4));
  }

  /** Whether some merged or common key starts with `prefix` (stops the out-of-vocabulary search early). */
  hasKeyWithPrefix(prefix: string): boolean {
    const key = Buffer.from(prefix, 'utf8');
    return this.prefixIn(this.mergedPos, this.mergedCount, 8, key) || this.prefixIn(this.commonPos, this.commonCount, 12, key);
  }

  private prefixIn(pos: number, count: number, width: number, key: Buffer): boolean {
    let low = 0;
    let high = count;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.compareString(this.buf.readUInt32LE(pos + mid * width), key) < 0) low = mid + 1;
      else high = mid;
    }
    if (low >= count) return false;
    const start = this.stringStart(this.buf.readUInt32LE(pos + low * width));
    if (start < 0 || start + key.length > this.buf.length) return false;
    return this.buf.compare(key, 0, key.length, start, start + key.length) === 0;
  }
}

/** One dictionary per path, with the size and modification time it was read at. */
const loaded = new Map<string, { stamp: string; dict: Promise<SeapDict> }>();

/**
 * Loads a dictionary once per path while the file stays the same (a file replaced or damaged on disk since is
 * read again; a failed load is retried next time).
 */
export function loadSeapDict(path: string): Promise<SeapDict> {
  let stamp = '';
  try {
    const st = statSync(path);
    stamp = `${st.size}:${st.mtimeMs}`;
  } catch {
    // load() reports a missing or unreadable file
  }
  const hit = loaded.get(path);
  if (hit && hit.stamp === stamp) return hit.dict;
  const dict = SeapDict.load(path);
  dict.catch(() => {
    if (loaded.get(path)?.dict === dict) loaded.delete(path);
  });
  loaded.set(path, { stamp, dict });
  return dict;
}
