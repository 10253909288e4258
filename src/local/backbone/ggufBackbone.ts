// The GGUF backbone runner: llama.cpp through node-llama-cpp. Sampling stays native (top-k, top-p, min-p,
// temperature and the speech-only restriction run inside llama.cpp's sampler chain), so JavaScript only sees one token id per
// step. The file is checked in TypeScript first: a corrupt or foreign file gets a clear message instead of
// reaching native code.
import { abortError, throwIfAborted, UserError } from '../../core/errors';
import { t } from '../../core/strings';
import { GgufFormatError, readGgufHeader } from './ggufReader';
import { deriveSpeechHeadGguf, sourceTokensOnSpeechHead, specialsAreBracketed, type SpeechHeadModel } from './speechHeadGguf';
import { PREFILL_BATCH_MS, prefillBatchSize } from './prefillBatch';
import { UPSTREAM_MIN_P, UPSTREAM_TOP_P } from './speechSampler';
import { findSpeechVocab } from './speechVocab';
import type { Backbone, BackboneInfo, GenerateOptions } from './types';

import type {
  Llama,
  LlamaContext,
  LlamaContextSequence,
  LlamaModel,
  Token,
  TokenBias,
} from 'node-llama-cpp' with { 'resolution-mode': 'import' };

type NodeLlamaCpp = typeof import('node-llama-cpp', { with: { 'resolution-mode': 'import' } });

export interface GgufBackboneOptions {
  /** 'auto' uses a GPU build of llama.cpp when this machine has one; 'cpu' never does. */
  device?: 'auto' | 'cpu';
  /** CPU threads for decoding; undefined or 0: autoThreads() of the CPU's physical cores. */
  threads?: number;
  /** Context window in tokens (prompt + generated). */
  contextLength?: number;
  /** Most prompt tokens per llama.cpp batch while prefilling; an abort is noticed between batches. */
  prefillBatch?: number;
  /**
   * Target time of one prefill batch in ms (default PREFILL_BATCH_MS, see prefillBatch.ts): batches shrink on a
   * machine too slow to evaluate `prefillBatch` tokens in that time. 0: fixed.
   */
  prefillBatchMs?: number;
  /**
   * Folder for the derived speech-head model (see speechHeadGguf.ts): built once per model file, it reads
   * about a third fewer weights per token on the 0.5B shape. Undefined: run the file as it is.
   */
  speechHeadCacheDir?: string;
}

/**
 * Decoding threads when the user has not chosen: one fewer than the physical cores, leaving one to the editor
 * and the audio. llama.cpp's threads wait for each other by spinning, so one busy core stalls them all;
 * measured on a 2-core VM (0.5B shape): 1 thread 60 tok/s vs 2 threads 54 quiet, 62 vs 16 with one core busy.
 */
export function autoThreads(physicalCores: number): number {
  return Math.max(1, Math.floor(physicalCores) - 1);
}

const llamas = new Map<string, Promise<Llama>>();

/** One llama.cpp instance per device kind for the whole process (loading the bindings is the slow part). */
export async function getSharedLlama(device: 'auto' | 'cpu' = 'cpu'): Promise<{ llama: Llama; lib: NodeLlamaCpp }> {
  const lib = await import('node-llama-cpp');
  let p = llamas.get(device);
  if (!p) {
    p = lib.getLlama({
      gpu: device === 'auto' ? 'auto' : false,
      build: 'never',
      usePrebuiltBinaries: true,
      progressLogs: false,
      logLevel: lib.LlamaLogLevel.error,
    });
    llamas.set(device, p);
    p.catch(() => llamas.delete(device));
  }
  return { llama: await p, lib };
}

interface CheckedGguf {
  architecture: string;
  contextLength: number;
  tokens: string[];
  tokenIndex: Map<string, number>;
  /** llama.cpp token types (1 normal, 3 control, 4 user-defined), when the file lists them. */
  tokenTypes: number[];
  /** The BOS token to put before every prompt, when the file asks for one (see bosToPrepend). */
  bosTokenId?: number;
}

