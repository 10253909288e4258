// speaker_encoder.onnx: a mean-normalized 80-bin fbank (1,T,80) → the 192-d speaker embedding v3 Turbo's
// speaker anchor is built from.
import { UserError } from '../../core/errors';
import { t } from '../../core/strings';
import type { Fbank } from './kaldiFbank';
import { openGraph, type Ort, type Session } from './ortSession';

export const SPEAKER_EMBEDDING_DIM = 192;

export class SpeakerEncoder {
  private constructor(
    private readonly ort: Ort,
    private readonly session: Session,
    readonly path: string,
  ) {}

  static async load(file: string, threads?: number): Promise<SpeakerEncoder> {
    const { ort, session } = await openGraph(file, { label: 'speaker encoder', inputs: { input: 'float32' }, outputs: ['output'] }, threads);
    return new SpeakerEncoder(ort, session, file);
  }

  async embed(features: Fbank): Promise<Float32Array> {
    const input = new this.ort.Tensor('float32', features.data, [1, features.frames, features.bins]);
    const out = (await this.session.run({ input }, ['output'])).output;
    const dims = out.dims.join('×');
    if (out.type !== 'float32' || out.dims.length !== 2 || out.dims[0] !== 1 || out.dims[1] !== SPEAKER_EMBEDDING_DIM) {
      throw new UserError(t('cloneModelBadOutput', this.path, `${out.type} ${dims}`, `float32 1×${SPEAKER_EMBEDDING_DIM}`), 'model', t('cloneModelBadOutputFix'));
    }
    const emb = Float32Array.from(out.data as Float32Array);
    let norm = 0;
    for (const v of emb) {
      if (!Number.isFinite(v)) throw new UserError(t('cloneEmbeddingInvalid', 'not a finite number'), 'model', t('cloneModelBadOutputFix'));
      norm += v * v;
    }
    // The engine refuses an all-zero embedding (no speaker anchor), so refuse it here, where the cause is.
    if (norm === 0) throw new UserError(t('cloneEmbeddingInvalid', 'all zeros'), 'model', t('cloneModelBadOutputFix'));
    return emb;
  }

  async dispose(): Promise<void> {
    await this.session.release();
  }
}
