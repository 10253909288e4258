// The contract between the speech engine and a language-model runner (GGUF via llama.cpp, ONNX via
// onnxruntime). The engine builds the prompt text; a runner tokenizes it and samples speech codes.

export interface GenerateOptions {
  /** 1.0 upstream. 0 = greedy (argmax), used to compare runners. */
  temperature: number;
  topK: number;
  /** Nucleus cut; default UPSTREAM_TOP_P (speechSampler.ts), 1 = off. */
  topP?: number;
  /** Cut below this fraction of the best candidate's probability; default UPSTREAM_MIN_P, 0 = off. */
  minP?: number;
  maxNewTokens: number;
  seed?: number;
  signal?: AbortSignal;
}

export interface BackboneInfo {
  format: 'gguf' | 'onnx';
  /** File the runner loaded, for messages and the admin panel. */
  path: string;
  contextLength: number;
  vocabSize: number;
  /** Token id of `<|speech_0|>`; codes are contiguous from there. */
  speechTokenBase: number;
  speechTokenCount: number;
  /** Token id of `<|SPEECH_GENERATION_END|>`. */
  endTokenId: number;
  /** CPU threads the runner decodes with, once resolved (a runner that lets its library choose leaves it out). */
  threads?: number;
}

export interface Backbone {
  readonly info: BackboneInfo;
  /** Tokenizes with special tokens recognised (`<|speech_12|>` is one token). */
  tokenize(text: string): Promise<number[]>;
  /** The id of one special piece, or undefined if the vocabulary lacks it. */
  tokenId(piece: string): number | undefined;
  /**
   * Continues after the prompt, sampling only speech tokens and the end token. Yields NeuCodec codes
   * (0..65535) as they are sampled; ends at the end token, at maxNewTokens, or throws AbortError on abort.
   */
  generate(promptTokens: number[], options: GenerateOptions): AsyncIterable<number>;
  dispose(): Promise<void>;
}
