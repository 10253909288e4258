// Contract tests: the TypeScript client and RemoteBackend against the notebook's real server.py, run by
// Debian's python3 with FastAPI 0.92 / uvicorn 0.17 and the stand-in `vieneu` model (same API as upstream
// v1.1.5, deterministic audio). Every request and JSON reply is also checked against openapi.json.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { UserError, isAbortError } from '../../../src/core/errors';
import type { AudioChunk, BackendStatus } from '../../../src/core/types';
import { RemoteClient } from '../../../src/remote/client';
import { RemoteBackend } from '../../../src/remote/remoteBackend';
import { PYTHON, PythonServer, freePort, repoRoot } from './serverProcess';

const SR = 24000;

/** What the stand-in makes: 0.2 s of tone per word at 220 + codes[0] % 440 Hz, amplitude 0.5. */
function expectedTone(words: number, firstCode: number): Float32Array {
  const n = Math.round(words * 0.2 * SR);
  const f = 220 + (firstCode % 440);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.trunc(0.5 * Math.sin((2 * Math.PI * f * i) / SR) * 32767) / 32768;
  return out;
}

function join(chunks: AudioChunk[]): Float32Array {
  const out = new Float32Array(chunks.reduce((n, c) => n + c.samples.length, 0));
  let o = 0;
  for (const c of chunks) {
    out.set(c.samples, o);
    o += c.samples.length;
  }
  return out;
}

function maxDiff(a: Float32Array, b: Float32Array): number {
  let m = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

function waitFor(backend: RemoteBackend, pred: (s: BackendStatus) => boolean, ms: number, what: string): Promise<BackendStatus> {
  if (pred(backend.status)) return Promise.resolve(backend.status);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`status did not become ${what} within ${ms} ms (now: ${backend.status.state} "${backend.status.detail}")`));
    }, ms);
    const sub = backend.onDidChangeStatus((s) => {
      if (pred(s)) {
        clearTimeout(timer);
        sub.dispose();
        resolve(s);
      }
    });
  });
}

/** A fetch that records each exchange for the OpenAPI check, passing everything through untouched. */
interface Recorded {
  method: string;
  path: string;
  body?: unknown;
  status: number;
  json?: unknown;
}
const recorded: Recorded[] = [];
const recordingFetch: typeof fetch = async (input, init) => {
  const url = new URL(String(input));
  const res = await fetch(input, init);
  const entry: Recorded = { method: init?.method ?? 'GET', path: url.pathname, status: res.status };
  if (typeof init?.body === 'string') entry.body = JSON.parse(init.body);
  if ((res.headers.get('content-type') ?? '').includes('application/json')) {
    entry.json = await res.clone().json().catch(() => undefined);
  }
  recorded.push(entry);
  return res;
};

