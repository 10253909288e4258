// Where the cloning graphs live: the v3 Turbo repository's root holds speaker_encoder.onnx and denoiser.onnx,
// the MOSS codec repository holds the encoder (upstream's file names).
import * as fs from 'fs';
import * as path from 'path';

export const CLONE_FILES = {
  speakerEncoder: 'speaker_encoder.onnx',
  denoiser: 'denoiser.onnx',
  mossEncode: 'moss_audio_tokenizer_encode.onnx',
} as const;

export interface CloneModelPaths {
  speakerEncoder: string;
  mossEncoder: string;
  denoiser: string;
}

export function cloneModelPaths(backboneDir: string, codecDir: string): CloneModelPaths {
  return {
    speakerEncoder: path.join(backboneDir, CLONE_FILES.speakerEncoder),
    denoiser: path.join(backboneDir, CLONE_FILES.denoiser),
    mossEncoder: path.join(codecDir, CLONE_FILES.mossEncode),
  };
}

/** A folder under `root` (a few levels deep) that holds `file`. */
function findFolderWith(root: string, file: string, depth: number): string | undefined {
  if (!root || depth < 0 || !fs.existsSync(root)) return undefined;
  if (fs.existsSync(path.join(root, file))) return root;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(root, { withFileTypes: true });
  } catch {
    return undefined;
  }
  for (const e of entries) {
    if (!e.isDirectory()) continue;
    const hit = findFolderWith(path.join(root, e.name), file, depth - 1);
    if (hit) return hit;
  }
  return undefined;
}

/**
 * The cloning graphs among downloaded models: the first root holding both a folder with speaker_encoder.onnx
 * and one with the MOSS encoder (up to four levels down, as a model cache nests repository snapshots).
 */
export function findCloneModels(roots: readonly string[]): CloneModelPaths | undefined {
  for (const root of roots) {
    const backbone = findFolderWith(root, CLONE_FILES.speakerEncoder, 4);
    const codec = findFolderWith(root, CLONE_FILES.mossEncode, 4);
    if (backbone && codec) return cloneModelPaths(backbone, codec);
  }
  return undefined;
}
