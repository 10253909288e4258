// MOSS-Audio-Tokenizer-Nano on onnxruntime-node: codes (frames × 16, 0..1023) → 48 kHz audio, 3840 samples a
// frame, stereo mixed to mono (mean of the channels) and trimmed to audio_lengths. The streaming decoder
// (decode_step) carries the state listed in codec_browser_onnx_meta.json's streaming_decode: transformer
// offsets, and attention caches (offset, cached keys/values, cached positions) — zeros, except positions -1 —
// each output fed back into its input after every call. Upstream calls it bit-exact to the full decoder,
// so chunks are joined without a crossfade.
import * as fs from 'fs';
import * as path from 'path';
import { UserError } from '../../core/errors';
import { t } from '../../core/strings';
import { requireMossFolder } from './v3Folder';
import { createV3Session, upstreamThreads } from './v3Runner';

type Ort = typeof import('onnxruntime-node');
type Session = import('onnxruntime-node').InferenceSession;
type Tensor = import('onnxruntime-node').Tensor;

interface OffsetSpec {
  input_name: string;
  output_name: string;
  shape: number[];
}
interface CacheSpec {
  offset_input_name: string;
  offset_output_name: string;
  cached_keys_input_name: string;
  cached_keys_output_name: string;
  cached_values_input_name: string;
  cached_values_output_name: string;
  cached_positions_input_name: string;
  cached_positions_output_name: string;
  offset_shape: number[];
  cache_shape: number[];
  positions_shape: number[];
}
export interface MossMeta {
  files?: { decode_full?: string; decode_step?: string; encode?: string };
  codec_config: { sample_rate: number; channels: number; downsample_rate?: number; num_quantizers: number };
  streaming_decode: { transformer_offsets: OffsetSpec[]; attention_caches: CacheSpec[] };
}

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

function parseMeta(json: unknown): MossMeta {
  const m = json as MossMeta;
  const c = m?.codec_config;
  if (!c || typeof c.sample_rate !== 'number' || typeof c.num_quantizers !== 'number') throw new Error('it has no codec_config with sample_rate and num_quantizers');
  const s = m.streaming_decode;
  if (!s || !Array.isArray(s.transformer_offsets) || !Array.isArray(s.attention_caches)) throw new Error('it has no streaming_decode with transformer_offsets and attention_caches');
  for (const o of s.transformer_offsets) if (typeof o.input_name !== 'string' || typeof o.output_name !== 'string' || !Array.isArray(o.shape)) throw new Error('a transformer_offsets entry lacks input_name/output_name/shape');
  for (const a of s.attention_caches) {
    for (const k of ['offset_input_name', 'offset_output_name', 'cached_keys_input_name', 'cached_keys_output_name', 'cached_values_input_name', 'cached_values_output_name', 'cached_positions_input_name', 'cached_positions_output_name'] as const) {
      if (typeof a[k] !== 'string') throw new Error(`an attention_caches entry lacks ${k}`);
    }
    for (const k of ['offset_shape', 'cache_shape', 'positions_shape'] as const) if (!Array.isArray(a[k])) throw new Error(`an attention_caches entry lacks ${k}`);
  }
  return m;
}

export interface MossCodecOptions {
  threads?: number;
  /** Also load the full decoder (tests compare it with the streaming one). */
  full?: boolean;
}

export async function loadMossCodec(dir: string, options: MossCodecOptions = {}): Promise<MossCodec> {
  requireMossFolder(dir);
  const metaFile = path.join(dir, 'codec_browser_onnx_meta.json');
  const bad = (file: string, why: string, cause?: unknown) => new UserError(t('v3CodecBad', file, why), 'model', t('v3CodecFix'), [], cause ? { cause } : undefined);
  let meta: MossMeta;
  try {
    meta = parseMeta(JSON.parse(fs.readFileSync(metaFile, 'utf8')));
  } catch (err) {
    throw bad(metaFile, (err as Error).message, err);
  }
  const ort = (await import('onnxruntime-node')) as Ort;
  const threads = options.threads && options.threads > 0 ? options.threads : upstreamThreads();
  const open = async (name: string) => {
    const file = path.join(dir, name);
    try {
      return await createV3Session(ort, file, threads);
    } catch (err) {
      throw bad(file, String((err as Error).message ?? err).split('\n')[0].slice(0, 300), err);
    }
  };
  const stepFile = meta.files?.decode_step ?? 'moss_audio_tokenizer_decode_step.onnx';
  const step = await open(stepFile);
  const sd = meta.streaming_decode;
  const needed = ['audio_codes', 'audio_code_lengths', ...sd.transformer_offsets.map((o) => o.input_name), ...sd.attention_caches.flatMap((a) => [a.offset_input_name, a.cached_keys_input_name, a.cached_values_input_name, a.cached_positions_input_name])];
  const missing = needed.find((n) => !step.inputNames.includes(n));
  const outs = ['audio', 'audio_lengths', ...sd.transformer_offsets.map((o) => o.output_name), ...sd.attention_caches.flatMap((a) => [a.offset_output_name, a.cached_keys_output_name, a.cached_values_output_name, a.cached_positions_output_name])];
  const missingOut = outs.find((n) => !step.outputNames.includes(n));
  if (missing || missingOut) {
    await step.release();
    throw bad(path.join(dir, stepFile), missing ? `it has no input ${missing} that codec_browser_onnx_meta.json names` : `it has no output ${missingOut} that codec_browser_onnx_meta.json names`);
  }
  const full = options.full ? await open(meta.files?.decode_full ?? 'moss_audio_tokenizer_decode_full.onnx') : undefined;
  return new MossCodec(ort, step, full, meta, dir);
}

