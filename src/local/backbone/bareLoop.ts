// Benchmark helpers: the bare node-llama-cpp decode loop (the baseline the engine is measured against), a
// realistic v1 prompt (about 130 reference codes and 100 phoneme tokens), and the same measurement through a
// Backbone runner, so a benchmark prints both side by side from one run.
import { checkVieneuGguf, getSharedLlama, loadGgufBackbone } from './ggufBackbone';
import type { Backbone } from './types';
import { UPSTREAM_MIN_P, UPSTREAM_TOP_P } from './speechSampler';

export interface DecodeMeasurement {
  promptTokens: number;
  prefillMs: number;
  decodedTokens: number;
  decodeMs: number;
  decodeTokS: number;
  /**
   * Process CPU milliseconds per decoded token. On a shared machine wall-clock speed swings with the other
   * load; with one thread, CPU time per token is the steadier measure of the work done.
   */
  decodeCpuMsPerToken: number;
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** A Vietnamese sentence in v1 phonemes (seed form: two spaces between words, trailing space). */
const PHONES = 'sˈin  tʃˈaː2w  ɓˈaː6n,  hˈom  nˈaj  tʃˈəː2j  ɗˈɛ6p  kwˈaːɜ.  tˈoj  vˈiɛ6t̪  nˈaːm ';

/**
 * The v1 chat prompt with `refCodes` reference codes and phoneme text grown until it tokenizes to at least
 * `phonemeTokens` tokens. Reference codes are spread over the speech range.
 */
export async function realisticPrompt(
  tokenize: (text: string) => Promise<number[]>,
  speechCount: number,
  options: { refCodes?: number; phonemeTokens?: number } = {},
): Promise<{ text: string; tokens: number[] }> {
  const refCodes = options.refCodes ?? 130;
  const want = options.phonemeTokens ?? 100;
  let phones = '';
  // Grow word by word: the count is what the model's own tokenizer makes of the text.
  const words = PHONES.split('  ');
  for (let i = 0; (await tokenize(phones)).length < want; i++) phones += (phones ? '  ' : '') + words[i % words.length];
  const codes = Array.from({ length: refCodes }, (_, i) => `<|speech_${(i * 7919) % speechCount}|>`).join('');
  const text = `user: Convert the text to speech:<|TEXT_PROMPT_START|>${phones} <|TEXT_PROMPT_END|>\nassistant:<|SPEECH_GENERATION_START|>${codes}`;
  return { text, tokens: await tokenize(text) };
}

export interface BareLoopOptions {
  threads?: number;
  device?: 'auto' | 'cpu';
  /** Tokens to decode after the prompt. */
  decodeTokens?: number;
  contextLength?: number;
  /** Prompt text (tokenized with special tokens); default: realisticPrompt(). */
  promptText?: string;
}

/**
 * The baseline: load the GGUF, prefill the prompt, then evaluate token after token with llama.cpp's own
 * sampler (temperature 1, top-k 50, upstream's top-p 0.95 and min-p 0.05), no restriction, no end check,
 * nothing else in the loop.
 */
export async function measureBareLoop(modelPath: string, options: BareLoopOptions = {}): Promise<DecodeMeasurement> {
  const { llama } = await getSharedLlama(options.device ?? 'cpu');
  const model = await llama.loadModel({ modelPath, gpuLayers: options.device === 'auto' ? 'auto' : 0 });
  try {
    const context = await model.createContext({ contextSize: options.contextLength ?? 2048, sequences: 1, threads: options.threads });
    try {
      const seq = context.getSequence();
      const speechCount = checkVieneuGguf(modelPath).speechTokenCount;
      const text = options.promptText ?? (await realisticPrompt(async (s) => model.tokenize(s, true) as number[], speechCount)).text;
      const prompt = model.tokenize(text, true);
      // Same split as measureBackbone: prefill = prompt + first sampled token, decode = the tokens after it.
      const n = options.decodeTokens ?? 64;
      const t0 = performance.now();
      let first = 0;
      let firstCpu = 0;
      let produced = 0;
      for await (const _token of seq.evaluate(prompt, { temperature: 1, topK: 50, topP: UPSTREAM_TOP_P, minP: UPSTREAM_MIN_P, seed: 1, yieldEogToken: true })) {
        if (produced++ === 0) {
          first = performance.now();
          firstCpu = cpuMs();
        }
        if (produced > n) break;
      }
      const decodeMs = performance.now() - first;
      const decoded = produced - 1;
      return {
        promptTokens: prompt.length,
        prefillMs: first - t0,
        decodedTokens: decoded,
        decodeMs,
        decodeTokS: (decoded / decodeMs) * 1000,
        decodeCpuMsPerToken: (cpuMs() - firstCpu) / decoded,
      };
    } finally {
      await context.dispose();
    }
  } finally {
    await model.dispose();
  }
}

/**
 * The same measurement through a runner: prefill = time to the first code (prompt + one sampling step),
 * decode = the following codes. The end token is not forced away, so a short run is reported as it is.
 */
export async function measureBackbone(backbone: Backbone, promptTokens: number[], decodeTokens = 64, seed = 1): Promise<DecodeMeasurement> {
  const t0 = performance.now();
  let first = 0;
  let firstCpu = 0;
  let produced = 0;
  for await (const _code of backbone.generate(promptTokens, { temperature: 1, topK: 50, maxNewTokens: decodeTokens + 1, seed })) {
    if (produced++ === 0) {
      first = performance.now();
      firstCpu = cpuMs();
    }
  }
  const end = performance.now();
  const cpu = cpuMs() - (firstCpu || cpuMs());
  const decoded = Math.max(0, produced - 1);
  const decodeMs = end - (first || end);
  return {
    promptTokens: promptTokens.length,
    prefillMs: (first || end) - t0,
    decodedTokens: decoded,
    decodeMs,
    decodeTokS: decoded ? (decoded / decodeMs) * 1000 : 0,
    decodeCpuMsPerToken: decoded ? cpu / decoded : 0,
  };
}

export interface DecodeComparison {
  threads: number | undefined;
  promptTokens: number;
  /** Medians over the repeats. */
  baseline: DecodeMeasurement;
  engine: DecodeMeasurement;
  /** The runner on the derived speech-head model, when a cache folder was given. */
  speechHead?: DecodeMeasurement;
  /** engine / baseline decode tokens per second. */
  ratio: number;
  speechHeadRatio?: number;
}

function median(ms: DecodeMeasurement[]): DecodeMeasurement {
  const pick = (f: (m: DecodeMeasurement) => number) => {
    const v = ms.map(f).sort((a, b) => a - b);
    return v[v.length >> 1];
  };
  return {
    promptTokens: ms[0].promptTokens,
    prefillMs: pick((m) => m.prefillMs),
    decodedTokens: pick((m) => m.decodedTokens),
    decodeMs: pick((m) => m.decodeMs),
    decodeTokS: pick((m) => m.decodeTokS),
    decodeCpuMsPerToken: pick((m) => m.decodeCpuMsPerToken),
  };
}

/**
 * Bare loop, GGUF runner (and the speech-head runner) on the realistic prompt, interleaved run by run so a
 * change in the machine's other load hits all of them alike. Every run starts from an empty KV cache.
 */
export async function compareDecode(
  modelPath: string,
  options: { threads?: number; device?: 'auto' | 'cpu'; decodeTokens?: number; repeats?: number; speechHeadCacheDir?: string } = {},
): Promise<DecodeComparison> {
  const decodeTokens = options.decodeTokens ?? 64;
  const common = { threads: options.threads, device: options.device };
  const engine = await loadGgufBackbone(modelPath, common);
  const head = options.speechHeadCacheDir ? await loadGgufBackbone(modelPath, { ...common, speechHeadCacheDir: options.speechHeadCacheDir }) : undefined;
  try {
    const prompt = await realisticPrompt((s) => engine.tokenize(s), engine.info.speechTokenCount);
    const runs: Record<'baseline' | 'engine' | 'head', DecodeMeasurement[]> = { baseline: [], engine: [], head: [] };
    for (let r = 0; r < (options.repeats ?? 2); r++) {
      runs.baseline.push(await measureBareLoop(modelPath, { ...common, decodeTokens, promptText: prompt.text }));
      await engine.clearCache();
      runs.engine.push(await measureBackbone(engine, prompt.tokens, decodeTokens, r + 1));
      if (head) {
        await head.clearCache();
        runs.head.push(await measureBackbone(head, prompt.tokens, decodeTokens, r + 1));
      }
    }
    const baseline = median(runs.baseline);
    const eng = median(runs.engine);
    const sh = head ? median(runs.head) : undefined;
    return {
      threads: options.threads,
      promptTokens: prompt.tokens.length,
      baseline,
      engine: eng,
      speechHead: sh,
      ratio: eng.decodeTokS / baseline.decodeTokS,
      speechHeadRatio: sh ? sh.decodeTokS / baseline.decodeTokS : undefined,
    };
  } finally {
    await engine.dispose();
    await head?.dispose();
  }
}
