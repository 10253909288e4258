// Reads a GGUF file's header (metadata and tensor table) in plain TypeScript, without llama.cpp: the runner
// checks a file before handing it to native code (a corrupt or foreign file must give a clear message, not a
// crash), and the head-pruning step copies tensors from it.
import * as fs from 'fs';

export interface GgufTensorInfo {
  name: string;
  /** ggml order: dims[0] is the row length. */
  dims: number[];
  type: number;
  /** Absolute byte offset in the file. */
  offset: number;
  /** Encoded size in bytes (for the types we know; otherwise up to the next tensor). */
  size: number;
}

export interface GgufHeader {
  version: number;
  metadata: Map<string, unknown>;
  /** GGUF value type of each key (for arrays: the element type, with `array` set), to copy metadata exactly. */
  metadataTypes: Map<string, { type: number; array: boolean }>;
  tensors: GgufTensorInfo[];
  dataOffset: number;
  alignment: number;
  fileSize: number;
}

export class GgufFormatError extends Error {
  override readonly name = 'GgufFormatError';
}

/** Bytes per block and values per block of the ggml types (enough to size every tensor of common files). */
const TYPE_BLOCK: Record<number, [number, number]> = {
  0: [4, 1], // F32
  1: [2, 1], // F16
  2: [18, 32], // Q4_0
  3: [20, 32], // Q4_1
  6: [22, 32], // Q5_0
  7: [24, 32], // Q5_1
  8: [34, 32], // Q8_0
  10: [84, 256], // Q2_K
  11: [110, 256], // Q3_K
  12: [144, 256], // Q4_K
  13: [176, 256], // Q5_K
  14: [210, 256], // Q6_K
  15: [292, 256], // Q8_K
  30: [2, 1], // BF16
};

export function ggmlTypeRowBytes(type: number, rowLength: number): number | undefined {
  const b = TYPE_BLOCK[type];
  return b ? (rowLength / b[1]) * b[0] : undefined;
}

/**
 * The fewest bytes one value of each metadata type takes in the file (a string is at least its u64 length, an
 * array at least its element type and count). A declared count can never exceed the bytes left divided by
 * this: checking that before allocating keeps a hostile count from costing more memory than the file holds.
 */
const MIN_VALUE_BYTES: Record<number, number> = { 0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 8: 8, 9: 12, 10: 8, 11: 8, 12: 8 };
/** One tensor record: name length (u64), dimension count (u32), type (u32) and offset (u64). */
const MIN_TENSOR_BYTES = 8 + 4 + 4 + 8;
/** One key-value record: key length (u64), value type (u32) and the smallest value (one byte). */
const MIN_KV_BYTES = 8 + 4 + 1;

class FileCursor {
  private buf = Buffer.alloc(0);
  private bufStart = 0;
  pos = 0;
  constructor(
    private readonly fd: number,
    readonly size: number,
  ) {}
  private ensure(n: number): void {
    if (this.pos + n > this.size) throw new GgufFormatError('the file ends inside its header');
    if (this.pos >= this.bufStart && this.pos + n <= this.bufStart + this.buf.length) return;
    const len = Math.min(this.size - this.pos, Math.max(n, 1 << 20));
    this.buf = Buffer.alloc(len);
    fs.readSync(this.fd, this.buf, 0, len, this.pos);
    this.bufStart = this.pos;
  }
  private at(n: number): number {
    this.ensure(n);
    const o = this.pos - this.bufStart;
    this.pos += n;
    return o;
  }
  u8(): number {
    const o = this.at(1);
    return this.buf.readUInt8(o);
  }
  i8(): number {
    const o = this.at(1);
    return this.buf.readInt8(o);
  }
  u16(): number {
    const o = this.at(2);
    return this.buf.readUInt16LE(o);
  }
  i16(): number {
    const o = this.at(2);
    return this.buf.readInt16LE(o);
  }
  u32(): number {
    const o = this.at(4);
    return this.buf.readUInt32LE(o);
  }
  i32(): number {
    const o = this.at(4);
    return this.buf.readInt32LE(o);
  }
  f32(): number {
    const o = this.at(4);
    return this.buf.readFloatLE(o);
  }
  f64(): number {
    const o = this.at(8);
    return this.buf.readDoubleLE(o);
  }
  u64(): number {
    const o = this.at(8);
    const v = this.buf.readBigUInt64LE(o);
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new GgufFormatError('a 64-bit field is out of range');
    return Number(v);
  }
  i64(): number {
    const o = this.at(8);
    return Number(this.buf.readBigInt64LE(o));
  }
  get left(): number {
    return this.size - this.pos;
  }
  /** Throws unless `count` items of at least `each` bytes fit in what is left of the file. */
  fits(count: number, each: number, what: string): void {
    if (count * each > this.left) throw new GgufFormatError(`${what} declares ${count} entries, more than the file's ${this.size} bytes can hold`);
  }
  /** `n` raw bytes (copied out of the cursor's window). */
  bytes(n: number): Buffer {
    const o = this.at(n);
    return Buffer.from(this.buf.subarray(o, o + n));
  }
  str(): string {
    const n = this.u64();
    if (n > this.size) throw new GgufFormatError('a string length is larger than the file');
    const o = this.at(n);
    return this.buf.toString('utf8', o, o + n);
  }
}

