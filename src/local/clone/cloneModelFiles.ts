// Where the cloning graphs live: the v3 Turbo repository's root holds speaker_encoder.onnx and denoiser.onnx,
// the MOSS codec repository holds the encoder (upstream's file names).
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
