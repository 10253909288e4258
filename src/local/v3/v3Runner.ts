// The v3 Turbo runner on onnxruntime-node: vieneu_prefill / vieneu_decode_step / vieneu_acoustic_cached
// sessions (their weights in one shared .data file), the tied heads of vieneu_v3_heads.npz, tokenizer.json.
// One frame = the acoustic graph run 16 times with its own small KV cache (slot 0 = the backbone hidden,
// slot 1 = text_emb[sgs]; then the previous codebook's embedding) + a head product per codebook, sampled by
// the caller; the end of speech is argmax(slot 0 · text_embᵀ) = speech_generation_end. The head products run
// either as typed-array loops or as small MatMul graphs built at load time (`heads` option).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { UserError } from '../../core/errors';
import { t } from '../../core/strings';
import { BpeTokenizer } from '../backbone/bpeTokenizer';
import { encodeModel, OnnxGraph } from '../fixtures/onnxWriter';
import { parseV3Config, type V3Config } from './v3Config';
import { requireV3Folder } from './v3Folder';
import { parseV3Heads, rowDots, type V3Heads } from './v3Heads';

type Ort = typeof import('onnxruntime-node');
type Session = import('onnxruntime-node').InferenceSession;
type Tensor = import('onnxruntime-node').Tensor;

export type HeadMode = 'js' | 'onnx';

export interface V3RunnerOptions {
  /** onnxruntime intra-op threads; 0/undefined: upstream's min(max(cpus/2, 1), 8). */
  threads?: number;
  /**
   * Where the 16 head products run: 'onnx' (default; MatMul graphs built at load time, ~6× faster than the
   * typed-array loops in bench/v3.ts on this 2-core machine) or 'js' (no extra copy of the tables).
   */
  heads?: HeadMode;
}

/** Milliseconds spent per part of the frame loop since the last reset (for the benchmark). */
export interface FrameTimes {
  prefill: number;
  decode: number;
  acoustic: number;
  heads: number;
  sampling: number;
  frames: number;
}

export function upstreamThreads(): number {
  return Math.min(Math.max(Math.floor(os.cpus().length / 2), 1), 8);
}

export interface KvCache {
  k: Tensor[];
  v: Tensor[];
  length: number;
}

export async function createV3Session(ort: Ort, file: string, threads: number): Promise<Session> {
  return ort.InferenceSession.create(file, {
    executionProviders: ['cpu'],
    graphOptimizationLevel: 'all',
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    logSeverityLevel: 4,
    // Prepacking copies every MatMul weight per session (the two backbone graphs share one .data file that
    // onnxruntime memory-maps): off, peak RSS of the three sessions went from 928 to 495 MB on the real-shape
    // fixture with the same decode-step time (bench/v3.ts).
    extra: { session: { intra_op: { allow_spinning: '0' }, disable_prepacking: '1' } },
  });
}

/** A MatMul graph hidden (1,H) × table ᵀ (H, rows) → logits (1, rows). */
function headGraph(table: Float32Array, rowOffset: number, rows: number, H: number): Buffer {
  const g = new OnnxGraph('v3_head');
  g.input('hidden', 'FLOAT', [1, H]);
  const wT = new Float32Array(H * rows);
  for (let r = 0; r < rows; r++) for (let k = 0; k < H; k++) wT[k * rows + r] = table[(rowOffset + r) * H + k];
  g.op('MatMul', ['hidden', g.init('head_t', 'FLOAT', [H, rows], wT)], {}, 'logits');
  g.output('logits', 'FLOAT', [1, rows]);
  return encodeModel(g);
}

/** The 16 audio heads then the text head as MatMul sessions (tables transposed once, at load). */
export async function createHeadSessions(ort: Ort, heads: V3Heads, threads: number): Promise<Session[]> {
  const out: Session[] = [];
  const H = heads.hidden;
  const o = { executionProviders: ['cpu'], intraOpNumThreads: threads, interOpNumThreads: 1, logSeverityLevel: 4 as const, extra: { session: { intra_op: { allow_spinning: '0' } } } };
  for (let ch = 0; ch < heads.nVq; ch++) out.push(await ort.InferenceSession.create(headGraph(heads.audioEmb, ch * heads.audioRows, heads.audioRows, H), o));
  out.push(await ort.InferenceSession.create(headGraph(heads.textEmb, 0, heads.textRows, H), o));
  return out;
}