function readValue(c: FileCursor, type: number, depth = 0): unknown {
  switch (type) {
    case 0: return c.u8();
    case 1: return c.i8();
    case 2: return c.u16();
    case 3: return c.i16();
    case 4: return c.u32();
    case 5: return c.i32();
    case 6: return c.f32();
    case 7: return c.u8() !== 0;
    case 8: return c.str();
    case 9: {
      if (depth > 2) throw new GgufFormatError('arrays nest too deeply');
      const et = c.u32();
      const n = c.u64();
      const each = MIN_VALUE_BYTES[et];
      if (each === undefined) throw new GgufFormatError(`unknown metadata value type ${et}`);
      c.fits(n, each, 'an array');
      const numeric = readNumericArray(c, et, n);
      if (numeric) return numeric;
      const out = new Array<unknown>(n);
      for (let i = 0; i < n; i++) out[i] = readValue(c, et, depth + 1);
      return out;
    }
    case 10: return c.u64();
    case 11: return c.i64();
    case 12: return c.f64();
    default:
      throw new GgufFormatError(`unknown metadata value type ${type}`);
  }
}

/** Fixed-size numbers are read in one piece: a vocabulary's 150k token types cost one read, not 150k. */
function readNumericArray(c: FileCursor, type: number, n: number): number[] | boolean[] | undefined {
  const size = { 0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 12: 8 }[type];
  if (size === undefined) return undefined;
  const out = new Array<number>(n);
  // In slices, so a long array never needs a second copy of itself.
  const per = Math.max(1, Math.floor((1 << 20) / size));
  for (let done = 0; done < n; ) {
    const k = Math.min(per, n - done);
    const b = c.bytes(k * size);
    for (let i = 0; i < k; i++) {
      const o = i * size;
      out[done + i] =
        type === 0 || type === 7 ? b[o] : type === 1 ? b.readInt8(o) : type === 2 ? b.readUInt16LE(o) : type === 3 ? b.readInt16LE(o)
          : type === 4 ? b.readUInt32LE(o) : type === 5 ? b.readInt32LE(o) : type === 6 ? b.readFloatLE(o) : b.readDoubleLE(o);
    }
    done += k;
  }
  return type === 7 ? out.map((v) => v !== 0) : out;
}

/** Parses the header; throws GgufFormatError when the file is not a complete GGUF v2/v3 file. */
export function readGgufHeader(path: string): GgufHeader {
  const fd = fs.openSync(path, 'r');
  try {
    const fileSize = fs.fstatSync(fd).size;
    const c = new FileCursor(fd, fileSize);
    if (fileSize < 24 || c.u32() !== 0x46554747) throw new GgufFormatError('the file does not start with "GGUF"');
    const version = c.u32();
    if (version !== 2 && version !== 3) throw new GgufFormatError(`unsupported GGUF version ${version}`);
    const nTensors = c.u64();
    const nKv = c.u64();
    if (nKv * MIN_KV_BYTES + nTensors * MIN_TENSOR_BYTES > c.left) {
      throw new GgufFormatError(`the header declares ${nKv} metadata entries and ${nTensors} tensors, more than the file's ${fileSize} bytes can hold`);
    }
    const metadata = new Map<string, unknown>();
    const metadataTypes = new Map<string, { type: number; array: boolean }>();
    for (let i = 0; i < nKv; i++) {
      const key = c.str();
      const type = c.u32();
      if (type === 9) {
        // Peek the element type: readValue consumes it again from the same position.
        const at = c.pos;
        metadataTypes.set(key, { type: c.u32(), array: true });
        c.pos = at;
      } else metadataTypes.set(key, { type, array: false });
      metadata.set(key, readValue(c, type));
    }
    const alignment = Number(metadata.get('general.alignment') ?? 32) || 32;
    const raw: Array<{ name: string; dims: number[]; type: number; rel: number }> = [];
    // Each tensor's data starts at an aligned offset after the previous one's (llama.cpp insists on that
    // layout), so besides its record every tensor takes at least one alignment unit of the file.
    c.fits(nTensors, MIN_TENSOR_BYTES + alignment, 'the tensor table');
    for (let i = 0; i < nTensors; i++) {
      const name = c.str();
      const nd = c.u32();
      if (nd > 4) throw new GgufFormatError(`tensor ${name} has ${nd} dimensions`);
      const dims: number[] = [];
      for (let j = 0; j < nd; j++) dims.push(c.u64());
      raw.push({ name, dims, type: c.u32(), rel: c.u64() });
    }
    const dataOffset = Math.ceil(c.pos / alignment) * alignment;
    const tensors: GgufTensorInfo[] = raw.map((t) => {
      const rows = t.dims.slice(1).reduce((a, b) => a * b, 1);
      const rowBytes = ggmlTypeRowBytes(t.type, t.dims[0] ?? 1);
      return { name: t.name, dims: t.dims, type: t.type, offset: dataOffset + t.rel, size: rowBytes === undefined ? -1 : rowBytes * rows };
    });
    for (const t of tensors) {
      if (t.size >= 0 && t.offset + t.size > fileSize) {
        throw new GgufFormatError(`tensor ${t.name} lies beyond the end of the file (the file is truncated)`);
      }
    }
    return { version, metadata, metadataTypes, tensors, dataOffset, alignment, fileSize };
  } finally {
    fs.closeSync(fd);
  }
}
