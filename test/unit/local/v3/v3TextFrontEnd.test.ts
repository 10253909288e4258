import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { writeSeaDictFixture } from '../../../../src/local/fixtures/v3/seaDictFixture';
import { findSeaDictionary, loadV3FrontEnd, SEA_DICT_FILE } from '../../../../src/local/v3/v3TextFrontEnd';
import { fixtureRoot } from './fixtureDirs';

describe('the v3 text front end: sea-g2p when a SEAP dictionary is there, the v1 stopgap otherwise', () => {
  const withDict = path.join(fixtureRoot(), 'fe-with-sea');
  const without = path.join(fixtureRoot(), 'fe-without-sea');
  before(() => {
    writeSeaDictFixture(withDict);
    fs.mkdirSync(without, { recursive: true });
  });

  async function read(fe: Awaited<ReturnType<typeof loadV3FrontEnd>>, text: string): Promise<string[]> {
    const out: string[] = [];
    for (const c of await fe.split(text)) out.push(await fe.phonemize(c.text));
    return out;
  }

  it('finds sea_g2p.bin in the v3 folder and reads with sea-g2p after the v3 normaliser', async () => {
    const fe = await loadV3FrontEnd({ folder: withDict });
    assert.strictEqual(fe.g2p, 'sea-g2p');
    assert.strictEqual(fe.dictionary, path.join(withDict, SEA_DICT_FILE));
    // The sea normaliser lower-cases; the fixture dictionary's "bạn" (ɓ) is not the v1 reading (b).
    assert.deepStrictEqual(await read(fe, 'Xin chào các bạn'), ['sˈin tʃˈaː2w kˈaːɜk ɓˈaː6n.']);
  });

  it('keeps the boundary kinds between chunks for the pauses', async () => {
    const fe = await loadV3FrontEnd({ folder: withDict });
    const chunks = await fe.split(`${'Xin chào các bạn. '.repeat(20)}\n\nHôm nay trời đẹp quá.`);
    assert.ok(chunks.length >= 2);
    assert.strictEqual(chunks[0].gap, undefined);
    assert.strictEqual(chunks[chunks.length - 1].gap, 'para');
    assert.ok(chunks.slice(1, -1).every((c) => c.gap === 'sentence'), JSON.stringify(chunks.map((c) => c.gap)));
    assert.ok(chunks.every((c) => c.text === c.text.toLowerCase()));
  });

  it('takes a SEAP file given as the dictionary, ignores a v1 JSON one, and falls back to the v1 phonemizer', async () => {
    const given = path.join(withDict, SEA_DICT_FILE);
    assert.strictEqual(findSeaDictionary({ dictionary: given, folder: without }), given);
    const json = path.join(without, 'phoneme_dict.json');
    fs.writeFileSync(json, JSON.stringify({ 'bạn': 'bˈaː6n' }));
    assert.strictEqual(findSeaDictionary({ dictionary: json, folder: without }), undefined);
    const fe = await loadV3FrontEnd({ dictionary: json, folder: without });
    assert.strictEqual(fe.g2p, 'v1-phonemizer');
    const [p] = await read(fe, 'Xin chào các bạn');
    assert.ok(p.includes('bˈaː6n') && !p.includes('ɓ'), p);
  });
});
