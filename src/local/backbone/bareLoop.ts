// Benchmark helpers: the bare node-llama-cpp decode loop (the baseline the engine is measured against), a
// realistic v1 prompt (about 130 reference codes and 100 phoneme tokens), and the same measurement through a
// Backbone runner, so a benchmark prints both side by side from one run.
import type { Token } from 'node-llama-cpp' with { 'resolution-mode': 'import' };
import { checkVieneuGguf, getSharedLlama } from './ggufBackbone';
import type { Backbone } from './types';

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
 * sampler (temperature 1, top-k 50), no restriction, no end check, nothing else in the loop.
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
      const t0 = performance.now();
      await seq.evaluateWithoutGeneratingNewTokens(prompt.slice(0, -1));
      const prefillMs = performance.now() - t0;
      const n = options.decodeTokens ?? 64;
      let produced = 0;
      const t1 = performance.now();
      const c1 = cpuMs();
      for await (const _token of seq.evaluate([prompt[prompt.length - 1]] as Token[], { temperature: 1, topK: 50, topP: 1, seed: 1, yieldEogToken: true })) {
        if (++produced >= n) break;
      }
      const decodeMs = performance.now() - t1;
      const cpu = cpuMs() - c1;
      return {
        promptTokens: prompt.length,
        prefillMs,
        decodedTokens: produced,
        decodeMs,
        decodeTokS: (produced / decodeMs) * 1000,
        decodeCpuMsPerToken: cpu / produced,
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
