// The MOSS audio tokenizer's encoder: 48 kHz stereo waveform (1,2,n) + input_lengths → audio_codes (1,T,16),
// the reference codes a cloned voice carries. The clip is zero-padded to whole 3840-sample frames and only
// n/3840 frames are kept: the encoder emits one frame more, whose codebook-0 = 455 artefact is audible when
// the voice speaks (upstream issue #198, fixed the same way in 3.8.x).
import { UserError } from '../../core/errors';
import { t } from '../../core/strings';
import { openGraph, type Ort, type Session } from './ortSession';

export const MOSS_RATE = 48000;
export const MOSS_SAMPLES_PER_FRAME = 3840;
export const MOSS_CODEBOOKS = 16;
export const MOSS_CODEBOOK_SIZE = 1024;

export class MossEncoder {
  private constructor(
    private readonly ort: Ort,
    private readonly session: Session,
    readonly path: string,
  ) {}

  static async load(file: string, threads?: number): Promise<MossEncoder> {
    const { ort, session } = await openGraph(
      file,
      { label: 'MOSS codec encoder', inputs: { waveform: 'float32', input_lengths: 'int32' }, outputs: ['audio_codes'] },
      threads,
    );
    return new MossEncoder(ort, session, file);
  }

  /** Mono 48 kHz audio → frames × 16 codes, one frame per whole (padded) 3840 samples. */
  async encode(mono48k: Float32Array): Promise<number[][]> {
    const frames = Math.ceil(mono48k.length / MOSS_SAMPLES_PER_FRAME);
    const n = frames * MOSS_SAMPLES_PER_FRAME;
    const stereo = new Float32Array(2 * n);
    stereo.set(mono48k, 0);
    stereo.set(mono48k, n);
    const out = await this.session.run(
      {
        waveform: new this.ort.Tensor('float32', stereo, [1, 2, n]),
        input_lengths: new this.ort.Tensor('int32', Int32Array.of(n), [1]),
      },
      ['audio_codes'],
    );
    const codes = out.audio_codes;
    const [b, tFrames, q] = codes.dims;
    const bad = (got: string) =>
      new UserError(t('cloneModelBadOutput', this.path, got, `int codes 1×${frames}(+1)×${MOSS_CODEBOOKS} below ${MOSS_CODEBOOK_SIZE}`), 'model', t('cloneModelBadOutputFix'));
    if (codes.dims.length !== 3 || b !== 1 || q !== MOSS_CODEBOOKS || tFrames < frames) throw bad(`${codes.type} ${codes.dims.join('×')}`);
    if (codes.type !== 'int32' && codes.type !== 'int64') throw bad(codes.type);
    const data = codes.data as Int32Array | BigInt64Array;
    const rows: number[][] = [];
    for (let f = 0; f < frames; f++) {
      const row: number[] = [];
      for (let c = 0; c < MOSS_CODEBOOKS; c++) {
        const v = Number(data[f * MOSS_CODEBOOKS + c]);
        if (!Number.isInteger(v) || v < 0 || v >= MOSS_CODEBOOK_SIZE) throw bad(`code ${v} in frame ${f}`);
        row.push(v);
      }
      rows.push(row);
    }
    return rows;
  }

  async dispose(): Promise<void> {
    await this.session.release();
  }
}
