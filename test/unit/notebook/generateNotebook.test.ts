// The notebook generator: schema-valid nbformat 4 (Debian python3-nbformat), every code cell compiles,
// values are data whatever they hold, server.py is embedded verbatim, and the Kaggle variant has no
// Colab-only calls.
import * as assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { UserError } from '../../../src/core/errors';
import { generateNotebook, parseTemplate, type NotebookOptions } from '../../../src/notebook/generateNotebook';
import { pyLiteral } from '../../../src/notebook/pyLiteral';
import { PYTHON, freePort, repoRoot } from '../remote/serverProcess';
import { RemoteClient } from '../../../src/remote/client';
import { encodeWav } from '../../../src/audio/wav';

interface Checked {
  path: string;
  errors: string[];
  compiled: number;
  config: Record<string, unknown> | null;
  server_py: string | null;
}

const HOSTILE = 'evil"""\n__import__("os").system("touch /tmp/pwned")\n\'\'\'\\ {{AUTH_TOKEN}} \u2028 \u{1F99C} "';

describe('notebook generator', function () {
  this.timeout(20000);
  let tmp: string;
  const cases: Array<{ name: string; opts: NotebookOptions }> = [
    { name: 'colab-ngrok', opts: { backbone: 'pnnbao-ump/VieNeu-TTS', codec: 'neuphonic/distill-neucodec', device: 'auto', tunnel: 'ngrok' } },
    { name: 'colab-cloudflared', opts: { backbone: 'pnnbao-ump/VieNeu-TTS-q4-gguf', codec: 'neuphonic/neucodec-onnx-decoder-int8', device: 'cuda', tunnel: 'cloudflared', ngrokDomain: 'my-tts.ngrok-free.app' } },
    { name: 'kaggle-ngrok', opts: { backbone: 'pnnbao-ump/VieNeu-TTS', codec: 'neuphonic/neucodec', device: 'cpu', tunnel: 'ngrok', target: 'kaggle' } },
    { name: 'hostile', opts: { backbone: HOSTILE, codec: 'neuphonic/neucodec', ngrokDomain: '"; rm -rf / #', device: 'auto', tunnel: 'ngrok' } },
    { name: 'v3-colab', opts: {} },
    { name: 'v3-kaggle', opts: { backbone: 'pnnbao-ump/VieNeu-TTS-v3-Turbo', target: 'kaggle', tunnel: 'cloudflared', device: 'cuda' } },
    { name: 'v1-fp-onnx', opts: { backbone: 'pnnbao-ump/VieNeu-TTS-q4-gguf', codec: 'neuphonic/neucodec-onnx-decoder' } },
  ];
  const generated = new Map<string, ReturnType<typeof generateNotebook>>();
  const checked = new Map<string, Checked>();

  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vieneu-notebook-'));
    const files: string[] = [];
    for (const c of cases) {
      const g = generateNotebook(c.opts);
      generated.set(c.name, g);
      const file = path.join(tmp, `${c.name}.ipynb`);
      fs.writeFileSync(file, g.json);
      files.push(file);
    }
    const out = execFileSync(PYTHON, [path.join(repoRoot(), 'test', 'unit', 'notebook', 'check_notebook.py'), ...files], { encoding: 'utf8', cwd: tmp });
    for (const line of out.trim().split('\n')) {
      const r = JSON.parse(line) as Checked;
      checked.set(path.basename(r.path, '.ipynb'), r);
    }
  });

  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('every variant is valid nbformat 4 and every code cell compiles', () => {
    for (const c of cases) {
      const r = checked.get(c.name)!;
      assert.deepEqual(r.errors, [], c.name);
      const codeCells = generated.get(c.name)!.notebook.cells.filter((x) => x.cell_type === 'code').length;
      assert.equal(r.compiled, codeCells, c.name);
      assert.ok(codeCells >= 6, c.name);
    }
  });

  it('the configuration cell holds exactly the given values (executed by Python)', () => {
    const r = checked.get('colab-cloudflared')!;
    const g = generated.get('colab-cloudflared')!;
    assert.deepEqual(
      { ...r.config, UPSTREAM_COMMIT: undefined, UPSTREAM_REPO: undefined },
      {
        BACKBONE: 'pnnbao-ump/VieNeu-TTS-q4-gguf', CODEC: 'neuphonic/neucodec-onnx-decoder-int8', DEVICE: 'cuda', TUNNEL: 'cloudflared',
        NGROK_DOMAIN: 'my-tts.ngrok-free.app', PORT: 8000, AUTH_TOKEN: g.authToken, NGROK_AUTHTOKEN_FALLBACK: '', WORK_DIR: '/content',
        UPSTREAM_COMMIT: undefined, UPSTREAM_REPO: undefined,
        PINNED: { neucodec: '0.0.4', phonemizer: '3.3.0', 'llama-cpp-python': '0.3.16' },
        CUDA_WHEEL_PYTHONS: [[3, 10], [3, 11], [3, 12]],
      },
    );
    assert.equal(r.config!.UPSTREAM_COMMIT, 'e2dcd9fb8420f9b0f2cb4d9056322d0de1f1ef27');
  });

  it('v3 Turbo is the default: SDK pinned, Python range checked, T4 GPU, enrolment cell, no v1 cells', () => {
    const g = generated.get('v3-colab')!;
    const r = checked.get('v3-colab')!;
    assert.equal(g.model, 'v3');
    assert.equal(g.notebook.metadata.vieneu && (g.notebook.metadata.vieneu as { model: string }).model, 'v3');
    assert.deepEqual(r.config, {
      BACKBONE: 'pnnbao-ump/VieNeu-TTS-v3-Turbo', CODEC: 'OpenMOSS-Team/MOSS-Audio-Tokenizer-Nano', DEVICE: 'auto', TUNNEL: 'ngrok', NGROK_DOMAIN: '',
      PORT: 8000, AUTH_TOKEN: g.authToken, NGROK_AUTHTOKEN_FALLBACK: '', VIENEU_VERSION: '3.3.0',
      PINNED: { 'sea-g2p': '0.9.1', onnxruntime: '1.23.2', transformers: '4.57.6' }, PYTHON_RANGE: [[3, 10], [3, 13]], WORK_DIR: '/content',
    });
    assert.match(g.json, /uv pip install --system -q 'vieneu==\{VIENEU_VERSION\}' \{pins\}/);
    assert.match(g.json, /supports Python/);
    assert.match(g.json, /def enrol_voice/);
    assert.doesNotMatch(g.json, /UPSTREAM_COMMIT|espeak-ng|llama-cpp-python/);
    assert.equal((g.notebook.metadata.colab as { gpuType: string }).gpuType, 'T4');
    // Its own server, and why (in the notebook itself).
    assert.match(g.json, /rather than upstream's `apps\/openai_speech.py` because it always requires the token/);
    const kaggle = generated.get('v3-kaggle')!;
    assert.doesNotMatch(kaggle.json, /google\.colab import userdata/);
    assert.match(kaggle.json, /\/kaggle\/input/);
  });

  it('v1: only the codecs v1.1.5 loads; the full-precision ONNX decoder maps to its int8 one; v1.1.5 pins, CUDA wheels only where they exist', () => {
    const r = checked.get('v1-fp-onnx')!;
    assert.equal(r.config!.CODEC, 'neuphonic/neucodec-onnx-decoder-int8');
    const g = generated.get('v1-fp-onnx')!;
    assert.equal(g.model, 'v1');
    assert.match(g.json, /phonemizer==\{PINNED\['phonemizer'\]\}/);
    assert.match(g.json, /neucodec==\{PINNED\['neucodec'\]\}/);
    assert.match(g.json, /sys.version_info\[:2\] not in \[tuple\(v\) for v in CUDA_WHEEL_PYTHONS\]/);
    assert.doesNotMatch(g.json, /def enrol_voice\(path|VIENEU_VERSION/);
    assert.throws(() => generateNotebook({ backbone: 'pnnbao-ump/VieNeu-TTS', codec: 'neuphonic/xcodec2' }), (e: UserError) => e.code === 'bad-input' && /v1.1.5 loads \(neuphonic\/neucodec, neuphonic\/distill-neucodec, neuphonic\/neucodec-onnx-decoder-int8\)/.test(e.message));
    assert.throws(() => generateNotebook({ backbone: 'pnnbao-ump/VieNeu-TTS', codec: `c"\n)\nimport os#` }), (e: UserError) => e.code === 'bad-input');
  });

  it('quotes, newlines, """, backslashes and {{placeholders}} in values stay data, never code', () => {
    const r = checked.get('hostile')!;
    assert.deepEqual(r.errors, []);
    assert.equal(r.config!.BACKBONE, HOSTILE);
    assert.equal(r.config!.NGROK_DOMAIN, '"; rm -rf / #');
    assert.ok(!fs.existsSync('/tmp/pwned'));
    // The {{AUTH_TOKEN}} inside the backbone was not expanded: the token appears once, in its own line.
    const g = generated.get('hostile')!;
    assert.equal(g.json.split(g.authToken).length - 1, 1);
  });

  it('embeds notebook-template/server.py verbatim', () => {
    const server = fs.readFileSync(path.join(repoRoot(), 'notebook-template', 'server.py'), 'utf8').replace(/\n+$/, '');
    for (const c of cases) assert.equal(checked.get(c.name)!.server_py, server, c.name);
  });

  it('Colab reads the ngrok token from Colab Secrets; Kaggle from Kaggle secrets with no Colab-only call', () => {
    const colab = generated.get('colab-ngrok')!.json;
    const kaggle = generated.get('kaggle-ngrok')!;
    assert.match(colab, /from google\.colab import userdata/);
    assert.doesNotMatch(generated.get('v3-kaggle')!.json, /google\.colab import userdata/);
    assert.doesNotMatch(colab, /kaggle_secrets/);
    assert.doesNotMatch(kaggle.json, /google\.colab/);
    assert.match(kaggle.json, /from kaggle_secrets import UserSecretsClient/);
    assert.equal(checked.get('kaggle-ngrok')!.config!.WORK_DIR, '/kaggle/working');
    assert.equal(kaggle.fileName, 'vieneu_tts_kaggle.ipynb');
    assert.equal(generated.get('colab-ngrok')!.fileName, 'vieneu_tts_colab.ipynb');
    assert.ok('kaggle' in kaggle.notebook.metadata && !('colab' in kaggle.notebook.metadata));
  });

  it('serves with uvicorn Config/Server in the running loop, never uvicorn.run, and warns about Colab\'s FAQ', () => {
    const nb = generated.get('colab-ngrok')!.json;
    assert.doesNotMatch(nb, /uvicorn\.run\(/);
    assert.match(nb, /serve_in_background/);
    assert.match(nb, /FAQ forbids running web services unrelated to interactive computing/);
    assert.match(nb, /torch\.cuda\.is_available\(\)/);
    assert.match(nb, /does not look like an ngrok authtoken/);
  });

  it('auth token: 32 random bytes as base64url, new each time unless one is given', () => {
    const a = generateNotebook({}).authToken;
    const b = generateNotebook({}).authToken;
    assert.match(a, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(Buffer.from(a, 'base64url').length, 32);
    assert.notEqual(a, b);
    assert.equal(generateNotebook({ authToken: a }).authToken, a);
  });

  it('refuses bad options with a message naming the choices', () => {
    const bad = (o: Partial<NotebookOptions>, re: RegExp) =>
      assert.throws(() => generateNotebook({ backbone: 'b', codec: 'neuphonic/neucodec', ...o }), (e: UserError) => e instanceof UserError && e.code === 'bad-input' && re.test(e.message));
    bad({ device: 'gpu' as never }, /device must be "auto" or "cuda" or "cpu", not "gpu"/);
    bad({ tunnel: 'frp' as never }, /tunnel must be "ngrok" or "cloudflared"/);
    bad({ target: 'sagemaker' as never }, /target must be "colab" or "kaggle"/);
    bad({ backbone: '  ' }, /backbone must be a non-empty text/);
    bad({ backbone: 'pnnbao-ump/VieNeu-TTS', codec: 'x' }, /codec must be one of the codecs/);
    bad({ authToken: 'short' }, /auth token/);
    bad({ port: 80 }, /port must be a number from 1024/);
    bad({ backbone: 'x\uD800y' }, /lone surrogate/);
  });

  it('pyLiteral writes Python, not JSON', () => {
    assert.equal(pyLiteral([true, false, null, 1.5, { a: 'b"c' }]), '[True, False, None, 1.5, {"a": "b\\"c"}]');
  });

  it('the template parser keeps target-only cells apart', () => {
    const cells = parseTemplate('#%% markdown\n# t\n#%% code only=kaggle\nx = 1\n\n#%% code\ny = 2\n#%% code only=colab model=v3\nz = 3\n');
    assert.deepEqual(cells, [
      { type: 'markdown', only: undefined, text: '# t' },
      { type: 'code', only: 'kaggle', text: 'x = 1' },
      { type: 'code', only: undefined, text: 'y = 2' },
      { type: 'code', only: 'colab', model: 'v3', text: 'z = 3' },
    ]);
  });
});

describe('notebook cells run as a kernel runs them (Debian FastAPI 0.92 / uvicorn 0.17, stand-in model)', function () {
  this.timeout(30000);
  const procs: ChildProcess[] = [];
  const dirs: string[] = [];

  after(() => {
    for (const p of procs) if (p.exitCode === null) p.kill('SIGKILL');
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  async function runCells(opts: NotebookOptions): Promise<{ port: number; token: string; output: () => string }> {
    const port = await freePort();
    const g = generateNotebook({ device: 'cpu', ...opts, port });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vieneu-kernel-'));
    dirs.push(dir);
    fs.writeFileSync(path.join(dir, 'nb.ipynb'), g.json);
    const proc = spawn(PYTHON, [path.join(repoRoot(), 'test', 'unit', 'notebook', 'run_notebook_cells.py'), 'nb.ipynb'], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '/usr/bin', PYTHONPATH: path.join(repoRoot(), 'test', 'fixtures', 'python'), PYTHONDONTWRITEBYTECODE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    procs.push(proc);
    let output = '';
    proc.stderr!.on('data', (d) => (output += String(d)));
    await new Promise<void>((resolve, reject) => {
      proc.stdout!.on('data', (d) => {
        output += String(d);
        if (output.includes('SERVING')) resolve();
      });
      proc.on('exit', (code) => reject(new Error(`cells exited (${code}):\n${output}`)));
    });
    return { port, token: g.authToken, output: () => output };
  }

  it('v1: the serve cell starts uvicorn in the running loop; the client connects and gets 24 kHz audio', async () => {
    const k = await runCells({ backbone: 'pnnbao-ump/VieNeu-TTS', codec: 'neuphonic/distill-neucodec' });
    assert.match(k.output(), /Model ready on cpu/);
    const client = new RemoteClient(`http://127.0.0.1:${k.port}`, k.token);
    const h = await client.health();
    assert.equal(h.server.kind, 'vieneu-notebook');
    assert.equal(h.server.health?.status, 'ready');
    let samples = 0;
    for await (const ch of client.speechStream({ input: 'xin chào' })) {
      samples += ch.samples.length;
      assert.equal(ch.sampleRate, 24000);
    }
    assert.equal(samples, 2 * 0.2 * 24000);
  });

  it('v3: serves v3 Turbo at 48 kHz, the enrolment cell adds the uploaded clip as a voice, the client enrols one too', async () => {
    const k = await runCells({});
    assert.match(k.output(), /Model ready on cpu/);
    assert.match(k.output(), /Voice 'Giọng của tôi' is ready/);
    const client = new RemoteClient(`http://127.0.0.1:${k.port}`, k.token);
    const h = await client.probe();
    assert.equal(h.server.kind, 'vieneu-notebook');
    assert.equal(h.server.capabilities.cloning, 'enrol');
    assert.equal(h.server.capabilities.nativeSampleRate, 48000);
    const voices = (await client.voices()).voices.map((v) => v.id);
    assert.deepEqual(voices, ['Minh Quân Pro', 'Mai Anh', 'Giọng của tôi']);
    let samples = 0;
    for await (const ch of client.speechStream({ input: 'xin chào', voice: 'Giọng của tôi' })) {
      samples += ch.samples.length;
      assert.equal(ch.sampleRate, 48000);
    }
    assert.equal(samples, 2 * 0.2 * 48000);
    const wav = await client.speechWav({ input: 'một hai ba' });
    assert.equal(wav.sampleRate, 48000);
    // Enrolment through the same route (and fields) as upstream's own server.
    const clip = encodeWav(new Float32Array(24000 * 4).map((_, i) => 0.3 * Math.sin(i / 20)), 24000);
    assert.equal((await client.enrolVoice('Thử', new Uint8Array(clip))).id, 'Thử');
    await assert.rejects(client.enrolVoice('Mai Anh', new Uint8Array(clip)), (e: UserError) => /built-in voice/.test(e.message));
    await assert.rejects(client.cloneVoice(new Uint8Array(clip), 'xin chào'), (e: UserError) => /reference codes/.test(e.message));
  });
});
