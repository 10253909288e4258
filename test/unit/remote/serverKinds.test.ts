// Contract tests of the one client against the two kinds of server that are not the notebook's: a FastAPI
// stand-in for upstream VieNeu-TTS's OpenAI speech server (upstream_standin.py) and a Node stand-in for
// OpenAI-compatible servers (OpenAI itself with a key, Kokoro-FastAPI without). Each kind is told apart from
// what it answers, lists voices, streams at the rate its reply states, refuses a wrong key with that kind's
// advice, survives 429 and a server killed mid-stream. (The notebook's server.py: contract.test.ts.)
import * as assert from 'node:assert/strict';
import { command as serveCheckCommand } from '../../../src/cli/serveCheckCommand';
import { UserError } from '../../../src/core/errors';
import type { AudioChunk, BackendStatus } from '../../../src/core/types';
import { decodeWav as decodeSavedWav, encodeWav } from '../../../src/audio/wav';
import { RemoteClient } from '../../../src/remote/client';
import { RemoteBackend } from '../../../src/remote/remoteBackend';
import { OPENAI_VOICES } from '../../../src/remote/protocol';
import { OpenAiStandin, standinTone } from './openaiStandin';
import { UpstreamStandin } from './serverProcess';

const KEY = 'upstream-test-key-0123456789';

/** The upstream stand-in's tone: 0.2 s per word at `rate`, 220 + 10 * voice index Hz. */
function upstreamTone(words: number, voiceIndex: number, rate: number): Float32Array {
  const n = Math.round(words * 0.2 * rate);
  const f = 220 + 10 * voiceIndex;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.trunc(0.5 * Math.sin((2 * Math.PI * f * i) / rate) * 32767) / 32768;
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
  assert.equal(a.length, b.length, 'sample counts differ');
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

async function collect(stream: AsyncIterable<AudioChunk>): Promise<AudioChunk[]> {
  const out: AudioChunk[] = [];
  for await (const c of stream) out.push(c);
  return out;
}

function waitFor(b: RemoteBackend, pred: (s: BackendStatus) => boolean, ms: number): Promise<BackendStatus> {
  if (pred(b.status)) return Promise.resolve(b.status);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => (sub.dispose(), reject(new Error(`status stayed ${b.status.state} "${b.status.detail}"`))), ms);
    const sub = b.onDidChangeStatus((s) => {
      if (pred(s)) {
        clearTimeout(timer);
        sub.dispose();
        resolve(s);
      }
    });
  });
}

/** A 24 kHz mono PCM16 WAV of `seconds` of a quiet tone (a reference clip). */
function clip(seconds: number): Uint8Array {
  const pcm = standinTone(seconds / 0.2, 1);
  const f = new Float32Array(pcm.length);
  pcm.forEach((v, i) => (f[i] = v / 32768));
  return new Uint8Array(encodeWav(f, 24000));
}

const sent: Array<{ path: string; body?: Record<string, unknown>; status: number }> = [];
const recordingFetch: typeof fetch = async (input, init) => {
  const res = await fetch(input, init);
  sent.push({ path: new URL(String(input)).pathname, body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined, status: res.status });
  return res;
};