export class MossCodec {
  readonly sampleRate: number;
  readonly samplesPerFrame: number;
  readonly quantizers: number;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly ort: Ort,
    private readonly step: Session,
    private readonly full: Session | undefined,
    readonly meta: MossMeta,
    readonly dir: string,
  ) {
    this.sampleRate = meta.codec_config.sample_rate;
    this.samplesPerFrame = meta.codec_config.downsample_rate ?? Math.round(meta.codec_config.sample_rate / 12.5);
    this.quantizers = meta.codec_config.num_quantizers;
  }

  /** A fresh streaming state (one per text chunk, as upstream). */
  stream(): MossStream {
    return new MossStream(this, this.initialState());
  }

  private initialState(): Record<string, Tensor> {
    const T = this.ort.Tensor;
    const st: Record<string, Tensor> = {};
    const sd = this.meta.streaming_decode;
    for (const o of sd.transformer_offsets) st[o.input_name] = new T('int32', new Int32Array(size(o.shape)), o.shape);
    for (const a of sd.attention_caches) {
      st[a.offset_input_name] = new T('int32', new Int32Array(size(a.offset_shape)), a.offset_shape);
      st[a.cached_keys_input_name] = new T('float32', new Float32Array(size(a.cache_shape)), a.cache_shape);
      st[a.cached_values_input_name] = new T('float32', new Float32Array(size(a.cache_shape)), a.cache_shape);
      st[a.cached_positions_input_name] = new T('int32', new Int32Array(size(a.positions_shape)).fill(-1), a.positions_shape);
    }
    return st;
  }

  private codesTensor(codes: Int32Array, frames: number): Record<string, Tensor> {
    if (codes.length !== frames * this.quantizers) throw new Error(`${codes.length} codes for ${frames} frames of ${this.quantizers}`);
    return {
      audio_codes: new this.ort.Tensor('int32', codes, [1, frames, this.quantizers]),
      audio_code_lengths: new this.ort.Tensor('int32', Int32Array.of(frames), [1]),
    };
  }

  private mono(out: Record<string, Tensor>): Float32Array {
    const audio = out.audio;
    const [, channels, n] = audio.dims;
    const len = Math.min(n, Number((out.audio_lengths.data as Int32Array)[0]));
    const d = audio.data as Float32Array;
    const mono = new Float32Array(len);
    for (let c = 0; c < channels; c++) for (let i = 0; i < len; i++) mono[i] += d[c * n + i];
    if (channels > 1) for (let i = 0; i < len; i++) mono[i] /= channels;
    return mono;
  }

  /** @internal one streaming call; calls are serialized (one session). */
  runStep(state: Record<string, Tensor>, codes: Int32Array, frames: number): Promise<Float32Array> {
    const job = this.queue.then(async () => {
      const out = await this.step.run({ ...this.codesTensor(codes, frames), ...state });
      const sd = this.meta.streaming_decode;
      for (const o of sd.transformer_offsets) state[o.input_name] = out[o.output_name];
      for (const a of sd.attention_caches) {
        state[a.offset_input_name] = out[a.offset_output_name];
        state[a.cached_keys_input_name] = out[a.cached_keys_output_name];
        state[a.cached_values_input_name] = out[a.cached_values_output_name];
        state[a.cached_positions_input_name] = out[a.cached_positions_output_name];
      }
      return this.mono(out);
    });
    this.queue = job.catch(() => undefined);
    return job;
  }

  /** The whole sequence through the full decoder (loaded with `full: true`). */
  async decodeFull(codes: Int32Array, frames: number): Promise<Float32Array> {
    if (!this.full) throw new Error('the full decoder was not loaded');
    return this.mono(await this.full.run(this.codesTensor(codes, frames)));
  }

  async dispose(): Promise<void> {
    await this.queue;
    await Promise.all([this.step.release(), this.full?.release()]);
  }
}

export class MossStream {
  frames = 0;
  constructor(
    private readonly codec: MossCodec,
    private readonly state: Record<string, Tensor>,
  ) {}

  /** Decodes the next `frames` frames (frames × 16 codes) after the ones already decoded. */
  async decode(codes: Int32Array, frames: number): Promise<Float32Array> {
    if (frames === 0) return new Float32Array(0);
    const audio = await this.codec.runStep(this.state, codes, frames);
    this.frames += frames;
    return audio;
  }
}
