// Loading VieNeu-TTS v3 Turbo by its catalogue id, end to end: the fixture model served under upstream's
// repository layout (onnx_update/…, voices at the root or only in the SDK, the MOSS codec repository,
// sea_g2p.bin at the dictionary's URL), downloaded by LocalBackend with the real default loaders and the real
// onnxruntime, spoken from plain text through sea-g2p, then loaded again from the cache with no network.
import * as assert from 'assert';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DEFAULT_CONFIG, type VieneuConfig } from '../../../src/core/config';
import { UserError } from '../../../src/core/errors';
import { writeMossCodec } from '../../../src/local/fixtures/v3/mossCodecFixture';
import { writeSeaDictFixture } from '../../../src/local/fixtures/v3/seaDictFixture';
import { TINY_V3, writeV3Backbone } from '../../../src/local/fixtures/v3/v3BackboneFixture';
import { LocalBackend } from '../../../src/local/localBackend';
import { recordingV3Loaders } from './v3/fixtureDirs';
import { findModel, type CatalogueFile } from '../../../src/local/models/catalogue';
import { cacheFolder } from '../../../src/local/models/modelStore';
import { hasVnni } from '../../../src/local/v3/cpuFeatures';
import { HfServer } from '../helpers/hfServer';
import { decodeWav } from '../../../src/audio/wav';
import { command as speakCommand } from '../../../src/cli/speakCommand';

const V3_REPO = 'pnnbao-ump/VieNeu-TTS-v3-Turbo';
const MOSS_REPO = 'OpenMOSS-Team/MOSS-Audio-Tokenizer-Nano-ONNX';
const SMALL = new Set(['config.json', 'tokenizer.json', 'voices_v3_turbo.json', 'codec_browser_onnx_meta.json']);

/** The URL path a direct-URL catalogue file is served at (its host replaced by the asset mirror). */
const assetPath = (id: string, file: string) => new URL(findModel(id)!.url! + file).pathname;

