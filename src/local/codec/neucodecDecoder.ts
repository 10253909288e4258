// The NeuCodec ONNX decoder runner: codes (0..65535, 50 per second) → 24 kHz float audio, 480 samples per
// code. The decoder precomputes for at most 6000 frames per call, so longer sequences are decoded in pieces,
// each with a margin of context frames on both sides that is cut away again, so seams see the same
// neighbourhood a single call would.
import { throwIfAborted, UserError } from '../../core/errors';
import { t } from '../../core/strings';

type Ort = typeof import('onnxruntime-node');
type Session = import('onnxruntime-node').InferenceSession;

export const NEUCODEC_SAMPLE_RATE = 24000;
export const NEUCODEC_SAMPLES_PER_CODE = 480;
export const NEUCODEC_MAX_FRAMES = 6000;
const CODEBOOK = 65536;

export interface NeuCodecOptions {
  /** Frames per decoder call; the real decoders accept up to 6000. */
  maxFrames?: number;
  /** Context frames added on each side of a piece when a sequence is split. */
  marginFrames?: number;
  /** onnxruntime intra-op threads; undefined lets onnxruntime choose. */
  threads?: number;
}

export interface CodecDecoder {
  readonly sampleRate: number;
  readonly samplesPerCode: number;
  readonly path: string;
  /** Decodes codes to mono float audio of exactly codes.length × samplesPerCode samples. */
  decode(codes: ArrayLike<number>, signal?: AbortSignal): Promise<Float32Array>;
  dispose(): Promise<void>;
}

export async function loadNeuCodecDecoder(path: string, options: NeuCodecOptions = {}): Promise<NeuCodecDecoder> {
  const ort = (await import('onnxruntime-node')) as Ort;
  let session: Session;
  try {
    session = await ort.InferenceSession.create(path, {
      executionProviders: ['cpu'],
      ...(options.threads ? { intraOpNumThreads: options.threads } : {}),
      graphOptimizationLevel: 'all',
      logSeverityLevel: 4,
    });
  } catch (err) {
    throw new UserError(t('localCodecNotDecoder', path, firstLine(err)), 'model', t('localCodecFix'), [], { cause: err });
  }
  const bad = (why: string) => {
    void session.release();
    return new UserError(t('localCodecNotDecoder', path, why), 'model', t('localCodecFix'));
  };
  const input = session.inputMetadata.find((m) => m.name === 'codes');
  if (session.inputNames.length !== 1 || !input) throw bad(`its inputs are [${session.inputNames.join(', ')}], not [codes]`);
  if (input.isTensor && input.type !== 'int32') throw bad(`its input "codes" is ${input.type}, not int32`);
  if (input.isTensor && input.shape.length !== 3) throw bad(`its input "codes" has ${input.shape.length} dimensions, not 3`);
  const out = session.outputMetadata[0];
  if (!out || (out.isTensor && out.type !== 'float32')) throw bad('its first output is not float32 audio');
  return new NeuCodecDecoder(ort, session, path, options);
}

function firstLine(err: unknown): string {
  return String((err as Error)?.message ?? err).split('\n')[0].slice(0, 300).replace(/\.+$/, '');
}

export class NeuCodecDecoder implements CodecDecoder {
  readonly sampleRate = NEUCODEC_SAMPLE_RATE;
  readonly samplesPerCode = NEUCODEC_SAMPLES_PER_CODE;
  readonly maxFrames: number;
  readonly marginFrames: number;
  private readonly outputName: string;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly ort: Ort,
    private readonly session: Session,
    readonly path: string,
    options: NeuCodecOptions,
  ) {
    this.maxFrames = Math.max(1, options.maxFrames ?? NEUCODEC_MAX_FRAMES);
    this.marginFrames = Math.max(0, Math.min(options.marginFrames ?? 25, Math.floor((this.maxFrames - 1) / 4)));
    // The real export's output name is not documented: whatever the file calls its first output.
    this.outputName = session.outputNames[0];
  }

  async decode(codes: ArrayLike<number>, signal?: AbortSignal): Promise<Float32Array> {
    const n = codes.length;
    const all = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const c = codes[i];
      if (!Number.isInteger(c) || c < 0 || c >= CODEBOOK) throw new UserError(t('localCodecBadCode', String(c), i), 'bad-input');
      all[i] = c;
    }
    const out = new Float32Array(n * this.samplesPerCode);
    if (n === 0) return out;
    if (n <= this.maxFrames) {
      out.set(await this.run(all, signal));
      return out;
    }
    const m = this.marginFrames;
    const step = this.maxFrames - 2 * m; // frames kept per call
    for (let start = 0; start < n; start += step) {
      throwIfAborted(signal);
      const end = Math.min(n, start + step);
      const from = Math.max(0, start - m);
      const to = Math.min(n, end + m);
      const audio = await this.run(all.subarray(from, to), signal);
      const spc = this.samplesPerCode;
      out.set(audio.subarray((start - from) * spc, (end - from) * spc), start * spc);
    }
    return out;
  }

  /** One decoder call; calls are serialized (one onnxruntime session). */
  private run(codes: Int32Array, signal?: AbortSignal): Promise<Float32Array> {
    const job = this.queue.then(async () => {
      throwIfAborted(signal);
      const tensor = new this.ort.Tensor('int32', codes, [1, 1, codes.length]);
      const result = await this.session.run({ codes: tensor });
      const audio = result[this.outputName];
      const data = audio.data as Float32Array;
      const expected = codes.length * this.samplesPerCode;
      // Keep exactly 480 samples per code: a decoder that pads its output must not stretch the timeline.
      const copy = new Float32Array(expected);
      copy.set(data.subarray(0, Math.min(expected, data.length)));
      audio.dispose();
      return copy;
    });
    this.queue = job.catch(() => undefined);
    return job;
  }

  async dispose(): Promise<void> {
    await this.queue;
    await this.session.release();
  }
}
