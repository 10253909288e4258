// The real model loaders: llama.cpp for GGUF, onnxruntime for ONNX backbones and the NeuCodec decoder, the
// src/text front-end.
// The runner modules import their native packages inside their load functions, so importing them here
// loads nothing native until a model is loaded.
import { join } from 'path';
import { loadGgufBackbone } from '../backbone/ggufBackbone';
import { loadOnnxBackbone } from '../backbone/onnxBackbone';
import { loadNeuCodecDecoder } from '../codec/neucodecDecoder';
import type { ModelLoaders } from '../localBackend';
import { createTextFrontEnd, speechChunks } from './textFrontEnd';
import { loadV3Model } from '../v3/loadV3';
import { loadV3FrontEnd } from '../v3/v3TextFrontEnd';

export function defaultLoaders(): ModelLoaders {
  return {
    async backbone(path, o) {
      if (o.format === 'onnx') return loadOnnxBackbone(path, { threads: o.threads });
      // The derived speech-head model (output head cut to the tokens that can be sampled) is built once
      // into the cache; the benchmark compares it with the full model and the bare llama.cpp loop.
      return loadGgufBackbone(path, {
        device: o.device === 'cpu' ? 'cpu' : 'auto',
        threads: o.threads,
        // An abort is noticed between prefill batches: 32 prompt tokens keep that wait near 60 ms on a slow
        // CPU (512 took over a second there), for about 15% more prefill time (measured with bench/local).
        prefillBatch: 32,
        speechHeadCacheDir: o.cacheDir ? join(o.cacheDir, 'speech-head') : undefined,
      });
    },
    codec: (path, o) => loadNeuCodecDecoder(path, { threads: o.threads }),
    frontEnd: (o) => createTextFrontEnd(o),
    split: (text, maxChars) => speechChunks(text, 'v1-seed', maxChars),
    v3: (backbone, codec, o) => loadV3Model(backbone, codec, o),
    // sea-g2p from a SEAP dictionary (given, or sea_g2p.bin in the v3 folder); the v1 phonemizer without one.
    v3FrontEnd: (o) => loadV3FrontEnd(o),
  };
}
