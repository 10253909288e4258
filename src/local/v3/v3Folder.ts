// Which model family a local path holds, judged from its files, and the checks that refuse an incomplete
// folder or a wrong backbone/codec pairing with the name of the file and the fix.
import * as fs from 'fs';
import * as path from 'path';
import { UserError } from '../../core/errors';
import { t } from '../../core/strings';

export type ModelFamily = 'v1-gguf' | 'v1-onnx' | 'v3-turbo';
export type CodecFamily = 'neucodec' | 'moss';

export const V3_REQUIRED_FILES = [
  'vieneu_prefill.onnx',
  'vieneu_decode_step.onnx',
  'vieneu_acoustic_cached.onnx',
  'vieneu_backbone_shared.data',
  'vieneu_v3_heads.npz',
  'config.json',
  'tokenizer.json',
] as const;

export const MOSS_REQUIRED_FILES = ['codec_browser_onnx_meta.json', 'moss_audio_tokenizer_decode_step.onnx', 'moss_audio_tokenizer_decode_shared.data'] as const;

const isDir = (p: string) => {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
};

/** The backbone family of a local path, or undefined when nothing says (a repo id, a missing path). */
export function backboneFamilyOf(p: string): ModelFamily | undefined {
  if (p.toLowerCase().endsWith('.gguf')) return 'v1-gguf';
  if (!isDir(p)) return p.toLowerCase().endsWith('.onnx') ? 'v1-onnx' : undefined;
  const has = (f: string) => fs.existsSync(path.join(p, f));
  if (has('vieneu_prefill.onnx') || has('vieneu_v3_heads.npz') || has('vieneu_decode_step.onnx')) return 'v3-turbo';
  if (['model.onnx', 'decoder_model_merged.onnx', 'onnx/model.onnx', 'onnx/decoder_model_merged.onnx'].some(has)) return 'v1-onnx';
  return undefined;
}

export function codecFamilyOf(p: string): CodecFamily | undefined {
  if (isDir(p)) {
    const has = (f: string) => fs.existsSync(path.join(p, f));
    if (has('codec_browser_onnx_meta.json') || has('moss_audio_tokenizer_decode_step.onnx') || has('moss_audio_tokenizer_decode_full.onnx')) return 'moss';
    return undefined;
  }
  return p.toLowerCase().endsWith('.onnx') ? 'neucodec' : undefined;
}

export function requireV3Folder(dir: string): void {
  if (!isDir(dir)) throw new UserError(t('v3MissingFile', path.basename(dir), path.dirname(dir)), 'model', t('v3Fix'));
  for (const f of V3_REQUIRED_FILES) {
    if (!fs.existsSync(path.join(dir, f))) throw new UserError(t('v3MissingFile', f, dir), 'model', t('v3Fix'));
  }
}

export function requireMossFolder(dir: string): void {
  if (!isDir(dir)) throw new UserError(t('v3CodecMissing', path.basename(dir), path.dirname(dir)), 'model', t('v3CodecFix'));
  for (const f of MOSS_REQUIRED_FILES) {
    if (!fs.existsSync(path.join(dir, f))) throw new UserError(t('v3CodecMissing', f, dir), 'model', t('v3CodecFix'));
  }
}

/** Refuses a v3 backbone with NeuCodec and a v1 backbone with the MOSS codec. */
export function checkPairing(backbone: string, family: ModelFamily | undefined, codec: string, codecFamily: CodecFamily | undefined): void {
  if (family === 'v3-turbo' && codecFamily === 'neucodec') throw new UserError(t('v3WrongCodec', backbone, codec), 'model', t('v3WrongCodecFix'));
  if (family && family !== 'v3-turbo' && codecFamily === 'moss') throw new UserError(t('v3WrongBackbone', codec, backbone), 'model', t('v3WrongBackboneFix'));
}

/** A MOSS codec folder next to a v3 backbone folder (the layout `vieneu fixtures` and a models folder have). */
export function siblingMossCodec(backboneDir: string): string | undefined {
  const parent = path.dirname(path.resolve(backboneDir));
  let names: string[];
  try {
    names = fs.readdirSync(parent).sort();
  } catch {
    return undefined;
  }
  return names.map((n) => path.join(parent, n)).find((p) => p !== path.resolve(backboneDir) && codecFamilyOf(p) === 'moss');
}
