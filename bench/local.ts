// Local engine benchmark (the `local` object of bench/results.json), on a GGUF with the real 0.5B shape
// (hidden 896, 24 layers, 14/2 heads, FFN 4864, ~217k vocabulary, Q4_0; random weights, generated once into
// bench/cache/). Two phases in one run:
//  1. the product path alone (same loaders as the extension and the CLI, real text front-end, streaming
//     codec windows): time to first audio, real-time factor, codec cost, and the process's peak memory —
//     measured first, before the comparison below loads extra copies of the model;
//  2. decode speed side by side, interleaved run by run: the bare node-llama-cpp loop (baseline), the
//     engine's runner on the full model, and on the derived speech-head model (what the product loads).
import { peakRssMb as sectionPeakRssMb, resetPeakRss } from './peakRss';
import { statSync } from 'fs';
import { availableParallelism, loadavg } from 'os';
import { join, resolve } from 'path';
import { compareDecode } from '../src/local/backbone/bareLoop';
import { loadNeuCodecDecoder } from '../src/local/codec/neucodecDecoder';
import { defaultLoaders } from '../src/local/engine/defaultLoaders';
import { VieneuEngine } from '../src/local/engine/vieneuEngine';
import { writeCodecFixture } from '../src/local/fixtures/codecFixture';
import { ensureRealShapeGguf } from '../src/local/fixtures/writeFixtures';
import { TimeStretcher } from '../src/local/streaming/timeStretch';

type Figures = Record<string, number | string | boolean>;

const ROUNDS = 3;
const REF_CODES = 130;
/** Codes per engine request (5 s of audio): the random-weight model would otherwise run to the context end. */
const ENGINE_CODES = 250;
const DECODE_TOKENS = 96;
// With 130 reference codes these make about the prompt of a real request: a short sentence on a preset voice
// (~100 phoneme tokens with this fixture's byte-level tokenizer).
const REF_TEXT = 'Chào mọi người, hôm nay';
const INPUT_TEXT = 'trời đẹp quá, tôi đi dạo.';

export function benchCacheDir(): string {
  return resolve(process.env.VIENEU_BENCH_CACHE || join('bench', 'cache'));
}

