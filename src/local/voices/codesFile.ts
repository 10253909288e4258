// Reads a voice's NeuCodec reference codes from the files people actually have: upstream's `.pt`
// (a torch.save zip whose `<name>/data/0` holds the tensor's raw little-endian storage), NumPy `.npy`,
// and JSON (a bare list, or an object with `codes`). No torch, no zip library: both formats are simple.
import { open, stat } from 'fs/promises';
import { inflateRawSync } from 'zlib';
import { UserError } from '../../core/errors';
import { t } from '../../core/strings';
import { CATALOGUE } from '../models/catalogue';

export const MAX_CODE = 65535;

/**
 * A reference's codes are spoken inside the prompt, one token each: no more can be useful than the largest
 * context of any backbone we run. Every reader below stops at this before it allocates.
 */
export const MAX_REFERENCE_CODES = Math.max(...CATALOGUE.map((e) => e.backbone?.contextLength ?? 0));

/**
 * The most bytes a codes file of MAX_REFERENCE_CODES codes can need: int64 storage (8 bytes) in a .pt or
 * .npy, or up to 32 characters a code in an indented JSON list, plus a transcript and the container's own
 * bytes (zip directory, pickle, npy header) — 64 KiB is far more than either holds.
 */
export const MAX_CODES_FILE_BYTES = MAX_REFERENCE_CODES * 32 + 64 * 1024;

function tooMany(count: number, source: string): UserError {
  return new UserError(t('limitVoiceTooManyCodes', source, count, MAX_REFERENCE_CODES), 'bad-input', t('limitVoiceFix'));
}

/** Validates and returns codes as plain numbers; `source` names the file in the message. */
export function checkCodes(values: ArrayLike<number | bigint>, source: string): number[] {
  if (values.length > MAX_REFERENCE_CODES) throw tooMany(values.length, source);
  const out = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = Number(values[i]);
    if (!Number.isInteger(v) || v < 0 || v > MAX_CODE) {
      throw new UserError(t('localVoiceBadCode', source, i, String(values[i])), 'bad-input', t('localVoiceCodesFix'));
    }
    out[i] = v;
  }
  if (out.length === 0) throw new UserError(t('localVoiceNoCodes', source), 'bad-input', t('localVoiceCodesFix'));
  return out;
}

class EntryTooLarge extends Error {}

interface ZipEntry {
  name: string;
  /** Inflates the entry, refusing one whose content would exceed `maxBytes` (a zip bomb stops there). */
  read(maxBytes: number): Buffer;
}