/**
 * The token llama-cpp-python puts before a prompt: it tokenizes with add_bos, and llama.cpp then adds BOS when
 * the vocabulary says so - tokenizer.ggml.add_bos_token when the file has it, otherwise the tokenizer type's
 * default (SentencePiece yes; byte-level BPE as in Qwen2, no). node-llama-cpp's tokenize() never adds it.
 */
export function bosToPrepend(metadata: ReadonlyMap<string, unknown>, vocabSize: number): number | undefined {
  const flag = metadata.get('tokenizer.ggml.add_bos_token');
  const add = typeof flag === 'boolean' ? flag : metadata.get('tokenizer.ggml.model') === 'llama';
  const id = Number(metadata.get('tokenizer.ggml.bos_token_id'));
  return add && Number.isInteger(id) && id >= 0 && id < vocabSize ? id : undefined;
}

/** Reads and checks the header; throws a UserError that says what is wrong with the file. */
export function checkVieneuGguf(path: string): CheckedGguf & ReturnType<typeof findSpeechVocab> & object {
  let header;
  try {
    header = readGgufHeader(path);
  } catch (err) {
    const why = err instanceof GgufFormatError ? err.message : (err as Error).message;
    throw new UserError(t('localBackboneNotGguf', path, why), 'model', t('localBackboneFix'), [], { cause: err });
  }
  const architecture = String(header.metadata.get('general.architecture') ?? 'unknown');
  const tokens = header.metadata.get('tokenizer.ggml.tokens');
  if (!Array.isArray(tokens)) {
    throw new UserError(t('localBackboneNotGguf', path, 'no tokenizer.ggml.tokens'), 'model', t('localBackboneFix'));
  }
  const tokenIndex = new Map<string, number>();
  tokens.forEach((s, i) => tokenIndex.set(String(s), i));
  const speech = findSpeechVocab(
    tokens.length,
    (p) => tokenIndex.get(p),
    (i) => tokens[i] as string | undefined,
  );
  if (!speech) throw new UserError(t('localBackboneNotVieneu', path, architecture), 'model', t('localBackboneFix'));
  const contextLength = Number(header.metadata.get(`${architecture}.context_length`) ?? 2048);
  const types = header.metadata.get('tokenizer.ggml.token_type');
  const tokenTypes = Array.isArray(types) ? (types as number[]) : [];
  const bosTokenId = bosToPrepend(header.metadata, tokens.length);
  return { architecture, contextLength, tokens: tokens as string[], tokenIndex, tokenTypes, bosTokenId, ...speech };
}

/** The fixed text of the v1 prompt templates: their tokens must survive in a speech-head model. */
const TEMPLATE_TEXTS = [
  'user: Convert the text to speech:<|TEXT_PROMPT_START|>',
  ' <|TEXT_PROMPT_END|>\nassistant:<|SPEECH_GENERATION_START|>',
  '<|TEXT_PROMPT_END|><|SPEECH_GENERATION_START|>',
];

