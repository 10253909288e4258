import * as assert from 'assert';
import { zipSync } from 'fflate';
import { parseNpy, readNpz, writeNpz } from '../../../../src/local/v3/npz';

function npy(descr: string, shape: string, body: Uint8Array): Uint8Array {
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shape}, }`;
  header = header.padEnd(Math.ceil((11 + header.length) / 64) * 64 - 11, ' ') + '\n';
  const out = new Uint8Array(10 + header.length + body.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  new DataView(out.buffer).setUint16(8, header.length, true);
  out.set(Buffer.from(header, 'latin1'), 10);
  out.set(body, 10 + header.length);
  return out;
}

describe('npz reader', () => {
  it('reads back what it writes, scalars included', () => {
    const z = readNpz(writeNpz({ a: { shape: [2, 3], data: Float32Array.of(1, 2, 3, 4, 5, 6) }, eps: { shape: [], data: Float32Array.of(1e-5) } }));
    assert.deepStrictEqual(z.get('a')!.shape, [2, 3]);
    assert.deepStrictEqual([...z.get('a')!.data], [1, 2, 3, 4, 5, 6]);
    assert.deepStrictEqual(z.get('eps')!.shape, []);
    assert.ok(Math.abs(Number(z.get('eps')!.data[0]) - 1e-5) < 1e-12);
  });

  it('casts float16 and float64 to float32 and reads deflated archives', () => {
    const half = npy('<f2', '(3,)', new Uint8Array(Uint16Array.of(0x3c00, 0xc000, 0x3555).buffer));
    assert.deepStrictEqual([...parseNpy(half, 'h').data].map((x) => Math.round(Number(x) * 1e4) / 1e4), [1, -2, 0.3333]);
    const dbl = npy('<f8', '(2,)', new Uint8Array(Float64Array.of(0.5, -3).buffer));
    const z = readNpz(zipSync({ 'd.npy': [dbl, { level: 6 }] }));
    assert.deepStrictEqual([...z.get('d')!.data], [0.5, -3]);
  });

  it('refuses what it cannot read, naming the array', () => {
    assert.throws(() => parseNpy(new Uint8Array(20), 'x.npy'), /x\.npy is not a \.npy array/);
    assert.throws(() => parseNpy(npy('<c8', '(1,)', new Uint8Array(8)), 'c.npy'), /c\.npy: dtype <c8 is not supported/);
    assert.throws(() => parseNpy(npy('<f4', '(4,)', new Uint8Array(8)), 's.npy'), /s\.npy: 8 bytes of data for 4 values/);
    assert.throws(() => readNpz(Buffer.from('not a zip'), 'heads.npz'), /heads\.npz is not a zip archive/);
  });
});
