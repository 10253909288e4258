// Loads everything a v3 Turbo request needs from local folders — runner, MOSS codec, voices — after checking
// the folders and their pairing; shared by the CLI and the local backend.
import * as fs from 'fs';
import * as path from 'path';
import { UserError } from '../../core/errors';
import { t } from '../../core/strings';
import { loadMossCodec, type MossCodec } from './mossCodec';
import { backboneFamilyOf, checkPairing, codecFamilyOf, requireMossFolder } from './v3Folder';
import { loadV3Runner, type HeadMode, type V3Runner } from './v3Runner';
import { readV3Voices, voiceShape, type V3VoiceSet } from './v3Voices';

export const V3_VOICES_FILE = 'voices_v3_turbo.json';

export interface V3Model {
  runner: V3Runner;
  codec: MossCodec;
  voices: V3VoiceSet;
  dispose(): Promise<void>;
}

export interface LoadV3Options {
  threads?: number;
  heads?: HeadMode;
  /** A voices_v3_turbo.json other than the one in the backbone folder (or its parent). */
  voices?: string;
}

function findVoices(backbone: string, explicit?: string): string {
  if (explicit) return explicit;
  for (const candidate of [path.join(backbone, V3_VOICES_FILE), path.join(backbone, '..', V3_VOICES_FILE)]) if (fs.existsSync(candidate)) return candidate;
  throw new UserError(t('v3NoVoices', backbone), 'model', t('v3VoicesFix'));
}

export async function loadV3Model(backbone: string, codecDir: string, o: LoadV3Options = {}): Promise<V3Model> {
  checkPairing(backbone, backboneFamilyOf(backbone) ?? 'v3-turbo', codecDir, codecFamilyOf(codecDir));
  requireMossFolder(codecDir);
  const voicesFile = findVoices(backbone, o.voices);
  const runner = await loadV3Runner(backbone, { threads: o.threads, heads: o.heads });
  let codec: MossCodec | undefined;
  try {
    codec = await loadMossCodec(codecDir, { threads: runner.info.threads });
    const voices = readV3Voices(voicesFile, voiceShape(runner));
    const c = codec;
    return { runner, codec: c, voices, dispose: async () => void (await Promise.all([runner.dispose(), c.dispose()])) };
  } catch (err) {
    await Promise.all([runner.dispose(), codec?.dispose()]);
    throw err;
  }
}