describe('remote client: upstream VieNeu-TTS OpenAI speech server (FastAPI stand-in)', function () {
  this.timeout(30000);
  let up: UpstreamStandin;
  const started: UpstreamStandin[] = [];
  const backends: RemoteBackend[] = [];
  const backend = (o: ConstructorParameters<typeof RemoteBackend>[0] = {}) => {
    const b = new RemoteBackend({ healthIntervalMs: 30000, ...o, client: { fetch: recordingFetch, backoffMs: 20, ...o.client } });
    backends.push(b);
    return b;
  };
  const start = async (env: Record<string, string>) => {
    const s = await UpstreamStandin.start(env);
    started.push(s);
    return s;
  };

  before(async () => {
    up = await start({ VIENEU_API_KEY: KEY });
  });
  after(async () => {
    for (const b of backends) b.dispose();
    await Promise.all(started.map((s) => s.stop()));
  });

  it('is told apart by its answers: kind, 48 kHz native, rates, SSE, cloning by enrolment, CPU (onnx)', async () => {
    const b = backend();
    const info = await b.connect([up.url], KEY);
    assert.equal(info.server.kind, 'vieneu-openai');
    assert.equal(info.server.model, 'vieneu-v3-turbo');
    assert.deepEqual(info.server.capabilities, {
      voices: 'listed', cloning: 'enrol', streaming: true, sse: true, gpu: 'CPU', nativeSampleRate: 48000, sampleRates: [48000, 24000, 16000, 8000],
    });
    assert.match(b.status.detail, /^Connected \(\d+ ms, CPU\)$/);
    assert.equal(b.status.info?.serverKind, 'vieneu-openai');
    assert.equal(b.status.info?.serverKindLabel, 'VieNeu-TTS OpenAI speech server');
    assert.equal(b.status.info?.capabilities, 'voices listed by the server · voice cloning (enrolled on the server) · streaming · CPU · 48 kHz');
  });

  it('lists its voices from /v1/voices', async () => {
    const c = new RemoteClient(up.url, KEY);
    await c.probe();
    const v = await c.voices();
    assert.deepEqual(v.voices.map((x) => x.id), ['Minh Quân Pro', 'Mai Anh', 'Phạm Tuyên']);
    assert.equal(v.voices[1].description, 'Nữ miền Bắc · female');
  });

  it('streams at 48 kHz, as the reply says, sample for sample; asks for its native rate in upstream\'s fields', async () => {
    const b = backend();
    await b.connect([up.url], KEY);
    sent.length = 0;
    const chunks = await collect(b.synthesize({ text: 'một hai ba bốn năm', voice: 'Mai Anh', speed: 1.5 }, new AbortController().signal));
    assert.ok(chunks.length >= 2, `${chunks.length} chunks`);
    assert.ok(chunks.every((c) => c.sampleRate === 48000));
    assert.ok(maxDiff(join(chunks), upstreamTone(5, 1, 48000)) <= 1 / 32768);
    assert.deepEqual(chunks[0].textRange, { start: 0, end: 18 });
    const req = sent.find((r) => r.path === '/v1/audio/speech')!.body!;
    assert.deepEqual(req, { model: 'vieneu-v3-turbo', input: 'một hai ba bốn năm', response_format: 'pcm', stream_format: 'audio', sample_rate: 48000, voice: 'Mai Anh' });
  });

  it('Server-Sent Events give the same audio; a 48 kHz WAV (unknown length) is played and saved at 48 kHz', async () => {
    const sse = backend({ client: { streamFormat: 'sse' } });
    await sse.connect([up.url], KEY);
    const viaSse = await collect(sse.synthesize({ text: 'một hai ba' }, new AbortController().signal));
    assert.ok(viaSse.every((c) => c.sampleRate === 48000));
    assert.ok(maxDiff(join(viaSse), upstreamTone(3, 0, 48000)) <= 1 / 32768);

    const whole = backend({ streaming: false });
    await whole.connect([up.url], KEY);
    const wav = await collect(whole.synthesize({ text: 'một hai ba' }, new AbortController().signal));
    assert.equal(wav.length, 1);
    assert.equal(wav[0].sampleRate, 48000);
    assert.ok(maxDiff(wav[0].samples, upstreamTone(3, 0, 48000)) <= 1 / 32768);
    // Saved as the product saves audio: the file says 48 kHz and holds every sample.
    const saved = decodeSavedWav(encodeWav(join(wav), wav[0].sampleRate));
    assert.equal(saved.sampleRate, 48000);
    assert.equal(saved.samples.length, upstreamTone(3, 0, 48000).length);
  });

  it('a wrong key or none: refused with the advice to use the server\'s VIENEU_API_KEY', async () => {
    const b = backend();
    await assert.rejects(b.connect([up.url], 'wrong-key-wrong-key'), (e: UserError) => {
      assert.equal(e.code, 'auth');
      assert.match(e.display, /rejected the auth token.*VIENEU_API_KEY/);
      return true;
    });
    await assert.rejects(new RemoteClient(up.url, '').probe(), (e: UserError) => e.code === 'auth' && /needs an auth token or API key/.test(e.message));
    // Without a key set, upstream's server is open and needs none.
    const open = await start({});
    const info = await backend().connect([open.url], '');
    assert.equal(info.server.kind, 'vieneu-openai');
  });

  it('429 with Retry-After while its one stream is busy: waits as told, then speaks; with no retries, says it is busy', async () => {
    const busy = await start({ VIENEU_API_KEY: KEY, STANDIN_MAX_STREAMS: '1', STANDIN_CHUNK_S: '0.25' });
    const b = backend();
    await b.connect([busy.url], KEY);
    sent.length = 0;
    const first = collect(b.synthesize({ text: 'một hai ba' }, new AbortController().signal));
    await new Promise((r) => setTimeout(r, 150));
    const t0 = performance.now();
    const second = await collect(b.synthesize({ text: 'bốn năm' }, new AbortController().signal));
    assert.ok(performance.now() - t0 >= 900, 'waited for Retry-After: 1');
    assert.ok(maxDiff(join(second), upstreamTone(2, 0, 48000)) <= 1 / 32768);
    assert.ok(maxDiff(join(await first), upstreamTone(3, 0, 48000)) <= 1 / 32768);
    assert.ok(sent.some((r) => r.status === 429), 'the server did answer 429');

    const hasty = new RemoteClient(busy.url, KEY, { retries: 0 });
    await hasty.probe();
    const hold = collect(new RemoteClient(busy.url, KEY).speechStream({ input: 'một hai ba' }));
    await new Promise((r) => setTimeout(r, 150));
    await assert.rejects(collect(hasty.speechStream({ input: 'x' })), (e: UserError) => {
      assert.match(e.display, /is busy: server busy: queue full.*try again in a moment/);
      return true;
    });
    await hold;
  });

  it('killed mid-stream: a clear error after the first audio, no retry, status Disconnected', async () => {
    const doomed = await start({ VIENEU_API_KEY: KEY, STANDIN_CHUNK_S: '0.2', STANDIN_CHUNKS: '10' });
    const b = backend({ healthIntervalMs: 300 });
    await b.connect([doomed.url], KEY);
    let got = 0;
    await assert.rejects(
      (async () => {
        for await (const _ of b.synthesize({ text: 'một hai ba bốn năm sáu' }, new AbortController().signal)) if (++got === 1) doomed.kill();
      })(),
      (e: UserError) => e.code === 'network' && /dropped in the middle|connection to/.test(e.display),
    );
    assert.equal(got, 1);
    const s = await waitFor(b, (x) => x.state === 'error', 2000);
    assert.match(s.detail, /^Disconnected: Nothing is listening/);
  });

  it('enrols a cloned voice from a clip and speaks with it; a built-in name and reference codes are refused clearly', async () => {
    const b = backend();
    await b.connect([up.url], KEY);
    const v = await b.enrolVoice('Giọng của tôi', clip(4), { description: 'thu am' });
    assert.equal(v.id, 'Giọng của tôi');
    const list = await b.voices();
    assert.ok(list.voices.some((x) => x.id === 'Giọng của tôi'));
    const chunks = await collect(b.synthesize({ text: 'một hai', voice: 'Giọng của tôi' }, new AbortController().signal));
    assert.ok(maxDiff(join(chunks), upstreamTone(2, 3, 48000)) <= 1 / 32768);
    await assert.rejects(b.enrolVoice('Mai Anh', clip(4)), (e: UserError) => /built-in voice/.test(e.message));
    await assert.rejects(b.enrolVoice('bad\u001b[31mname', clip(4)), (e: UserError) => e.code === 'bad-input' && !e.message.includes('\u001b'));
    await assert.rejects(collect(b.synthesize({ text: 'x', reference: { codes: [1, 2], text: 'y' } }, new AbortController().signal)), (e: UserError) => {
      assert.match(e.display, /cannot speak with a voice given as reference codes.*Clone the voice on this server/);
      return true;
    });
    await assert.rejects(b.cloneVoice(clip(4), 'xin chào'), (e: UserError) => /reference codes/.test(e.message));
  });

  it('its speech engine down (503, status "error"): says so and to restart it', async () => {
    const dead = await start({ STANDIN_SCHEDULER_DEAD: '1' });
    await assert.rejects(backend().connect([dead.url], ''), (e: UserError) => {
      assert.equal(e.code, 'model');
      assert.match(e.display, /stream scheduler is down.*Restart the VieNeu-TTS server/);
      return true;
    });
  });
});

