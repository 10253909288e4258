// v3 Turbo benchmark (the `v3` object of bench/results.json), on a backbone with the real v3 Turbo shape
// (hidden 768, 12 layers, 12/4 heads, FFN 3072 assumed, 16 × 1024 audio vocabulary; random fp32 weights,
// ~460 MB, generated once into bench/cache/) and the MOSS-shaped codec fixture (real I/O and state layout,
// not the real decoder's cost). Phases in one run:
//  1. head products alone: 16 codebooks × (768 → 1024) per frame as typed-array loops vs MatMul graphs;
//  2. the product path (loadV3Model + V3Engine, preset voice, one sentence, threads as the product chooses):
//     time to first audio, real-time factor, the frame split, peak RSS — before anything else is loaded;
//  3. the bare loop: the same three sessions called directly (prefill, 16 acoustic runs + argmax heads,
//     decode step, codec every 8 frames) with nothing of the product in between: baseline RTF and ratio;
//  and the memory-bandwidth floor of fp32 on this machine (bench/v3Floor.ts).
import { peakRssMb as sectionPeakRssMb, resetPeakRss } from './peakRss';
import { existsSync, readFileSync, statSync, readdirSync } from 'fs';
import { cpus } from 'os';
import { join, resolve } from 'path';
import { writeMossCodec } from '../src/local/fixtures/v3/mossCodecFixture';
import { REAL_SHAPE_V3, V3_FILES, writeV3Backbone } from '../src/local/fixtures/v3/v3BackboneFixture';
import { loadV3Model } from '../src/local/v3/loadV3';
import { loadMossCodec } from '../src/local/v3/mossCodec';
import { V3Engine } from '../src/local/v3/v3Engine';
import { phonemeFrontEnd } from '../src/local/v3/v3FrontEnd';
import { rowDots } from '../src/local/v3/v3Heads';
import { readNpz } from '../src/local/v3/npz';
import { BpeTokenizer } from '../src/local/backbone/bpeTokenizer';
import { buildPromptGrid, embedRows, speakerAnchor } from '../src/local/v3/v3Prompt';
import { createHeadSessions, createV3Session, upstreamThreads, type HeadMode } from '../src/local/v3/v3Runner';
import { hasVnni } from '../src/local/v3/cpuFeatures';
import { bytesPerFrame, gemvBandwidth } from './v3Floor';

type Figures = Record<string, number | string | boolean>;
type Ort = typeof import('onnxruntime-node');

const ROUNDS = 2;
/** Frames per request (4 s of audio): the random-weight model never ends on its own. */
const FRAMES = 50;
const PHONEMES = 'sˈin tʃˈaː2w kˈaːɜk ɓˈaː6n, hˈom nˈaj tʃˈəː2j ɗˈɛ6p kwˈaːɜ, tʃˈuːŋ tˈaː ɗˈi tʃˈəːj ɲˈɛ.';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const r1 = (x: number) => Math.round(x * 10) / 10;
const r3 = (x: number) => Math.round(x * 1000) / 1000;

export function benchCacheDir(): string {
  return resolve(process.env.VIENEU_BENCH_CACHE || join('bench', 'cache'));
}

function ensureFixtures(cache: string, log: (l: string) => void): { backbone: string; codec: string } {
  const tag = JSON.stringify(REAL_SHAPE_V3);
  let h = 2166136261;
  for (let i = 0; i < tag.length; i++) h = Math.imul(h ^ tag.charCodeAt(i), 16777619) >>> 0;
  const backbone = join(cache, `v3-turbo-shape-${h.toString(16)}`);
  if (!existsSync(join(backbone, V3_FILES.voices))) {
    log(`v3: writing the real-shape v3 Turbo fixture into ${backbone} (once, ~460 MB)…`);
    writeV3Backbone(backbone, REAL_SHAPE_V3);
  }
  const codec = join(cache, 'moss-codec-fixture');
  if (!existsSync(join(codec, 'codec_browser_onnx_meta.json'))) writeMossCodec(codec);
  return { backbone, codec };
}

function folderMb(dir: string): number {
  return readdirSync(dir).reduce((s, f) => s + statSync(join(dir, f)).size, 0) / 2 ** 20;
}

