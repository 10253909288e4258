// The child side of the fault suite: runs one scenario in a fresh node process, so the parent can measure
// what it costs (peak RSS from process.resourceUsage, wall time) and kill it like a reloaded extension host
// would. Prints one line `PROBE {...}` with the outcome; anything the scenario says goes to stderr.
//
//   node out/test/unit/faults/probe.js <scenario> [args...]
import { readFileSync } from 'fs';
import { createServer, request as httpRequest, type Server } from 'http';
import type { AddressInfo } from 'net';
import { describeError, UserError } from '../../../src/core/errors';
// Its own VmHWM: Linux carries ru_maxrss across exec, so a probe spawned by a grown mocha reported the parent's.
import { peakRssMb } from '../../../bench/peakRss';
import type { AudioChunk } from '../../../src/core/types';

// Each scenario loads only what it uses (the idle child stays small and starts fast on a busy machine).
const lazy = {
  cli: () => require('../../../src/cli/main') as typeof import('../../../src/cli/main'),
  config: () => require('../../../src/core/config') as typeof import('../../../src/core/config'),
  gguf: () => require('../../../src/local/backbone/ggufBackbone') as typeof import('../../../src/local/backbone/ggufBackbone'),
  loaders: () => require('../../../src/local/engine/defaultLoaders') as typeof import('../../../src/local/engine/defaultLoaders'),
  local: () => require('../../../src/local/localBackend') as typeof import('../../../src/local/localBackend'),
  download: () => require('../../../src/local/models/download') as typeof import('../../../src/local/models/download'),
  voices: () => require('../../../src/local/voices/voiceLibrary') as typeof import('../../../src/local/voices/voiceLibrary'),
  remote: () => require('../../../src/remote/remoteBackend') as typeof import('../../../src/remote/remoteBackend'),
  server: () => require('../remote/serverProcess') as typeof import('../remote/serverProcess'),
};

export interface ProbeOutcome {
  ok: boolean;
  /** The message a user would see (a UserError's display), or what went wrong otherwise. */
  message?: string;
  /** Whether the failure was a UserError (a clear message) rather than anything else. */
  userError?: boolean;
  code?: string;
  /** Scenario-specific facts for the parent to check. */
  facts?: Record<string, unknown>;
}

type Scenario = (args: string[]) => Promise<ProbeOutcome>;

async function collect(it: AsyncIterable<AudioChunk>, stopAfter = Infinity, onChunk?: (n: number) => void): Promise<Float32Array[]> {
  const out: Float32Array[] = [];
  for await (const c of it) {
    out.push(c.samples);
    onChunk?.(out.length);
    if (out.length >= stopAfter) break;
  }
  return out;
}

const total = (xs: Float32Array[]) => xs.reduce((n, x) => n + x.length, 0);

function concat(xs: Float32Array[]): Float32Array {
  const out = new Float32Array(total(xs));
  let o = 0;
  for (const x of xs) {
    out.set(x, o);
    o += x.length;
  }
  return out;
}