export async function loadGgufBackbone(path: string, options: GgufBackboneOptions = {}): Promise<GgufBackbone> {
  const checked = checkVieneuGguf(path);
  const { llama, lib } = await getSharedLlama(options.device ?? 'cpu');
  const contextLength = Math.min(options.contextLength ?? 2048, Math.max(checked.contextLength, 256));
  const gpuLayers = options.device === 'auto' ? 'auto' : 0;
  let head: SpeechHeadModel | undefined;
  if (options.speechHeadCacheDir && checked.tokenTypes.length === checked.tokens.length && specialsAreBracketed(checked.tokens, checked.tokenTypes)) {
    let vocabModel: LlamaModel | undefined;
    try {
      // The source vocabulary is loaded only to build the derived file (vocabulary-only: no weights), and
      // let go before the weights load.
      const pieces = TEMPLATE_TEXTS.flatMap((s) => s.split(/<\|[^<>|]*\|>/)).filter(Boolean);
      head = await deriveSpeechHeadGguf(path, options.speechHeadCacheDir, [...new Set(pieces)], async () => {
        vocabModel = await llama.loadModel({ modelPath: path, vocabOnly: true });
        return (text) => vocabModel!.tokenize(text, false) as number[];
      });
    } catch {
      // No derived model (unsupported tensor type, read-only cache, ...): the full model does the same job.
      head = undefined;
    } finally {
      await (vocabModel as LlamaModel | undefined)?.dispose();
    }
  }
  let model: LlamaModel;
  try {
    // No mmap: llama.cpp re-packs the weights for the CPU anyway, so a mapped file only adds its pages to the
    // resident set (measured: -183 MB peak RSS on the 0.5B shape).
    model = await llama.loadModel({ modelPath: head?.path ?? path, gpuLayers, useMmap: false });
  } catch (err) {
    throw new UserError(t('localBackboneLoadFailed', path, (err as Error).message), 'model', t('localBackboneFix'), [], {
      cause: err,
    });
  }
  try {
    const context = await model.createContext({
      contextSize: contextLength,
      sequences: 1,
      threads: options.threads || autoThreads(llama.cpuMathCores),
      batchSize: Math.min(contextLength, options.prefillBatch ?? 512),
    });
    return new GgufBackbone(lib, llama, model, context, checked, path, contextLength, options, head);
  } catch (err) {
    await model.dispose();
    throw new UserError(t('localBackboneLoadFailed', path, (err as Error).message), 'model', undefined, [], { cause: err });
  }
}

/** Token ids as the loaded llama.cpp model numbers them (differ from BackboneInfo's in a speech-head model). */
interface ModelIds {
  base: number;
  end: number;
  vocabSize: number;
}

export class GgufBackbone implements Backbone {
  readonly info: BackboneInfo;
  private readonly sequence: LlamaContextSequence;
  private readonly bias: TokenBias;
  private readonly ids: ModelIds;
  private readonly prefillBatch: number;
  private busy: Promise<void> = Promise.resolve();
  private fallback?: Promise<GgufBackbone>;
  /** Prompt evaluation speed measured on the last batch (sizes the next ones). */
  private prefillMsPerToken?: number;
  private readonly options: GgufBackboneOptions;

  /** The source vocabulary, loaded only for a prompt the speech-head model cannot tokenize as it would. */
  private sourceVocab?: Promise<LlamaModel>;

  constructor(
    lib: NodeLlamaCpp,
    private readonly llama: Llama,
    readonly model: LlamaModel,
    readonly context: LlamaContext,
    private readonly vocab: CheckedGguf & { speechTokenBase: number; speechTokenCount: number; endTokenId: number },
    path: string,
    contextLength: number,
    /** Load options (a bare number is the prefill batch, the constructor's earlier signature). */
    options: GgufBackboneOptions | number = {},
    /** Set when the loaded model is the derived speech-head model of `path`. */
    readonly speechHead?: SpeechHeadModel,
  ) {
    this.info = {
      format: 'gguf',
      path,
      contextLength,
      vocabSize: vocab.tokens.length,
      speechTokenBase: vocab.speechTokenBase,
      speechTokenCount: vocab.speechTokenCount,
      endTokenId: vocab.endTokenId,
    };
    this.options = typeof options === 'number' ? { prefillBatch: options } : options;
    this.info.threads = context.currentThreads;
    this.prefillBatch = this.options.prefillBatch ?? 512;
    const map = speechHead ? (id: number) => speechHead.toDerived[id] : (id: number) => id;
    this.ids = {
      base: map(vocab.speechTokenBase),
      end: map(vocab.endTokenId),
      vocabSize: speechHead ? speechHead.sourceIds.length : vocab.tokens.length,
    };
    this.sequence = context.getSequence();
    this.bias = speechOnlyBias(lib, model, this.sequence, this.ids, vocab.speechTokenCount);
  }

  /** Token ids of the SOURCE vocabulary (a speech-head model's ids are mapped in run()), after the BOS token
   * when the file asks for one, as llama-cpp-python tokenizes a prompt. */
  async tokenize(text: string): Promise<number[]> {
    const ids = await this.tokenizeText(text);
    const bos = this.vocab.bosTokenId;
    return bos === undefined ? ids : [bos, ...ids];
  }