/** Lists a zip's entries from its central directory (sizes there are right even with data descriptors). */
export function readZip(buf: Buffer): ZipEntry[] {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip archive');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('broken zip central directory');
    const method = buf.readUInt16LE(p + 10);
    const compSize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    if (buf.readUInt32LE(local) !== 0x04034b50) throw new Error(`broken zip entry ${name}`);
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(dataStart, dataStart + compSize);
    if (method !== 0 && method !== 8) throw new Error(`zip entry ${name} uses unsupported compression ${method}`);
    entries.push({
      name,
      read(maxBytes) {
        // The declared size is checked first; inflating is capped too, since a hostile directory can lie.
        if (size > maxBytes || (method === 0 && raw.length > maxBytes)) throw new EntryTooLarge(name);
        if (method === 0) return raw;
        try {
          return inflateRawSync(raw, { maxOutputLength: maxBytes });
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new EntryTooLarge(name);
          throw err;
        }
      },
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** torch.save of a 1-D integer tensor: the pickle names the storage class, `data/0` holds the numbers. */
export function parseTorchCodes(buf: Buffer, source: string): number[] {
  const broken = (why: string) => new UserError(t('localVoicePtBroken', source, why), 'bad-input', t('localVoiceCodesFix'));
  let kind: string | undefined;
  let d: Buffer;
  try {
    const entries = readZip(buf);
    const storage = entries.find((e) => /(^|\/)data\/0$/.test(e.name));
    const pickle = entries.find((e) => /(^|\/)data\.pkl$/.test(e.name));
    if (!storage) throw new Error('no data/0 entry');
    kind = pickle ? /(Long|Int|Short)Storage/.exec(pickle.read(MAX_CODES_FILE_BYTES).toString('latin1'))?.[1] : undefined;
    // int64 is the widest storage a codes tensor has: more bytes than that are more codes than a context holds.
    d = storage.read(MAX_REFERENCE_CODES * 8);
  } catch (err) {
    if (err instanceof EntryTooLarge) throw new UserError(t('limitVoiceCodesOverflow', source, MAX_REFERENCE_CODES), 'bad-input', t('limitVoiceFix'));
    throw broken((err as Error).message);
  }
  // Upstream's files hold int32 (IntStorage); torch.long is common too when people save their own.
  const bytes = kind === 'Long' ? 8 : kind === 'Short' ? 2 : 4;
  if (d.length % bytes !== 0) throw new UserError(t('localVoicePtBroken', source, 'storage size'), 'bad-input', t('localVoiceCodesFix'));
  const values: Array<number | bigint> = [];
  for (let o = 0; o < d.length; o += bytes) {
    values.push(bytes === 8 ? d.readBigInt64LE(o) : bytes === 2 ? d.readInt16LE(o) : d.readInt32LE(o));
  }
  return checkCodes(values, source);
}

/** NumPy .npy (versions 1-3), integer dtypes, C order; any shape is flattened like upstream's `.flatten()`. */
export function parseNpyCodes(buf: Buffer, source: string): number[] {
  if (buf.length < 10 || buf[0] !== 0x93 || buf.toString('latin1', 1, 6) !== 'NUMPY') {
    throw new UserError(t('localVoiceNpyBroken', source, 'no NUMPY magic'), 'bad-input', t('localVoiceCodesFix'));
  }
  const major = buf[6];
  const headerLen = major >= 2 ? buf.readUInt32LE(8) : buf.readUInt16LE(8);
  const start = (major >= 2 ? 12 : 10) + headerLen;
  const header = buf.toString(major >= 3 ? 'utf8' : 'latin1', major >= 2 ? 12 : 10, start);
  const descr = /'descr'\s*:\s*'([<>|=]?)([iuf])(\d)'/.exec(header);
  if (!descr) throw new UserError(t('localVoiceNpyBroken', source, header.trim()), 'bad-input', t('localVoiceCodesFix'));
  // fortran_order is ignored on purpose: codes are 1-D or [1, 1, T], the same in either order.
  const [, order, kind, sizeText] = descr;
  const size = Number(sizeText);
  const le = order !== '>';
  const d = buf.subarray(start);
  if (size > 0 && d.length / size > MAX_REFERENCE_CODES) throw tooMany(Math.floor(d.length / size), source);
  const values: Array<number | bigint> = [];
  for (let o = 0; o + size <= d.length; o += size) {
    if (kind === 'f') values.push(size === 4 ? (le ? d.readFloatLE(o) : d.readFloatBE(o)) : le ? d.readDoubleLE(o) : d.readDoubleBE(o));
    else if (size === 8) values.push(kind === 'i' ? (le ? d.readBigInt64LE(o) : d.readBigInt64BE(o)) : le ? d.readBigUInt64LE(o) : d.readBigUInt64BE(o));
    else if (size === 4) values.push(kind === 'i' ? (le ? d.readInt32LE(o) : d.readInt32BE(o)) : le ? d.readUInt32LE(o) : d.readUInt32BE(o));
    else if (size === 2) values.push(kind === 'i' ? (le ? d.readInt16LE(o) : d.readInt16BE(o)) : le ? d.readUInt16LE(o) : d.readUInt16BE(o));
    else throw new UserError(t('localVoiceNpyBroken', source, `dtype ${descr[0]}`), 'bad-input', t('localVoiceCodesFix'));
  }
  return checkCodes(values, source);
}

/** JSON: `[1, 2, ...]` or `{ "codes": [...], "text": "..." }`. */
export function parseJsonCodes(text: string, source: string): { codes: number[]; text?: string } {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (err) {
    throw new UserError(t('localVoiceJsonBroken', source, (err as Error).message), 'bad-input', t('localVoiceCodesFix'));
  }
  const obj = v as { codes?: unknown; text?: unknown };
  const list = Array.isArray(v) ? v : obj && typeof obj === 'object' ? obj.codes : undefined;
  if (!Array.isArray(list)) throw new UserError(t('localVoiceJsonBroken', source, 'no codes list'), 'bad-input', t('localVoiceCodesFix'));
  return { codes: checkCodes(list.flat(3) as number[], source), text: typeof obj.text === 'string' ? obj.text : undefined };
}

/** Picks the parser by content first (zip / npy magic), then by extension, so a renamed file still works. */
export function parseCodesFile(buf: Buffer, source: string): { codes: number[]; text?: string } {
  if (buf.length >= 4 && buf.readUInt32LE(0) === 0x04034b50) return { codes: parseTorchCodes(buf, source) };
  if (buf.length >= 6 && buf[0] === 0x93 && buf.toString('latin1', 1, 6) === 'NUMPY') return { codes: parseNpyCodes(buf, source) };
  if (/\.(pt|pth|npy)$/i.test(source)) {
    throw new UserError(t('localVoiceUnknownFormat', source), 'bad-input', t('localVoiceCodesFix'));
  }
  return parseJsonCodes(buf.toString('utf8'), source);
}

/**
 * Reads a codes file, refusing what is not a regular file (a FIFO or /dev/zero never ends) or is larger than
 * MAX_CODES_FILE_BYTES, before reading it whole.
 */
export async function readCodesFile(path: string): Promise<Buffer> {
  let fh;
  try {
    // Looked at before it is opened: opening a FIFO would wait for a writer that never comes.
    if (!(await stat(path)).isFile()) throw new UserError(t('limitNotAFile', path), 'bad-input', t('localVoiceCodesFix'));
    fh = await open(path, 'r');
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw new UserError(t('localFileUnreadable', path, (err as Error).message), 'bad-input');
  }
  try {
    const st = await fh.stat();
    if (!st.isFile()) throw new UserError(t('limitNotAFile', path), 'bad-input', t('localVoiceCodesFix'));
    if (st.size > MAX_CODES_FILE_BYTES) {
      throw new UserError(t('limitCodesFileTooLarge', path, st.size, MAX_CODES_FILE_BYTES), 'bad-input', t('limitVoiceFix'));
    }
    // Read at most the cap even if the file grows meanwhile.
    const buf = Buffer.alloc(Math.min(st.size, MAX_CODES_FILE_BYTES));
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}