describe('remote contract: client against notebook-template/server.py', function () {
  this.timeout(20000);
  let server: PythonServer;
  const started: PythonServer[] = [];
  const backends: RemoteBackend[] = [];

  async function startServer(o: Parameters<typeof PythonServer.start>[0] = {}): Promise<PythonServer> {
    const s = await PythonServer.start(o);
    started.push(s);
    return s;
  }

  function backend(opts: ConstructorParameters<typeof RemoteBackend>[0] = {}): RemoteBackend {
    const b = new RemoteBackend({ healthIntervalMs: 30000, ...opts, client: { fetch: recordingFetch, backoffMs: 20, ...opts.client } });
    backends.push(b);
    return b;
  }

  before(async () => {
    server = await startServer();
  });

  after(async () => {
    for (const b of backends) b.dispose();
    await Promise.all(started.map((s) => s.stop()));
  });

  it('connects with the right token: authenticated health, latency, CPU', async () => {
    const b = backend();
    const seen: string[] = [];
    b.onDidChangeStatus((s) => seen.push(`${s.state}:${s.detail}`));
    assert.equal(b.status.detail, 'Not connected');
    const info = await b.connect([server.url], server.token);
    assert.equal(b.status.state, 'ready');
    assert.match(b.status.detail, /^Connected \(\d+ ms, CPU\)$/);
    assert.equal(seen[0], 'busy:Connecting…');
    assert.equal(info.server.backbone, 'pnnbao-ump/VieNeu-TTS-q4-gguf');
    assert.equal(info.server.device, 'cpu');
    assert.equal(info.server.kind, 'vieneu-notebook');
    assert.deepEqual(info.server.capabilities, { voices: 'listed', cloning: 'codes', streaming: true, sse: false, gpu: 'CPU', nativeSampleRate: 24000, sampleRates: [] });
    assert.equal(b.status.info?.serverKindLabel, 'VieNeu notebook server');
    assert.equal(b.status.info?.capabilities, 'voices listed by the server · voice cloning · streaming · CPU · 24 kHz');
    assert.equal(b.status.info?.host, `127.0.0.1:${server.port}`);
    const again = await b.testConnection();
    assert.equal(again.endpoint, server.url);
    b.disconnect();
    assert.equal(b.status.state, 'idle');
    assert.equal(b.status.detail, 'Not connected');
  });

  it('rejects a wrong token with a message that says to paste the printed token, and stops there', async () => {
    const b = backend({ healthIntervalMs: 100 });
    await assert.rejects(b.connect([server.url], 'x'.repeat(43)), (e: UserError) => {
      assert.equal(e.code, 'auth');
      assert.match(e.display, /rejected the auth token.*Paste the token that the notebook printed/);
      return true;
    });
    assert.equal(b.status.state, 'error');
    const before = recorded.filter((r) => r.status === 401).length;
    await new Promise((r) => setTimeout(r, 350));
    assert.equal(recorded.filter((r) => r.status === 401).length, before, 'no polling with a token known to be wrong');
  });

  it('a failed connect to a new URL keeps the working connection; bad URLs are refused at once', async () => {
    const b = backend({ healthIntervalMs: 100 });
    await b.connect([server.url], server.token);
    const seen: string[] = [];
    b.onDidChangeStatus((s) => seen.push(`${s.state}:${s.detail}`));
    // An empty token is sent as none; the notebook's server then asks for one.
    await assert.rejects(b.connect([server.url], ''), (e: UserError) => e.code === 'auth' && /needs an auth token or API key/.test(e.message));
    await assert.rejects(b.connect(['http://tts.example.com'], server.token), (e: UserError) => e.code === 'bad-input' && /Refusing to send the auth token over plain http/.test(e.message));
    await assert.rejects(b.connect([`http://127.0.0.1:${await freePort()}`], server.token), (e: UserError) => e.code === 'network');
    await assert.rejects(b.connect(['https://alice:hunter2@tts.example.com'], server.token), (e: UserError) => {
      assert.equal(e.code, 'bad-input');
      assert.ok(!e.display.includes('hunter2'), e.display);
      assert.match(e.display, /contains a user name or password.*token field/);
      return true;
    });
    // Still connected to the first server, and it still speaks.
    assert.equal(b.status.state, 'ready');
    assert.equal(b.connection?.endpoint, server.url);
    assert.ok(!JSON.stringify(b.status).includes('hunter2'));
    assert.deepEqual(seen.filter((x) => !x.startsWith('ready')), []);
    let n = 0;
    for await (const ch of b.synthesize({ text: 'một hai' }, new AbortController().signal)) n += ch.samples.length;
    assert.equal(n, expectedTone(2, 101).length);

    // Without a working connection, the status says why.
    const fresh = backend({ healthIntervalMs: 100 });
    await assert.rejects(fresh.connect(['http://tts.example.com'], server.token), (e: UserError) => e.code === 'bad-input');
    assert.match(fresh.status.detail, /Refusing to send the auth token over plain http/);
    await assert.rejects(fresh.connect([' '], server.token), (e: UserError) => e.code === 'config');
    assert.equal(fresh.status.detail, 'Not connected');
  });

  it('no token: none is sent, and the server answers 401 JSON', async () => {
    const c = new RemoteClient(server.url, '  ');
    await assert.rejects(c.health(), (e: UserError) => e.code === 'auth' && /needs an auth token/.test(e.message) && /Paste the token that the notebook printed/.test(e.display));
    assert.throws(() => new RemoteClient(server.url, 'two words'), (e: UserError) => e.code === 'auth');
    const res = await fetch(`${server.url}/health`);
    assert.equal(res.status, 401);
    assert.equal(res.headers.get('www-authenticate'), 'Bearer');
    const body = (await res.json()) as { error: { code: string } };
    assert.equal(body.error.code, 'unauthorized');
    const speech = await fetch(`${server.url}/v1/audio/speech`, { method: 'POST', body: '{"input":"x"}' });
    assert.equal(speech.status, 401);
  });

  it('lists the preset voices', async () => {
    const c = new RemoteClient(server.url, server.token, { fetch: recordingFetch });
    const v = await c.voices();
    assert.deepEqual(v.voices.map((x) => x.id), ['Binh', 'Ngoc']);
    assert.equal(v.default, 'Binh');
  });

  it('synthesizes a whole WAV that matches the model output sample for sample', async () => {
    const c = new RemoteClient(server.url, server.token, { fetch: recordingFetch });
    const wav = await c.speechWav({ input: 'một hai ba bốn năm', voice: 'Ngoc' });
    assert.equal(wav.sampleRate, SR);
    const want = expectedTone(5, 505);
    assert.equal(wav.samples.length, want.length);
    assert.ok(maxDiff(wav.samples, want) <= 1 / 32768, `max diff ${maxDiff(wav.samples, want)}`);
  });

  it('streams PCM through RemoteBackend.synthesize in several chunks, equal to the WAV', async () => {
    const b = backend();
    await b.connect([server.url], server.token);
    const chunks: AudioChunk[] = [];
    for await (const ch of b.synthesize({ text: 'một hai ba bốn năm sáu bảy tám chín' }, new AbortController().signal)) chunks.push(ch);
    assert.ok(chunks.length >= 2, `${chunks.length} chunks`);
    assert.ok(chunks.every((c) => c.sampleRate === SR));
    const all = join(chunks);
    const want = expectedTone(9, 101); // default voice Binh, codes[0] = 101
    assert.equal(all.length, want.length);
    assert.ok(maxDiff(all, want) <= 1 / 32768);
  });

  it('speaks with a custom voice (reference codes + transcript) and honours speed', async () => {
    const b = backend();
    await b.connect([server.url], server.token);
    const chunks: AudioChunk[] = [];
    const req = { text: 'một hai ba bốn', reference: { codes: [300, 1, 2], text: 'tham chiếu' }, speed: 2 };
    for await (const ch of b.synthesize(req, new AbortController().signal)) chunks.push(ch);
    const all = join(chunks);
    // speed 2: half as long (the server resamples when librosa is absent, as on Debian)
    assert.ok(Math.abs(all.length - expectedTone(4, 300).length / 2) <= 4, `${all.length} samples`);
    const normal: AudioChunk[] = [];
    for await (const ch of b.synthesize({ ...req, speed: 1 }, new AbortController().signal)) normal.push(ch);
    assert.ok(maxDiff(join(normal), expectedTone(4, 300)) <= 1 / 32768);
  });

  it('refuses an unknown voice and an over-long input with the server\'s own reason', async () => {
    const c = new RemoteClient(server.url, server.token, { fetch: recordingFetch });
    await assert.rejects(c.speechWav({ input: 'xin chào', voice: 'Nobody' }), (e: UserError) => {
      assert.equal(e.code, 'bad-input');
      assert.match(e.message, /Unknown voice 'Nobody'. Available: Binh, Ngoc/);
      return true;
    });
    await assert.rejects(c.speechWav({ input: 'a'.repeat(20001) }), (e: UserError) => {
      assert.equal(e.code, 'bad-input');
      assert.match(e.display, /too large.*Speak a shorter selection/);
      return true;
    });
  });

  it('clones a voice: uploads a WAV, gets codes back', async () => {
    const c = new RemoteClient(server.url, server.token, { fetch: recordingFetch });
    const wav = await c.speechWav({ input: 'một hai ba' });
    const pcm = Buffer.alloc(wav.samples.length * 2);
    wav.samples.forEach((s, i) => pcm.writeInt16LE(Math.round(s * 32767), i * 2));
    const header = Buffer.alloc(44);
    header.write('RIFF', 0);
    header.writeUInt32LE(36 + pcm.length, 4);
    header.write('WAVEfmt ', 8);
    header.writeUInt32LE(16, 16);
    header.writeUInt16LE(1, 20);
    header.writeUInt16LE(1, 22);
    header.writeUInt32LE(SR, 24);
    header.writeUInt32LE(SR * 2, 28);
    header.writeUInt16LE(2, 32);
    header.writeUInt16LE(16, 34);
    header.write('data', 36);
    header.writeUInt32LE(pcm.length, 40);
    const voice = await c.cloneVoice(new Uint8Array(Buffer.concat([header, pcm])), ' giọng của tôi ');
    assert.equal(voice.text, 'giọng của tôi');
    assert.equal(voice.codes.length, Math.floor(pcm.length / 960)); // 50 codes per second
    assert.ok(voice.codes.every((x) => Number.isInteger(x) && x >= 0 && x < 65536));
  });

  it('cancels mid-stream: iteration ends with AbortError and the server stops generating', async () => {
    const slow = await startServer({ env: { VIENEU_STANDIN_CHUNK_S: '0.15', VIENEU_STANDIN_CHUNKS: '40', VIENEU_STANDIN_LOG: '1' } });
    const b = backend();
    await b.connect([slow.url], slow.token);
    const ac = new AbortController();
    let got = 0;
    await assert.rejects(
      (async () => {
        for await (const ch of b.synthesize({ text: 'một hai ba bốn năm sáu' }, ac.signal)) {
          assert.ok(ch.samples.length > 0);
          if (++got === 2) ac.abort();
        }
      })(),
      (e: unknown) => isAbortError(e),
    );
    assert.equal(got, 2);
    const count = () => slow.output.join('').split('standin: chunk').length - 1;
    await new Promise((r) => setTimeout(r, 500));
    const settled = count();
    await new Promise((r) => setTimeout(r, 600));
    assert.equal(count(), settled, 'the model kept generating after the client left');
    assert.ok(settled < 40, `generated ${settled} of 40 chunks`);

    // Leaving before the first byte: the server has not even started its response, and still stops.
    const early = new AbortController();
    setTimeout(() => early.abort(), 50);
    await assert.rejects(
      (async () => {
        for await (const _ of b.synthesize({ text: 'một hai ba bốn năm sáu' }, early.signal)) void _;
      })(),
      (e: unknown) => isAbortError(e),
    );
    await new Promise((r) => setTimeout(r, 500));
    const settled2 = count();
    await new Promise((r) => setTimeout(r, 600));
    assert.equal(count(), settled2, 'the model kept generating after the client left before the first byte');
    assert.ok(settled2 - settled < 40);
  });

  it('a slow server: waits while audio trickles in, times out when the first byte takes too long', async () => {
    const slow = await startServer({ env: { VIENEU_STANDIN_CHUNK_S: '0.6', VIENEU_STANDIN_CHUNKS: '2' } });
    const patient = new RemoteClient(slow.url, slow.token, { firstByteTimeoutMs: 3000, idleTimeoutMs: 3000 });
    let n = 0;
    for await (const ch of patient.speechStream({ input: 'một hai' })) n += ch.samples.length;
    assert.equal(n, expectedTone(2, 101).length);
    const hasty = new RemoteClient(slow.url, slow.token, { firstByteTimeoutMs: 200, retries: 0 });
    await assert.rejects(
      (async () => {
        for await (const _ of hasty.speechStream({ input: 'một hai' })) void _;
      })(),
      (e: UserError) => {
        assert.equal(e.code, 'timeout');
        assert.match(e.display, /did not answer within 0.2 s.*Test Connection again/);
        return true;
      },
    );
  });

  it('the server killed mid-stream: a clear error, no retry after audio, status Disconnected, the user told', async () => {
    const doomed = await startServer({ env: { VIENEU_STANDIN_CHUNK_S: '0.1', VIENEU_STANDIN_CHUNKS: '50', VIENEU_STANDIN_LOG: '1' } });
    const b = backend({ healthIntervalMs: 300 });
    await b.connect([doomed.url], doomed.token);
    const lost: UserError[] = [];
    b.onDidLoseConnection((e) => lost.push(e));
    let got = 0;
    await assert.rejects(
      (async () => {
        for await (const _ of b.synthesize({ text: 'một hai ba bốn năm sáu' }, new AbortController().signal)) {
          if (++got === 1) doomed.kill();
        }
      })(),
      (e: UserError) => {
        assert.ok(e instanceof UserError, String(e));
        assert.equal(e.code, 'network');
        assert.match(e.display, /dropped in the middle|connection to/);
        return true;
      },
    );
    const s = await waitFor(b, (x) => x.state === 'error', 1500, 'Disconnected');
    assert.match(s.detail, /^Disconnected: Nothing is listening at 127\.0\.0\.1:\d+ \(connection refused\)\.$/);
    assert.equal(lost.length, 1);
    assert.match(lost[0].display, /Run the notebook's server cell again/);
  });

  it('the server gone while idle: Disconnected within one health interval, then synthesis is refused as not connected', async () => {
    const gone = await startServer();
    const b = backend({ healthIntervalMs: 250 });
    await b.connect([gone.url], gone.token);
    await gone.stop();
    // One interval until the next check, plus slack for a loaded machine; refused connections fail at once.
    const s = await waitFor(b, (x) => x.state === 'error', 250 * 2 + 500, 'Disconnected');
    assert.match(s.detail, /^Disconnected: /);
    await assert.rejects(
      async () => {
        for await (const _ of b.synthesize({ text: 'x' }, new AbortController().signal)) void _;
      },
      (e: UserError) => e.code === 'not-ready',
    );
  });

  it('reports "model still loading", then connects by itself when it has loaded; ONNX codec cannot clone', async () => {
    const loading = await startServer({ waitReady: false, codec: 'neuphonic/neucodec-onnx-decoder-int8', env: { VIENEU_STANDIN_LOAD_S: '1.2' } });
    const b = backend({ healthIntervalMs: 200 });
    await assert.rejects(b.connect([loading.url], loading.token), (e: UserError) => {
      assert.equal(e.code, 'not-ready');
      assert.match(e.display, /still loading.*Wait until the notebook prints its banner/);
      return true;
    });
    const c = new RemoteClient(loading.url, loading.token, { fetch: recordingFetch });
    await assert.rejects(c.speechWav({ input: 'xin chào' }), (e: UserError) => /still loading/.test(e.message));
    await waitFor(b, (x) => x.state === 'ready', 4000, 'Connected');
    await assert.rejects(c.cloneVoice(new Uint8Array(100).fill(1), 'xin chào'), (e: UserError) => {
      assert.match(e.message, /can only decode.*distill-neucodec/);
      return true;
    });
  });

  it('reports a model that failed to load with the server\'s reason', async () => {
    const broken = await startServer({ waitReady: false, env: { VIENEU_STANDIN_FAIL_LOAD: 'CUDA out of memory' } });
    const c = new RemoteClient(broken.url, broken.token);
    await new Promise((r) => setTimeout(r, 300));
    await assert.rejects(c.health(), (e: UserError) => {
      assert.equal(e.code, 'model');
      assert.match(e.display, /failed to load on the server: RuntimeError: CUDA out of memory.*fix the backbone or codec/);
      return true;
    });
  });

  it('fails over to the next healthy endpoint: at connect and when the active one dies', async () => {
    const a = await startServer();
    const dead = `http://127.0.0.1:${await freePort()}`;
    const shared = await startServer({ token: a.token }); // one user, one token for all endpoints
    const b = backend({ healthIntervalMs: 200 });
    const info = await b.connect([dead, a.url, shared.url], a.token);
    assert.equal(info.endpoint, a.url);
    a.kill();
    const s = await waitFor(b, (x) => x.state === 'ready' && x.info?.endpoint === shared.url, 2000, `Connected to ${shared.url}`);
    assert.match(String(s.info?.failover), /Switched to 127\.0\.0\.1:\d+: 127\.0\.0\.1:\d+ stopped answering/);
    const chunks: AudioChunk[] = [];
    for await (const ch of b.synthesize({ text: 'một hai' }, new AbortController().signal)) chunks.push(ch);
    assert.equal(join(chunks).length, expectedTone(2, 101).length);
  });


  it('hostile requests get 4xx, never 500: JSON nested 100k deep, an over-long transcript, reference codes past the context', async () => {
    const post = (pathAndQuery: string, body: string, type = 'application/json') =>
      fetch(`${server.url}${pathAndQuery}`, { method: 'POST', headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': type }, body });
    const deep = await post('/v1/audio/speech', '['.repeat(100_000) + ']'.repeat(100_000));
    assert.equal(deep.status, 400);
    assert.match(((await deep.json()) as { error: { message: string } }).error.message, /nested too deeply/);
    const long = await post(`/v1/voices/encode?text=${'a'.repeat(2001)}`, 'R'.repeat(100), 'audio/wav');
    assert.equal(long.status, 413);
    const codes = await post('/v1/audio/speech', JSON.stringify({ input: 'xin chào', ref_codes: new Array(501).fill(1), ref_text: 'x' }));
    assert.equal(codes.status, 413);
    assert.match(((await codes.json()) as { error: { message: string } }).error.message, /2048-token context/);
    // The client refuses the long transcript before sending anything.
    const c = new RemoteClient(server.url, server.token);
    await c.probe();
    await assert.rejects(c.cloneVoice(new Uint8Array(100), 'a'.repeat(2001)), (e: UserError) => e.code === 'bad-input' && /longer than 2000 characters/.test(e.message));
  });

  it('a whole-WAV request whose client left frees the model at once for the next request', async () => {
    const slow = await startServer({ env: { VIENEU_STANDIN_CHUNK_S: '0.2', VIENEU_STANDIN_CHUNKS: '30', VIENEU_STANDIN_LOG: '1' } });
    const c = new RemoteClient(slow.url, slow.token, { retries: 0 });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 500);
    await assert.rejects(c.speechWav({ input: 'một hai ba bốn năm sáu' }, ac.signal), (e: unknown) => isAbortError(e));
    const count = () => slow.output.join('').split('standin: chunk').length - 1;
    await new Promise((r) => setTimeout(r, 700));
    const settled = count();
    assert.ok(settled < 30, `generated ${settled} of 30 chunks for nobody`);
    // The next request starts at once instead of waiting ~6 s for the abandoned one.
    const t0 = performance.now();
    const fast = new RemoteClient(slow.url, slow.token);
    const first = fast.speechStream({ input: 'một' })[Symbol.asyncIterator]();
    await first.next();
    assert.ok(performance.now() - t0 < 1500, `first audio after ${Math.round(performance.now() - t0)} ms`);
    await first.return?.(undefined);
  });

  it('every request and JSON reply of these tests matches notebook-template/openapi.json', async () => {
    const doc = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'notebook-template', 'openapi.json'), 'utf8'));
    // The server's own schema lists exactly the documented routes and methods.
    // The schema is for token holders only.
    assert.equal((await fetch(`${server.url}/openapi.json`)).status, 401);
    const live = (await (await fetch(`${server.url}/openapi.json`, { headers: { Authorization: `Bearer ${server.token}` } })).json()) as { paths: Record<string, object> };
    const routes = (p: Record<string, object>) => Object.entries(p).flatMap(([k, v]) => Object.keys(v).map((m) => `${m.toUpperCase()} ${k}`)).sort();
    assert.deepEqual(routes(live.paths), routes(doc.paths));

    assert.ok(recorded.length > 10, `${recorded.length} exchanges recorded`);
    const samples: Array<{ schema: string; value: unknown; label: string }> = [];
    const seen = new Set<string>();
    for (const r of recorded) {
      const op = doc.paths[r.path]?.[r.method.toLowerCase()];
      assert.ok(op, `${r.method} ${r.path} is not in openapi.json`);
      const response = op.responses[String(r.status)];
      assert.ok(response, `${r.method} ${r.path} answered ${r.status}, which openapi.json does not list`);
      seen.add(`${r.method} ${r.path} ${r.status}`);
      // Requests the tests made invalid on purpose (413, 400) are not held to the schema.
      if (r.body !== undefined && r.status < 300) samples.push({ schema: 'SpeechRequest', value: r.body, label: `${r.method} ${r.path} request` });
      const ref: string | undefined =
        response.$ref ? doc.components.responses[response.$ref.split('/').pop()].content['application/json'].schema.$ref : response.content?.['application/json']?.schema?.$ref;
      if (ref && r.json !== undefined) samples.push({ schema: ref.split('/').pop()!, value: r.json, label: `${r.method} ${r.path} ${r.status}` });
    }
    for (const must of ['GET /health 200', 'GET /health 401', 'GET /health 503', 'POST /v1/audio/speech 200', 'POST /v1/audio/speech 400', 'POST /v1/audio/speech 413', 'POST /v1/voices/encode 200', 'POST /v1/voices/encode 501', 'GET /v1/audio/voices 200']) {
      assert.ok(seen.has(must), `no exchange covered ${must}`);
    }
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vieneu-openapi-'));
    try {
      fs.writeFileSync(path.join(tmp, 'samples.json'), JSON.stringify(samples));
      const out = execFileSync(PYTHON, [path.join(repoRoot(), 'test', 'unit', 'remote', 'validate_openapi.py'), path.join(repoRoot(), 'notebook-template', 'openapi.json'), path.join(tmp, 'samples.json')], { encoding: 'utf8' });
      const result = JSON.parse(out) as { checked: number; failures: string[] };
      assert.equal(result.checked, samples.length);
      assert.deepEqual(result.failures, []);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
