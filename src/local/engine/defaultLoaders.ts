// The real model loaders: llama.cpp for GGUF, onnxruntime for ONNX backbones and the NeuCodec decoder, the
// src/text front-end.
// The runner modules import their native packages inside their load functions, so importing them here
// loads nothing native until a model is loaded.
import { loadGgufBackbone } from '../backbone/ggufBackbone';
import { loadOnnxBackbone } from '../backbone/onnxBackbone';
import { loadNeuCodecDecoder } from '../codec/neucodecDecoder';
import type { ModelLoaders } from '../localBackend';
import { createTextFrontEnd, splitForSpeech } from './textFrontEnd';

export function defaultLoaders(): ModelLoaders {
  return {
    async backbone(path, o) {
      if (o.format === 'onnx') return loadOnnxBackbone(path, { threads: o.threads });
      return loadGgufBackbone(path, { device: o.device === 'cpu' ? 'cpu' : 'auto', threads: o.threads });
    },
    codec: (path, o) => loadNeuCodecDecoder(path, { threads: o.threads }),
    frontEnd: (o) => createTextFrontEnd(o),
    split: (text) => splitForSpeech(text),
  };
}
