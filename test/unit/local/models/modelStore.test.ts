import * as assert from 'assert';
import { createHash, randomBytes } from 'crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { UserError } from '../../../../src/core/errors';
import { CATALOGUE, defaultCodec, dictionaryFor, findModel, globMatcher, type CatalogueEntry } from '../../../../src/local/models/catalogue';
import { buildPrompt } from '../../../../src/text/prompt';
import { cliCacheDir, pathInFolder, resolveEntry, resolveModel } from '../../../../src/local/models/modelStore';
import { HfServer } from '../../helpers/hfServer';

describe('model catalogue', () => {
  it('lists every v1 backbone and both codecs, with licence, prompt style and phonemizer', () => {
    const repos = CATALOGUE.map((e) => e.repo);
    for (const r of [
      'pnnbao-ump/VieNeu-TTS', 'pnnbao-ump/VieNeu-TTS-q8-gguf', 'pnnbao-ump/VieNeu-TTS-q4-gguf',
      'pnnbao-ump/VieNeu-TTS-0.3B', 'pnnbao-ump/VieNeu-TTS-0.3B-q8-gguf', 'pnnbao-ump/VieNeu-TTS-0.3B-q4-gguf',
      'neuphonic/neucodec-onnx-decoder', 'neuphonic/neucodec-onnx-decoder-int8',
    ]) assert.ok(repos.includes(r), r);
    for (const e of CATALOGUE.filter((x) => x.kind === 'backbone' && x.generation === 'v1')) {
      assert.ok(e.backbone && e.licence && e.approxMb > 0, e.id);
      assert.strictEqual(e.licence, e.backbone.params === '0.3B' ? 'CC BY-NC 4.0' : 'Apache-2.0');
      assert.strictEqual(findModel(e.backbone.dictionary)?.kind, 'dictionary', e.id);
      assert.strictEqual(dictionaryFor(e), e.backbone.dictionary);
    }
    assert.strictEqual(dictionaryFor(undefined), 'phoneme-dict-v1');
  });

  it('0.3B models: compact prompt, v2026 phonemizer, v1.1.5 dictionary; the 0.5B ones stay on the chat prompt', () => {
    const v1 = CATALOGUE.filter((x) => x.kind === 'backbone' && x.generation === 'v1');
    for (const e of v1) {
      const b = e.backbone!;
      const want = b.params === '0.3B' ? ['compact', 'v2026', 'phoneme-dict-v1.1.5'] : ['v1-chat', 'v1-seed', 'phoneme-dict-v1'];
      assert.deepStrictEqual([b.promptStyle, b.phonemizer, b.dictionary], want, e.id);
    }
    // The prompt a 0.3B entry produces is upstream's compact prompt, character for character
    // (pnnbao97/VieNeu-TTS src/vieneu/base.py _format_prompt, use_chat_format=False).
    const q4 = findModel('vieneu-0.3b-q4')!;
    const prompt = buildPrompt({ format: q4.backbone!.promptStyle, refPhonemes: 'sin tʃˈaːw', inputPhonemes: 'hˈom nˈaj', refCodes: [7, 65535] });
    assert.strictEqual(prompt, '<|TEXT_PROMPT_START|>sin tʃˈaːw hˈom nˈaj<|TEXT_PROMPT_END|><|SPEECH_GENERATION_START|><|speech_7|><|speech_65535|>');
    const q4big = findModel('vieneu-0.5b-q4')!;
    assert.strictEqual(
      buildPrompt({ format: q4big.backbone!.promptStyle, refPhonemes: 'a', inputPhonemes: 'b', refCodes: [1] }),
      'user: Convert the text to speech:<|TEXT_PROMPT_START|>a b<|TEXT_PROMPT_END|>\nassistant:<|SPEECH_GENERATION_START|><|speech_1|>',
    );
    assert.strictEqual(new Set(CATALOGUE.map((e) => e.id)).size, CATALOGUE.length);
  });

  it('int8 codec by default on CPU; ids and repo ids both resolve', () => {
    assert.strictEqual(defaultCodec('cpu').repo, 'neuphonic/neucodec-onnx-decoder-int8');
    assert.strictEqual(defaultCodec('gpu').repo, 'neuphonic/neucodec-onnx-decoder');
    assert.strictEqual(findModel('PNNBAO-UMP/VieNeu-TTS-q4-gguf')?.id, 'vieneu-0.5b-q4');
    assert.ok(globMatcher('*.gguf')('VieNeu-TTS-q4.gguf') && !globMatcher('*.gguf')('a.gguf.part'));
  });

  it('the CLI cache respects XDG_CACHE_HOME', () => {
    assert.strictEqual(cliCacheDir({ XDG_CACHE_HOME: '/x/cache' }), '/x/cache/vieneu');
    assert.match(cliCacheDir({}), /\.cache[\\/]vieneu$/);
  });
});

