// A cloned voice in upstream's voices_v3_turbo.json format: {meta, default_voice, presets: {NAME: {description,
// gender, region, style, speaker_emb[192], codes[T][16]}}}, so the file is both what `vieneu clone --out`
// writes and something upstream's SDK (and `vieneu speak --voices`) can load; plus checks on an entry read back.
import * as fs from 'fs';
import * as path from 'path';
import { UserError } from '../../core/errors';
import { t } from '../../core/strings';
import { MOSS_CODEBOOK_SIZE, MOSS_CODEBOOKS } from './mossEncoder';
import { SPEAKER_EMBEDDING_DIM } from './speakerEncoder';

export interface V3VoicePreset {
  description: string;
  gender?: string;
  region?: string;
  style: string;
  speaker_emb: number[];
  codes: number[][];
}

export interface V3VoicesFile {
  meta: Record<string, unknown>;
  default_voice: string;
  presets: Record<string, V3VoicePreset>;
}

export const MAX_VOICE_NAME = 64;

export function checkVoiceName(name: string): string {
  const n = name.trim();
  if (!n || n.length > MAX_VOICE_NAME) throw new UserError(t('cloneCliBadName'), 'bad-input');
  return n;
}

/** Float32 values rounded to 6 significant digits: the JSON stays small and reads back to the same float32. */
function compact(v: number): number {
  return Number(v.toPrecision(7));
}

export function clonedVoicesFile(name: string, preset: Omit<V3VoicePreset, 'style'> & { style?: string }, meta: Record<string, unknown> = {}): V3VoicesFile {
  const n = checkVoiceName(name);
  return {
    meta: { note: 'voice cloned on this machine by VieNeu TTS for VS Code', count: 1, ...meta },
    default_voice: n,
    presets: { [n]: { ...preset, style: preset.style ?? 'tu_nhien', speaker_emb: preset.speaker_emb.map(compact) } },
  };
}

/** Problems with one preset (empty when it is usable by the v3 engine). */
export function presetProblems(p: Partial<V3VoicePreset>): string[] {
  const problems: string[] = [];
  const emb = p.speaker_emb;
  if (!Array.isArray(emb) || emb.length !== SPEAKER_EMBEDDING_DIM || !emb.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    problems.push(`speaker_emb must be ${SPEAKER_EMBEDDING_DIM} finite numbers`);
  } else if (emb.every((v) => v === 0)) problems.push('speaker_emb is all zeros');
  const codes = p.codes;
  if (!Array.isArray(codes) || codes.length === 0) problems.push('codes must be a non-empty list of frames');
  else {
    const bad = codes.findIndex(
      (row) => !Array.isArray(row) || row.length !== MOSS_CODEBOOKS || !row.every((c) => Number.isInteger(c) && c >= 0 && c < MOSS_CODEBOOK_SIZE),
    );
    if (bad >= 0) problems.push(`codes frame ${bad} must be ${MOSS_CODEBOOKS} whole numbers from 0 to ${MOSS_CODEBOOK_SIZE - 1}`);
  }
  return problems;
}

export function writeVoicesFile(file: string, voices: V3VoicesFile): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const tmp = `${file}.partial`;
  fs.writeFileSync(tmp, `${JSON.stringify(voices)}\n`);
  fs.renameSync(tmp, file);
}
