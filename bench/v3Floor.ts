// The memory-bandwidth floor under the v3 Turbo RTF: a frame streams every backbone weight once (the decode
// step) and the acoustic decoder's weights 16 times, one row of activations each time, so on a CPU each
// frame costs at least (those bytes) / (the rate onnxruntime's own fp32 GEMV streams weights here). Measured
// with a single MatMul graph of about 200 MB — bigger than any cache — at the thread counts compared.
import { readFileSync, statSync } from 'fs';
import { join } from 'path';
import { encodeModel, OnnxGraph } from '../src/local/fixtures/onnxWriter';
import { V3_FILES } from '../src/local/fixtures/v3/v3BackboneFixture';

type Ort = typeof import('onnxruntime-node');

const H = 768;
const COLS = 65536; // 768 × 65536 × 4 B = 192 MiB

/** GB/s that one fp32 (1, H) × (H, COLS) MatMul streams with `threads` threads (median of 7 after 2 warm-ups). */
export async function gemvBandwidth(ort: Ort, threads: number): Promise<number> {
  const w = new Float32Array(H * COLS);
  let s = 12345;
  for (let i = 0; i < w.length; i++) w[i] = ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32 - 0.5) * 0.02;
  const g = new OnnxGraph('gemv_floor');
  g.op('MatMul', [g.input('x', 'FLOAT', [1, H]), g.init('w', 'FLOAT', [H, COLS], w)], {}, 'y');
  g.output('y', 'FLOAT', [1, COLS]);
  const session = await ort.InferenceSession.create(encodeModel(g), {
    executionProviders: ['cpu'],
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    logSeverityLevel: 4,
    extra: { session: { intra_op: { allow_spinning: '0' }, disable_prepacking: '1' } },
  });
  try {
    const x = new ort.Tensor('float32', new Float32Array(H).fill(0.1), [1, H]);
    const times: number[] = [];
    for (let i = 0; i < 9; i++) {
      const t0 = performance.now();
      await session.run({ x });
      if (i >= 2) times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    return (w.byteLength / 1e9) / (times[Math.floor(times.length / 2)] / 1000);
  } finally {
    await session.release();
  }
}

/** Bytes one frame streams: the backbone's weights once, the acoustic decoder's 16 times (from config.json). */
export function bytesPerFrame(backboneDir: string): { backbone: number; acoustic: number; frame: number } {
  const c = JSON.parse(readFileSync(join(backboneDir, V3_FILES.config), 'utf8')) as Record<string, number>;
  const h = c.hidden_size;
  const local = (c.local_num_hidden_layers ?? 1) * (4 * h * h + 3 * h * (c.local_intermediate_size ?? 4 * h)) * 4;
  const shared = statSync(join(backboneDir, V3_FILES.data)).size;
  const backbone = shared - local;
  return { backbone, acoustic: local, frame: backbone + 16 * local };
}
