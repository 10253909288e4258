import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { UserError } from '../../../src/core/errors';
import { loadPhonemeDict, makePhonemeDict, parsePhonemeDict } from '../../../src/text/phonemeDict';

describe('phoneme dictionary', () => {
  let dir: string;
  before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vieneu-dict-'))));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('loads a phoneme_dict.json (with or without a BOM) once per path', async () => {
    const file = path.join(dir, 'phoneme_dict.json');
    fs.writeFileSync(file, '\ufeff' + JSON.stringify({ 'chào': 'tʃˈaː2w ', 'nai,': 'nˈaːj, ' }));
    const a = await loadPhonemeDict(file);
    assert.strictEqual(a.size, 2);
    assert.strictEqual(a.get('nai,'), 'nˈaːj, ');
    assert.strictEqual(a.get('nai'), undefined);
    assert.strictEqual(await loadPhonemeDict(file), a);
  });

  it('refuses files that are not a word → phonemes object, with a fix', async () => {
    for (const [name, body] of [['array.json', '[]'], ['num.json', '{"a": 1}'], ['broken.json', '{"a": ']] as const) {
      const file = path.join(dir, name);
      fs.writeFileSync(file, body);
      await assert.rejects(loadPhonemeDict(file), (e: unknown) => e instanceof UserError && !!e.fix && e.message.includes(file));
    }
    await assert.rejects(loadPhonemeDict(path.join(dir, 'missing.json')), /not found/);
  });

  it('builds from entries or an object', () => {
    assert.strictEqual(makePhonemeDict([['a', 'x ']]).get('a'), 'x ');
    assert.strictEqual(makePhonemeDict({ a: 'y ' }).get('a'), 'y ');
    assert.throws(() => parsePhonemeDict('null', 'x'), UserError);
  });
});