export async function loadV3Runner(dir: string, options: V3RunnerOptions = {}): Promise<V3Runner> {
  requireV3Folder(dir);
  const file = (f: string) => path.join(dir, f);
  const bad = (f: string, why: string, cause?: unknown) => new UserError(t('v3BadFile', file(f), why), 'model', t('v3Fix'), [], cause ? { cause } : undefined);
  let config: V3Config;
  try {
    config = parseV3Config(JSON.parse(fs.readFileSync(file('config.json'), 'utf8')) as Record<string, unknown>);
  } catch (err) {
    throw bad('config.json', (err as Error).message, err);
  }
  let heads: V3Heads;
  try {
    heads = parseV3Heads(fs.readFileSync(file('vieneu_v3_heads.npz')), config, 'vieneu_v3_heads.npz');
  } catch (err) {
    throw bad('vieneu_v3_heads.npz', (err as Error).message, err);
  }
  if (config.useSpeakerEmbedding && !heads.xvec) throw bad('vieneu_v3_heads.npz', 'it has no xvec_w/xvec_b/xvec_ln_* arrays for the speaker anchor');
  let tokenizer: BpeTokenizer;
  try {
    tokenizer = BpeTokenizer.fromFile(file('tokenizer.json'));
  } catch (err) {
    throw bad('tokenizer.json', (err as Error).message, err);
  }
  if (tokenizer.size !== config.textVocab) throw bad('tokenizer.json', `it has ${tokenizer.size} entries but config.json says text_vocab_size ${config.textVocab}`);
  const ort = (await import('onnxruntime-node')) as Ort;
  const threads = options.threads && options.threads > 0 ? options.threads : upstreamThreads();
  const sessions: Session[] = [];
  const open = async (f: string) => {
    try {
      const s = await createV3Session(ort, file(f), threads);
      sessions.push(s);
      return s;
    } catch (err) {
      await Promise.all(sessions.map((s) => s.release()));
      throw bad(f, String((err as Error).message ?? err).split('\n')[0].slice(0, 300), err);
    }
  };
  const prefill = await open('vieneu_prefill.onnx');
  const decode = await open('vieneu_decode_step.onnx');
  const acoustic = await open('vieneu_acoustic_cached.onnx');
  const fail = async (f: string, why: string) => {
    await Promise.all(sessions.map((s) => s.release()));
    return bad(f, why);
  };
  if (!prefill.inputNames.includes('inputs_embeds') || !prefill.outputNames.includes('hidden')) throw await fail('vieneu_prefill.onnx', 'it has no inputs_embeds input or hidden output');
  for (const n of ['inputs_embeds', 'position_ids', 'past_k_0', 'past_v_0']) if (!decode.inputNames.includes(n)) throw await fail('vieneu_decode_step.onnx', `it has no input ${n}`);
  for (const n of ['token_emb', 'position_ids', 'past_k_0', 'past_v_0']) if (!acoustic.inputNames.includes(n)) throw await fail('vieneu_acoustic_cached.onnx', `it has no input ${n}`);
  const layers = decode.inputNames.filter((n) => /^past_k_\d+$/.test(n)).length;
  if (layers !== config.layers) throw await fail('vieneu_decode_step.onnx', `it has ${layers} past_k inputs but config.json says ${config.layers} layers`);
  const kvMeta = decode.inputMetadata.find((m) => m.name === 'past_k_0');
  const kvShape = kvMeta?.isTensor ? kvMeta.shape : [];
  const kvHeads = typeof kvShape[1] === 'number' ? kvShape[1] : 4;
  const headDim = typeof kvShape[3] === 'number' ? kvShape[3] : 64;
  const headSessions = (options.heads ?? 'onnx') === 'onnx' ? await createHeadSessions(ort, heads, threads) : undefined;
  return new V3Runner(ort, { prefill, decode, acoustic, heads: headSessions }, config, heads, tokenizer, { dir, threads, kvHeads, headDim, headMode: options.heads ?? 'onnx' });
}

export class V3Runner {
  readonly times: FrameTimes = { prefill: 0, decode: 0, acoustic: 0, heads: 0, sampling: 0, frames: 0 };
  private readonly emptyLocal: Tensor;
  private readonly audioLogits: Float32Array;
  private readonly textLogits: Float32Array;
  private readonly sgsRow: Float32Array;

  constructor(
    private readonly ort: Ort,
    private readonly s: { prefill: Session; decode: Session; acoustic: Session; heads?: Session[] },
    readonly config: V3Config,
    readonly heads: V3Heads,
    readonly tokenizer: BpeTokenizer,
    readonly info: { dir: string; threads: number; kvHeads: number; headDim: number; headMode: HeadMode },
  ) {
    this.emptyLocal = new ort.Tensor('float32', new Float32Array(0), [1, config.localHeads, 0, config.localHeadDim]);
    this.audioLogits = new Float32Array(heads.audioRows);
    this.textLogits = new Float32Array(heads.textRows);
    const H = heads.hidden;
    this.sgsRow = heads.textEmb.slice(config.sgs * H, (config.sgs + 1) * H);
  }

  resetTimes(): void {
    for (const k of Object.keys(this.times) as Array<keyof FrameTimes>) this.times[k] = 0;
  }

  /** Phone ids of a phoneme string (no special tokens added; inline <|emotion_k|> become their ids). */
  tokenize(phonemes: string): number[] {
    return this.tokenizer.encode(phonemes);
  }

  /** Runs the prompt; returns the last position's hidden state and the cache. */
  async prefill(embeds: Float32Array, rows: number): Promise<{ h: Float32Array; cache: KvCache }> {
    const t0 = performance.now();
    const H = this.heads.hidden;
    const out = await this.s.prefill.run({ inputs_embeds: new this.ort.Tensor('float32', embeds, [1, rows, H]) });
    const hidden = out.hidden.data as Float32Array;
    const cache = this.collect(out, rows);
    this.times.prefill += performance.now() - t0;
    return { h: hidden.slice((rows - 1) * H, rows * H), cache };
  }