describe('remote client: OpenAI-compatible servers (Node stand-in: OpenAI with a key, Kokoro-FastAPI without)', function () {
  this.timeout(20000);
  const servers: OpenAiStandin[] = [];
  const backends: RemoteBackend[] = [];
  const start = async (o: Parameters<typeof OpenAiStandin.start>[0]) => {
    const s = await OpenAiStandin.start(o);
    servers.push(s);
    return s;
  };
  const backend = (o: ConstructorParameters<typeof RemoteBackend>[0] = {}) => {
    const b = new RemoteBackend({ healthIntervalMs: 30000, ...o, client: { backoffMs: 20, ...o.client } });
    backends.push(b);
    return b;
  };
  after(async () => {
    for (const b of backends) b.dispose();
    await Promise.all(servers.map((s) => s.stop()));
  });

  it('OpenAI with a key: kind, fixed voices, model tts-1, pcm at the documented 24 kHz, OpenAI\'s fields', async () => {
    const s = await start({ flavour: 'openai', apiKey: 'sk-test-123', chunkMs: 30 });
    const b = backend();
    const info = await b.connect([s.url], 'sk-test-123');
    assert.equal(info.server.kind, 'openai');
    assert.equal(info.server.model, 'tts-1');
    assert.equal(info.server.capabilities.voices, 'fixed');
    assert.equal(info.server.capabilities.cloning, 'none');
    assert.match(b.status.detail, /^Connected \(\d+ ms, OpenAI-compatible speech server\)$/);
    assert.match(String(b.status.info?.capabilities), /fixed voice names · no voice cloning · streaming · GPU unknown · 24 kHz/);
    const v = await b.voices();
    assert.deepEqual(v.voices.map((x) => x.id), [...OPENAI_VOICES]);
    const chunks = await collect(b.synthesize({ text: 'một hai ba', speed: 1.25 }, new AbortController().signal));
    assert.ok(chunks.length >= 2);
    assert.ok(chunks.every((c) => c.sampleRate === 24000), 'no header: the documented 24 kHz');
    const want = standinTone(3, 0);
    assert.ok(maxDiff(join(chunks), Float32Array.from(want, (x) => x / 32768)) <= 1 / 32768);
    const req = s.requests.find((r) => r.path === '/v1/audio/speech')!;
    assert.deepEqual(req.body, { model: 'tts-1', input: 'một hai ba', voice: 'alloy', response_format: 'pcm', speed: 1.25 });
    assert.equal(req.auth, 'Bearer sk-test-123');
  });

  it('a wrong key: OpenAI\'s message, with the advice to use this server\'s API key', async () => {
    const s = await start({ flavour: 'openai', apiKey: 'sk-test-123' });
    await assert.rejects(backend().connect([s.url], 'sk-wrong'), (e: UserError) => {
      assert.equal(e.code, 'auth');
      assert.match(e.display, /rejected the auth token.*API key of this server.*sk-/);
      return true;
    });
  });

  it('Kokoro-FastAPI without a key: voices from /v1/audio/voices, speaks with one; a WAV of unknown length keeps its 24 kHz', async () => {
    const s = await start({ flavour: 'kokoro', rateHeader: true });
    const b = backend();
    const info = await b.connect([s.url], '');
    assert.equal(info.server.kind, 'openai');
    assert.equal(info.server.model, 'tts-1');
    assert.equal(info.server.capabilities.voices, 'listed');
    assert.deepEqual((await b.voices()).voices.map((x) => x.id), ['af_bella', 'af_sky', 'am_adam']);
    const chunks = await collect(b.synthesize({ text: 'một hai', voice: 'am_adam' }, new AbortController().signal));
    assert.ok(maxDiff(join(chunks), Float32Array.from(standinTone(2, 2), (x) => x / 32768)) <= 1 / 32768);
    assert.equal(s.requests.find((r) => r.path === '/v1/audio/speech')!.auth, undefined, 'no token, no Authorization header');
    const whole = backend({ streaming: false });
    await whole.connect([s.url], '');
    const wav = await collect(whole.synthesize({ text: 'một hai ba' }, new AbortController().signal));
    assert.equal(wav[0].sampleRate, 24000);
    assert.equal(wav[0].samples.length, standinTone(3, 0).length);
  });

  it('survives 429 (Retry-After) and says so when retries run out', async () => {
    const s = await start({ flavour: 'openai', apiKey: 'k', busyFirst: 1 });
    const b = backend();
    await b.connect([s.url], 'k');
    const chunks = await collect(b.synthesize({ text: 'một' }, new AbortController().signal));
    assert.equal(join(chunks).length, standinTone(1, 0).length);
    assert.equal(s.requests.filter((r) => r.path === '/v1/audio/speech').length, 2);
    const never = await start({ flavour: 'openai', apiKey: 'k', busyFirst: 99 });
    const c = new RemoteClient(never.url, 'k', { retries: 1 });
    await c.probe();
    await assert.rejects(collect(c.speechStream({ input: 'x' })), (e: UserError) => /is busy: Rate limit reached/.test(e.message));
  });

  it('killed mid-stream: a clear error after the first audio, never a short reply passed off as whole', async () => {
    const s = await start({ flavour: 'kokoro', chunkMs: 150, chunks: 6 });
    const b = backend();
    await b.connect([s.url], '');
    let got = 0;
    await assert.rejects(
      (async () => {
        for await (const _ of b.synthesize({ text: 'một hai ba bốn năm sáu' }, new AbortController().signal)) if (++got === 1) s.kill();
      })(),
      (e: UserError) => e instanceof UserError && e.code === 'network',
    );
    assert.equal(got, 1);
  });

  it('a server that is neither (404 everywhere): not a speech server, say so', async () => {
    const { createServer } = await import('node:http');
    const srv = createServer((_q, r) => (r.writeHead(404, { 'content-type': 'application/json' }), r.end('{"detail":"Not Found"}')));
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    try {
      const port = (srv.address() as import('node:net').AddressInfo).port;
      await assert.rejects(new RemoteClient(`http://127.0.0.1:${port}`, '').probe(), (e: UserError) => /There is no VieNeu server/.test(e.message));
    } finally {
      srv.close();
    }
  });
});

