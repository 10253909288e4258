// The ONNX backbone runner: onnxruntime-node on a decoder exported the way Hugging Face optimum does it
// (past_key_values.{i}.key/value in, present.{i}.key/value out). The KV cache stays between steps, so each
// step feeds one token; it also stays between calls, so a prompt sharing a prefix with the previous one
// (same voice, same template) only evaluates what differs. A model whose head was pruned to the speech tokens
// plus the end token (logits width = speech count + 1) is recognised and sampled the same way.
import * as fs from 'fs';
import * as path from 'path';
import { abortError, throwIfAborted, UserError } from '../../core/errors';
import { t } from '../../core/strings';
import { BpeTokenizer } from './bpeTokenizer';
import { deriveOnnxSpeechHead } from './onnxSpeechHead';
import { PREFILL_BATCH_MS, prefillBatchSize } from './prefillBatch';
import { sampleSpeech, seededRandom } from './speechSampler';
import { findSpeechVocab } from './speechVocab';
import type { Backbone, BackboneInfo, GenerateOptions } from './types';

type Ort = typeof import('onnxruntime-node');
type Session = import('onnxruntime-node').InferenceSession;
type Tensor = import('onnxruntime-node').Tensor;

export interface OnnxBackboneOptions {
  threads?: number;
  contextLength?: number;
  /** tokenizer.json; by default next to the model or in its parent folder. */
  tokenizerPath?: string;
  /** Most prompt tokens per onnxruntime call while prefilling; an abort is noticed between calls. */
  prefillBatch?: number;
  /** Target time of one prefill call in ms (see prefillBatch.ts); 0: always `prefillBatch` tokens. */
  prefillBatchMs?: number;
  /**
   * Folder for a derived copy whose head keeps only the speech and end columns (onnxSpeechHead.ts); built
   * once per model file. Undefined, or a head that cannot be cut: the model runs as it is.
   */
  speechHeadCacheDir?: string;
}

const MODEL_NAMES = ['model.onnx', 'decoder_model_merged.onnx', 'onnx/model.onnx', 'onnx/decoder_model_merged.onnx'];

/** The model file of a path that may be a folder holding an optimum export. */
export function resolveOnnxModel(p: string): string {
  if (!fs.existsSync(p)) throw new UserError(t('localFileUnreadable', p, 'no such file or folder'), 'model', t('localBackboneFix'));
  if (fs.statSync(p).isDirectory()) {
    for (const name of MODEL_NAMES) if (fs.existsSync(path.join(p, name))) return path.join(p, name);
    throw new UserError(t('localBackboneNotOnnx', p, `no ${MODEL_NAMES.join(' / ')} in the folder`), 'model', t('localBackboneFix'));
  }
  return p;
}

