import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { UserError } from '../../../../src/core/errors';
import { useLanguage } from '../../../../src/core/strings';
import { loadSeapDict, SeapDict, SEAP_SECTION_TH } from '../../../../src/text/sea/seapDict';
import { writeSeap } from '../../../../src/text/sea/seapWriter';

const MERGED = { 'chào': 'tʃˈaː2w', xin: 'sˈin', hello: '<en>həlˈoʊ', 'ạ': 'ˈaː6', 'ﬀ': 'ff', '𝒜': 'A' };
const COMMON = { go: ['ɡˈɔ', 'ɡˈoʊ'] as const, a: ['ˈaː', 'ˈeɪ'] as const };

describe('SEAP dictionary (sea_g2p.bin)', () => {
  let dir: string;
  before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vieneu-seap-'))));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  afterEach(() => useLanguage('en'));

  for (const version of [1, 2] as const) {
    it(`reads back what the writer wrote (header v${version}), found by binary search in the one buffer`, () => {
      const buf = writeSeap({ merged: MERGED, common: COMMON, version });
      assert.strictEqual(buf.toString('latin1', 0, 4), 'SEAP');
      assert.strictEqual(buf.readUInt32LE(4), version);
      const d = SeapDict.fromBuffer(buf, 'test.bin');
      assert.strictEqual(d.version, version);
      assert.strictEqual(d.mergedCount, 6);
      assert.strictEqual(d.commonCount, 2);
      assert.strictEqual(d.byteLength, buf.length);
      for (const [w, p] of Object.entries(MERGED)) assert.strictEqual(d.lookupMerged(w), p, w);
      assert.deepStrictEqual(d.lookupCommon('go'), ['ɡˈɔ', 'ɡˈoʊ']);
      assert.strictEqual(d.lookupMerged('go'), undefined);
      assert.strictEqual(d.lookupCommon('xin'), undefined);
      for (const miss of ['', 'x', 'xi', 'xinh', 'chao', 'zzz', '\u0000']) assert.strictEqual(d.lookupMerged(miss), undefined, JSON.stringify(miss));
    });
  }

  it('sorts by UTF-8 bytes, not UTF-16 code units (an astral letter sorts after U+FB00)', () => {
    const buf = writeSeap({ merged: MERGED });
    const d = SeapDict.fromBuffer(buf, 'order.bin');
    const words: string[] = [];
    const pos = buf.readUInt32LE(24);
    const offsets = buf.readUInt32LE(20);
    for (let i = 0; i < d.mergedCount; i++) {
      const id = buf.readUInt32LE(pos + i * 8);
      const start = 48 + buf.readUInt32LE(offsets + id * 4);
      words.push(buf.toString('utf8', start, buf.indexOf(0, start)));
    }
    assert.deepStrictEqual(words, ['chào', 'hello', 'xin', 'ạ', 'ﬀ', '𝒜']);
    assert.strictEqual(d.lookupMerged('𝒜'), 'A');
    assert.strictEqual(d.lookupMerged('ﬀ'), 'ff');
  });

  it('reads v2 language sections and answers nothing for a missing one (cases of tests/core_dict.rs@63a63f36)', () => {
    const th = SeapDict.fromBuffer(writeSeap({ merged: MERGED, common: COMMON, sections: { [SEAP_SECTION_TH]: { 'สวัสดี': 'sa˨˩ wat̚˨˩ diː˧', 'ให้': 'haj˥˩' } } }), 'th2.bin');
    assert.ok(th.lookupMerged('xin') !== undefined);
    assert.ok(th.lookupCommon('go') !== undefined || th.lookupMerged('go') !== undefined);
    assert.strictEqual(th.lookupSection(SEAP_SECTION_TH, 'สวัสดี'), 'sa˨˩ wat̚˨˩ diː˧');
    assert.strictEqual(th.lookupSection(SEAP_SECTION_TH, 'ให้'), 'haj˥˩');
    assert.strictEqual(th.lookupSection(SEAP_SECTION_TH, 'notaword'), undefined);
    assert.strictEqual(th.lookupSection(99, 'สวัสดี'), undefined);
    const d = SeapDict.fromBuffer(writeSeap({ merged: MERGED, sections: { [SEAP_SECTION_TH]: { 'ไทย': 'tʰaj˧', 'ก': 'kɔː˧' }, 4: { 'ไทย': '12' } } }), 'th.bin');
    assert.deepStrictEqual(d.sectionKinds, [3, 4]);
    assert.strictEqual(d.lookupSection(3, 'ไทย'), 'tʰaj˧');
    assert.strictEqual(d.lookupSection(4, 'ไทย'), '12');
    assert.strictEqual(d.lookupSection(3, 'xin'), undefined);
    assert.strictEqual(d.lookupSection(9, 'ไทย'), undefined);
    assert.throws(() => writeSeap({ version: 1, sections: { 3: { a: 'b' } } }));
  });

  it('an empty dictionary is valid and finds nothing', () => {
    const d = SeapDict.fromBuffer(writeSeap({}), 'empty.bin');
    assert.strictEqual(d.lookupMerged('a'), undefined);
    assert.strictEqual(d.lookupCommon('a'), undefined);
    assert.strictEqual(d.hasKeyWithPrefix('a'), false);
  });

  it('knows whether any key starts with a prefix (the bound of the out-of-vocabulary search)', () => {
    const d = SeapDict.fromBuffer(writeSeap({ merged: MERGED, common: COMMON }), 'k.bin');
    for (const p of ['', 'c', 'ch', 'chà', 'chào', 'hel', 'g', 'go', '𝒜']) assert.strictEqual(d.hasKeyWithPrefix(p), true, p);
    for (const p of ['chàoo', 'cha', 'he1', 'gox', 'z', '𝒜𝒜']) assert.strictEqual(d.hasKeyWithPrefix(p), false, p);
  });

  const rejects = (data: Uint8Array, name: string, re: RegExp) =>
    assert.throws(
      () => SeapDict.fromBuffer(data, name),
      (e: unknown) => e instanceof UserError && e.code === 'model' && e.message.includes(name) && re.test(e.message) && !!e.fix,
    );

  it('rejects a wrong magic, a wrong version and a truncated or damaged file, naming the file', () => {
    const good = writeSeap({ merged: MERGED, common: COMMON });
    rejects(Buffer.from('{"xin": "sˈin"}'), 'phone_dict.json', /not a sea-g2p dictionary/);
    rejects(Buffer.alloc(0), 'empty.bin', /not a sea-g2p dictionary/);
    const v3 = Buffer.from(good);
    v3.writeUInt32LE(3, 4);
    rejects(v3, 'future.bin', /version 3/);
    rejects(good.subarray(0, 20), 'short-header.bin', /truncated/);
    rejects(good.subarray(0, 40), 'short-v2.bin', /truncated/);
    for (const cut of [good.length - 1, good.length - 13, Math.floor(good.length / 2), 60]) rejects(good.subarray(0, cut), `cut-${cut}.bin`, /truncated/);
    const wild = Buffer.from(good);
    wild.writeUInt32LE(0xfffffff0, 24); // merged table position beyond the file
    rejects(wild, 'wild.bin', /merged table/);
  });

  it('says it in Vietnamese too', () => {
    useLanguage('vi_VN.UTF-8');
    rejects(Buffer.from('NOPE0000000000000000000000000000'), 'x.bin', /không phải từ điển sea-g2p/);
  });

  it('keeps the file as one buffer: no per-entry objects on load or lookup', () => {
    const merged = new Map<string, string>();
    for (let i = 0; i < 100_000; i++) merged.set(`từ${i.toString(36)}`, `tˈy2 ${i}`);
    const buf = writeSeap({ merged });
    const heap0 = process.memoryUsage().heapUsed;
    const d = SeapDict.fromBuffer(buf, 'big.bin');
    for (let i = 0; i < 100_000; i += 997) assert.strictEqual(d.lookupMerged(`từ${i.toString(36)}`), `tˈy2 ${i}`);
    const heapGrowth = process.memoryUsage().heapUsed - heap0;
    // 100,000 entries as JS strings or objects would take several MB of heap; the reader holds only the buffer.
    assert.ok(heapGrowth < 2 * 1024 * 1024, `heap grew ${heapGrowth} bytes for a ${buf.length}-byte dictionary`);
    assert.strictEqual(d.byteLength, buf.length);
  });

  it('loads a file once per path; a missing or broken file is a clear error', async () => {
    const file = path.join(dir, 'sea_g2p.bin');
    fs.writeFileSync(file, writeSeap({ merged: MERGED }));
    const a = await loadSeapDict(file);
    assert.strictEqual(await loadSeapDict(file), a);
    assert.strictEqual(a.lookupMerged('xin'), 'sˈin');
    await assert.rejects(loadSeapDict(path.join(dir, 'missing.bin')), (e: unknown) => e instanceof UserError && /not found/.test(e.message) && /missing\.bin/.test(e.message));
    const broken = path.join(dir, 'broken.bin');
    fs.writeFileSync(broken, writeSeap({ merged: MERGED }).subarray(0, 50));
    await assert.rejects(loadSeapDict(broken), (e: unknown) => e instanceof UserError && e.message.includes(broken));
    await assert.rejects(loadSeapDict(dir), (e: unknown) => e instanceof UserError && e.message.includes(dir));
  });
});
