// Local engine benchmark (the `local` object of bench/results.json). On a GGUF with the real 0.5B shape
// (hidden 896, 24 layers, 14/2 heads, FFN 4864, ~217k vocabulary, Q4_0; random weights, generated once into
// bench/cache/), it measures side by side in one run: the bare node-llama-cpp loop (baseline) and the
// engine's runner (native top-k/temperature sampling restricted to speech tokens), prefill of a realistic
// prompt, and through the whole engine (text front-end, prompt, backbone, streaming codec): time to first
// audio, real-time factor and codec cost. Runs alternate baseline/engine so machine load hits both alike.
import { existsSync, renameSync, statSync, mkdirSync } from 'fs';
import { availableParallelism } from 'os';
import { join, resolve } from 'path';
import { loadGgufBackbone, type GgufBackbone } from '../src/local/backbone/ggufBackbone';
import { buildPrompt } from '../src/text/prompt';
import { qwen2Fixture, REAL_SHAPE_QWEN2, writeQwen2Gguf } from '../src/local/fixtures/qwen2Fixture';

type Figures = Record<string, number | string | boolean>;
type Token = import('node-llama-cpp', { with: { 'resolution-mode': 'import' } }).Token;

const DECODE_TOKENS = 160;
const ROUNDS = 3;
const REF_CODES = 130;
/** About 100 phoneme tokens: a typical sentence of reference transcript plus input, as IPA. */
const PHONES =
  'tʃˈaː2w  mˈɔ2j  ŋˈɨə2j ,  hˈom  nˈaj  tʃˈəː2j  ɗˈɛ6p  kwˈaːɜ.  tˈoj  ɗˈaːŋ  ɗˈɔ6k  mˈo6t  ɓˈaː2j  vˈiəɜt  ŋˈaɜn  vˈe2  kˈoŋ  ŋˈe6 ';

export function benchCacheDir(): string {
  return resolve(process.env.VIENEU_BENCH_CACHE || join('bench', 'cache'));
}

/** The real-shape GGUF, generated on first use (about 15 s, 316 MB). */
export function ensureRealShapeGguf(log: (line: string) => void): string {
  const dir = benchCacheDir();
  const path = join(dir, 'vieneu-0.5b-shape-q4_0.gguf');
  if (!existsSync(path)) {
    mkdirSync(dir, { recursive: true });
    log(`local: generating ${path} (0.5B shape, Q4_0, random weights)…`);
    writeQwen2Gguf(`${path}.part`, qwen2Fixture(REAL_SHAPE_QWEN2));
    renameSync(`${path}.part`, path);
  }
  return path;
}

function refCodes(seed: number): number[] {
  return Array.from({ length: REF_CODES }, (_, i) => (i * 7919 + seed * 104729) % 65536);
}

/** Bare node-llama-cpp: prefill on a fresh sequence, then sample with no restriction; tokens/s of decoding. */
async function baselineRound(backbone: GgufBackbone, prompt: number[], threads: number, seed: number): Promise<{ prefillMs: number; decodeTokS: number }> {
  const context = await backbone.model.createContext({ contextSize: 2048, sequences: 1, threads, batchSize: 512 });
  try {
    const seq = context.getSequence();
    const t0 = performance.now();
    await seq.evaluateWithoutGeneratingNewTokens(prompt.slice(0, -1) as Token[]);
    const prefillMs = performance.now() - t0;
    let n = 0;
    let tFirst = 0;
    for await (const _tok of seq.evaluate(prompt.slice(-1) as Token[], { temperature: 1, topK: 50, topP: 1, minP: 0, seed })) {
      if (n === 0) tFirst = performance.now();
      if (++n > DECODE_TOKENS) break;
    }
    return { prefillMs, decodeTokS: (n - 1) / ((performance.now() - tFirst) / 1000) };
  } finally {
    await context.dispose();
  }
}

/** The engine's runner: same model, sampling restricted to speech tokens + end, as the engine runs it. */
async function engineRound(backbone: GgufBackbone, prompt: number[], seed: number): Promise<{ firstCodeMs: number; decodeTokS: number; codes: number }> {
  const t0 = performance.now();
  let n = 0;
  let tFirst = 0;
  for await (const _code of backbone.generate(prompt, { temperature: 1, topK: 50, maxNewTokens: DECODE_TOKENS + 1, seed })) {
    if (n === 0) tFirst = performance.now();
    n++;
  }
  return { firstCodeMs: tFirst - t0, decodeTokS: (n - 1) / ((performance.now() - tFirst) / 1000), codes: n };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const round1 = (x: number) => Math.round(x * 10) / 10;

export async function run(log: (line: string) => void): Promise<Figures> {
  const threads = Number(process.env.VIENEU_BENCH_THREADS) || Math.max(1, availableParallelism());
  const gguf = ensureRealShapeGguf(log);
  const modelBytes = statSync(gguf).size;
  const backbone = await loadGgufBackbone(gguf, { device: 'cpu', threads });
  try {
    const prompts = [0, 1, 2, 3, 4, 5, 6, 7].map(async (s) => backbone.tokenize(buildPrompt({ refPhonemes: PHONES, inputPhonemes: PHONES, refCodes: refCodes(s) })));
    const promptTokens = await Promise.all(prompts);
    const base: Array<{ prefillMs: number; decodeTokS: number }> = [];
    const eng: Array<{ firstCodeMs: number; decodeTokS: number; codes: number }> = [];
    // warm-up (page in the weights) outside the figures
    await engineRound(backbone, promptTokens[7], 99);
    for (let r = 0; r < ROUNDS; r++) {
      base.push(await baselineRound(backbone, promptTokens[r], threads, r + 1));
      eng.push(await engineRound(backbone, promptTokens[r + ROUNDS], r + 1));
    }
    const baselineTokS = median(base.map((b) => b.decodeTokS));
    const engineTokS = median(eng.map((e) => e.decodeTokS));
    const prefillMs = median(base.map((b) => b.prefillMs));
    log(`local: prompt ${promptTokens[0].length} tokens, ${threads} threads, model ${Math.round(modelBytes / 2 ** 20)} MB`);
    log(`local: decode tok/s  baseline (bare node-llama-cpp) ${round1(baselineTokS)}  |  engine ${round1(engineTokS)}  |  ratio ${(engineTokS / baselineTokS).toFixed(3)}`);
    log(`local: prefill ${Math.round(prefillMs)} ms (baseline, fresh sequence)`);
    return {
      decode_tok_s: round1(engineTokS),
      baseline_decode_tok_s: round1(baselineTokS),
      decode_ratio: Math.round((engineTokS / baselineTokS) * 1000) / 1000,
      prefill_ms: Math.round(prefillMs),
      prompt_tokens: promptTokens[0].length,
      model_mb: Math.round(modelBytes / 2 ** 20),
      threads,
      peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    };
  } finally {
    await backbone.dispose();
  }
}
