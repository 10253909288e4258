// Reads NumPy .npz archives (a zip of .npy files, stored or deflated) with fflate, and writes them for the
// fixtures. Only what the v3 heads need: little-endian float16/32/64 and int32/64 arrays in C order, every
// float array returned as float32 (upstream casts the heads to float32 on load).
import { unzipSync, zipSync } from 'fflate';

export interface NpyArray {
  shape: number[];
  /** float32 for float arrays, Int32Array / BigInt64Array for integer ones. */
  data: Float32Array | Int32Array | BigInt64Array;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

function halfToFloat(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const f = h & 0x3ff;
  if (e === 0) return s * 2 ** -14 * (f / 1024);
  if (e === 31) return f ? NaN : s * Infinity;
  return s * 2 ** (e - 15) * (1 + f / 1024);
}

/** Parses one .npy file; `name` only labels errors. */
export function parseNpy(bytes: Uint8Array, name: string): NpyArray {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) throw new Error(`${name} is not a .npy array`);
  const major = bytes[6];
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLen = major >= 2 ? dv.getUint32(8, true) : dv.getUint16(8, true);
  const start = major >= 2 ? 12 : 10;
  const header = Buffer.from(bytes.subarray(start, start + headerLen)).toString('latin1');
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (!descr || !fortran || shapeText === undefined) throw new Error(`${name}: unreadable .npy header`);
  if (fortran === 'True') throw new Error(`${name}: Fortran-ordered arrays are not supported`);
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(Number);
  const count = shape.reduce((a, b) => a * b, 1);
  const off = start + headerLen;
  const body = bytes.slice(off); // aligned copy
  const need = (w: number) => {
    if (body.byteLength < count * w) throw new Error(`${name}: ${body.byteLength} bytes of data for ${count} values of ${descr}`);
  };
  switch (descr) {
    case '<f4':
      need(4);
      return { shape, data: new Float32Array(body.buffer, 0, count) };
    case '<f8': {
      need(8);
      const src = new Float64Array(body.buffer, 0, count);
      return { shape, data: Float32Array.from(src) };
    }
    case '<f2': {
      need(2);
      const src = new Uint16Array(body.buffer, 0, count);
      const out = new Float32Array(count);
      for (let i = 0; i < count; i++) out[i] = halfToFloat(src[i]);
      return { shape, data: out };
    }
    case '<i4':
      need(4);
      return { shape, data: new Int32Array(body.buffer, 0, count) };
    case '<i8':
      need(8);
      return { shape, data: new BigInt64Array(body.buffer, 0, count) };
    default:
      throw new Error(`${name}: dtype ${descr} is not supported (float16/32/64, int32/64)`);
  }
}

/** All arrays of an .npz archive by name (without the .npy suffix). */
export function readNpz(bytes: Uint8Array, label = 'npz'): Map<string, NpyArray> {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch (err) {
    throw new Error(`${label} is not a zip archive (${(err as Error).message})`);
  }
  const out = new Map<string, NpyArray>();
  for (const [file, data] of Object.entries(files)) {
    if (!file.endsWith('.npy')) continue;
    const key = file.slice(0, -4);
    out.set(key, parseNpy(data, `${label}:${file}`));
  }
  return out;
}

function npyBytes(shape: readonly number[], data: Float32Array | Int32Array): Uint8Array {
  const descr = data instanceof Float32Array ? '<f4' : '<i4';
  const shapeText = shape.length === 0 ? '()' : shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  const total = Math.ceil((10 + header.length + 1) / 64) * 64;
  header = header.padEnd(total - 10 - 1, ' ') + '\n';
  const out = new Uint8Array(total + data.byteLength);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  new DataView(out.buffer).setUint16(8, header.length, true);
  out.set(Buffer.from(header, 'latin1'), 10);
  out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), total);
  return out;
}

/** An uncompressed .npz (what numpy.savez writes). */
export function writeNpz(arrays: Record<string, { shape: readonly number[]; data: Float32Array | Int32Array }>): Uint8Array {
  const files: Record<string, [Uint8Array, { level: 0 }]> = {};
  for (const [name, a] of Object.entries(arrays)) files[`${name}.npy`] = [npyBytes(a.shape, a.data), { level: 0 }];
  return zipSync(files);
}