async function headsCompare(ort: Ort, backbone: string, threads: number): Promise<{ js: number; onnx: number }> {
  const { runner } = await loadV3Model(backbone, join(benchCacheDir(), 'moss-codec-fixture'), { threads, heads: 'onnx' }).then((m) => ({ runner: m.runner, dispose: m.dispose }));
  const H = runner.heads.hidden;
  const vec = Float32Array.from({ length: H }, (_, i) => Math.sin(i));
  const out = new Float32Array(runner.heads.audioRows);
  const sessions = (runner as unknown as { s: { heads: Array<import('onnxruntime-node').InferenceSession> } }).s.heads;
  const js: number[] = [];
  const onnx: number[] = [];
  for (let r = 0; r < 5; r++) {
    let t0 = performance.now();
    for (let ch = 0; ch < 16; ch++) rowDots(vec, 0, runner.heads.audioEmb, ch * runner.heads.audioRows, runner.heads.audioRows, H, out);
    js.push(performance.now() - t0);
    t0 = performance.now();
    for (let ch = 0; ch < 16; ch++) await sessions[ch].run({ hidden: new ort.Tensor('float32', vec, [1, H]) });
    onnx.push(performance.now() - t0);
  }
  await runner.dispose();
  return { js: median(js), onnx: median(onnx) };
}