describe('model store', () => {
  const server = new HfServer();
  const gguf = randomBytes(50_000);
  before(async () => {
    server.addFile('someone/tiny-gguf', 'tiny.Q4_0.gguf', gguf);
    server.addFile('someone/tiny-gguf', 'voices.json', Buffer.from('{"presets":{}}'), false);
    server.addFile('someone/tiny-gguf', 'README.md', Buffer.from('# tiny'), false);
    server.addFile('someone/codec', 'onnx/model_int8.onnx', randomBytes(3000));
    await server.start();
  });
  after(() => server.stop());
  const fresh = () => mkdtempSync(join(tmpdir(), 'vieneu-store-'));

  it('downloads a repo into the cache with progress, then finds it offline', async () => {
    const cacheDir = fresh();
    const phases: string[] = [];
    let last = 0;
    const m = await resolveModel('someone/tiny-gguf', 'backbone', { cacheDir, endpoint: server.endpoint }, (f, p) => {
      assert.ok(f >= last - 1e-9 && f <= 1);
      last = f;
      phases.push(p);
    });
    assert.strictEqual(m.source, 'download');
    assert.match(m.weights, /tiny\.Q4_0\.gguf$/);
    assert.match(m.voices ?? '', /voices\.json$/);
    assert.strictEqual(last, 1);
    assert.ok(phases.some((p) => /Downloading tiny\.Q4_0\.gguf/.test(p)));
    assert.ok(!readdirSync(join(m.weights, '..')).some((f) => f.endsWith('.part')));
    const again = await resolveModel('someone/tiny-gguf', 'backbone', { cacheDir, offline: true });
    assert.deepStrictEqual([again.source, again.weights], ['cache', m.weights]);
  });

  it('finds nested files (onnx/model_int8.onnx) and uses the HF token', async () => {
    server.requiredToken = 'hf_tok';
    try {
      const m = await resolveModel('someone/codec', 'codec', { cacheDir: fresh(), endpoint: server.endpoint, token: 'hf_tok' });
      assert.match(m.weights, /onnx[\\/]model_int8\.onnx$/);
      await assert.rejects(resolveModel('someone/codec', 'codec', { cacheDir: fresh(), endpoint: server.endpoint }), (e: unknown) => e instanceof UserError && e.code === 'auth');
    } finally {
      server.requiredToken = undefined;
    }
  });

  it('an incomplete cache (no manifest) is not used offline', async () => {
    const cacheDir = fresh();
    const folder = join(cacheDir, 'models', 'someone', 'tiny-gguf', 'main');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'tiny.Q4_0.gguf.part'), 'half');
    await assert.rejects(resolveModel('someone/tiny-gguf', 'backbone', { cacheDir, offline: true }), (e: unknown) => e instanceof UserError && e.code === 'network' && e.display.includes(folder));
  });

  it('uses a file, a folder or the models folder without any network', async () => {
    const dir = fresh();
    const file = join(dir, 'my.gguf');
    writeFileSync(file, 'x');
    writeFileSync(join(dir, 'voices.json'), '{}');
    const opts = { cacheDir: fresh(), offline: true };
    const a = await resolveModel(file, 'backbone', opts);
    assert.deepStrictEqual([a.source, a.weights, a.voices], ['file', file, join(dir, 'voices.json')]);
    const b = await resolveModel(dir, 'backbone', opts);
    assert.deepStrictEqual([b.source, b.weights], ['folder', file]);
    const models = fresh();
    mkdirSync(join(models, 'VieNeu-TTS-q4-gguf'));
    writeFileSync(join(models, 'VieNeu-TTS-q4-gguf', 'vieneu-q4.gguf'), 'x');
    const c = await resolveModel('vieneu-0.5b-q4', 'backbone', { ...opts, modelsPath: models });
    assert.strictEqual(c.source, 'models-path');
    assert.strictEqual(c.entry?.repo, 'pnnbao-ump/VieNeu-TTS-q4-gguf');
  });

  it('clear errors: missing path, unknown spec, safetensors model, repo 404', async () => {
    const opts = { cacheDir: fresh(), endpoint: server.endpoint };
    const code = (c: string) => (e: unknown) => e instanceof UserError && e.code === c;
    await assert.rejects(resolveModel('./nope/missing.gguf', 'backbone', opts), code('bad-input'));
    await assert.rejects(resolveModel('not a model', 'backbone', opts), code('config'));
    await assert.rejects(resolveModel('vieneu-0.5b', 'backbone', opts), code('config'));
    await assert.rejects(resolveModel('someone/absent', 'backbone', opts), code('download'));
    assert.ok(!existsSync(join(opts.cacheDir, 'models', 'someone', 'absent', 'main')));
  });
});