  private async tokenizeText(text: string): Promise<number[]> {
    const head = this.speechHead;
    if (!head) return this.model.tokenize(text, true) as number[];
    const ids = sourceTokensOnSpeechHead(
      text,
      head,
      (piece) => {
        const id = this.vocab.tokenIndex.get(piece);
        return id !== undefined && (this.vocab.tokenTypes[id] === 3 || this.vocab.tokenTypes[id] === 4) ? id : undefined;
      },
      (piece) => this.model.tokenize(piece, false) as number[],
    );
    if (ids) return ids;
    if (!this.sourceVocab) {
      const loading = this.llama.loadModel({ modelPath: this.info.path, vocabOnly: true });
      // A failed load is tried again on the next prompt, not remembered.
      loading.catch(() => (this.sourceVocab = this.sourceVocab === loading ? undefined : this.sourceVocab));
      this.sourceVocab = loading;
    }
    return (await this.sourceVocab).tokenize(text, true) as number[];
  }

  tokenId(piece: string): number | undefined {
    return this.vocab.tokenIndex.get(piece);
  }

  /** Tokens currently held in the KV cache, as the loaded model numbers them (for tests of prefix reuse). */
  get cachedTokens(): readonly number[] {
    return this.sequence.contextTokens;
  }

  generate(promptTokens: number[], options: GenerateOptions): AsyncIterable<number> {
    return { [Symbol.asyncIterator]: () => this.run(promptTokens, options) };
  }

  /** Forgets the KV cache, so the next prompt is evaluated from scratch (benchmarks of prefill). */
  async clearCache(): Promise<void> {
    await this.busy;
    await this.sequence.clearHistory();
  }

  private prefillBatchSize(): number {
    return prefillBatchSize(this.prefillBatch, this.options.prefillBatchMs ?? PREFILL_BATCH_MS, this.prefillMsPerToken);
  }

  /** The full model, loaded on first need, for prompts holding a token the speech-head model dropped. */
  private full(): Promise<GgufBackbone> {
    this.fallback ??= loadGgufBackbone(this.info.path, { ...this.options, speechHeadCacheDir: undefined });
    return this.fallback;
  }

  private async *run(promptTokens: number[], o: GenerateOptions): AsyncGenerator<number> {
    throwIfAborted(o.signal);
    const { contextLength, speechTokenCount: count } = this.info;
    const { base, end } = this.ids;
    if (promptTokens.length === 0 || promptTokens.length >= contextLength) {
      throw new UserError(t('localBackboneContextFull', promptTokens.length, contextLength), 'bad-input', t('localBackboneContextFullFix'));
    }
    let modelTokens = promptTokens;
    if (this.speechHead) {
      const toDerived = this.speechHead.toDerived;
      modelTokens = promptTokens.map((id) => (id >= 0 && id < toDerived.length ? toDerived[id] : -1));
      if (modelTokens.some((id) => id < 0)) {
        yield* (await this.full()).run(promptTokens, o);
        return;
      }
    }
    // One generation at a time on the single sequence; a second caller waits for the first to finish.
    let release!: () => void;
    const previous = this.busy;
    this.busy = new Promise<void>((r) => (release = r));
    await previous;
    try {
      const maxNew = Math.min(o.maxNewTokens, contextLength - promptTokens.length);
      if (maxNew <= 0) return;
      const seq = this.sequence;
      // Keep the KV cache of a shared prompt prefix (same voice, same template) instead of recomputing it.
      const cached = seq.contextTokens;
      let common = 0;
      const limit = Math.min(cached.length, modelTokens.length - 1);
      while (common < limit && cached[common] === modelTokens[common]) common++;
      if (seq.nextTokenIndex > common) await seq.eraseContextTokenRanges([{ start: common, end: seq.nextTokenIndex }]);
      let rest = modelTokens.slice(common);
      // Batches sized from the measured speed (prefillBatch.ts): an abort is noticed between them.
      for (;;) {
        const batch = this.prefillBatchSize();
        if (rest.length <= batch) break;
        const t0 = performance.now();
        await seq.evaluateWithoutGeneratingNewTokens(rest.slice(0, batch) as Token[]);
        this.prefillMsPerToken = (performance.now() - t0) / batch;
        rest = rest.slice(batch);
        throwIfAborted(o.signal);
      }
      const tokens = seq.evaluate(rest as Token[], { ...ggufSampling(o), tokenBias: this.bias, yieldEogToken: true });
      let produced = 0;
      for await (const token of tokens) {
        if (o.signal?.aborted) throw abortError();
        const code = token - base;
        if (token === end || code < 0 || code >= count) return;
        yield code;
        if (++produced >= maxNew) return;
        if (o.signal?.aborted) throw abortError();
      }
    } finally {
      release();
    }
  }