function findTokenizer(modelPath: string, explicit?: string): string {
  if (explicit) return explicit;
  const dir = path.dirname(modelPath);
  for (const candidate of [path.join(dir, 'tokenizer.json'), path.join(dir, '..', 'tokenizer.json')]) {
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new UserError(t('localBackboneNoTokenizer', modelPath), 'model', t('localBackboneNoTokenizerFix'));
}

export async function loadOnnxBackbone(modelOrFolder: string, options: OnnxBackboneOptions = {}): Promise<OnnxBackbone> {
  const modelPath = resolveOnnxModel(modelOrFolder);
  const tokPath = findTokenizer(modelPath, options.tokenizerPath);
  let tokenizer: BpeTokenizer;
  try {
    tokenizer = BpeTokenizer.fromFile(tokPath);
  } catch (err) {
    throw new UserError(t('localBackboneNotOnnx', tokPath, (err as Error).message), 'model', t('localBackboneNoTokenizerFix'), [], { cause: err });
  }
  const speech = findSpeechVocab(tokenizer.size, (p) => tokenizer.tokenId(p), (i) => tokenizer.idToToken[i]);
  if (!speech) throw new UserError(t('localBackboneNotVieneu', tokPath, 'tokenizer.json'), 'model', t('localBackboneFix'));

  let runPath = modelPath;
  if (options.speechHeadCacheDir) {
    const rows = [...Array.from({ length: speech.speechTokenCount }, (_, i) => speech.speechTokenBase + i), speech.endTokenId];
    try {
      runPath = deriveOnnxSpeechHead(modelPath, options.speechHeadCacheDir, rows, tokenizer.size) ?? modelPath;
    } catch {
      // An unreadable graph is reported by onnxruntime below, on the original file.
    }
  }
  const ort = (await import('onnxruntime-node')) as Ort;
  let session: Session;
  try {
    session = await ort.InferenceSession.create(runPath, {
      executionProviders: ['cpu'],
      ...(options.threads ? { intraOpNumThreads: options.threads, interOpNumThreads: 1 } : {}),
      graphOptimizationLevel: 'all',
      logSeverityLevel: 4,
    });
  } catch (err) {
    const why = String((err as Error).message ?? err).split('\n')[0].slice(0, 300);
    throw new UserError(t('localBackboneNotOnnx', modelPath, why), 'model', t('localBackboneFix'), [], { cause: err });
  }
  const fail = (why: string) => {
    void session.release();
    return new UserError(t('localBackboneNotOnnx', modelPath, why), 'model', t('localBackboneFix'));
  };
  const layers = session.inputNames.filter((n) => /^past_key_values\.\d+\.key$/.test(n)).length;
  if (!session.inputNames.includes('input_ids') || layers === 0 || !session.outputNames.includes('logits')) {
    throw fail('it is not a decoder with past_key_values inputs and a logits output (export it with optimum, task text-generation-with-past)');
  }
  const meta = session.inputMetadata.find((m) => m.name === 'past_key_values.0.key');
  if (!meta?.isTensor || meta.type !== 'float32') throw fail('only float32 KV caches are supported');
  const [, kvHeads, , headDim] = meta.shape;
  if (typeof kvHeads !== 'number' || typeof headDim !== 'number') throw fail('its KV cache shape is not fixed');
  const logitsMeta = session.outputMetadata.find((m) => m.name === 'logits');
  const logitsWidth = logitsMeta?.isTensor && typeof logitsMeta.shape[2] === 'number' ? logitsMeta.shape[2] : tokenizer.size;
  return new OnnxBackbone(ort, session, tokenizer, {
    info: {
      format: 'onnx',
      path: modelPath,
      contextLength: options.contextLength ?? 2048,
      vocabSize: tokenizer.size,
      ...speech,
    },
    layers,
    kvHeads,
    headDim,
    logitsWidth,
    prefillBatch: options.prefillBatch ?? 512,
    prefillBatchMs: options.prefillBatchMs ?? PREFILL_BATCH_MS,
  });
}

interface OnnxShape {
  info: BackboneInfo;
  layers: number;
  kvHeads: number;
  headDim: number;
  logitsWidth: number;
  prefillBatch: number;
  prefillBatchMs: number;
}

export class OnnxBackbone implements Backbone {
  readonly info: BackboneInfo;
  /** True when the head keeps only the speech rows then the end row. */
  readonly prunedHead: boolean;
  private cachedTokens: number[] = [];
  private past: Tensor[] = [];
  private busy: Promise<void> = Promise.resolve();
  private readonly useCacheBranch: boolean;

  /** Prompt evaluation speed measured on the last prefill call (sizes the next ones). */
  private prefillMsPerToken?: number;

  constructor(
    private readonly ort: Ort,
    private readonly session: Session,
    private readonly tokenizer: BpeTokenizer,
    private readonly shape: OnnxShape,
  ) {
    this.info = shape.info;
    this.prunedHead = shape.logitsWidth === shape.info.speechTokenCount + 1;
    this.useCacheBranch = session.inputNames.includes('use_cache_branch');
  }

  async tokenize(text: string): Promise<number[]> {
    return this.tokenizer.encode(text);
  }

  tokenId(piece: string): number | undefined {
    return this.tokenizer.tokenId(piece);
  }

  generate(promptTokens: number[], options: GenerateOptions): AsyncIterable<number> {
    return { [Symbol.asyncIterator]: () => this.run(promptTokens, options) };
  }

  private emptyPast(): Tensor[] {
    const { layers, kvHeads, headDim } = this.shape;
    const out: Tensor[] = [];
    for (let i = 0; i < 2 * layers; i++) out.push(new this.ort.Tensor('float32', new Float32Array(0), [1, kvHeads, 0, headDim]));
    return out;
  }

  /** Keeps the first `keep` positions of every cached key/value tensor. */
  private truncatePast(keep: number): void {
    const { kvHeads, headDim } = this.shape;
    this.past = this.past.map((tensor) => {
      const len = tensor.dims[2];
      if (len === keep) return tensor;
      const src = tensor.data as Float32Array;
      const dst = new Float32Array(kvHeads * keep * headDim);
      for (let h = 0; h < kvHeads; h++) dst.set(src.subarray(h * len * headDim, (h * len + keep) * headDim), h * keep * headDim);
      return new this.ort.Tensor('float32', dst, [1, kvHeads, keep, headDim]);
    });
    this.cachedTokens.length = keep;
  }

  /** Runs `tokens` after the cached ones; returns the logits of the last position. */
  private async step(tokens: number[]): Promise<{ data: Float32Array; offset: number }> {
    const pastLen = this.cachedTokens.length;
    const n = tokens.length;
    const feeds: Record<string, Tensor> = {
      input_ids: new this.ort.Tensor('int64', BigInt64Array.from(tokens, BigInt), [1, n]),
      attention_mask: new this.ort.Tensor('int64', new BigInt64Array(pastLen + n).fill(1n), [1, pastLen + n]),
    };
    if (this.session.inputNames.includes('position_ids')) {
      feeds.position_ids = new this.ort.Tensor('int64', BigInt64Array.from({ length: n }, (_, i) => BigInt(pastLen + i)), [1, n]);
    }
    if (this.useCacheBranch) feeds.use_cache_branch = new this.ort.Tensor('bool', Uint8Array.of(pastLen > 0 ? 1 : 0), [1]);
    if (this.past.length === 0) this.past = this.emptyPast();
    for (let i = 0; i < this.shape.layers; i++) {
      feeds[`past_key_values.${i}.key`] = this.past[2 * i];
      feeds[`past_key_values.${i}.value`] = this.past[2 * i + 1];
    }
    const out = await this.session.run(feeds);
    const next: Tensor[] = [];
    for (let i = 0; i < this.shape.layers; i++) next.push(out[`present.${i}.key`], out[`present.${i}.value`]);
    this.past = next;
    this.cachedTokens.push(...tokens);
    const logits = out.logits;
    const width = logits.dims[2];
    return { data: logits.data as Float32Array, offset: (n - 1) * width };
  }

  private async *run(promptTokens: number[], o: GenerateOptions): AsyncGenerator<number> {
    throwIfAborted(o.signal);
    const { contextLength, speechTokenBase: base, speechTokenCount: count, endTokenId: end } = this.info;
    if (promptTokens.length === 0 || promptTokens.length >= contextLength) {
      throw new UserError(t('localBackboneContextFull', promptTokens.length, contextLength), 'bad-input', t('localBackboneContextFullFix'));
    }
    let release!: () => void;
    const previous = this.busy;
    this.busy = new Promise<void>((r) => (release = r));
    await previous;
    try {
      const maxNew = Math.min(o.maxNewTokens, contextLength - promptTokens.length);
      if (maxNew <= 0) return;
      let common = 0;
      const limit = Math.min(this.cachedTokens.length, promptTokens.length - 1);
      while (common < limit && this.cachedTokens[common] === promptTokens[common]) common++;
      this.truncatePast(common);
      let rest = promptTokens.slice(common);
      const random = seededRandom(o.seed ?? (Date.now() ^ (Math.random() * 0x7fffffff)));
      let logits: { data: Float32Array; offset: number } | undefined;
      while (rest.length > 0) {
        const batch = prefillBatchSize(this.shape.prefillBatch, this.shape.prefillBatchMs, this.prefillMsPerToken);
        const t0 = performance.now();
        logits = await this.step(rest.slice(0, batch));
        if (rest.length > 1) this.prefillMsPerToken = (performance.now() - t0) / Math.min(batch, rest.length);
        rest = rest.slice(batch);
        throwIfAborted(o.signal);
      }
      for (let produced = 0; produced < maxNew; produced++) {
        const { data, offset } = logits!;
        const pick = this.prunedHead
          ? sampleSpeech(data, offset, count, offset + count, o.temperature, o.topK, random, o.topP, o.minP)
          : sampleSpeech(data, offset + base, count, offset + end, o.temperature, o.topK, random, o.topP, o.minP);
        if (pick === count) return;
        yield pick;
        if (o.signal?.aborted) throw abortError();
        if (produced + 1 >= maxNew) return;
        logits = await this.step([base + pick]);
        if (o.signal?.aborted) throw abortError();
      }
    } finally {
      release();
    }
  }

  async dispose(): Promise<void> {
    await this.busy;
    this.past = [];
    await this.session.release();
  }
}
