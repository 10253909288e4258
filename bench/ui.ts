// UI benchmark (the `ui` object of bench/results.json): what Speak Selection adds on top of the backend's own
// time to first audio. Measured on the controller path without the VS Code window: the same modules the
// command runs (BackendManager routing, speechStream's ranged stream with its first-chunk note, and the
// webview player host WebviewPlayerCore, which PCM16+base64-encodes the chunk and posts it) up to the moment
// the first chunk is posted to the player page; the page is an in-process channel that JSON-serializes every
// message, as VS Code's postMessage does. Baseline, side by side in the same run: the backend's own
// synthesize() to its first chunk. Backends: Local on the generated fixture models (real llama.cpp and
// onnxruntime, 1 thread) and Colab on the notebook's real server.py (stand-in model) on 127.0.0.1.
// Rounds alternate baseline and UI path so machine load hits both alike; medians are reported.
import * as fs from 'fs';
import * as path from 'path';
import { BackendManager } from '../src/core/backendManager';
import { NotReadyBackend } from '../src/core/notReadyBackend';
import type { SynthesisRequest, TtsBackend } from '../src/core/types';
import { LocalBackend } from '../src/local/localBackend';
import { defaultLoaders } from '../src/local/engine/defaultLoaders';
import { writeFixtures } from '../src/local/fixtures/writeFixtures';
import { RemoteBackend } from '../src/remote';
import { noteFirst, synthesizeWithRanges } from '../src/vscode/speechStream';
import { WebviewPlayerCore, type PlayerChannel } from '../src/vscode/player/webviewPlayerCore';
import type { FromPlayer, ToPlayer } from '../src/vscode/player/protocol';
import { PythonServer } from '../test/unit/remote/serverProcess';

const ROUNDS = 7;
const TEXT = 'Hôm nay trời đẹp quá, chúng ta cùng nhau đi dạo quanh hồ Gươm nhé.';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
const r1 = (x: number) => Math.round(x * 10) / 10;

/** A player page stand-in: serializes what it is sent (the IPC cost) and ends an utterance when told. */
function inProcessPage(onChunk: () => void): PlayerChannel {
  const listeners = new Set<(m: FromPlayer) => void>();
  const send = (m: FromPlayer) => queueMicrotask(() => listeners.forEach((l) => l(m)));
  return {
    post: (msg: ToPlayer) => {
      const wire = JSON.parse(JSON.stringify(msg)) as ToPlayer;
      if (wire.type === 'chunk') onChunk();
      if (wire.type === 'end' || wire.type === 'stop') send({ type: 'ended', id: wire.id, stopped: wire.type === 'stop', chunks: 0, samples: 0 });
    },
    onMessage: (l) => {
      listeners.add(l);
      return { dispose: () => listeners.delete(l) };
    },
  };
}

/** The backend alone: synthesize() to its first chunk, then stop it. */
async function backendTtfa(backend: TtsBackend, req: SynthesisRequest): Promise<number> {
  const ac = new AbortController();
  const t0 = performance.now();
  let ms = NaN;
  try {
    for await (const _c of backend.synthesize(req, ac.signal)) {
      ms = performance.now() - t0;
      ac.abort();
      break;
    }
  } catch {
    // the abort
  }
  return ms;
}

/** The command's path: manager -> ranged stream -> webview player host -> first chunk posted to the page. */
async function uiFirstAudio(manager: BackendManager, req: SynthesisRequest): Promise<{ handedMs: number; postedMs: number }> {
  const ac = new AbortController();
  let postedMs = NaN;
  let handedMs = NaN;
  const t0 = performance.now();
  const page = inProcessPage(() => {
    if (Number.isNaN(postedMs)) {
      postedMs = performance.now() - t0;
      ac.abort(); // Stop right after the first chunk: the figure is time to first audio
    }
  });
  const player = new WebviewPlayerCore({ ready: async () => page });
  const stream = noteFirst(synthesizeWithRanges(manager, req, ac.signal), () => (handedMs = performance.now() - t0));
  await player.play(stream, ac.signal);
  return { handedMs, postedMs };
}

async function measure(name: string, manager: BackendManager, log: (l: string) => void): Promise<{ backend: number; ui: number; handed: number }> {
  const req: SynthesisRequest = { text: TEXT, seed: 1 };
  // Warm-up: first requests pay for lazy loading on both paths.
  await backendTtfa(manager.activeBackend, req);
  await uiFirstAudio(manager, req);
  const base: number[] = [];
  const ui: number[] = [];
  const handed: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const order = i % 2 === 0;
    if (order) base.push(await backendTtfa(manager.activeBackend, { ...req, seed: i + 2 }));
    const u = await uiFirstAudio(manager, { ...req, seed: i + 2 });
    ui.push(u.postedMs);
    handed.push(u.handedMs);
    if (!order) base.push(await backendTtfa(manager.activeBackend, { ...req, seed: i + 2 }));
  }
  const out = { backend: median(base), ui: median(ui), handed: median(handed) };
  log(`${name}: backend's own first audio ${r1(out.backend)} ms | via Speak Selection's path ${r1(out.ui)} ms (first chunk out of the stream at ${r1(out.handed)} ms) | UI adds ${r1(out.ui - out.backend)} ms`);
  return out;
}

export async function run(log: (line: string) => void): Promise<Record<string, number | string | boolean>> {
  log('path measured: command handler code (BackendManager, ranged stream, WebviewPlayerCore encode + post) without the VS Code window; medians of ' + ROUNDS + ' alternating rounds');
  // Local: generated fixture models, loaded as a user would with an offline models folder.
  const dir = path.resolve(process.env.VIENEU_BENCH_CACHE || path.join('bench', 'cache'), 'ui-fixtures');
  fs.mkdirSync(dir, { recursive: true });
  const fx = writeFixtures(dir);
  const local = new LocalBackend({
    cacheDir: path.join(dir, 'cache'),
    settings: () => ({ backbone: fx.gguf, codec: fx.codec, device: 'cpu', threads: 1, modelsPath: dir, builtinVoice: false }),
    loaders: defaultLoaders(),
  });
  let localFig: { backend: number; ui: number; handed: number };
  try {
    await local.loadModel({ offline: true, threads: 1 });
    const manager = new BackendManager({ local, colab: new NotReadyBackend('colab', 'not connected') }, 'local');
    localFig = await measure('local (fixture models)', manager, log);
  } finally {
    await local.unloadModel();
    local.dispose();
  }

  const server = await PythonServer.start();
  const colab = new RemoteBackend({ healthIntervalMs: 3_600_000 });
  let remoteFig: { backend: number; ui: number; handed: number };
  try {
    await colab.connect([server.url], server.token);
    const manager = new BackendManager({ local: new NotReadyBackend('local', 'no model'), colab }, 'colab');
    remoteFig = await measure('remote (server.py, stand-in model, 127.0.0.1)', manager, log);
  } finally {
    colab.dispose();
    await server.stop();
  }
  const added = Math.max(localFig.ui - localFig.backend, remoteFig.ui - remoteFig.backend);
  log(`ui_added_ms (the larger of the two) = ${r1(added)} ms; target ≤ 30 ms`);
  return {
    local_first_audio_ms: r1(localFig.ui),
    local_backend_ttfa_ms: r1(localFig.backend),
    remote_first_audio_ms: r1(remoteFig.ui),
    remote_backend_ttfa_ms: r1(remoteFig.backend),
    ui_added_ms: r1(added),
    measured_path: 'controller path without the VS Code window (manager -> ranged stream -> WebviewPlayerCore post)',
  };
}