  async dispose(): Promise<void> {
    await this.context.dispose();
    await this.model.dispose();
    await (await this.sourceVocab?.catch(() => undefined))?.dispose();
    if (this.fallback) await (await this.fallback.catch(() => undefined))?.dispose();
  }
}

/**
 * llama.cpp's sampler settings for one generation: upstream's (llama-cpp-python 0.3.16's defaults for what
 * upstream leaves unset: top-p 0.95, min-p 0.05). node-llama-cpp chains them in llama-cpp-python's order
 * (bias → top-k → top-p → min-p → temperature → dist), which speechSampler.ts follows for the ONNX runner.
 */
export function ggufSampling(o: GenerateOptions): { temperature: number; topK: number; topP: number; minP: number; seed?: number } {
  const greedy = o.temperature <= 0;
  return { temperature: greedy ? 0 : o.temperature, topK: o.topK, topP: o.topP ?? UPSTREAM_TOP_P, minP: o.minP ?? UPSTREAM_MIN_P, seed: o.seed };
}

/**
 * A bias that forbids every token except the speech tokens and the end token (~152k entries for the real
 * vocabulary). Two details of node-llama-cpp 3.22.1 (pinned) matter here:
 * - TokenBias.set() silently skips end-of-generation tokens (llama.cpp counts <|im_end|> and <|endoftext|> as
 *   such), but those must be forbidden too or the model could stop on a token the ONNX runner never picks;
 * - the bias map is converted to typed arrays in JavaScript before every sampled token, which costs
 *   milliseconds per token at this size. The sequence's config resolver is wrapped so that, for this bias
 *   object only, the precomputed arrays are passed instead (llama.cpp then keeps its sampler, as the arrays
 *   are equal). If that internal hook is missing, the public path is used: same tokens, only slower.
 */
function speechOnlyBias(lib: NodeLlamaCpp, model: LlamaModel, sequence: LlamaContextSequence, ids: ModelIds, count: number): TokenBias {
  const allowed = (id: number) => id === ids.end || (id >= ids.base && id < ids.base + count);
  const forbidden: number[] = [];
  for (let id = 0; id < ids.vocabSize; id++) if (!allowed(id)) forbidden.push(id);
  const bias = new lib.TokenBias(model.tokenizer);
  const hook = sequence as unknown as { _resolveSamplerConfig?: (o: Record<string, unknown>) => Record<string, unknown> };
  const original = hook._resolveSamplerConfig;
  if (typeof original === 'function') {
    const keys = Uint32Array.from(forbidden);
    const values = new Float32Array(forbidden.length).fill(-Infinity);
    hook._resolveSamplerConfig = function (this: unknown, o: Record<string, unknown>) {
      if (o.tokenBias !== bias) return original.call(this, o);
      const config = original.call(this, { ...o, tokenBias: undefined });
      config.tokenBiasKeys = keys;
      config.tokenBiasValues = values;
      return config;
    };
    return bias;
  }
  const map = (bias as unknown as { _biases?: unknown })._biases;
  if (map instanceof Map) for (const id of forbidden) map.set(id, -Infinity);
  else bias.set(forbidden as Token[], 'never');
  return bias;
}