/** A stand-in for an ngrok tunnel: forwards to the server until `gone()`, then answers ngrok's offline page. */
async function tunnel(target: string): Promise<{ url: string; gone: () => void; close: () => Promise<void> }> {
  let offline = false;
  const server: Server = createServer((req, res) => {
    if (offline) {
      res.writeHead(404, { 'content-type': 'text/html' }).end('<html><body>Tunnel abc.ngrok-free.app not found ERR_NGROK_3200</body></html>');
      return;
    }
    const up = httpRequest(target + req.url, { method: req.method, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    gone: () => {
      offline = true;
      server.closeAllConnections();
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const SCENARIOS: Record<string, Scenario> = {
  /** What an idle node with these modules loaded costs: the baseline the others are measured against. */
  async baseline() {
    return { ok: true };
  },

  async gguf([file]) {
    const checked = lazy.gguf().checkVieneuGguf(file);
    return { ok: true, facts: { tokens: checked.tokens.length } };
  },

  async codes([file]) {
    const v = await lazy.voices().loadCustomVoice('hostile', { codesFile: file, text: 'xin chào' });
    return { ok: true, facts: { codes: v.codes.length } };
  },

  async config([file]) {
    const started = performance.now();
    const r = lazy.config().resolveConfig({ settings: {}, yamlText: readFileSync(file, 'utf8') });
    return { ok: r.problems.length === 0, message: r.problems.map((p) => p.display).join(' | '), facts: { ms: performance.now() - started } };
  },

  /**
   * Parse time of a map of N keys against a list of N items of the same bytes, in one warmed-up process:
   * linear parsing costs about the same for both; a pairwise key check makes the map N/2 times dearer.
   */
  async 'config-scaling'([count]) {
    const { resolveConfig } = lazy.config();
    const n = Number(count);
    const map = Array.from({ length: n }, (_, i) => `k${i}: ${i}`).join('\n');
    const seq = 'x:\n' + Array.from({ length: n }, (_, i) => `- k${i}${i}`).join('\n');
    const time = (text: string) => {
      const t0 = performance.now();
      const r = resolveConfig({ settings: {}, yamlText: text });
      return { ms: performance.now() - t0, problems: r.problems.map((p) => p.display) };
    };
    time(seq.slice(0, 2000)); // warm up the parser
    const list = time(seq);
    const keys = time(map);
    return { ok: true, facts: { listMs: list.ms, mapMs: keys.ms, bytes: map.length, problems: [...list.problems, ...keys.problems] } };
  },

  /** The `vieneu` command line, in-process: its exit code and what it printed on stderr. */
  async cli(args) {
    const lines: string[] = [];
    console.error = (...a: unknown[]) => void lines.push(a.map(String).join(' '));
        const exit = await lazy.cli().main(args);
    return { ok: exit === 0, message: lines.join('\n'), facts: { exit } };
  },

  async download([url, dest, sha256, size, freeBytes]) {
    await lazy.download().downloadFile({
      url,
      dest,
      expect: { sha256, size: Number(size) },
      retryDelayMs: 10,
      attempts: 3,
      stallMs: 2000,
      label: 'test/model',
      onProgress: (p) => p.received > 0 && process.stdout.write(`PROGRESS ${p.received}\n`),
      // 'write': skip the free-space check, so the disk itself has to say it is full.
      ...(freeBytes === 'write' ? { freeBytes: async () => undefined } : {}),
    });
    return { ok: true };
  },

  /** The real notebook server killed after the first audio: a clear error, nothing hangs. */
  async 'remote-killed'() {
    const server = await lazy.server().PythonServer.start({ env: { VIENEU_STANDIN_CHUNK_S: '0.1', VIENEU_STANDIN_CHUNKS: '50' } });
    const b = new (lazy.remote().RemoteBackend)({ healthIntervalMs: 300 });
    try {
      await b.connect([server.url], server.token);
      const got = await collect(b.synthesize({ text: 'một hai ba bốn năm sáu' }, new AbortController().signal), Infinity, (n) => n === 1 && server.kill());
      return { ok: true, facts: { chunks: got.length } };
    } finally {
      b.dispose();
      await server.stop();
    }
  },

  /** The tunnel in front of a healthy server goes away between two requests. */
  async 'remote-tunnel-gone'() {
    const server = await lazy.server().PythonServer.start();
    const tun = await tunnel(server.url);
    const b = new (lazy.remote().RemoteBackend)({ healthIntervalMs: 30_000, client: { backoffMs: 10 } });
    try {
      await b.connect([tun.url], server.token);
      const first = total(await collect(b.synthesize({ text: 'một hai' }, new AbortController().signal)));
      tun.gone();
      await collect(b.synthesize({ text: 'một hai' }, new AbortController().signal));
      return { ok: true, facts: { first } };
    } finally {
      b.dispose();
      await tun.close();
      await server.stop();
    }
  },

  /** A server slower than the client's patience: a timeout, in about that time. */
  async 'remote-slow'() {
    const server = await lazy.server().PythonServer.start({ env: { VIENEU_STANDIN_CHUNK_S: '2', VIENEU_STANDIN_CHUNKS: '1' } });
    const b = new (lazy.remote().RemoteBackend)({ healthIntervalMs: 30_000, client: { firstByteTimeoutMs: 500, retries: 0 } });
    try {
      await b.connect([server.url], server.token);
      await collect(b.synthesize({ text: 'một hai' }, new AbortController().signal));
      return { ok: true };
    } finally {
      b.dispose();
      // Killed rather than stopped: a graceful stop would wait for the slow reply still being generated.
      server.kill();
    }
  },

  /**
   * The fixture model on real llama.cpp and onnxruntime: two Speak requests at once (each must come out as
   * it does alone: no interleaved codes), then a 1 MB selection, stopped after its first audio.
   */
  async 'local-model'([gguf, codec, voices, dictionary, cache]) {
    const b = new (lazy.local().LocalBackend)({
      cacheDir: cache,
      settings: () => ({ backbone: gguf, codec, device: 'cpu', threads: 1, modelsPath: '', builtinVoice: false }),
      loaders: lazy.loaders().defaultLoaders(),
    });
    try {
      await b.loadModel({ backbone: gguf, codec, voices, dictionary, threads: 1, offline: true });
      const voiceCodes = Object.fromEntries(b.voices().map((v) => [v.id, v.codes.slice(0, 4)]));
      const a = { text: 'Xin chào Việt Nam.', seed: 3 };
      const c = { text: 'Một hai ba.', seed: 4 };
      const t0 = performance.now();
      let shortFirstAudioMs = 0;
      const soloA = concat(await collect(b.synthesize(a, new AbortController().signal), Infinity, (n) => n === 1 && (shortFirstAudioMs = performance.now() - t0)));
      const soloC = concat(await collect(b.synthesize(c, new AbortController().signal)));
      const [bothA, bothC] = await Promise.all([collect(b.synthesize(a, new AbortController().signal)), collect(b.synthesize(c, new AbortController().signal))]);
      const same = (x: Float32Array, y: Float32Array) => x.length === y.length && x.every((v, i) => v === y[i]);
      const sentence = 'Hôm nay trời đẹp, chúng ta cùng đi dạo trong công viên. ';
      const huge = sentence.repeat(Math.ceil((1 << 20) / sentence.length));
      const ac = new AbortController();
      const started = performance.now();
      let firstAudioMs = 0;
      const big = await collect(b.synthesize({ text: huge, seed: 1 }, ac.signal), 1, () => (firstAudioMs = performance.now() - started));
      ac.abort();
      return {
        ok: true,
        facts: {
          soloA: soloA.length,
          soloC: soloC.length,
          concurrentSameAsSolo: same(concat(bothA), soloA) && same(concat(bothC), soloC),
          hugeChars: huge.length,
          hugeFirstAudioMs: firstAudioMs,
          shortFirstAudioMs,
          hugeSamples: total(big),
          voiceCodes,
        },
      };
    } finally {
      await b.unloadModel();
      b.dispose();
    }
  },
};

async function run(): Promise<void> {
  const [name, ...args] = process.argv.slice(2);
  const scenario = SCENARIOS[name];
  const started = performance.now();
  let outcome: ProbeOutcome;
  if (!scenario) outcome = { ok: false, message: `unknown scenario ${name}` };
  else {
    try {
      outcome = await scenario(args);
    } catch (err) {
      outcome = { ok: false, message: describeError(err), userError: err instanceof UserError, code: (err as UserError).code };
    }
  }
  const line = { ...outcome, ms: performance.now() - started, maxRssMb: peakRssMb() };
  process.stdout.write(`PROBE ${JSON.stringify(line)}\n`);
  // Leftover handles (a server's keep-alive, a poller) must not keep the probe alive: its answer is given.
  setTimeout(() => process.exit(0), 50).unref();
}

void run();

