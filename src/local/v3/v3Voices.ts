// voices_v3_turbo.json: {meta, default_voice, presets: {name: {description, gender, region, style, featured?,
// aliases?, speaker_emb[192], codes[T][16]}}}. Custom voices use the same layout. Editors' picks (featured
// 1..N) come first, then file order; a trailing encoder pad frame (codebook 0 = 455) is dropped (upstream 3.8).
import * as fs from 'fs';
import { UserError } from '../../core/errors';
import { t } from '../../core/strings';

export interface V3Voice {
  id: string;
  description: string;
  gender: string;
  region: string;
  featured?: number;
  aliases: string[];
  speakerEmb: Float32Array;
  /** frames × nVq reference codes, row-major (may be empty). */
  codes: Int32Array;
  frames: number;
  licence?: string;
  notice?: string;
}

export interface V3VoiceSet {
  voices: V3Voice[];
  defaultVoice?: string;
  file: string;
}

const ENCODER_PAD_CODE = 455;

export function parseV3Voices(json: unknown, file: string, shape: { nVq: number; audioVocab: number; speakerDim: number }): V3VoiceSet {
  const bad = (why: string) => new UserError(t('v3VoicesBroken', file, why), 'model', t('v3VoicesFix'));
  if (!json || typeof json !== 'object') throw bad('not a JSON object');
  const root = json as { meta?: Record<string, unknown>; default_voice?: unknown; presets?: unknown };
  if (!root.presets || typeof root.presets !== 'object') throw bad('it has no "presets" object');
  const licence = typeof root.meta?.license === 'string' ? root.meta.license : undefined;
  const notice = typeof root.meta?.notice === 'string' ? root.meta.notice : undefined;
  const voices: V3Voice[] = [];
  for (const [id, raw] of Object.entries(root.presets as Record<string, unknown>)) {
    const v = raw as Record<string, unknown>;
    if (!Array.isArray(v.speaker_emb) || v.speaker_emb.length !== shape.speakerDim || !v.speaker_emb.every((x) => typeof x === 'number' && Number.isFinite(x))) {
      throw bad(`voice "${id}": speaker_emb must be ${shape.speakerDim} numbers`);
    }
    const emb = Float32Array.from(v.speaker_emb as number[]);
    if (!emb.some((x) => x !== 0)) throw bad(`voice "${id}": speaker_emb is all zero`);
    const rows = v.codes === undefined || v.codes === null ? [] : v.codes;
    if (!Array.isArray(rows)) throw bad(`voice "${id}": codes must be a list of frames`);
    let frames = rows.length;
    if (frames > 1 && Array.isArray(rows[frames - 1]) && rows[frames - 1][0] === ENCODER_PAD_CODE) frames--;
    const codes = new Int32Array(frames * shape.nVq);
    for (let f = 0; f < frames; f++) {
      const row = rows[f] as unknown;
      if (!Array.isArray(row) || row.length !== shape.nVq) throw bad(`voice "${id}": frame ${f} must have ${shape.nVq} codes`);
      for (let q = 0; q < shape.nVq; q++) {
        const c = row[q] as unknown;
        if (!Number.isInteger(c) || (c as number) < 0 || (c as number) >= shape.audioVocab) throw bad(`voice "${id}": frame ${f} code ${q} is ${JSON.stringify(c)}, not 0..${shape.audioVocab - 1}`);
        codes[f * shape.nVq + q] = c as number;
      }
    }
    const featured = Number.isInteger(v.featured) && (v.featured as number) > 0 ? (v.featured as number) : undefined;
    voices.push({
      id,
      description: typeof v.description === 'string' ? v.description : '',
      gender: typeof v.gender === 'string' ? v.gender : '',
      region: typeof v.region === 'string' ? v.region : '',
      featured,
      aliases: Array.isArray(v.aliases) ? v.aliases.filter((a): a is string => typeof a === 'string') : [],
      speakerEmb: emb,
      codes,
      frames,
      licence,
      notice,
    });
  }
  const order = voices.map((v, i) => ({ v, i }));
  order.sort((a, b) => (a.v.featured ?? Infinity) - (b.v.featured ?? Infinity) || a.i - b.i);
  const defaultVoice = typeof root.default_voice === 'string' ? root.default_voice : undefined;
  return { voices: order.map((o) => o.v), defaultVoice, file };
}

/** What a voices file must fit for a runner (codebooks, code range, speaker embedding size). */
export function voiceShape(runner: { config: { nVq: number; speakerDim: number }; heads: { audioRows: number } }): { nVq: number; audioVocab: number; speakerDim: number } {
  return { nVq: runner.config.nVq, audioVocab: runner.heads.audioRows, speakerDim: runner.config.speakerDim };
}

export function readV3Voices(file: string, shape: { nVq: number; audioVocab: number; speakerDim: number }): V3VoiceSet {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UserError(t('v3VoicesBroken', file, (err as Error).message), 'model', t('v3VoicesFix'), [], { cause: err });
  }
  return parseV3Voices(json, file, shape);
}

/** A voice by id or alias; undefined id = the file's default voice, else the first. */
export function findV3Voice(set: V3VoiceSet, id?: string): V3Voice | undefined {
  const want = id ?? set.defaultVoice;
  if (want === undefined) return set.voices[0];
  return set.voices.find((v) => v.id === want) ?? set.voices.find((v) => v.aliases.includes(want)) ?? (id === undefined ? set.voices[0] : undefined);
}
