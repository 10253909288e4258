// Cloned voices kept on disk, one voices_v3_turbo.json-format file per voice in a folder the caller owns (the
// extension's globalStorage — never settings, never the workspace, so a recording's fingerprint stays out of
// git). Plain Node: the extension, the CLI and tests share it. Any surface lists voices with listClonedVoices.
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { UserError } from '../../core/errors';
import { t } from '../../core/strings';
import { parseV3Voices } from '../v3/v3Voices';
import { checkVoiceName, clonedVoicesFile, presetProblems, writeVoicesFile, type V3VoicePreset, type V3VoicesFile } from './clonedVoice';
import type { ClonedVoice } from './cloneVoice';
import { MOSS_CODEBOOK_SIZE, MOSS_CODEBOOKS } from './mossEncoder';
import { SPEAKER_EMBEDDING_DIM } from './speakerEncoder';

/** An imported voices file larger than this is refused before it is read (a real one is a few hundred kB). */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
/** Voices taken from one imported file at most: upstream's own file holds a few dozen. */
export const MAX_IMPORT_VOICES = 200;

export interface ClonedVoiceInfo {
  /** Stable id: "clone:" + the file's base name. */
  id: string;
  name: string;
  file: string;
  created?: string;
  seconds?: number;
  denoised?: boolean;
  frames: number;
}

const PREFIX = 'clone:';

function slug(name: string): string {
  const ascii = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 32);
  const hash = createHash('sha256').update(`${name}\u0000${Date.now()}\u0000${Math.random()}`).digest('hex').slice(0, 8);
  return `${ascii || 'voice'}-${hash}`;
}

function readVoice(file: string): { voices: V3VoicesFile; name: string; preset: V3VoicePreset } | undefined {
  try {
    const voices = JSON.parse(fs.readFileSync(file, 'utf8')) as V3VoicesFile;
    const name = voices.default_voice;
    const preset = voices.presets?.[name];
    if (!preset || presetProblems(preset).length) return undefined;
    return { voices, name, preset };
  } catch {
    return undefined;
  }
}

/** Every readable cloned voice in `dir`, oldest first; unreadable files are skipped, not fatal. */
export function listClonedVoices(dir: string): ClonedVoiceInfo[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => n.endsWith('.json'));
  } catch {
    return [];
  }
  const out: ClonedVoiceInfo[] = [];
  for (const n of names) {
    const file = path.join(dir, n);
    const v = readVoice(file);
    if (!v) continue;
    const meta = v.voices.meta ?? {};
    out.push({
      id: PREFIX + n.slice(0, -'.json'.length),
      name: v.name,
      file,
      created: typeof meta.created === 'string' ? meta.created : undefined,
      seconds: typeof meta.seconds === 'number' ? meta.seconds : undefined,
      denoised: typeof meta.denoised === 'boolean' ? meta.denoised : undefined,
      frames: v.preset.codes.length,
    });
  }
  return out.sort((a, b) => (a.created ?? '').localeCompare(b.created ?? ''));
}

/** The preset (speaker embedding and codes) of a stored voice, for the engine. */
export function loadClonedVoice(dir: string, id: string): { name: string; preset: V3VoicePreset } | undefined {
  const info = listClonedVoices(dir).find((v) => v.id === id);
  const v = info && readVoice(info.file);
  return v ? { name: v.name, preset: v.preset } : undefined;
}

export function saveClonedVoice(dir: string, name: string, voice: ClonedVoice, source: string): ClonedVoiceInfo {
  fs.mkdirSync(dir, { recursive: true });
  const base = slug(name);
  const file = path.join(dir, `${base}.json`);
  writeVoicesFile(
    file,
    clonedVoicesFile(
      name,
      { description: `Cloned from ${path.basename(source)}`, speaker_emb: Array.from(voice.speakerEmbedding), codes: voice.codes },
      { source: path.basename(source), seconds: Number(voice.seconds.toFixed(2)), denoised: voice.denoised, created: new Date().toISOString() },
    ),
  );
  const info = listClonedVoices(dir).find((v) => v.file === file);
  if (!info) throw new Error(`the voice written to ${file} cannot be read back`);
  return info;
}

export function deleteClonedVoice(dir: string, id: string): boolean {
  const info = listClonedVoices(dir).find((v) => v.id === id);
  if (!info) return false;
  fs.rmSync(info.file, { force: true });
  return true;
}

function existing(dir: string, id: string): ClonedVoiceInfo {
  const info = listClonedVoices(dir).find((v) => v.id === id);
  if (!info) throw new UserError(t('cloneStoreNoSuchVoice', id), 'bad-input', t('cloneStoreNoSuchVoiceFix'));
  return info;
}

/**
 * Refuses a name another stored voice already has (compared without case), so Choose Voice never shows two
 * entries that read the same. `except` is the voice being renamed.
 */