describe('LocalBackend: v3 Turbo by catalogue id, downloaded from a Hugging Face look-alike', function () {
  this.timeout(120000);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'vieneu-v3dl-'));
  after(() => fs.rmSync(root, { recursive: true, force: true }));
  const read = (dir: string) => Object.fromEntries(fs.readdirSync(dir).map((f) => [f, fs.readFileSync(path.join(dir, f))]));
  const srcV3 = path.join(root, 'src', 'v3');
  const srcMoss = path.join(root, 'src', 'moss');
  writeV3Backbone(srcV3, TINY_V3);
  writeMossCodec(srcMoss);
  const v3Files = read(srcV3);
  const mossFiles = read(srcMoss);
  const seaBin = fs.readFileSync(writeSeaDictFixture(path.join(root, 'src', 'sea')));
  const seaEntry = findModel('sea-g2p-dict')!;
  const realPin = seaEntry.files;
  const fixturePin: CatalogueFile[] = [{ ...realPin[0], sha256: createHash('sha256').update(seaBin).digest('hex'), size: seaBin.length }];
  let server: HfServer;
  let firstCommit: string;

  /** The repository as upstream lays it out: graphs in the precision folders, presets at the root (optional). */
  async function serve(o: { rootVoices: boolean }): Promise<void> {
    server = new HfServer();
    for (const [name, data] of Object.entries(v3Files)) {
      if (name === 'voices_v3_turbo.json') continue;
      for (const folder of ['onnx_update', 'onnx_int8']) server.addFile(V3_REPO, `${folder}/${name}`, data, !SMALL.has(name));
    }
    if (o.rootVoices) server.addFile(V3_REPO, 'voices_v3_turbo.json', v3Files['voices_v3_turbo.json'], false);
    firstCommit = server.heads.get(V3_REPO)!;
    for (const [name, data] of Object.entries(mossFiles)) server.addFile(MOSS_REPO, name, data, !SMALL.has(name));
    server.raw.set(assetPath('sea-g2p-dict', 'sea_g2p.bin'), seaBin);
    if (!o.rootVoices) server.raw.set(assetPath('vieneu-v3-voices', 'voices_v3_turbo.json'), v3Files['voices_v3_turbo.json']);
    await server.start();
  }

  // The catalogue pins the real sea_g2p.bin (sha256 and size): the fixture's own bytes are pinned while these run.
  before(() => void (seaEntry.files = fixturePin));
  after(() => void (seaEntry.files = realPin));
  afterEach(() => server?.stop());


  const backend = (cacheDir: string, o: { seen?: string[]; settings?: Partial<VieneuConfig['local']>; endpoint?: string } = {}) =>
    new LocalBackend({
      cacheDir,
      // The settings' default backbone and codec are v1's: the v3 id given to loadModel must bring the MOSS codec.
      settings: () => ({ ...DEFAULT_CONFIG.local, threads: 1, builtinVoice: false, ...o.settings }),
      endpoint: o.endpoint ?? server.endpoint,
      assetMirror: o.endpoint ?? server.endpoint,
      loaders: recordingV3Loaders(o.seen ?? []),
    });

  async function speak(b: LocalBackend, text: string): Promise<{ samples: number; rates: Set<number> }> {
    let samples = 0;
    const rates = new Set<number>();
    for await (const c of b.synthesize({ text, seed: 1 }, new AbortController().signal)) {
      samples += c.samples.length;
      rates.add(c.sampleRate);
    }
    return { samples, rates };
  }

  it('downloads every file from one pinned commit, reads with sea-g2p, speaks 48 kHz, then loads offline from the cache', async () => {
    await serve({ rootVoices: true });
    const cacheDir = path.join(root, 'cache-main');
    // Upstream pushes while the download runs: no file of the new commit may join the model.
    let pushed = false;
    server.onRequest = (url) => {
      if (!pushed && url.includes(`/${V3_REPO}/resolve/`)) {
        pushed = true;
        server.addFile(V3_REPO, 'onnx_update/config.json', Buffer.from('{"pushed":true}'), false);
      }
    };
    const seen: string[] = [];
    const b = backend(cacheDir, { seen });
    const phases: string[] = [];
    try {
      await b.loadModel({ backbone: 'vieneu-v3-turbo' }, (_f, p) => phases.push(p));
      const info = b.status.info!;
      assert.strictEqual(b.status.state, 'ready');
      assert.strictEqual(b.status.detail, 'VieNeu-TTS v3 Turbo loaded');
      assert.deepStrictEqual([info.engine, info.model, info.modelLicence, info.source, info.commit, info.g2p, info.dictionarySource, info.sampleRate], ['vieneu-v3-turbo', 'vieneu-v3-turbo', 'Apache-2.0', 'download', firstCommit, 'sea-g2p', 'download', 48000]);
      assert.ok(String(info.dictionary).endsWith(path.join('ee2e80b0ac47f1d9403f5c5fd88ecd6265e4e6b1', 'sea_g2p.bin')), String(info.dictionary));
      const resolves = server.log.filter((l) => l.url.includes(`/${V3_REPO}/resolve/`));
      assert.strictEqual(resolves.length, 8, resolves.map((r) => r.url).join('\n'));
      for (const r of resolves) assert.ok(r.url.startsWith(`/${V3_REPO}/resolve/${firstCommit}/`), r.url);
      assert.ok(resolves.every((r) => !r.url.includes('onnx_int8')), 'only the fp32 folder');
      assert.ok(fs.readFileSync(path.join(String(info.backbone), 'config.json')).equals(v3Files['config.json']), 'config.json of the pinned commit');
      const moss = server.log.filter((l) => l.url.includes(`/${MOSS_REPO}/resolve/`));
      assert.strictEqual(moss.length, 4);
      for (const r of moss) assert.ok(r.url.startsWith(`/${MOSS_REPO}/resolve/${server.heads.get(MOSS_REPO)}/`), r.url);
      assert.strictEqual(info.codecCommit, server.heads.get(MOSS_REPO));
      assert.strictEqual(server.requestsFor('/sea_g2p.bin').length, 1);
      assert.ok(phases.some((p) => /sea_g2p\.bin/.test(p)), 'the dictionary download shows progress');
      assert.deepStrictEqual(b.voices().map((v) => v.id), ['Fixture Bắc', 'Fixture Nam']);
      const out = await speak(b, 'Xin chào các bạn');
      assert.ok(out.samples > 0 && out.samples % 3840 === 0, String(out.samples));
      assert.deepStrictEqual([...out.rates], [48000]);
      // sea-g2p's reading ("bạn" is ɓˈaː6n in its dictionary; the v1 phonemizer says bˈaː6n).
      assert.deepStrictEqual(seen, ['sˈin tʃˈaː2w kˈaːɜk ɓˈaː6n.']);
    } finally {
      b.dispose();
    }

    // Offline, with the endpoints pointing nowhere: everything comes from the cache.
    const before = server.log.length;
    const seen2: string[] = [];
    const again = backend(cacheDir, { seen: seen2, endpoint: 'http://127.0.0.1:9' });
    try {
      await again.loadModel({ backbone: 'vieneu-v3-turbo', offline: true });
      assert.deepStrictEqual([again.status.info?.source, again.status.info?.commit, again.status.info?.g2p], ['cache', firstCommit, 'sea-g2p']);
      assert.deepStrictEqual(again.voices().map((v) => v.id), ['Fixture Bắc', 'Fixture Nam']);
      assert.ok((await speak(again, 'Xin chào các bạn')).samples > 0);
      assert.deepStrictEqual(seen2, seen);
      assert.strictEqual(server.log.length, before, 'no request');
    } finally {
      again.dispose();
    }
  });

  it('takes the presets from the SDK when the repository has none at its root', async () => {
    await serve({ rootVoices: false });
    const b = backend(path.join(root, 'cache-sdk-voices'));
    try {
      await b.loadModel({ backbone: 'vieneu-v3-turbo' });
      assert.deepStrictEqual(b.voices().map((v) => v.id), ['Fixture Bắc', 'Fixture Nam']);
      assert.strictEqual(server.requestsFor('/voices_v3_turbo.json').length, 1);
      assert.ok(server.requestsFor('/voices_v3_turbo.json')[0].url.startsWith(assetPath('vieneu-v3-voices', '')));
    } finally {
      b.dispose();
    }
    const again = backend(path.join(root, 'cache-sdk-voices'), { endpoint: 'http://127.0.0.1:9' });
    try {
      await again.loadModel({ backbone: 'vieneu-v3-turbo', offline: true });
      assert.strictEqual(again.voices().length, 2);
    } finally {
      again.dispose();
    }
  });

  it('refuses a truncated or HTML sea_g2p.bin answer, naming the file and the setting, and keeps nothing of it', async () => {
    for (const bad of [seaBin.subarray(0, seaBin.length >> 1), Buffer.from('<!DOCTYPE html><html><body>Rate limited</body></html>')]) {
      await serve({ rootVoices: true });
      server.raw.set(assetPath('sea-g2p-dict', 'sea_g2p.bin'), bad);
      const cacheDir = fs.mkdtempSync(path.join(root, 'cache-bad-'));
      const b = backend(cacheDir);
      try {
        await assert.rejects(b.loadModel({ backbone: 'vieneu-v3-turbo' }), (e: unknown) =>
          e instanceof UserError && /sea_g2p\.bin/.test(e.message) && /checksum/.test(e.message) && /vieneu\.local\.seaG2pDictionary/.test(e.fix ?? ''));
        assert.strictEqual(b.modelLoaded, false);
        assert.strictEqual(b.status.state, 'error');
        const dictDir = cacheFolder(cacheDir, findModel('sea-g2p-dict')!);
        assert.deepStrictEqual(fs.existsSync(dictDir) ? fs.readdirSync(dictDir) : [], []);
      } finally {
        b.dispose();
        await server.stop();
      }
    }
  });

  it('a cached sea_g2p.bin damaged on disk is refused by name, then fetched afresh by the next load', async () => {
    await serve({ rootVoices: true });
    const cacheDir = path.join(root, 'cache-damaged');
    const first = backend(cacheDir);
    try {
      await first.loadModel({ backbone: 'vieneu-v3-turbo' });
    } finally {
      first.dispose();
    }
    const file = path.join(cacheFolder(cacheDir, findModel('sea-g2p-dict')!), 'sea_g2p.bin');
    fs.writeFileSync(file, Buffer.concat([Buffer.from('SEAP'), Buffer.alloc(12)]));
    const b = backend(cacheDir, { endpoint: 'http://127.0.0.1:9' });
    try {
      await assert.rejects(b.loadModel({ backbone: 'vieneu-v3-turbo', offline: true }), (e: unknown) =>
        e instanceof UserError && e.message.includes(file) && /truncated or damaged/.test(e.message) && /vieneu\.local\.seaG2pDictionary/.test(e.fix ?? ''));
      assert.strictEqual(b.modelLoaded, false);
    } finally {
      b.dispose();
    }
    const seen: string[] = [];
    const again = backend(cacheDir, { seen });
    try {
      await again.loadModel({ backbone: 'vieneu-v3-turbo' });
      assert.deepStrictEqual([again.status.info?.source, again.status.info?.dictionarySource, again.status.info?.g2p], ['cache', 'download', 'sea-g2p']);
      assert.ok(fs.readFileSync(file).equals(seaBin));
      assert.strictEqual(server.requestsFor('/sea_g2p.bin').length, 2);
    } finally {
      again.dispose();
    }
  });

  it('reads with the dictionary of vieneu.local.seaG2pDictionary without fetching one, and names a missing one', async () => {
    await serve({ rootVoices: true });
    const own = path.join(root, 'src', 'sea', 'sea_g2p.bin');
    const seen: string[] = [];
    const b = backend(path.join(root, 'cache-setting'), { seen, settings: { seaG2pDictionary: own } });
    try {
      await b.loadModel({ backbone: 'vieneu-v3-turbo' });
      assert.deepStrictEqual([b.status.info?.dictionary, b.status.info?.dictionarySource, b.status.info?.g2p], [own, 'setting', 'sea-g2p']);
      assert.strictEqual(server.requestsFor('/sea_g2p.bin').length, 0);
      await speak(b, 'Xin chào các bạn');
      assert.deepStrictEqual(seen, ['sˈin tʃˈaː2w kˈaːɜk ɓˈaː6n.']);
    } finally {
      b.dispose();
    }
    const missing = path.join(root, 'nowhere', 'sea_g2p.bin');
    const c = backend(path.join(root, 'cache-setting'), { settings: { seaG2pDictionary: missing } });
    try {
      await assert.rejects(c.loadModel({ backbone: 'vieneu-v3-turbo', offline: true }), (e: unknown) =>
        e instanceof UserError && e.message.includes(missing) && /vieneu\.local\.seaG2pDictionary/.test(e.fix ?? ''));
      assert.strictEqual(c.modelLoaded, false);
    } finally {
      c.dispose();
    }
  });

  it('a download cancelled in the middle of a file resumes from the same commit with a Range request', async () => {
    await serve({ rootVoices: true });
    const cacheDir = path.join(root, 'cache-cancel');
    const big = 'onnx_update/vieneu_backbone_shared.data';
    const half = v3Files['vieneu_backbone_shared.data'].length >> 1;
    server.faults.set(big, { kind: 'stall', afterBytes: half, times: 1 });
    const ac = new AbortController();
    const b = backend(cacheDir);
    let timer: NodeJS.Timeout | undefined;
    try {
      const load = b.loadModel({ backbone: 'vieneu-v3-turbo' }, (_f, phase) => {
        // Cancel once the stalled file has been reaching the disk for a moment.
        if (!timer && phase.includes('vieneu_backbone_shared.data')) timer = setTimeout(() => ac.abort(), 300);
      }, ac.signal);
      await assert.rejects(load, (e: unknown) => e instanceof Error && e.name === 'AbortError');
    } finally {
      clearTimeout(timer);
      b.dispose();
    }
    const folder = cacheFolder(cacheDir, findModel('vieneu-v3-turbo')!);
    const part = path.join(folder, 'onnx_update', 'vieneu_backbone_shared.data.part');
    assert.ok(fs.existsSync(part) && fs.statSync(part).size > 0, 'the part is kept');
    assert.ok(!fs.readdirSync(folder).some((f) => f.startsWith('.vieneu-complete')), 'not complete');
    const kept = fs.statSync(part).size;

    server.log.length = 0;
    const again = backend(cacheDir);
    try {
      await again.loadModel({ backbone: 'vieneu-v3-turbo' });
      assert.strictEqual(again.status.info?.commit, firstCommit);
      assert.strictEqual(server.log.filter((l) => l.url.includes(`/api/models/${V3_REPO}/revision/`)).length, 0, 'the pin is reused');
      const resumed = server.requestsFor(big);
      assert.deepStrictEqual(resumed.map((r) => r.range), [`bytes=${kept}-`]);
      assert.strictEqual(server.log.filter((l) => l.url.endsWith('vieneu_prefill.onnx')).length, 0, 'finished files are not fetched again');
      assert.ok(fs.readFileSync(path.join(folder, big)).equals(v3Files['vieneu_backbone_shared.data']));
    } finally {
      again.dispose();
    }
  });

  it('vieneu speak with the catalogue id downloads through HF_ENDPOINT and VIENEU_ASSET_MIRROR, writes a 48 kHz WAV, then works offline', async () => {
    await serve({ rootVoices: true });
    const saved = { hf: process.env.HF_ENDPOINT, mirror: process.env.VIENEU_ASSET_MIRROR, error: console.error };
    process.env.HF_ENDPOINT = server.endpoint;
    process.env.VIENEU_ASSET_MIRROR = server.endpoint;
    const errors: string[] = [];
    console.error = (...a: unknown[]) => void errors.push(a.join(' '));
    const write = process.stderr.write;
    process.stderr.write = (() => true) as typeof process.stderr.write;
    try {
      const cache = path.join(root, 'cache-cli');
      for (const offline of [false, true]) {
        const out = path.join(root, `cli-${offline}.wav`);
        const code = await speakCommand.run(['Xin chào các bạn', '--backbone', 'vieneu-v3-turbo', '--threads', '1', '--seed', '3', '--cache', cache, '--out', out, ...(offline ? ['--offline'] : [])]);
        assert.strictEqual(code, 0, errors.join('\n'));
        const wav = decodeWav(fs.readFileSync(out));
        assert.strictEqual(wav.sampleRate, 48000);
        assert.ok(wav.samples.length > 0 && wav.samples.length % 3840 === 0, String(wav.samples.length));
      }
      assert.strictEqual(server.requestsFor('/sea_g2p.bin').length, 1);
    } finally {
      process.stderr.write = write;
      console.error = saved.error;
      for (const [k, v] of [['HF_ENDPOINT', saved.hf], ['VIENEU_ASSET_MIRROR', saved.mirror]] as const) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });

  it('int8 through this path: refused without VNNI before any download, downloaded from onnx_int8 with it', async () => {
    await serve({ rootVoices: true });
    const b = backend(path.join(root, 'cache-int8'));
    try {
      if (!hasVnni()) {
        await assert.rejects(b.loadModel({ backbone: 'vieneu-v3-turbo-int8' }), (e: unknown) => e instanceof UserError && /VNNI/.test(e.display));
        assert.strictEqual(server.log.length, 0);
      } else {
        await b.loadModel({ backbone: 'vieneu-v3-turbo-int8' });
        assert.match(String(b.status.info?.backbone), /onnx_int8$/);
        assert.strictEqual(b.status.detail, 'VieNeu-TTS v3 Turbo int8 (VNNI CPUs) loaded');
      }
    } finally {
      b.dispose();
    }
  });
});
