// Every VieNeu-TTS v1 model the local engine knows, as data: where it lives on Hugging Face, which files to
// fetch, how to prompt it and which phonemizer it was trained with. Later generations (v2/v3: Qwen3 backbone,
// VieNeu-Codec with an encoder, 48 kHz) fit the same shape through `generation`, `format` and `sampleRate`.
// A backbone's weights are a glob resolved against the repository listing at download time, because upstream
// loads them as `*.gguf` and does not promise a name; the codec is `model.onnx` by name, as neucodec loads it
// (a repository may hold other graphs). A pattern may name a subfolder (`onnx_update/x.onnx`). Every file of
// one model comes from one commit (modelStore.ts). Checksums come from the listing (lfs.oid is the sha256 of an
// LFS file; small files are checked by their git blob sha1).
import type { PromptFormat } from '../../text/prompt';

export type ModelKind = 'backbone' | 'codec' | 'dictionary';
export type ModelFormat = 'gguf' | 'onnx' | 'safetensors' | 'json' | 'seap';
/** 'v1-chat': `user: Convert the text to speech:<|TEXT_PROMPT_START|>…`; 'compact': no chat words (src/text/prompt.ts). */
export type PromptStyle = PromptFormat;
/** Matches src/text/phonemize.ts. */
export type PhonemizerVariantId = 'v1-seed' | 'v2026';

export interface CatalogueFile {
  /** A path in the repository, or a glob (`*.gguf`) matched against the repository listing. */
  pattern: string;
  role: 'weights' | 'voices' | 'dictionary' | 'tokenizer';
  /** Known checksum; otherwise the repository listing's is used. */
  sha256?: string;
  /** Git blob sha1 (`sha1("blob <size>\0" + bytes)`), for files outside LFS. */
  gitSha1?: string;
  optional?: boolean;
}

export interface CatalogueEntry {
  /** Short id used in settings and the CLI (`--backbone vieneu-0.5b-q4`); the repo id works too. */
  id: string;
  label: string;
  kind: ModelKind;
  generation: 'v1' | 'v2' | 'v3';
  /** Hugging Face repository, or undefined when `url` is given. */
  repo?: string;
  revision: string;
  /** A direct base URL for assets that are not on Hugging Face (the phoneme dictionary). */
  url?: string;
  format: ModelFormat;
  files: CatalogueFile[];
  licence: string;
  /** Approximate download size in MB (the listing gives the exact size at download time). */
  approxMb: number;
  /** Whether this build can run it locally (safetensors needs PyTorch: the Colab backend). */
  runsLocally: boolean;
  backbone?: {
    params: '0.5B' | '0.3B';
    quant: 'q4' | 'q8' | 'f16' | 'bf16';
    promptStyle: PromptStyle;
    phonemizer: PhonemizerVariantId;
    /** Catalogue id of the phoneme dictionary the model was trained with. */
    dictionary: string;
    contextLength: number;
  };
  codec?: {
    sampleRate: number;
    samplesPerCode: number;
    /** The decoder's precomputed limit per call (frames); longer runs are decoded in pieces. */
    maxFrames: number;
    quantized: boolean;
    /** Preferred on CPU. */
    cpuDefault: boolean;
  };
}

const V1_BACKBONE = { promptStyle: 'v1-chat', phonemizer: 'v1-seed', dictionary: 'phoneme-dict-v1', contextLength: 2048 } as const;
/**
 * Upstream re-uploaded the 0.3B weights on 2026-05-02 together with the compact prompt (every backbone but
 * the 0.5B one, pnnbao97/VieNeu-TTS 2563562 `use_chat_format`), after the January 2026 phonemizer and
 * dictionary rewrite (637de96, kept in v1.1.5 e2dcd9f): they were trained on that text.
 */
const V1_03B_BACKBONE = { promptStyle: 'compact', phonemizer: 'v2026', dictionary: 'phoneme-dict-v1.1.5', contextLength: 2048 } as const;
const VOICES: CatalogueFile = { pattern: 'voices.json', role: 'voices', optional: true };
const APACHE = 'Apache-2.0';
const NC = 'CC BY-NC 4.0';