export async function run(log: (line: string) => void): Promise<Figures> {
  const cache = benchCacheDir();
  const { backbone, codec: codecDir } = ensureFixtures(cache, log);
  const threads = Number(process.env.VIENEU_BENCH_THREADS) || upstreamThreads();
  const heads: HeadMode = (process.env.VIENEU_BENCH_V3_HEADS as HeadMode) || 'onnx';
  const modelMb = folderMb(backbone) - statSync(join(backbone, V3_FILES.voices)).size / 2 ** 20 + folderMb(codecDir);

  // Phase 2 first (peak RSS of the product alone; memory another section left behind is reported beside it).
  resetPeakRss();
  const rssAtStartMb = Math.round(process.memoryUsage().rss / 2 ** 20);
  log(`v3: product path (${threads} thread${threads > 1 ? 's' : ''}, ${heads} head products, ${FRAMES} frames a request)…`);
  const model = await loadV3Model(backbone, codecDir, { threads, heads });
  const voice = model.voices.voices[0];
  const engine = new V3Engine({ runner: model.runner, codec: model.codec, frontEnd: phonemeFrontEnd(PHONEMES) });
  const ttfa: number[] = [];
  const rtf: number[] = [];
  const frameMs: number[] = [];
  let codecMs = 0;
  let split = { decode: 0, acoustic: 0, heads: 0, sampling: 0, prefill: 0, frames: 0 };
  for (let r = 0; r <= ROUNDS; r++) {
    model.runner.resetTimes();
    let codecR = 0;
    const t0 = performance.now();
    let first = 0;
    let samples = 0;
    for await (const c of engine.synthesize({ text: 'x', voice, seed: r + 1, maxNewFrames: FRAMES }, new AbortController().signal, { onCodec: (_i, _f, ms) => (codecR += ms) })) {
      if (!first) first = performance.now() - t0;
      samples += c.samples.length;
    }
    const wall = performance.now() - t0;
    if (r === 0) {
      log(`v3: warm-up request: first audio after ${Math.round(first)} ms`);
      continue;
    }
    ttfa.push(first);
    rtf.push(wall / 1000 / (samples / 48000));
    frameMs.push((wall - model.runner.times.prefill) / model.runner.times.frames);
    codecMs += codecR;
    const t = model.runner.times;
    split = { decode: split.decode + t.decode, acoustic: split.acoustic + t.acoustic, heads: split.heads + t.heads, sampling: split.sampling + t.sampling, prefill: split.prefill + t.prefill, frames: split.frames + t.frames };
    log(`v3: request ${r}/${ROUNDS}: first audio ${Math.round(first)} ms, RTF ${r3(wall / 1000 / (samples / 48000))}, ${t.frames} frames`);
  }
  const peakRssMb = sectionPeakRssMb();
  const mem = smaps();
  const promptRows = buildPromptGrid(model.runner.tokenize(PHONEMES), voice.codes, model.runner.config).rows;
  await model.dispose();
  const per = (x: number) => r1(x / split.frames);

  // Phase 1: heads alone.
  const ort = (await import('onnxruntime-node')) as Ort;
  const hc = await headsCompare(ort, backbone, threads);
  log(`v3: 16 head products per frame: typed-array loops ${hc.js.toFixed(2)} ms, MatMul graphs ${hc.onnx.toFixed(2)} ms → ${hc.js <= hc.onnx ? 'loops' : 'graphs'} win`);

  // The bandwidth floor: what the weights streamed per frame cost at the rate onnxruntime's GEMV reaches here.
  const bytes = bytesPerFrame(backbone);
  const bw1 = await gemvBandwidth(ort, threads);
  const bw2 = cpus().length > 1 && threads !== 2 ? await gemvBandwidth(ort, 2) : undefined;
  const floorMs = (bw: number) => (bytes.frame / 1e9 / bw) * 1000;
  log(`v3: a frame streams ${r1(bytes.frame / 2 ** 20)} MB of fp32 weights (backbone ${r1(bytes.backbone / 2 ** 20)} MB once, acoustic ${r1(bytes.acoustic / 2 ** 20)} MB × 16); onnxruntime's GEMV streams ${r1(bw1)} GB/s with ${threads} thread(s)${bw2 ? `, ${r1(bw2)} GB/s with 2` : ''} → floor ${r1(floorMs(bw1))} ms/frame = RTF ${r3(floorMs(bw1) / 80)}${bw2 ? ` (2 threads: RTF ${r3(floorMs(bw2) / 80)})` : ''}; RTF 0.5 needs ${r1(bytes.frame / 1e9 / 0.04)} GB/s`);

  // Phase 3: the bare loop and the product again, request by request in turn (a shared machine's load moves).
  log('v3: bare loop on the same sessions, interleaved with product requests…');
  const bareRunner = await bareLoop(ort, backbone, codecDir, threads, voice.speakerEmb, voice.codes, heads);
  const again = await loadV3Model(backbone, codecDir, { threads, heads });
  const engine2 = new V3Engine({ runner: again.runner, codec: again.codec, frontEnd: phonemeFrontEnd(PHONEMES) });
  const bareMs: number[] = [];
  const productMs: number[] = [];
  for (let r = 0; r <= ROUNDS; r++) {
    const b = await bareRunner.once();
    again.runner.resetTimes();
    const t0 = performance.now();
    for await (const c of engine2.synthesize({ text: 'x', voice, temperature: 0, maxNewFrames: FRAMES }, new AbortController().signal)) void c;
    const p = (performance.now() - t0 - again.runner.times.prefill) / again.runner.times.frames;
    if (r === 0) continue;
    bareMs.push(b);
    productMs.push(p);
    log(`v3: round ${r}: bare loop ${r1(b)} ms/frame, product ${r1(p)} ms/frame`);
  }
  await bareRunner.release();
  await again.dispose();
  const bare = { frameMs: median(bareMs), rtf: median(bareMs) / 80 };
  const productFrame = median(frameMs);
  const ratio = bare.frameMs / median(productMs);
  log(`v3: model files ${Math.round(modelMb)} MB; prompt ${promptRows} rows; ${threads} thread(s); CPU ${cpus()[0]?.model ?? '?'}; VNNI ${hasVnni() ? 'yes' : 'no'}`);
  log(`v3: per frame: product ${r1(productFrame)} ms (decode step ${per(split.decode)}, 16 acoustic steps ${per(split.acoustic)}, heads ${per(split.heads)}, sampling ${per(split.sampling)}, codec ${r1(codecMs / split.frames)}, other ${r1(productFrame - (split.decode + split.acoustic + split.heads + split.sampling + codecMs) / split.frames)}) ; interleaved: bare loop ${r1(bare.frameMs)} ms vs product ${r1(median(productMs))} ms → ratio ${r3(ratio)} (goal ≥ 0.95)`);
  log(`v3: RTF ${r3(median(rtf))} (goal ≤ 0.5; a frame is 80 ms of audio)   baseline RTF ${r3(bare.rtf)}`);
  log(`v3: time to first audio ${Math.round(median(ttfa))} ms (goal ≤ 350)`);
  log(`v3: peak RSS ${peakRssMb} MB during the product phase (${rssAtStartMb} MB when the section started); goal model files + 300 MB = ${Math.round(modelMb) + 300} MB`);
  if (mem) log(`v3: at the end of it: RSS ${mem.rss} MB, PSS ${mem.pss} MB, private ${mem.anon} MB — RSS counts the shared .data pages once per session that maps them (prefill and decode step), PSS once`);
  log(`v3: int8: ${hasVnni() ? 'not measured (no int8 fixture)' : 'skipped — this CPU has no VNNI, and upstream reports distorted int8 audio without it'}`);
  return {
    rtf: r3(median(rtf)),
    ttfa_ms: Math.round(median(ttfa)),
    baseline_rtf: r3(bare.rtf),
    ratio: r3(ratio),
    frame_ms: r1(productFrame),
    frame_decode_ms: per(split.decode),
    frame_acoustic_ms: per(split.acoustic),
    frame_heads_ms: per(split.heads),
    frame_sampling_ms: per(split.sampling),
    frame_codec_ms: r1(codecMs / split.frames),
    // Tensor copies in and out of onnxruntime (the KV caches), embedding rows, scheduling.
    frame_other_ms: r1(productFrame - (split.decode + split.acoustic + split.heads + split.sampling + codecMs) / split.frames),
    prefill_ms: r1(split.prefill / ROUNDS),
    prompt_rows: promptRows,
    baseline_frame_ms: r1(bare.frameMs),
    interleaved_product_frame_ms: r1(median(productMs)),
    heads_js_ms: r1(hc.js),
    heads_onnx_ms: r1(hc.onnx),
    heads_mode: heads,
    frame_weight_mb: r1(bytes.frame / 2 ** 20),
    gemv_gb_s: r1(bw1),
    ...(bw2 ? { gemv_gb_s_2_threads: r1(bw2), floor_rtf_2_threads: r3(floorMs(bw2) / 80) } : {}),
    // The fastest this fp32 model can run here, whatever the code: weights streamed per frame / GEMV bandwidth.
    floor_rtf: r3(floorMs(bw1) / 80),
    // 1 = the product runs at the bandwidth floor.
    floor_ratio: r3(floorMs(bw1) / productFrame),
    peak_rss_mb: peakRssMb,
    // RSS when the section started: above ~60 MB it holds what an earlier section left (run `--only v3` alone).
    rss_at_start_mb: rssAtStartMb,
    ...(mem ? { pss_mb: mem.pss, private_mb: mem.anon } : {}),
    model_mb: Math.round(modelMb),
    threads,
    vnni: hasVnni(),
    int8: hasVnni() ? 'not measured' : 'skipped (no VNNI)',
  };
}

