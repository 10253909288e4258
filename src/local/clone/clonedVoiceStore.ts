// Cloned voices kept on disk, one voices_v3_turbo.json-format file per voice in a folder the caller owns (the
// extension's globalStorage — never settings, never the workspace, so a recording's fingerprint stays out of
// git). Plain Node: the extension, the CLI and tests share it. Any surface lists voices with listClonedVoices.
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { clonedVoicesFile, presetProblems, writeVoicesFile, type V3VoicePreset, type V3VoicesFile } from './clonedVoice';
import type { ClonedVoice } from './cloneVoice';

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
