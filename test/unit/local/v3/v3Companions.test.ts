import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { UserError } from '../../../../src/core/errors';
import { writeSeaDictFixture } from '../../../../src/local/fixtures/v3/seaDictFixture';
import { findModel } from '../../../../src/local/models/catalogue';
import { resolveSeaDictionary, resolveV3Presets } from '../../../../src/local/v3/v3Companions';

describe('v3 companions: which sea_g2p.bin and which presets a v3 model gets', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'vieneu-v3comp-'));
  after(() => fs.rmSync(root, { recursive: true, force: true }));
  const withDict = path.join(root, 'with');
  const own = writeSeaDictFixture(withDict);
  const bare = path.join(root, 'bare');
  fs.mkdirSync(bare);
  const store = { cacheDir: path.join(root, 'cache'), offline: true };
  const entry = findModel('vieneu-v3-turbo')!;

  it('a local folder: --dict, then its own sea_g2p.bin (over the setting), then the setting, else the stopgap', async () => {
    assert.deepStrictEqual(await resolveSeaDictionary({ explicit: '/x/phoneme_dict.json', folder: withDict, store }), { file: '/x/phoneme_dict.json', required: false, from: 'option' });
    assert.deepStrictEqual(await resolveSeaDictionary({ setting: '/s/sea_g2p.bin', folder: withDict, store }), { file: own, required: true, from: 'folder' });
    assert.deepStrictEqual(await resolveSeaDictionary({ setting: '/s/sea_g2p.bin', folder: bare, store }), { file: '/s/sea_g2p.bin', required: true, from: 'setting' });
    assert.deepStrictEqual(await resolveSeaDictionary({ setting: '  ', folder: bare, store }), { required: false, from: 'none' });
    const home = await resolveSeaDictionary({ setting: '~/dl/sea_g2p.bin', folder: bare, store });
    assert.strictEqual(home.file, path.join(os.homedir(), 'dl', 'sea_g2p.bin'));
     // A copy in the models folder (or the cache) beats the stopgap, without any network.
    const models = path.join(root, 'models-local');
    const copy = writeSeaDictFixture(path.join(models, 'sea-g2p'));
    assert.deepStrictEqual(await resolveSeaDictionary({ folder: bare, store: { ...store, offline: false, endpoint: 'http://127.0.0.1:9', modelsPath: models } }), { file: copy, required: true, from: 'models-path' });
  });

  it('a catalogue model: --dict and the setting are required SEAP files; without them, the catalogue dictionary or a clear refusal', async () => {
    assert.deepStrictEqual(await resolveSeaDictionary({ explicit: '/x/sea.bin', folder: bare, entry, store }), { file: '/x/sea.bin', required: true, from: 'option' });
    // The precision folder's own file does not count: it is not where upstream keeps the dictionary.
    assert.strictEqual((await resolveSeaDictionary({ setting: '/s/sea_g2p.bin', folder: withDict, entry, store })).from, 'setting');
    await assert.rejects(resolveSeaDictionary({ folder: withDict, entry, store }), (e: unknown) =>
      e instanceof UserError && e.code === 'network' && e.message.includes('ee2e80b0ac47f1d9403f5c5fd88ecd6265e4e6b1/python/sea_g2p/sea_g2p.bin') && /vieneu\.local\.seaG2pDictionary/.test(e.fix ?? ''));
    // From the models folder, offline.
    const models = path.join(root, 'models');
    writeSeaDictFixture(path.join(models, 'sea-g2p-dict'));
    const found = await resolveSeaDictionary({ folder: bare, entry, store: { ...store, modelsPath: models } });
    assert.deepStrictEqual(found, { file: path.join(models, 'sea-g2p-dict', 'sea_g2p.bin'), required: true, from: 'models-path' });
  });

  it('the catalogue pins the real dictionary and links both v3 precisions to it and to the SDK presets', () => {
    const dict = findModel('sea-g2p-dict')!;
    assert.deepStrictEqual([dict.files[0].sha256, dict.files[0].size], ['4346e690d0711ebc5231e7a42c5c88aaf6e40377e894b4617c018fd81c6f4096', 62_829_820]);
    assert.ok(dict.url!.includes(`/${dict.revision}/`));
    for (const id of ['vieneu-v3-turbo', 'vieneu-v3-turbo-int8']) {
      const e = findModel(id)!;
      assert.deepStrictEqual([findModel(e.v3!.dictionary)?.id, findModel(e.v3!.presets)?.kind], ['sea-g2p-dict', 'voices'], id);
    }
  });

  it('presets: an explicit file, else nothing to resolve for a local folder', async () => {
    assert.strictEqual(await resolveV3Presets({ explicit: '/v/voices_v3_turbo.json', store }), '/v/voices_v3_turbo.json');
    assert.strictEqual(await resolveV3Presets({ store }), undefined);
  });
});