export const CATALOGUE: readonly CatalogueEntry[] = [
  {
    id: 'vieneu-0.5b-q4', label: 'VieNeu-TTS q4', kind: 'backbone', generation: 'v1',
    repo: 'pnnbao-ump/VieNeu-TTS-q4-gguf', revision: 'main', format: 'gguf',
    files: [{ pattern: '*.gguf', role: 'weights' }, VOICES], licence: APACHE, approxMb: 330, runsLocally: true,
    backbone: { params: '0.5B', quant: 'q4', ...V1_BACKBONE },
  },
  {
    id: 'vieneu-0.5b-q8', label: 'VieNeu-TTS q8', kind: 'backbone', generation: 'v1',
    repo: 'pnnbao-ump/VieNeu-TTS-q8-gguf', revision: 'main', format: 'gguf',
    files: [{ pattern: '*.gguf', role: 'weights' }, VOICES], licence: APACHE, approxMb: 600, runsLocally: true,
    backbone: { params: '0.5B', quant: 'q8', ...V1_BACKBONE },
  },
  {
    id: 'vieneu-0.5b', label: 'VieNeu-TTS (full precision)', kind: 'backbone', generation: 'v1',
    repo: 'pnnbao-ump/VieNeu-TTS', revision: 'main', format: 'safetensors',
    files: [{ pattern: '*.safetensors', role: 'weights' }, VOICES], licence: APACHE, approxMb: 1100, runsLocally: false,
    backbone: { params: '0.5B', quant: 'bf16', ...V1_BACKBONE },
  },
  {
    id: 'vieneu-0.3b-q4', label: 'VieNeu-TTS 0.3B q4', kind: 'backbone', generation: 'v1',
    repo: 'pnnbao-ump/VieNeu-TTS-0.3B-q4-gguf', revision: 'main', format: 'gguf',
    files: [{ pattern: '*.gguf', role: 'weights' }, VOICES], licence: NC, approxMb: 200, runsLocally: true,
    backbone: { params: '0.3B', quant: 'q4', ...V1_03B_BACKBONE },
  },
  {
    id: 'vieneu-0.3b-q8', label: 'VieNeu-TTS 0.3B q8', kind: 'backbone', generation: 'v1',
    repo: 'pnnbao-ump/VieNeu-TTS-0.3B-q8-gguf', revision: 'main', format: 'gguf',
    files: [{ pattern: '*.gguf', role: 'weights' }, VOICES], licence: NC, approxMb: 360, runsLocally: true,
    backbone: { params: '0.3B', quant: 'q8', ...V1_03B_BACKBONE },
  },
  {
    id: 'vieneu-0.3b', label: 'VieNeu-TTS 0.3B (full precision)', kind: 'backbone', generation: 'v1',
    repo: 'pnnbao-ump/VieNeu-TTS-0.3B', revision: 'main', format: 'safetensors',
    files: [{ pattern: '*.safetensors', role: 'weights' }, VOICES], licence: NC, approxMb: 700, runsLocally: false,
    backbone: { params: '0.3B', quant: 'bf16', ...V1_03B_BACKBONE },
  },
  {
    id: 'neucodec-int8', label: 'NeuCodec decoder (int8)', kind: 'codec', generation: 'v1',
    repo: 'neuphonic/neucodec-onnx-decoder-int8', revision: 'main', format: 'onnx',
    files: [{ pattern: 'model.onnx', role: 'weights' }], licence: 'see repository', approxMb: 312, runsLocally: true,
    codec: { sampleRate: 24000, samplesPerCode: 480, maxFrames: 6000, quantized: true, cpuDefault: true },
  },
  {
    id: 'neucodec-fp', label: 'NeuCodec decoder', kind: 'codec', generation: 'v1',
    repo: 'neuphonic/neucodec-onnx-decoder', revision: 'main', format: 'onnx',
    files: [{ pattern: 'model.onnx', role: 'weights' }], licence: 'see repository', approxMb: 783, runsLocally: true,
    codec: { sampleRate: 24000, samplesPerCode: 480, maxFrames: 6000, quantized: false, cpuDefault: false },
  },
  {
    // The v1 word → IPA dictionary, as the seed (qkhalk/Vina-TTS) ships it; it matches espeak-ng 1.51/1.52.
    id: 'phoneme-dict-v1', label: 'VieNeu v1 phoneme dictionary', kind: 'dictionary', generation: 'v1',
    url: 'https://raw.githubusercontent.com/qkhalk/Vina-TTS/bce05ee0d493eaa2ff58d5d0486009a6448b20e0/utils/',
    revision: 'bce05ee0d493eaa2ff58d5d0486009a6448b20e0', format: 'json',
    files: [{ pattern: 'phoneme_dict.json', role: 'dictionary', sha256: '2e21f40e6b750a396c277ec3934ca610bbf67e8333e7c2119b6ff1db50aa5870' }],
    licence: APACHE, approxMb: 2, runsLocally: true,
  },
  {
    // Upstream's copy at v1.1.5, for the models trained after January 2026 (the 0.3B ones).
    id: 'phoneme-dict-v1.1.5', label: 'VieNeu v1.1.5 phoneme dictionary', kind: 'dictionary', generation: 'v1',
    url: 'https://raw.githubusercontent.com/pnnbao97/VieNeu-TTS/e2dcd9fb8420f9b0f2cb4d9056322d0de1f1ef27/vieneu_utils/',
    revision: 'e2dcd9fb8420f9b0f2cb4d9056322d0de1f1ef27', format: 'json',
    files: [{ pattern: 'phoneme_dict.json', role: 'dictionary', gitSha1: 'f3a0f795eab938d01f2e2127776a81b627c633db' }],
    licence: APACHE, approxMb: 2, runsLocally: true,
  },
  {
    // sea-g2p's dictionary (SEAP, read by src/text/sea/seapDict.ts), the phonemes v3 Turbo was trained on. Upstream's
    // SDK (VieNeu-TTS 36c4b501, `sea-g2p>=0.9.0`) takes it from the sea-g2p wheel's package data; the same file
    // is in the sea-g2p repository under Git LFS (served by the media host), pinned here at the commit whose
    // README describes the ~53 MB LFS file. No checksum was obtainable (the LFS pointer was not readable).
    id: 'sea-g2p-dict', label: 'sea-g2p dictionary (v3)', kind: 'dictionary', generation: 'v3',
    url: 'https://media.githubusercontent.com/media/pnnbao97/sea-g2p/0cbb458cd27ccbc6c2bc103b9d49cbff5208e898/python/sea_g2p/',
    revision: '0cbb458cd27ccbc6c2bc103b9d49cbff5208e898', format: 'seap',
    files: [{ pattern: 'sea_g2p.bin', role: 'dictionary' }],
    licence: APACHE, approxMb: 53, runsLocally: true,
  },
];