async function captureLog(fn: () => Promise<number>): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const orig = console.log;
  console.log = (...a: unknown[]) => lines.push(a.join(' '));
  try {
    return { code: await fn(), out: lines.join('\n') };
  } finally {
    console.log = orig;
  }
}

describe('vieneu serve-check against every kind, failover between kinds, hostile server text', function () {
  this.timeout(30000);
  const stops: Array<() => Promise<void>> = [];
  after(async () => {
    await Promise.all(stops.map((s) => s()));
  });

  it('upstream\'s server: says what it found, and speaks at 48 kHz', async () => {
    const up = await UpstreamStandin.start({ VIENEU_API_KEY: KEY });
    stops.push(() => up.stop());
    const r = await captureLog(() => serveCheckCommand.run([up.url, '--token', KEY]));
    assert.equal(r.code, 0);
    assert.match(r.out, /kind {4}VieNeu-TTS OpenAI speech server \(vieneu-openai\)/);
    assert.match(r.out, /can {5}voices listed by the server · voice cloning \(enrolled on the server\) · streaming · CPU · 48 kHz \(rates 48000, 24000, 16000, 8000\), SSE/);
    assert.match(r.out, /Voices: Minh Quân Pro, Mai Anh, Phạm Tuyên/);
    assert.match(r.out, /streams 1 at once, 0 active, 0 waiting/);
    assert.match(r.out, /Synthesis: \d+\.\d\d s of audio at 48000 Hz/);
    assert.ok(!r.out.includes(KEY));
  });

  it('an OpenAI-compatible server: says what it found, and speaks at 24 kHz', async () => {
    const s = await OpenAiStandin.start({ flavour: 'kokoro' });
    stops.push(() => s.stop());
    const r = await captureLog(() => serveCheckCommand.run([s.url]));
    assert.equal(r.code, 0);
    assert.match(r.out, /token: \(none\)/);
    assert.match(r.out, /kind {4}OpenAI-compatible speech server \(openai\)/);
    assert.match(r.out, /Voices: af_bella, af_sky, am_adam \(default af_bella\)/);
    assert.match(r.out, /Synthesis: \d+\.\d\d s of audio at 24000 Hz/);
  });

  it('no terminal escape code of a hostile server reaches the terminal; a password in the URL is never printed', async () => {
    const { createServer } = await import('node:http');
    const ESC = '\u001b]52;c;cm0gLXJmIH4=\u0007\u001b[2J\u009b31m';
    const srv = createServer((q, res) => {
      if (q.url === '/health') return void (res.writeHead(200, { 'content-type': 'application/json' }), res.end(JSON.stringify({ status: 'ok', backend: `onnx${ESC}`, max_streams: 1, sample_rate: 48000 })));
      if (q.url === '/v1/models') return void (res.writeHead(200, { 'content-type': 'application/json' }), res.end(JSON.stringify({ object: 'list', data: [{ id: `evil${ESC}`, sample_rates: [48000], stream_formats: ['audio'] }] })));
      if (q.url === '/v1/voices') return void (res.writeHead(200, { 'content-type': 'application/json' }), res.end(JSON.stringify({ object: 'list', data: [{ id: `v${ESC}1`, description: ESC }] })));
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `no${ESC} way`, type: 'invalid_request_error', code: 400 } }));
    });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    stops.push(() => new Promise((r) => srv.close(() => r())));
    const port = (srv.address() as import('node:net').AddressInfo).port;
    const r = await captureLog(() => serveCheckCommand.run([`http://127.0.0.1:${port}`]).catch((e: UserError) => (console.log(e.display), 1)));
    assert.equal(r.code, 1);
    assert.match(r.out, /The server refused the request: no ]52;c;cm0gLXJmIH4= \[2J 31m way/);
    // eslint-disable-next-line no-control-regex
    assert.doesNotMatch(r.out, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    const creds = await captureLog(() => serveCheckCommand.run([`https://bob:s3cr3t@127.0.0.1:${port}`]).catch((e: UserError) => (console.log(e.display), 1)));
    assert.ok(!creds.out.includes('s3cr3t'), creds.out);
    assert.match(creds.out, /contains a user name or password/);
  });

  it('fails over from upstream\'s server to an OpenAI-compatible one when the first dies, and speaks at the new rate', async () => {
    const up = await UpstreamStandin.start({});
    stops.push(() => up.stop());
    const kokoro = await OpenAiStandin.start({ flavour: 'kokoro' });
    stops.push(() => kokoro.stop());
    const b = new RemoteBackend({ healthIntervalMs: 200, client: { backoffMs: 10 } });
    stops.push(async () => b.dispose());
    await b.connect([up.url, kokoro.url], '');
    assert.equal(b.status.info?.serverKind, 'vieneu-openai');
    up.kill();
    const s = await waitFor(b, (x) => x.state === 'ready' && x.info?.endpoint === kokoro.url, 4000);
    assert.equal(s.info?.serverKind, 'openai');
    const chunks = await collect(b.synthesize({ text: 'một hai' }, new AbortController().signal));
    assert.ok(chunks.every((c) => c.sampleRate === 24000));
    assert.equal(join(chunks).length, standinTone(2, 0).length);
  });
});