export function assertNameFree(dir: string, name: string, except?: string): string {
  const n = checkVoiceName(name);
  const clash = listClonedVoices(dir).find((v) => v.id !== except && v.name.toLocaleLowerCase() === n.toLocaleLowerCase());
  if (clash) throw new UserError(t('cloneStoreNameTaken', n), 'bad-input', t('cloneStoreNameTakenFix'));
  return n;
}

/** Gives a stored voice a new name; its id (and so a `vieneu.voice` setting naming it) stays the same. */
export function renameClonedVoice(dir: string, id: string, newName: string): ClonedVoiceInfo {
  const info = existing(dir, id);
  const name = assertNameFree(dir, newName, id);
  const v = readVoice(info.file);
  if (!v) throw new UserError(t('cloneStoreNoSuchVoice', id), 'bad-input', t('cloneStoreNoSuchVoiceFix'));
  writeVoicesFile(info.file, { ...v.voices, default_voice: name, presets: { [name]: v.preset } });
  return existing(dir, id);
}

/** Writes a stored voice to `dest` as a one-voice voices_v3_turbo.json file (temp file, then rename). */
export function exportClonedVoice(dir: string, id: string, dest: string): ClonedVoiceInfo {
  const info = existing(dir, id);
  const v = readVoice(info.file);
  if (!v) throw new UserError(t('cloneStoreNoSuchVoice', id), 'bad-input', t('cloneStoreNoSuchVoiceFix'));
  writeVoicesFile(dest, { ...v.voices, default_voice: v.name, presets: { [v.name]: v.preset } });
  return info;
}

/**
 * Copies the voices of a voices_v3_turbo.json-format file into the store, one file each. The file is read
 * with the v3 engine's own voice reader (so shapes and code ranges are what the engine accepts); a voice
 * without reference codes, a bad name or a name already taken refuses the whole import before anything is
 * written.
 */
export function importClonedVoices(dir: string, file: string): ClonedVoiceInfo[] {
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch (err) {
    throw new UserError(t('localFileUnreadable', file, (err as Error).message), 'bad-input');
  }
  if (size > MAX_IMPORT_BYTES) throw new UserError(t('cloneImportTooLarge', path.basename(file), Math.round(MAX_IMPORT_BYTES / 1024 / 1024)), 'bad-input', t('cloneImportFix'));
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UserError(t('cloneImportNotJson', path.basename(file), (err as Error).message), 'bad-input', t('cloneImportFix'));
  }
  const set = parseV3Voices(json, file, { nVq: MOSS_CODEBOOKS, audioVocab: MOSS_CODEBOOK_SIZE, speakerDim: SPEAKER_EMBEDDING_DIM });
  if (set.voices.length === 0) throw new UserError(t('cloneImportEmpty', path.basename(file)), 'bad-input', t('cloneImportFix'));
  if (set.voices.length > MAX_IMPORT_VOICES) throw new UserError(t('cloneImportTooMany', path.basename(file), MAX_IMPORT_VOICES), 'bad-input', t('cloneImportFix'));
  const raw = (json as { presets: Record<string, Partial<V3VoicePreset>> }).presets;
  const seen = new Set<string>();
  const ready = set.voices.map((v) => {
    if (v.frames === 0) throw new UserError(t('cloneImportNoCodes', v.id), 'bad-input', t('cloneImportFix'));
    const name = assertNameFree(dir, v.id);
    const key = name.toLocaleLowerCase();
    if (seen.has(key)) throw new UserError(t('cloneStoreNameTaken', name), 'bad-input', t('cloneStoreNameTakenFix'));
    seen.add(key);
    const codes: number[][] = [];
    for (let f = 0; f < v.frames; f++) codes.push(Array.from(v.codes.subarray(f * MOSS_CODEBOOKS, (f + 1) * MOSS_CODEBOOKS)));
    const r = raw[v.id] ?? {};
    return {
      name,
      preset: {
        description: v.description || `Imported from ${path.basename(file)}`,
        ...(v.gender ? { gender: v.gender } : {}),
        ...(v.region ? { region: v.region } : {}),
        style: typeof r.style === 'string' ? r.style : 'tu_nhien',
        speaker_emb: Array.from(v.speakerEmb),
        codes,
      },
    };
  });
  fs.mkdirSync(dir, { recursive: true });
  const files = ready.map(({ name, preset }) => {
    const target = path.join(dir, `${slug(name)}.json`);
    writeVoicesFile(target, clonedVoicesFile(name, preset, { source: path.basename(file), imported: true, created: new Date().toISOString() }));
    return target;
  });
  const listed = listClonedVoices(dir);
  return files.map((f) => {
    const info = listed.find((v) => v.file === f);
    if (!info) throw new Error(`the voice written to ${f} cannot be read back`);
    return info;
  });
}
