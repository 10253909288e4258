// Remote client benchmark (the `remote` object of bench/results.json), against the notebook's real server.py
// (Debian FastAPI/uvicorn, stand-in model) on 127.0.0.1, side by side in one run:
// - overhead_ms: the client's speechWav (auth, retries machinery, limits, WAV checks and decoding) minus a
//   bare fetch + arrayBuffer of the same request: median of per-round differences, order alternating, on a
//   model with no delay;
// - ttfb_stream_ms vs ttfb_whole_ms: time to the first audio byte when streaming PCM versus asking for the
//   whole WAV, on a model that takes 60 ms per chunk (10 chunks), as a GPU generating sentence by sentence.
import { RemoteClient } from '../src/remote/client';
import { COMMON_HEADERS } from '../src/remote/protocol';
import { PythonServer } from '../test/unit/remote/serverProcess';

const ROUNDS = 30;
const TEXT = 'Hôm nay trời đẹp quá, chúng ta cùng nhau đi dạo quanh hồ Gươm và ngắm cảnh mùa thu Hà Nội nhé.';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const round = (x: number) => Math.round(x * 100) / 100;

export async function run(log: (line: string) => void): Promise<Record<string, number | string | boolean>> {
  const fast = await PythonServer.start();
  const slow = await PythonServer.start({ env: { VIENEU_STANDIN_CHUNK_S: '0.06', VIENEU_STANDIN_CHUNKS: '10' } });
  try {
    // Overhead: same request, same server, alternating so load on the machine hits both alike.
    const client = new RemoteClient(fast.url, fast.token);
    const body = { model: 'vieneu-tts', input: TEXT, response_format: 'wav' as const, stream: false };
    const bare = async () => {
      const res = await fetch(`${fast.url}/v1/audio/speech`, {
        method: 'POST',
        headers: { ...COMMON_HEADERS, Authorization: `Bearer ${fast.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      return new Uint8Array(await res.arrayBuffer()).length;
    };
    const viaClient = async () => (await client.speechWav(body)).samples.length;
    for (let i = 0; i < 3; i++) {
      await bare();
      await viaClient();
    }
    const tBare: number[] = [];
    const tClient: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      for (const [fn, into] of (i % 2 ? [[bare, tBare], [viaClient, tClient]] : [[viaClient, tClient], [bare, tBare]]) as Array<[() => Promise<number>, number[]]>) {
        const t0 = performance.now();
        await fn();
        into.push(performance.now() - t0);
      }
    }
    const bareMs = median(tBare);
    const clientMs = median(tClient);
    // Median of the per-round differences: each pair ran back to back, so a load spike hits both of it.
    const overhead = median(tClient.map((c, i) => c - tBare[i]));
    log(`remote: whole WAV (${(TEXT.split(/\s+/).length * 0.2).toFixed(1)} s of audio), median of ${ROUNDS}: bare fetch ${bareMs.toFixed(2)} ms | client ${clientMs.toFixed(2)} ms | overhead ${overhead.toFixed(2)} ms (target <= 5 ms)`);

    // Time to first audio byte: streaming vs whole file, on the slow model.
    const slowClient = new RemoteClient(slow.url, slow.token);
    const ttfbStream: number[] = [];
    const ttfbWhole: number[] = [];
    for (let i = 0; i < 5; i++) {
      let t0 = performance.now();
      let first: number | undefined;
      for await (const chunk of slowClient.speechStream({ input: TEXT })) {
        first ??= performance.now() - t0;
        void chunk;
      }
      ttfbStream.push(first!);
      t0 = performance.now();
      const res = await fetch(`${slow.url}/v1/audio/speech`, {
        method: 'POST',
        headers: { ...COMMON_HEADERS, Authorization: `Bearer ${slow.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ input: TEXT, response_format: 'wav' }),
      });
      const reader = res.body!.getReader();
      await reader.read();
      ttfbWhole.push(performance.now() - t0);
      await reader.cancel();
    }
    const stream = median(ttfbStream);
    const whole = median(ttfbWhole);
    log(`remote: first audio byte (model at 60 ms per chunk, 10 chunks), median of 5: whole WAV ${whole.toFixed(1)} ms | streamed PCM ${stream.toFixed(1)} ms (${(whole / stream).toFixed(1)}x sooner)`);
    return {
      overhead_ms: round(overhead),
      bare_fetch_ms: round(bareMs),
      client_ms: round(clientMs),
      ttfb_stream_ms: round(stream),
      ttfb_whole_ms: round(whole),
      overhead_target_met: overhead <= 5,
    };
  } finally {
    await Promise.all([fast.stop(), slow.stop()]);
  }
}
