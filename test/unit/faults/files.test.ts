// Fault suite, hostile files: a GGUF whose counts lie, a voice-codes zip bomb, a codes file that never ends.
// Each runs in a child with a capped heap and must end with a clear message, quickly, at about the memory
// of an idle child (the baseline measured in the same run).
import * as assert from 'assert';
import { closeSync, mkdtempSync, openSync, writeSync, ftruncateSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { deflateRawSync } from 'zlib';
import { runProbe, show, type ProbeResult } from './child';

/** A GGUF v3 header: `kv` are pre-encoded key-value records; the file is then extended (sparsely) to `size`. */
function writeGguf(file: string, o: { tensors: bigint; kvCount: bigint; kv: Buffer; size: number }): void {
  const head = Buffer.alloc(24);
  head.writeUInt32LE(0x46554747, 0);
  head.writeUInt32LE(3, 4);
  head.writeBigUInt64LE(o.tensors, 8);
  head.writeBigUInt64LE(o.kvCount, 16);
  const fd = openSync(file, 'w');
  writeSync(fd, Buffer.concat([head, o.kv]));
  ftruncateSync(fd, o.size);
  closeSync(fd);
}

function kvArrayHeader(key: string, elementType: number, count: bigint): Buffer {
  const k = Buffer.from(key);
  const b = Buffer.alloc(8 + k.length + 4 + 4 + 8);
  b.writeBigUInt64LE(BigInt(k.length), 0);
  k.copy(b, 8);
  b.writeUInt32LE(9, 8 + k.length); // array
  b.writeUInt32LE(elementType, 12 + k.length);
  b.writeBigUInt64LE(count, 16 + k.length);
  return b;
}

/** A minimal zip (what torch.save writes): each entry stored or deflated, with its central directory. */
function zip(entries: Array<{ name: string; data: Buffer; deflate?: boolean; declaredSize?: number }>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const body = e.deflate ? deflateRawSync(e.data) : e.data;
    const name = Buffer.from(e.name);
    const size = e.declaredSize ?? e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(e.deflate ? 8 : 0, 8);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(e.deflate ? 8 : 0, 10);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

describe('fault suite: hostile files', function () {
  this.timeout(60_000);
  const dir = mkdtempSync(join(tmpdir(), 'vieneu-faults-files-'));
  let base: ProbeResult;
  before(async () => {
    base = await runProbe(['baseline'], { timeoutMs: 20_000 });
    assert.ok(base.ok, show(base));
  });

  /** A clear message (a UserError matching `re`), within `ms`, at most `mb` above the idle child. */
  function refusedClearly(r: ProbeResult, re: RegExp, ms = 10_000, mb = 64): void {
    assert.ok(!r.crashed, show(r));
    assert.strictEqual(r.ok, false, show(r));
    assert.ok(r.userError, `not a clear message: ${show(r)}`);
    assert.match(r.message ?? '', re);
    assert.ok(r.ms < ms, `took ${Math.round(r.ms)} ms: ${show(r)}`);
    assert.ok(r.maxRssMb < base.maxRssMb + mb, `peak RSS ${Math.round(r.maxRssMb)} MB vs ${Math.round(base.maxRssMb)} MB idle: ${show(r)}`);
  }

  it('row 1: a sparse GGUF declaring an array of 10⁹ uint32 values is refused from its size, not allocated', async () => {
    const file = join(dir, 'array.gguf');
    // 1.5 GB on paper, 4 KB on disk: room for 10⁹ one-byte values, not for 10⁹ four-byte ones.
    writeGguf(file, { tensors: 0n, kvCount: 1n, kv: kvArrayHeader('tokenizer.ggml.token_type', 4, 1_000_000_000n), size: 1_500_000_000 });
    refusedClearly(await runProbe(['gguf', file], { timeoutMs: 30_000 }), /not a usable GGUF model \(an array declares 1000000000 entries, more than the file's 1500000000 bytes can hold\)/);
  });

  it('row 1: a sparse GGUF declaring 4·10⁷ tensors is refused before reading the table', async () => {
    const file = join(dir, 'tensors.gguf');
    writeGguf(file, { tensors: 40_000_000n, kvCount: 0n, kv: Buffer.alloc(0), size: 1 << 30 });
    refusedClearly(await runProbe(['gguf', file], { timeoutMs: 30_000 }), /tensor table declares 40000000 entries/);
  });

  it('row 1: a GGUF whose key count cannot fit its 4 KB is refused at once', async () => {
    const file = join(dir, 'kv.gguf');
    writeGguf(file, { tensors: 1n, kvCount: 1_000_000n, kv: Buffer.alloc(0), size: 4096 });
    refusedClearly(await runProbe(['gguf', file], { timeoutMs: 20_000 }), /declares 1000000 metadata entries/, 5000);
  });

  it('row 2: a .pt whose codes inflate to 16 M values (a zip bomb) is refused at the context size', async () => {
    const file = join(dir, 'bomb.pt');
    const pickle = Buffer.from('\x80\x02ctorch._utils\n_rebuild_tensor_v2\nq\x00((X\x07\x00\x00\x00storageq\x01ctorch\nIntStorage\n', 'latin1');
    const { writeFileSync } = await import('fs');
    // 64 MB of zeros (valid code 0 each), a few hundred KB on disk.
    writeFileSync(file, zip([{ name: 'voice/data.pkl', data: pickle }, { name: 'voice/data/0', data: Buffer.alloc(64 << 20), deflate: true }]));
    refusedClearly(await runProbe(['codes', file], { timeoutMs: 30_000 }), /holds more than 2048 voice codes/);
  });

  it('row 2: a zip entry that lies about its size still stops inflating at the cap', async () => {
    const file = join(dir, 'liar.pt');
    const { writeFileSync } = await import('fs');
    writeFileSync(file, zip([{ name: 'voice/data/0', data: Buffer.alloc(32 << 20), deflate: true, declaredSize: 8 }]));
    refusedClearly(await runProbe(['codes', file], { timeoutMs: 30_000 }), /holds more than 2048 voice codes/);
  });

  it('row 2: a codes_file that never ends (/dev/zero) is refused as not a file', async () => {
    refusedClearly(await runProbe(['codes', '/dev/zero'], { timeoutMs: 30_000 }), /\/dev\/zero is not a regular file/, 5000);
  });

  it('row 2: a codes_file naming a FIFO is refused without waiting for a writer', async function () {
    const fifo = join(dir, 'codes.fifo.json');
    const { spawnSync } = await import('child_process');
    if (spawnSync('mkfifo', [fifo]).status !== 0) this.skip();
    refusedClearly(await runProbe(['codes', fifo], { timeoutMs: 20_000 }), /codes\.fifo\.json is not a regular file/, 5000);
  });

  it('row 2: a JSON codes file longer than any context is refused, naming the limit', async () => {
    const file = join(dir, 'long.json');
    const { writeFileSync } = await import('fs');
    writeFileSync(file, JSON.stringify({ codes: new Array(5000).fill(7), text: 'xin chào' }));
    refusedClearly(await runProbe(['codes', file], { timeoutMs: 20_000 }), /holds 5000 voice codes, but a reference can have at most 2048/, 5000);
  });
});