describe('model store: pinned downloads', () => {
  const fresh = () => mkdtempSync(join(tmpdir(), 'vieneu-pin-'));
  const entry = (repo: string, files: CatalogueEntry['files']): CatalogueEntry => ({
    id: repo, label: repo, kind: 'backbone', generation: 'v3', repo, revision: 'main', format: 'onnx', files,
    licence: 'test', approxMb: 1, runsLocally: true,
  });
  const REPO = 'pinned/model';
  const FILES: CatalogueEntry['files'] = [
    { pattern: 'onnx_update/prefill.onnx', role: 'weights' },
    { pattern: 'onnx_update/config.json', role: 'tokenizer' },
    { pattern: 'voices.json', role: 'voices' },
  ];
  let server: HfServer;
  let first: string;
  const v1 = { prefill: randomBytes(40_000), config: Buffer.from('{"v":1}'), voices: Buffer.from('{"presets":{"a":1}}') };
  beforeEach(async () => {
    server = new HfServer();
    server.addFile(REPO, 'onnx_update/prefill.onnx', v1.prefill);
    server.addFile(REPO, 'onnx_update/config.json', v1.config, false);
    first = server.addFile(REPO, 'voices.json', v1.voices, false);
    await server.start();
  });
  afterEach(() => server.stop());

  /** Upstream pushes new versions of every file. */
  const push = () => {
    server.addFile(REPO, 'onnx_update/prefill.onnx', randomBytes(41_000));
    server.addFile(REPO, 'onnx_update/config.json', Buffer.from('{"v":2}'), false);
    server.addFile(REPO, 'voices.json', Buffer.from('{"presets":{"b":2}}'), false);
  };
  const resolves = () => server.log.filter((l) => l.url.includes('/resolve/'));

  it('every file comes from the commit resolved at the start, even when main moves during the download', async () => {
    const cacheDir = fresh();
    let pushed = false;
    server.onRequest = (url) => {
      if (!pushed && url.includes('/resolve/')) {
        pushed = true;
        push();
      }
    };
    const m = await resolveEntry(entry(REPO, FILES), { cacheDir, endpoint: server.endpoint });
    assert.strictEqual(m.commit, first);
    assert.strictEqual(resolves().length, 3);
    for (const r of resolves()) assert.ok(r.url.startsWith(`/${REPO}/resolve/${first}/`), r.url);
    assert.ok(readFileSync(m.files['onnx_update/prefill.onnx']).equals(v1.prefill));
    assert.ok(readFileSync(m.files['onnx_update/config.json']).equals(v1.config));
    assert.ok(readFileSync(m.voices!).equals(v1.voices));
    assert.strictEqual(server.log.filter((l) => l.url.includes('/revision/')).length, 1);
    const manifest = JSON.parse(readFileSync(join(m.folder, '.vieneu-complete-pinned_model.json'), 'utf8'));
    assert.strictEqual(manifest.commit, first);
    // Offline, the cache gives the same files and says which commit they are.
    const again = await resolveEntry(entry(REPO, FILES), { cacheDir, offline: true });
    assert.deepStrictEqual([again.source, again.commit, again.files], ['cache', first, m.files]);
  });

  it('a download interrupted before upstream pushes resumes from the same commit, without resolving again', async () => {
    const cacheDir = fresh();
    server.faults.set('voices.json', { kind: 'status', status: 404, times: 1 });
    await assert.rejects(resolveEntry(entry(REPO, FILES), { cacheDir, endpoint: server.endpoint }), UserError);
    push();
    server.log.length = 0;
    const m = await resolveEntry(entry(REPO, FILES), { cacheDir, endpoint: server.endpoint });
    assert.strictEqual(m.commit, first);
    assert.strictEqual(server.log.filter((l) => l.url.includes('/revision/')).length, 0);
    assert.ok(resolves().length >= 1 && resolves().every((r) => r.url.includes(`/resolve/${first}/`)));
    assert.ok(readFileSync(m.voices!).equals(v1.voices));
    assert.ok(readFileSync(m.files['onnx_update/prefill.onnx']).equals(v1.prefill));
  });

  it('entries of one repository (precisions, a speaker encoder) share its folder and its commit, and stay cached', async () => {
    const cacheDir = fresh();
    const fp32 = { ...entry(REPO, FILES), id: 'pinned-fp32' };
    const root = { ...entry(REPO, [{ pattern: 'voices.json', role: 'weights' as const }]), id: 'pinned-root' };
    const a = await resolveEntry(fp32, { cacheDir, endpoint: server.endpoint });
    push();
    const b = await resolveEntry(root, { cacheDir, endpoint: server.endpoint });
    assert.deepStrictEqual([a.commit, b.commit, b.folder], [first, first, a.folder]);
    assert.ok(readFileSync(b.weights).equals(v1.voices), 'from the commit the folder is pinned to');
    const again = await resolveEntry(fp32, { cacheDir, offline: true });
    const rootAgain = await resolveEntry(root, { cacheDir, offline: true });
    assert.deepStrictEqual([again.source, rootAgain.source, again.files], ['cache', 'cache', a.files]);
  });

  it('a cache from before pinning (one manifest per folder, no commit) is still used offline', async () => {
    const cacheDir = fresh();
    const folder = join(cacheDir, 'models', 'pinned', 'model', 'main');
    mkdirSync(join(folder, 'onnx_update'), { recursive: true });
    for (const f of ['onnx_update/prefill.onnx', 'onnx_update/config.json', 'voices.json']) writeFileSync(join(folder, f), 'x');
    const files = [['onnx_update/prefill.onnx', 'weights'], ['onnx_update/config.json', 'tokenizer'], ['voices.json', 'voices']].map(([path, role]) => ({ path, role }));
    writeFileSync(join(folder, '.vieneu-complete.json'), JSON.stringify({ repo: REPO, revision: 'main', files }));
    const m = await resolveEntry(entry(REPO, FILES), { cacheDir, offline: true });
    assert.deepStrictEqual([m.source, m.commit, m.weights], ['cache', undefined, join(folder, 'onnx_update', 'prefill.onnx')]);
  });

  it('files left in the cache folder without a pin (a download from before pinning) are not mixed in', async () => {
    const cacheDir = fresh();
    const folder = join(cacheDir, 'models', 'pinned', 'model', 'main');
    mkdirSync(join(folder, 'onnx_update'), { recursive: true });
    writeFileSync(join(folder, 'voices.json'), '{"presets":{"old":0}}');
    writeFileSync(join(folder, 'onnx_update', 'config.json'), '{"v":0}');
    const m = await resolveEntry(entry(REPO, FILES), { cacheDir, endpoint: server.endpoint });
    assert.ok(readFileSync(m.voices!).equals(v1.voices));
    assert.ok(readFileSync(m.files['onnx_update/config.json']).equals(v1.config));
  });

  it('a direct-URL dictionary checked by git sha1 alone (the v1.1.5 one the 0.3B models use) downloads and verifies', async () => {
    const real = findModel('phoneme-dict-v1.1.5')!;
    assert.ok(real.files[0].gitSha1 && real.files[0].sha256 === undefined, 'checked by git blob sha1, size unknown');
    const sha1 = createHash('sha1').update(`blob ${v1.voices.length}\0`).update(v1.voices).digest('hex');
    const dict: CatalogueEntry = { ...real, id: 'dict-test', url: `${server.endpoint}/${REPO}/resolve/main/`, files: [{ pattern: 'voices.json', role: 'dictionary', gitSha1: sha1 }] };
    const m = await resolveEntry(dict, { cacheDir: fresh(), endpoint: server.endpoint });
    assert.ok(readFileSync(m.weights).equals(v1.voices));
    const wrong: CatalogueEntry = { ...dict, files: [{ ...dict.files[0], gitSha1: '0'.repeat(40) }] };
    await assert.rejects(resolveEntry(wrong, { cacheDir: fresh(), endpoint: server.endpoint }), (e: unknown) => e instanceof UserError && /checksum/.test(e.display));
  });

  it('finds subfolder patterns in a local folder too', async () => {
    const dir = fresh();
    mkdirSync(join(dir, 'onnx_update'));
    mkdirSync(join(dir, 'onnx_int8'));
    writeFileSync(join(dir, 'onnx_int8', 'prefill.onnx'), 'int8');
    writeFileSync(join(dir, 'onnx_update', 'prefill.onnx'), 'fp32');
    writeFileSync(join(dir, 'onnx_update', 'config.json'), '{}');
    writeFileSync(join(dir, 'voices.json'), '{}');
    const m = await resolveEntry(entry(REPO, FILES), { cacheDir: fresh(), modelsPath: dir, offline: true });
    assert.strictEqual(m.source, 'models-path');
    assert.strictEqual(m.files['onnx_update/prefill.onnx'], join(dir, 'onnx_update', 'prefill.onnx'));
  });

  it('a listing path that leaves the cache folder is refused before anything is written', async () => {
    const cacheDir = fresh();
    const bad = 'evil/model';
    server.addFile(bad, '../../../escape.gguf', randomBytes(100));
    await assert.rejects(
      resolveEntry(entry(bad, [{ pattern: '*.gguf', role: 'weights' }]), { cacheDir, endpoint: server.endpoint }),
      (e: unknown) => e instanceof UserError && e.code === 'download' && e.display.includes('../../../escape.gguf'),
    );
    assert.strictEqual(server.log.filter((l) => l.url.includes('/resolve/')).length, 0);
    assert.ok(!existsSync(join(cacheDir, 'escape.gguf')) && !existsSync(join(cacheDir, '..', 'escape.gguf')));
    assert.throws(() => pathInFolder(cacheDir, '/etc/passwd', bad), UserError);
    assert.throws(() => pathInFolder(cacheDir, 'a/../../b', bad), UserError);
    assert.throws(() => pathInFolder(cacheDir, 'a\\..\\..\\b', bad), UserError);
    assert.strictEqual(pathInFolder(cacheDir, 'onnx_update/x.onnx', bad), join(cacheDir, 'onnx_update', 'x.onnx'));
  });

  it('a listing that never ends times out even when a cancel signal is passed', async () => {
    server.listingFault = 'stall';
    const t0 = Date.now();
    await assert.rejects(
      resolveEntry(entry(REPO, FILES), { cacheDir: fresh(), endpoint: server.endpoint, listingTimeoutMs: 300 }, undefined, new AbortController().signal),
      (e: unknown) => e instanceof UserError && e.code === 'network' && /did not send the file list of pinned\/model/.test(e.display),
    );
    assert.ok(Date.now() - t0 < 5000);
  });

  it('an HTML page or a foreign JSON answer instead of the listing gets a clear message', async () => {
    for (const fault of ['html', 'not-array'] as const) {
      server.listingFault = fault;
      await assert.rejects(
        resolveEntry(entry(REPO, FILES), { cacheDir: fresh(), endpoint: server.endpoint }),
        (e: unknown) => e instanceof UserError && e.code === 'server' && /not the Hugging Face answer expected/.test(e.display) && /proxy/.test(e.display),
      );
    }
  });

  it('the catalogue names the codec graph exactly: model.onnx, not the first *.onnx', async () => {
    for (const id of ['neucodec-int8', 'neucodec-fp']) assert.deepStrictEqual(findModel(id)!.files.map((f) => f.pattern), ['model.onnx'], id);
    const codec = { ...findModel('neucodec-int8')!, repo: 'neuphonic/codec-test' };
    server.addFile('neuphonic/codec-test', 'a_encoder.onnx', randomBytes(500));
    server.addFile('neuphonic/codec-test', 'model.onnx', randomBytes(700));
    const m = await resolveEntry(codec, { cacheDir: fresh(), endpoint: server.endpoint });
    assert.match(m.weights, /[\\/]model\.onnx$/);
  });
});
