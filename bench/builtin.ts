// Built-in voice benchmark (the `builtin` object of bench/results.json): time to first audio of a long text
// (10,000 characters) on espeak-ng through Speak Selection's path (BackendManager, the ranged stream,
// WebviewPlayerCore encoding and posting), side by side with the same path on one sentence in the same run.
// The page stand-in receives each message on a later turn of the event loop, as VS Code's postMessage does:
// a synthesis that never yields holds every message back, and the figure shows it.
import { BackendManager } from '../src/core/backendManager';
import { NotReadyBackend } from '../src/core/notReadyBackend';
import type { SynthesisRequest } from '../src/core/types';
import { LocalBackend } from '../src/local/localBackend';
import { defaultLoaders } from '../src/local/engine/defaultLoaders';
import { espeakColdStartMs, getEspeak } from '../src/text/espeak';
import { WebviewPlayerCore, type PlayerChannel } from '../src/vscode/player/webviewPlayerCore';
import type { FromPlayer, ToPlayer } from '../src/vscode/player/protocol';
import { noteFirst, synthesizeWithRanges } from '../src/vscode/speechStream';
import { benchText } from './frontend';

const ROUNDS = 5;
const LONG_CHARS = 10_000;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
const r1 = (x: number) => Math.round(x * 10) / 10;

/** A page stand-in: every message arrives on a later event-loop turn (IPC), and Stop ends the utterance. */
function ipcPage(onFirstChunk: () => void): PlayerChannel {
  const listeners = new Set<(m: FromPlayer) => void>();
  let seen = false;
  return {
    post: (msg: ToPlayer) => {
      const wire = JSON.parse(JSON.stringify(msg)) as ToPlayer;
      setImmediate(() => {
        if (wire.type === 'chunk' && !seen) {
          seen = true;
          onFirstChunk();
        }
        if (wire.type === 'end' || wire.type === 'stop') {
          for (const l of listeners) l({ type: 'ended', id: wire.id, stopped: wire.type === 'stop', chunks: 0, samples: 0 });
        }
      });
    },
    onMessage: (l) => {
      listeners.add(l);
      return { dispose: () => listeners.delete(l) };
    },
  };
}

/** Speak -> the first chunk received by the page; Stop right after it. */
async function firstAudio(manager: BackendManager, req: SynthesisRequest): Promise<number> {
  const ac = new AbortController();
  let ms = NaN;
  const t0 = performance.now();
  const page = ipcPage(() => {
    ms = performance.now() - t0;
    ac.abort();
  });
  const player = new WebviewPlayerCore({ ready: async () => page });
  await player.play(noteFirst(synthesizeWithRanges(manager, req, ac.signal), () => undefined), ac.signal);
  return ms;
}

export async function run(log: (line: string) => void): Promise<Record<string, number | string | boolean>> {
  await getEspeak();
  log(`espeak-ng WebAssembly cold start ${r1(espeakColdStartMs() ?? NaN)} ms (paid once, before the rounds)`);
  const local = new LocalBackend({
    cacheDir: '/nonexistent',
    settings: () => ({ backbone: '', codec: '', device: 'cpu', threads: 1, modelsPath: '', builtinVoice: true }),
    loaders: defaultLoaders(),
  });
  const manager = new BackendManager({ local, colab: new NotReadyBackend('colab', 'not connected') }, 'local');
  const long = benchText(LONG_CHARS);
  const sentence = long.slice(0, long.search(/[.!?]\s/) + 1);
  try {
    await firstAudio(manager, { text: sentence }); // warm-up: JIT, the espeak voice
    const longMs: number[] = [];
    const shortMs: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      // Alternating order so machine load hits both alike.
      if (i % 2 === 0) shortMs.push(await firstAudio(manager, { text: sentence }));
      longMs.push(await firstAudio(manager, { text: long }));
      if (i % 2 === 1) shortMs.push(await firstAudio(manager, { text: sentence }));
    }
    const l = median(longMs);
    const s = median(shortMs);
    log(`first audio, ${LONG_CHARS} characters: ${r1(l)} ms | one sentence (${sentence.length} characters, baseline): ${r1(s)} ms | ratio ${r1(l / s)}x; goal ≤ 1000 ms`);
    log(`rounds (ms): long ${longMs.map(r1).join(', ')} | sentence ${shortMs.map(r1).join(', ')}`);
    return { long_chars: LONG_CHARS, long_first_audio_ms: r1(l), sentence_first_audio_ms: r1(s), ratio: r1(l / s), goal_ms: 1000 };
  } finally {
    local.dispose();
  }
}