function refCodes(seed: number): number[] {
  return Array.from({ length: REF_CODES }, (_, i) => (i * 7919 + seed * 104729) % 65536);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round1 = (x: number) => Math.round(x * 10) / 10;

export async function run(log: (line: string) => void): Promise<Figures> {
  resetPeakRss();
  // The product's own thread count (autoThreads: one fewer than the physical cores) unless told otherwise;
  // every runner below then uses the count the product resolved, the baseline included.
  const chosen = Number(process.env.VIENEU_BENCH_THREADS) || undefined;
  if (loadavg()[0] >= availableParallelism()) log(`local: load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores: figures will be low`);
  const cache = benchCacheDir();
  log(`local: preparing the 0.5B-shaped Q4_0 GGUF in ${cache} (generated once, about 300 MB)…`);
  const gguf = ensureRealShapeGguf(cache);
  const codecPath = join(cache, 'neucodec-fixture.onnx');
  writeCodecFixture(codecPath);
  const modelBytes = statSync(gguf).size + statSync(codecPath).size;
  const loaders = defaultLoaders();
  const backboneOptions = { threads: chosen, device: 'cpu' as const, format: 'gguf' as const, cacheDir: cache };

  // Phase 1: the product path.
  log(`local: loading the engine as the product does (${chosen ? `${chosen} threads, from VIENEU_BENCH_THREADS` : 'threads chosen by the product'})…`);
  const backbone = await loaders.backbone(gguf, backboneOptions);
  const threads = backbone.info.threads ?? chosen ?? 1;
  const codec = await loadNeuCodecDecoder(codecPath, { threads });
  let decodeMs = 0;
  let windowMs = 0;
  let decodeCalls = 0;
  const timedCodec = {
    sampleRate: codec.sampleRate,
    samplesPerCode: codec.samplesPerCode,
    async decode(codes: Int32Array) {
      const t0 = performance.now();
      const out = await codec.decode(codes);
      const dt = performance.now() - t0;
      decodeMs += dt;
      if (decodeCalls++ === 0) windowMs = dt;
      return out;
    },
    dispose: () => undefined,
  };
  const frontEnd = await loaders.frontEnd({ variant: 'v1-seed' });
  const engine = new VieneuEngine({ backbone, codec: timedCodec, frontEnd, maxNewTokens: ENGINE_CODES });
  const ttfas: number[] = [];
  const rtfs: number[] = [];
  let enginePrompt = 0;
  let audioSeconds = 0;
  const prefills: number[] = [];
  /** Decode step time inside these same requests (the budget must use the same conditions as TTFA). */
  const stepMs: number[] = [];
  const abortMs: Record<'prefill' | 'decode', number> = { prefill: NaN, decode: NaN };
  try {
    for (let r = 0; r <= ROUNDS; r++) {
      // A new voice each request: no prompt prefix is reused from the KV cache (a cold first request).
      const voice = { codes: refCodes(10 + r), text: REF_TEXT };
      const t0 = performance.now();
      let first = 0;
      let samples = 0;
      let tPrompt = 0;
      let tCode = 0;
      const observer = {
        onPrompt: (_i: number, n: number) => {
          enginePrompt = n;
          tPrompt = performance.now();
        },
        onCode: (_i: number, count: number) => {
          if (count === 1) tCode = performance.now();
          if (count === 30) stepMs.push((performance.now() - tCode) / 29);
        },
      };
      for await (const chunk of engine.synthesize({ text: INPUT_TEXT, voice, seed: r + 1 }, new AbortController().signal, observer)) {
        if (!first) first = performance.now() - t0;
        samples += chunk.samples.length;
      }
      if (r === 0) {
        log(`local: warm-up request done (${Math.round(first)} ms to first audio)`); // pages the weights in
        decodeMs = 0;
        stepMs.length = 0;
        continue;
      }
      ttfas.push(first);
      prefills.push(tCode - tPrompt);
      rtfs.push((performance.now() - t0) / 1000 / (samples / 24000));
      audioSeconds += samples / 24000;
      log(`local: request ${r}/${ROUNDS}: first audio after ${Math.round(first)} ms, ${(samples / 24000).toFixed(1)} s of audio`);
    }
    // How long an abort takes to end the stream, once during prefill and once while decoding.
    for (const [phase, delay] of [['prefill', 300], ['decode', Math.round(median(ttfas)) + 500]] as const) {
      const ac = new AbortController();
      let aborted = 0;
      setTimeout(() => {
        aborted = performance.now();
        ac.abort();
      }, delay);
      try {
        for await (const _chunk of engine.synthesize({ text: INPUT_TEXT, voice: { codes: refCodes(20 + delay), text: REF_TEXT }, seed: 9 }, ac.signal)) {
          /* playing */
        }
      } catch {
        /* the AbortError */
      }
      abortMs[phase] = performance.now() - aborted;
    }
  } finally {
    await codec.dispose();
    await backbone.dispose();
  }
  const peakRssMb = sectionPeakRssMb();
  const stretchMs = stretchCost();
  const speechHead = (backbone as { speechHead?: unknown }).speechHead !== undefined;

  // Phase 2: decode speed, bare loop vs runners, interleaved.
  log('local: decode comparison (bare node-llama-cpp loop, runner on the full model, runner on the speech-head model)…');
  const cmp = await compareDecode(gguf, { threads, decodeTokens: DECODE_TOKENS, repeats: ROUNDS, speechHeadCacheDir: join(cache, 'speech-head') });
  const product = speechHead && cmp.speechHead ? cmp.speechHead : cmp.engine;
  const engineTokS = product.decodeTokS;
  const ttfaMs = median(ttfas);
  // The product's own prefill (prompt evaluation up to the first code, as the engine runs it).
  const prefillMs = median(prefills);
  const ttfaBudget = prefillMs + 30 * median(stepMs) + windowMs + 50;
  const codecMsPerAudioS = decodeMs / audioSeconds;

  log(`local: model files ${Math.round(modelBytes / 2 ** 20)} MB; ${threads} threads; comparison prompt ${cmp.promptTokens} tokens, engine prompt ${enginePrompt} tokens`);
  log(
    `local: decode tok/s   baseline (bare loop) ${round1(cmp.baseline.decodeTokS)}   runner, full model ${round1(cmp.engine.decodeTokS)} (×${cmp.ratio.toFixed(3)})` +
      (cmp.speechHead ? `   runner, speech-head model ${round1(cmp.speechHead.decodeTokS)} (×${(cmp.speechHeadRatio ?? 0).toFixed(3)})` : ''),
  );
  log(
    `local: CPU ms/token   baseline ${cmp.baseline.decodeCpuMsPerToken.toFixed(1)}   full ${cmp.engine.decodeCpuMsPerToken.toFixed(1)}` +
      (cmp.speechHead ? `   speech-head ${cmp.speechHead.decodeCpuMsPerToken.toFixed(1)}` : ''),
  );
  log(`local: prefill to the first token: engine ${Math.round(prefillMs)} ms for its ${enginePrompt}-token prompt (batches of at most 32 tokens, sized to ~80 ms, abortable between them); comparison prompt: baseline ${Math.round(cmp.baseline.prefillMs)} ms, runner ${Math.round(product.prefillMs)} ms (512-token batches)`);
  log(`local: time to first audio ${Math.round(ttfaMs)} ms   budget (prefill ${Math.round(prefillMs)} + 30 × ${median(stepMs).toFixed(1)} ms steps + codec window ${Math.round(windowMs)} ms + 50 ms, all from the same requests) ${Math.round(ttfaBudget)} ms`);
  log(`local: real-time factor ${median(rtfs).toFixed(3)} (wall / audio, ${ENGINE_CODES} codes per request)`);
  log(`local: codec ${codecMsPerAudioS.toFixed(1)} ms per second of audio (NeuCodec-shaped ONNX fixture: real I/O, not the real decoder's weights)`);
  log(`local: abort → stream ended after ${Math.round(abortMs.prefill)} ms during prefill, ${Math.round(abortMs.decode)} ms while decoding (target 100 ms)`);
  log(`local: speaking rate ×1.25 (WSOLA time stretch, pitch kept): ${stretchMs.toFixed(1)} ms per second of audio`);
  log(`local: peak RSS ${peakRssMb} MB during the product phase   target: model files + 300 MB = ${Math.round(modelBytes / 2 ** 20) + 300} MB`);
  return {
    decode_tok_s: round1(engineTokS),
    baseline_decode_tok_s: round1(cmp.baseline.decodeTokS),
    decode_ratio: Math.round((engineTokS / cmp.baseline.decodeTokS) * 1000) / 1000,
    full_model_decode_tok_s: round1(cmp.engine.decodeTokS),
    // CPU time per token is steadier than wall time on a shared machine (one thread: it is the work done).
    decode_cpu_ms_per_token: round1(product.decodeCpuMsPerToken),
    baseline_cpu_ms_per_token: round1(cmp.baseline.decodeCpuMsPerToken),
    decode_cpu_ratio: Math.round((cmp.baseline.decodeCpuMsPerToken / product.decodeCpuMsPerToken) * 1000) / 1000,
    speech_head: speechHead,
    prefill_ms: Math.round(prefillMs),
    prompt_tokens: enginePrompt,
    ttfa_ms: Math.round(ttfaMs),
    ttfa_budget_ms: Math.round(ttfaBudget),
    rtf: Math.round(median(rtfs) * 1000) / 1000,
    peak_rss_mb: peakRssMb,
    model_mb: Math.round(modelBytes / 2 ** 20),
    codec_ms_per_audio_s: round1(codecMsPerAudioS),
    stretch_ms_per_audio_s: round1(stretchMs),
    abort_prefill_ms: Math.round(abortMs.prefill),
    abort_decode_ms: Math.round(abortMs.decode),
    threads,
  };
}

/** Cost of a speaking rate other than 1: 10 s of a voiced signal stretched ×1.25 in 0.5 s pieces (median of 3). */
function stretchCost(): number {
  const x = Float32Array.from({ length: 240000 }, (_, n) => Math.sin((2 * Math.PI * 150 * n) / 24000) * (0.6 + 0.3 * Math.sin(n / 3000)));
  const runs: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    const ts = new TimeStretcher(1.25, 24000);
    for (let i = 0; i < x.length; i += 12000) ts.push(x.subarray(i, i + 12000));
    ts.flush();
    runs.push((performance.now() - t0) / 10);
  }
  return median(runs);
}