  /** One backbone step on an embedded frame row at absolute `position`. */
  async decodeStep(embed: Float32Array, position: number, cache: KvCache): Promise<{ h: Float32Array; cache: KvCache }> {
    const t0 = performance.now();
    const feeds: Record<string, Tensor> = {
      inputs_embeds: new this.ort.Tensor('float32', embed, [1, 1, this.heads.hidden]),
      position_ids: new this.ort.Tensor('int64', BigInt64Array.of(BigInt(position)), [1, 1]),
    };
    for (let i = 0; i < this.config.layers; i++) {
      feeds[`past_k_${i}`] = cache.k[i];
      feeds[`past_v_${i}`] = cache.v[i];
    }
    const out = await this.s.decode.run(feeds);
    const next = this.collect(out, cache.length + 1);
    this.times.decode += performance.now() - t0;
    return { h: out.hidden.data as Float32Array, cache: next };
  }

  private collect(out: Record<string, Tensor>, length: number): KvCache {
    const k: Tensor[] = [];
    const v: Tensor[] = [];
    for (let i = 0; i < this.config.layers; i++) {
      k.push(out[`present_k_${i}`]);
      v.push(out[`present_v_${i}`]);
    }
    return { k, v, length };
  }

  /** logits = vec · table rowsᵀ for codebook `ch` (0..nVq-1) or the text head (ch = nVq). */
  private async head(ch: number, vec: Float32Array, offset: number): Promise<Float32Array> {
    const t0 = performance.now();
    const H = this.heads.hidden;
    let out: Float32Array;
    if (this.s.heads) {
      const input = new this.ort.Tensor('float32', offset === 0 && vec.length === H ? vec : vec.slice(offset, offset + H), [1, H]);
      const r = await this.s.heads[ch].run({ hidden: input });
      out = r.logits.data as Float32Array;
    } else if (ch === this.config.nVq) out = rowDots(vec, offset, this.heads.textEmb, 0, this.heads.textRows, H, this.textLogits);
    else out = rowDots(vec, offset, this.heads.audioEmb, ch * this.heads.audioRows, this.heads.audioRows, H, this.audioLogits);
    this.times.heads += performance.now() - t0;
    return out;
  }

  /**
   * One acoustic frame from the backbone hidden `h`: `pick(ch, logits)` chooses each codebook's code (it may
   * modify the logits). Returns the codes and whether this frame ends the speech.
   */
  async acousticFrame(h: Float32Array, pick: (ch: number, logits: Float32Array) => number): Promise<{ codes: Int32Array; eos: boolean }> {
    const H = this.heads.hidden;
    const nVq = this.config.nVq;
    const codes = new Int32Array(nVq);
    const tok = new Float32Array(2 * H);
    tok.set(h.subarray(0, H), 0);
    tok.set(this.sgsRow, H);
    let t0 = performance.now();
    let out = await this.s.acoustic.run({
      token_emb: new this.ort.Tensor('float32', tok, [1, 2, H]),
      position_ids: new this.ort.Tensor('int64', BigInt64Array.of(0n, 1n), [1, 2]),
      past_k_0: this.emptyLocal,
      past_v_0: this.emptyLocal,
    });
    this.times.acoustic += performance.now() - t0;
    const first = out.hidden.data as Float32Array;
    const slot0 = first.slice(0, H);
    const pickTimed = (ch: number, logits: Float32Array) => {
      const ts = performance.now();
      const c = pick(ch, logits);
      this.times.sampling += performance.now() - ts;
      return c;
    };
    codes[0] = pickTimed(0, await this.head(0, first, H));
    for (let ch = 1; ch < nVq; ch++) {
      const a = (ch - 1) * this.heads.audioRows + codes[ch - 1];
      t0 = performance.now();
      out = await this.s.acoustic.run({
        token_emb: new this.ort.Tensor('float32', this.heads.audioEmb.slice(a * H, (a + 1) * H), [1, 1, H]),
        position_ids: new this.ort.Tensor('int64', BigInt64Array.of(BigInt(ch + 1)), [1, 1]),
        past_k_0: out.present_k_0,
        past_v_0: out.present_v_0,
      });
      this.times.acoustic += performance.now() - t0;
      codes[ch] = pickTimed(ch, await this.head(ch, out.hidden.data as Float32Array, 0));
    }
    const text = await this.head(nVq, slot0, 0);
    let best = 0;
    for (let i = 1; i < text.length; i++) if (text[i] > text[best]) best = i;
    this.times.frames++;
    return { codes, eos: best === this.config.sge };
  }

  async dispose(): Promise<void> {
    await Promise.all([this.s.prefill.release(), this.s.decode.release(), this.s.acoustic.release(), ...(this.s.heads ?? []).map((s) => s.release())]);
  }
}
