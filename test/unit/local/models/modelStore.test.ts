import * as assert from 'assert';
import { randomBytes } from 'crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { UserError } from '../../../../src/core/errors';
import { CATALOGUE, defaultCodec, findModel, globMatcher } from '../../../../src/local/models/catalogue';
import { cliCacheDir, resolveModel } from '../../../../src/local/models/modelStore';
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
      assert.strictEqual(e.backbone.promptStyle, 'v1-chat');
      assert.strictEqual(e.backbone.phonemizer, 'v1-seed');
      assert.strictEqual(e.licence, e.backbone.params === '0.3B' ? 'CC BY-NC 4.0' : 'Apache-2.0');
    }
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
    assert.ok(!existsSync(join(opts.cacheDir, 'models', 'someone', 'absent', 'main', '.vieneu-complete.json')));
  });
});
