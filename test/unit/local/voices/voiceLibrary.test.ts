import * as assert from 'assert';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { UserError } from '../../../../src/core/errors';
import { parseCodesFile, readZip } from '../../../../src/local/voices/codesFile';
import { loadCustomVoice, parseVoicesJson, VoiceLibrary } from '../../../../src/local/voices/voiceLibrary';
import { pythonHas, runPython } from '../../helpers/python';

const dir = mkdtempSync(join(tmpdir(), 'vieneu-voices-'));
const CODES = [0, 1, 65535, 4242, 31337, 7];

/** Writes a torch.save-shaped zip with Python's zipfile: `<stem>/data.pkl` naming the storage, `<stem>/data/0`. */
function writeTorchZip(path: string, storage: 'IntStorage' | 'LongStorage', compress: boolean): void {
  runPython(
    `import sys, zipfile, struct, json
path, storage, compress, codes = sys.argv[1], sys.argv[2], sys.argv[3] == '1', json.loads(sys.argv[4])
fmt = '<%d%s' % (len(codes), 'i' if storage == 'IntStorage' else 'q')
pkl = b'\\x80\\x02ctorch._utils\\n_rebuild_tensor_v2\\nq\\x00((X\\x07\\x00\\x00\\x00storageq\\x01ctorch\\n' + storage.encode() + b'\\nq\\x02X\\x01\\x00\\x00\\x000q\\x03X\\x03\\x00\\x00\\x00cpuq\\x04tq\\x05Q.'
with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED) as z:
    z.writestr('ref_codes/data.pkl', pkl)
    z.writestr('ref_codes/data/0', struct.pack(fmt, *codes))
    z.writestr('ref_codes/version', '3\\n')
`,
    [path, storage, compress ? '1' : '0', JSON.stringify(CODES)],
  );
}

describe('voice codes files', () => {
  it('reads upstream-style .pt (int32 storage, stored zip)', () => {
    const p = join(dir, 'a.pt');
    writeTorchZip(p, 'IntStorage', false);
    assert.deepStrictEqual(parseCodesFile(readFileSync(p), p).codes, CODES);
    assert.deepStrictEqual(
      readZip(readFileSync(p)).map((e) => e.name),
      ['ref_codes/data.pkl', 'ref_codes/data/0', 'ref_codes/version'],
    );
  });

  it('reads .pt with int64 storage and deflate compression', () => {
    const p = join(dir, 'b.pt');
    writeTorchZip(p, 'LongStorage', true);
    assert.deepStrictEqual(parseCodesFile(readFileSync(p), p).codes, CODES);
  });

  it('reads .npy written by numpy (int32, int64, [1,1,T])', function () {
    if (!pythonHas('numpy')) this.skip();
    for (const [name, expr] of [
      ['i4.npy', `np.array(c, dtype=np.int32)`],
      ['i8.npy', `np.array(c, dtype=np.int64).reshape(1, 1, -1)`],
      ['u2.npy', `np.array(c, dtype=np.uint16)`],
    ]) {
      const p = join(dir, name);
      runPython(`import sys, json, numpy as np\nc = json.loads(sys.argv[2])\nnp.save(sys.argv[1], ${expr})`, [p, JSON.stringify(CODES)]);
      assert.deepStrictEqual(parseCodesFile(readFileSync(p), p).codes, CODES, name);
    }
  });

  it('reads JSON lists and {codes, text}', () => {
    assert.deepStrictEqual(parseCodesFile(Buffer.from(JSON.stringify(CODES)), 'x.json').codes, CODES);
    const r = parseCodesFile(Buffer.from(JSON.stringify({ codes: CODES, text: 'xin chào' })), 'x.json');
    assert.strictEqual(r.text, 'xin chào');
  });

  it('rejects out-of-range codes, garbage and empty lists with a UserError', () => {
    const bad = [
      () => parseCodesFile(Buffer.from('[1, 70000]'), 'x.json'),
      () => parseCodesFile(Buffer.from('[1, -1]'), 'x.json'),
      () => parseCodesFile(Buffer.from('[1.5]'), 'x.json'),
      () => parseCodesFile(Buffer.from('[]'), 'x.json'),
      () => parseCodesFile(Buffer.from('{oops'), 'x.json'),
      () => parseCodesFile(Buffer.from('not a zip at all'), 'x.pt'),
      () => parseCodesFile(Buffer.concat([Buffer.from([0x50, 0x4b, 3, 4]), Buffer.alloc(40)]), 'x.pt'),
    ];
    for (const f of bad) assert.throws(f, (e: unknown) => e instanceof UserError && e.code === 'bad-input');
  });
});

describe('voice library', () => {
  const voicesJson = JSON.stringify({
    meta: { spec: 'vieneu.voice.presets', license: 'CC BY-NC 4.0', notice: 'Non-commercial use only.' },
    default_voice: 'Ly',
    presets: {
      Binh: { codes: [1, 2, 3], text: 'xin chào', description: 'Bình (nam miền Bắc)' },
      Ly: { codes: [4, 5], text: 'chào bạn', description: 'Ly (nữ miền Bắc)' },
    },
  });

  it('loads presets with their licence and the default voice', () => {
    const lib = new VoiceLibrary();
    lib.addFile(parseVoicesJson(voicesJson, 'voices.json'));
    assert.strictEqual(lib.licence, 'CC BY-NC 4.0');
    assert.strictEqual(lib.defaultVoiceId, 'Ly');
    const v = lib.resolve({});
    assert.deepStrictEqual([v.id, v.codes, v.text, v.licence], ['Ly', [4, 5], 'chào bạn', 'CC BY-NC 4.0']);
    assert.strictEqual(lib.resolve({ voice: 'Binh' }).description, 'Bình (nam miền Bắc)');
  });

  it('a request reference overrides the preset; unknown voices list the choices', () => {
    const lib = new VoiceLibrary();
    lib.addFile(parseVoicesJson(voicesJson, 'voices.json'));
    assert.deepStrictEqual(lib.resolve({ voice: 'Ly', reference: { codes: [9], text: 'a' } }).codes, [9]);
    assert.throws(() => lib.resolve({ voice: 'Nope' }), (e: unknown) => e instanceof UserError && /Binh, Ly/.test(e.message));
    assert.throws(() => new VoiceLibrary().resolve({}), (e: unknown) => e instanceof UserError && e.code === 'not-ready');
  });

  it('rejects a voices.json without presets', () => {
    assert.throws(() => parseVoicesJson('{"meta":{}}', 'v.json'), UserError);
    assert.throws(() => parseVoicesJson('{"presets":{"a":{"codes":[1]}}}', 'v.json'), UserError);
  });

  it('loads a custom voice from a codes file and needs a transcript', async () => {
    const p = join(dir, 'c.json');
    writeFileSync(p, JSON.stringify(CODES));
    const v = await loadCustomVoice('me', { codesFile: p, text: 'tôi là tôi' });
    assert.deepStrictEqual([v.codes, v.source], [CODES, 'custom']);
    await assert.rejects(loadCustomVoice('me', { codesFile: p, text: ' ' }), UserError);
    await assert.rejects(loadCustomVoice('me', { codesFile: join(dir, 'missing.pt'), text: 'x' }), UserError);
  });
});