/** Linux only: resident, proportional and anonymous memory of this process (MB). */
function smaps(): { rss: number; pss: number; anon: number } | undefined {
  try {
    const text = readFileSync('/proc/self/smaps_rollup', 'utf8');
    const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(text)?.[1] ?? NaN);
    return { rss: Math.round(kb('Rss') / 1024), pss: Math.round(kb('Pss') / 1024), anon: Math.round(kb('Anonymous') / 1024) };
  } catch {
    return undefined;
  }
}

/** The same sessions in a plain loop: greedy codes, fixed 8-frame codec groups, no observer, no guard. */
async function bareLoop(ort: Ort, dir: string, codecDir: string, threads: number, spk: Float32Array, ref: Int32Array, headMode: HeadMode): Promise<{ once(): Promise<number>; release(): Promise<void> }> {
  const z = readNpz(readFileSync(join(dir, V3_FILES.heads)));
  const cfg = JSON.parse(readFileSync(join(dir, V3_FILES.config), 'utf8')) as Record<string, number>;
  const H = cfg.hidden_size;
  const L = cfg.num_hidden_layers;
  const textEmb = z.get('text_emb')!.data as Float32Array;
  const audioEmb = z.get('audio_emb')!.data as Float32Array;
  const heads = { hidden: H, textRows: 419, nVq: 16, audioRows: 1024, textEmb, audioEmb, xvec: { w: z.get('xvec_w')!.data as Float32Array, b: z.get('xvec_b')!.data as Float32Array, lnW: z.get('xvec_ln_w')!.data as Float32Array, lnB: z.get('xvec_ln_b')!.data as Float32Array, eps: 1e-5, dim: 192 } };
  const pre = await createV3Session(ort, join(dir, V3_FILES.prefill), threads);
  const dec = await createV3Session(ort, join(dir, V3_FILES.decodeStep), threads);
  const ac = await createV3Session(ort, join(dir, V3_FILES.acoustic), threads);
  const codec = await loadMossCodec(codecDir, { threads });
  const tok = BpeTokenizer.fromFile(join(dir, V3_FILES.tokenizer));
  const ids = { nVq: 16, tps: 3, tpe: 4, styleId: 16, refSlot: 7, audioPad: 1024 };
  const anchor = speakerAnchor(heads, spk);
  const grid = buildPromptGrid(tok.encode(PHONEMES), ref, ids);
  const embeds = embedRows(grid, heads, 1024, anchor);
  const logits = new Float32Array(1024);
  const textLogits = new Float32Array(419);
  const empty = new ort.Tensor('float32', new Float32Array(0), [1, 8, 0, H / 8]);
  const headSessions = headMode === 'onnx' ? await createHeadSessions(ort, heads, threads) : undefined;
  /** The same head product the product uses (MatMul graph or typed-array loop). */
  const head = async (ch: number, vec: Float32Array, off: number, out: Float32Array): Promise<Float32Array> => {
    if (!headSessions) return rowDots(vec, off, ch === 16 ? textEmb : audioEmb, ch === 16 ? 0 : ch * 1024, ch === 16 ? 419 : 1024, H, out);
    const r = await headSessions[ch].run({ hidden: new ort.Tensor('float32', vec.slice(off, off + H), [1, H]) });
    return r.logits.data as Float32Array;
  };
  const once = async (): Promise<number> => {
    const t0 = performance.now();
    let out = await pre.run({ inputs_embeds: new ort.Tensor('float32', embeds, [1, grid.rows, H]) });
    let h: Float32Array = (out.hidden.data as Float32Array).slice((grid.rows - 1) * H);
    const tPrefill = performance.now() - t0;
    const stream = codec.stream();
    const pending: number[] = [];
    for (let t = 0; t < FRAMES; t++) {
      const tokIn = new Float32Array(2 * H);
      tokIn.set(h.subarray(0, H));
      tokIn.set(textEmb.subarray(5 * H, 6 * H), H);
      let a = await ac.run({ token_emb: new ort.Tensor('float32', tokIn, [1, 2, H]), position_ids: new ort.Tensor('int64', BigInt64Array.of(0n, 1n), [1, 2]), past_k_0: empty, past_v_0: empty });
      const hd = a.hidden.data as Float32Array;
      await head(16, hd, 0, textLogits);
      const codes: number[] = [];
      let vec: Float32Array = hd;
      let off = H;
      for (let ch = 0; ch < 16; ch++) {
        if (ch > 0) {
          const row = (ch - 1) * 1024 + codes[ch - 1];
          a = await ac.run({ token_emb: new ort.Tensor('float32', audioEmb.slice(row * H, (row + 1) * H), [1, 1, H]), position_ids: new ort.Tensor('int64', BigInt64Array.of(BigInt(ch + 1)), [1, 1]), past_k_0: a.present_k_0, past_v_0: a.present_v_0 });
          vec = a.hidden.data as Float32Array;
          off = 0;
        }
        const lg = await head(ch, vec, off, logits);
        let best = 0;
        for (let i = 1; i < 1024; i++) if (lg[i] > lg[best]) best = i;
        codes.push(best);
      }
      pending.push(...codes);
      const row = textEmb.slice(5 * H, 6 * H);
      for (let ch = 0; ch < 16; ch++) for (let k = 0; k < H; k++) row[k] += audioEmb[(ch * 1024 + codes[ch]) * H + k];
      for (let k = 0; k < H; k++) row[k] += anchor[k];
      const feeds: Record<string, import('onnxruntime-node').Tensor> = { inputs_embeds: new ort.Tensor('float32', row, [1, 1, H]), position_ids: new ort.Tensor('int64', BigInt64Array.of(BigInt(grid.rows + t)), [1, 1]) };
      for (let i = 0; i < L; i++) {
        feeds[`past_k_${i}`] = out[`present_k_${i}`];
        feeds[`past_v_${i}`] = out[`present_v_${i}`];
      }
      out = await dec.run(feeds);
      h = out.hidden.data as Float32Array;
      if (pending.length === 8 * 16) await stream.decode(Int32Array.from(pending.splice(0)), 8);
    }
    if (pending.length) {
      const n = pending.length / 16;
      await stream.decode(Int32Array.from(pending.splice(0)), n);
    }
    return (performance.now() - t0 - tPrefill) / FRAMES;
  };
  const release = async () => void (await Promise.all([pre.release(), dec.release(), ac.release(), codec.dispose(), ...(headSessions ?? []).map((x) => x.release())]));
  return { once, release };
}