export const DEFAULT_BACKBONE_ID = 'vieneu-0.5b-q4';
/** The dictionary of a backbone outside the catalogue (a local file or folder): the v1 models' one. */
export const DEFAULT_DICTIONARY_ID = 'phoneme-dict-v1';

/** Catalogue id of the phoneme dictionary to phonemize for `backbone` with. */
export function dictionaryFor(backbone: CatalogueEntry | undefined): string {
  return backbone?.backbone?.dictionary ?? DEFAULT_DICTIONARY_ID;
}

/** Finds an entry by short id or repository id (case-insensitive). */
export function findModel(idOrRepo: string): CatalogueEntry | undefined {
  const k = idOrRepo.trim().toLowerCase();
  return CATALOGUE.find((e) => e.id === k || e.repo?.toLowerCase() === k);
}

/** The codec to use when none is configured: int8 on CPU (the only provider this build ships). */
export function defaultCodec(device: 'cpu' | 'gpu' = 'cpu'): CatalogueEntry {
  const codecs = CATALOGUE.filter((e) => e.kind === 'codec');
  return codecs.find((e) => (device === 'cpu' ? e.codec?.cpuDefault : !e.codec?.quantized)) ?? codecs[0];
}

/** Shell-style glob (`*`, `?`) to a whole-name matcher. */
export function globMatcher(pattern: string): (path: string) => boolean {
  const re = new RegExp('^' + pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]') + '$');
  return (p) => re.test(p);
}
