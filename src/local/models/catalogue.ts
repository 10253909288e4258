// Every VieNeu-TTS v1 model the local engine knows, as data: where it lives on Hugging Face, which files to
// fetch, how to prompt it and which phonemizer it was trained with. Later generations (v2/v3: Qwen3 backbone,
// VieNeu-Codec with an encoder, 48 kHz) fit the same shape through `generation`, `format` and `sampleRate`.
// A backbone's weights are a glob resolved against the repository listing at download time, because upstream
// loads them as `*.gguf` and does not promise a name; the codec is `model.onnx` by name, as neucodec loads it
// (a repository may hold other graphs). A pattern may name a subfolder (`onnx_update/x.onnx`). Every file of
// one model comes from one commit (modelStore.ts). Checksums come from the listing (lfs.oid is the sha256 of an
// LFS file; small files are checked by their git blob sha1).
import type { PromptFormat } from '../../text/prompt';

export type ModelKind = 'backbone' | 'codec' | 'dictionary' | 'voices' | 'encoder';
/** How a backbone runs: v1 GGUF (llama.cpp), v1 ONNX (optimum export), v3 Turbo (three ONNX graphs + heads). */
export type ModelFamily = 'v1-gguf' | 'v1-onnx' | 'v3-turbo';
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
  /** Known size in bytes (direct-URL assets have no listing to give it). */
  size?: number;
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
  /** Backbones: the engine that runs it. Codecs: 'neucodec' (v1) or 'moss' (v3 Turbo). */
  family?: ModelFamily;
  codecFamily?: 'neucodec' | 'moss';
  /** A CPU feature the model needs to sound right (upstream: int8 v3 Turbo needs VNNI). */
  requires?: 'vnni';
  /** v3 Turbo backbones: the precision folder of the repository (prompted with the (T,17) grid, sea-g2p phonemes). */
  v3?: {
    precision: 'fp32' | 'int8';
    subfolder: string;
    /** Catalogue id of the sea-g2p dictionary downloaded with it. */
    dictionary: string;
    /** Catalogue id of the preset voices used when the repository has no voices_v3_turbo.json. */
    presets: string;
  };
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
/** The files of one v3 Turbo precision folder (upstream _GRAPH_FILES); the prefill graph is the "weights". */
const v3Files = (folder: string): CatalogueFile[] => [
  { pattern: `${folder}/vieneu_prefill.onnx`, role: 'weights' },
  ...['vieneu_decode_step.onnx', 'vieneu_acoustic_cached.onnx', 'vieneu_backbone_shared.data', 'vieneu_v3_heads.npz', 'config.json'].map((f) => ({ pattern: `${folder}/${f}`, role: 'weights' as const })),
  { pattern: `${folder}/tokenizer.json`, role: 'tokenizer' },
  { pattern: 'voices_v3_turbo.json', role: 'voices', optional: true },
];

/** What a v3 Turbo backbone needs from outside its repository: sea-g2p's dictionary and the SDK's presets. */
const V3_COMPANIONS = { dictionary: 'sea-g2p-dict', presets: 'vieneu-v3-voices' } as const;

const VOICES: CatalogueFile = { pattern: 'voices.json', role: 'voices', optional: true };
const APACHE = 'Apache-2.0';
const NC = 'CC BY-NC 4.0';

export const CATALOGUE: readonly CatalogueEntry[] = [
  {
    // fp32 (upstream 3.5+ default): int8 "needs a VNNI CPU … on older CPUs int8 may give distorted audio".
    id: 'vieneu-v3-turbo', label: 'VieNeu-TTS v3 Turbo', kind: 'backbone', generation: 'v3', family: 'v3-turbo',
    repo: 'pnnbao-ump/VieNeu-TTS-v3-Turbo', revision: 'main', format: 'onnx', files: v3Files('onnx_update'),
    licence: APACHE, approxMb: 520, runsLocally: true, v3: { precision: 'fp32', subfolder: 'onnx_update', ...V3_COMPANIONS },
  },
  {
    id: 'vieneu-v3-turbo-int8', label: 'VieNeu-TTS v3 Turbo int8 (VNNI CPUs)', kind: 'backbone', generation: 'v3', family: 'v3-turbo',
    repo: 'pnnbao-ump/VieNeu-TTS-v3-Turbo', revision: 'main', format: 'onnx', files: v3Files('onnx_int8'),
    licence: APACHE, approxMb: 170, runsLocally: true, requires: 'vnni', v3: { precision: 'int8', subfolder: 'onnx_int8', ...V3_COMPANIONS },
  },
  {
    id: 'moss-audio-tokenizer-nano', label: 'MOSS-Audio-Tokenizer-Nano (48 kHz)', kind: 'codec', generation: 'v3', codecFamily: 'moss',
    repo: 'OpenMOSS-Team/MOSS-Audio-Tokenizer-Nano-ONNX', revision: 'main', format: 'onnx',
    files: [
      { pattern: 'moss_audio_tokenizer_decode_step.onnx', role: 'weights' },
      { pattern: 'moss_audio_tokenizer_decode_full.onnx', role: 'weights' },
      { pattern: 'moss_audio_tokenizer_decode_shared.data', role: 'weights' },
      { pattern: 'codec_browser_onnx_meta.json', role: 'weights' },
      // The encoder is for cloning only.
      { pattern: 'moss_audio_tokenizer_encode.onnx', role: 'weights', optional: true },
      { pattern: 'moss_audio_tokenizer_encode.data', role: 'weights', optional: true },
    ],
    licence: APACHE, approxMb: 90, runsLocally: true,
    codec: { sampleRate: 48000, samplesPerCode: 3840, maxFrames: 0, quantized: false, cpuDefault: false },
  },
  {
    // Cloning (CAM++-style x-vector, fbank input (B,T,80) → (B,192)); the denoiser is optional.
    id: 'vieneu-v3-speaker-encoder', label: 'VieNeu-TTS v3 speaker encoder', kind: 'encoder', generation: 'v3',
    repo: 'pnnbao-ump/VieNeu-TTS-v3-Turbo', revision: 'main', format: 'onnx',
    files: [{ pattern: 'speaker_encoder.onnx', role: 'weights' }, { pattern: 'denoiser.onnx', role: 'weights', optional: true }],
    licence: APACHE, approxMb: 60, runsLocally: false,
  },
  {
    // The presets ship with the Python SDK, not the model repository (3.8.x, 25 voices).
    id: 'vieneu-v3-voices', label: 'VieNeu-TTS v3 Turbo preset voices', kind: 'voices', generation: 'v3',
    url: 'https://raw.githubusercontent.com/pnnbao97/VieNeu-TTS/ac74a9cfa9b9c2ea6728c6198d5635dbbbd26039/src/vieneu/assets/',
    revision: 'ac74a9cfa9b9c2ea6728c6198d5635dbbbd26039', format: 'json',
    files: [{ pattern: 'voices_v3_turbo.json', role: 'voices' }], licence: APACHE, approxMb: 1, runsLocally: true,
  },
  {
    id: 'vieneu-0.5b-q4', label: 'VieNeu-TTS q4', kind: 'backbone', generation: 'v1', family: 'v1-gguf',
    repo: 'pnnbao-ump/VieNeu-TTS-q4-gguf', revision: 'main', format: 'gguf',
    files: [{ pattern: '*.gguf', role: 'weights' }, VOICES], licence: APACHE, approxMb: 330, runsLocally: true,
    backbone: { params: '0.5B', quant: 'q4', ...V1_BACKBONE },
  },
  {
    id: 'vieneu-0.5b-q8', label: 'VieNeu-TTS q8', kind: 'backbone', generation: 'v1', family: 'v1-gguf',
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
    id: 'vieneu-0.3b-q4', label: 'VieNeu-TTS 0.3B q4', kind: 'backbone', generation: 'v1', family: 'v1-gguf',
    repo: 'pnnbao-ump/VieNeu-TTS-0.3B-q4-gguf', revision: 'main', format: 'gguf',
    files: [{ pattern: '*.gguf', role: 'weights' }, VOICES], licence: NC, approxMb: 200, runsLocally: true,
    backbone: { params: '0.3B', quant: 'q4', ...V1_03B_BACKBONE },
  },
  {
    id: 'vieneu-0.3b-q8', label: 'VieNeu-TTS 0.3B q8', kind: 'backbone', generation: 'v1', family: 'v1-gguf',
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
    id: 'neucodec-int8', label: 'NeuCodec decoder (int8)', kind: 'codec', generation: 'v1', codecFamily: 'neucodec',
    repo: 'neuphonic/neucodec-onnx-decoder-int8', revision: 'main', format: 'onnx',
    files: [{ pattern: 'model.onnx', role: 'weights' }], licence: 'see repository', approxMb: 312, runsLocally: true,
    codec: { sampleRate: 24000, samplesPerCode: 480, maxFrames: 6000, quantized: true, cpuDefault: true },
  },
  {
    id: 'neucodec-fp', label: 'NeuCodec decoder', kind: 'codec', generation: 'v1', codecFamily: 'neucodec',
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
    // is in the sea-g2p repository under Git LFS (served by the media host). Pinned at ee2e80b0, the commit of
    // sea-g2p-rs 0.9.1, whose sea_g2p.bin independent ports record as byte-identical to the 0.9.1 and 0.10.0
    // wheels' (62,829,820 bytes, this sha256); the LFS pointer itself was not readable here.
    id: 'sea-g2p-dict', label: 'sea-g2p dictionary (v3)', kind: 'dictionary', generation: 'v3',
    url: 'https://media.githubusercontent.com/media/pnnbao97/sea-g2p/ee2e80b0ac47f1d9403f5c5fd88ecd6265e4e6b1/python/sea_g2p/',
    revision: 'ee2e80b0ac47f1d9403f5c5fd88ecd6265e4e6b1', format: 'seap',
    files: [{ pattern: 'sea_g2p.bin', role: 'dictionary', sha256: '4346e690d0711ebc5231e7a42c5c88aaf6e40377e894b4617c018fd81c6f4096', size: 62_829_820 }],
    licence: APACHE, approxMb: 63, runsLocally: true,
  },
];

/** Upstream's current default (its v1 and v2 are marked deprecated); a user who set a v1 model keeps it. */
export const DEFAULT_BACKBONE_ID = 'vieneu-v3-turbo';
/** The default before v3 Turbo: users who spoke with it without choosing are kept on it (defaultModelUpgrade.ts). */
export const PREVIOUS_DEFAULT_BACKBONE_ID = 'vieneu-0.5b-q4';
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
  const codecs = CATALOGUE.filter((e) => e.kind === 'codec' && e.codecFamily !== 'moss');
  return codecs.find((e) => (device === 'cpu' ? e.codec?.cpuDefault : !e.codec?.quantized)) ?? codecs[0];
}

/** The codec a backbone was made for: MOSS (48 kHz) for v3 Turbo, NeuCodec (the int8 decoder on CPU) for v1. */
export function codecFor(backbone: CatalogueEntry | undefined, device: 'cpu' | 'gpu' = 'cpu'): CatalogueEntry {
  if (backbone && familyOf(backbone) === 'v3-turbo') return CATALOGUE.find((e) => e.kind === 'codec' && e.codecFamily === 'moss')!;
  return defaultCodec(device);
}

/** Everything Load Model fetches for a catalogue backbone besides itself: its codec and its dictionary. */
export function companionsOf(backbone: CatalogueEntry, codec?: CatalogueEntry, device: 'cpu' | 'gpu' = 'cpu'): CatalogueEntry[] {
  const dict = CATALOGUE.find((e) => e.id === (familyOf(backbone) === 'v3-turbo' ? 'sea-g2p-dict' : dictionaryFor(backbone)));
  return [codec ?? codecFor(backbone, device), ...(dict ? [dict] : [])];
}

/** The backbone family of an entry (older entries without `family` are v1 GGUF or ONNX by format). */
export function familyOf(e: CatalogueEntry): ModelFamily | undefined {
  if (e.kind !== 'backbone') return undefined;
  return e.family ?? (e.format === 'gguf' ? 'v1-gguf' : e.format === 'onnx' ? 'v1-onnx' : undefined);
}

/** Shell-style glob (`*`, `?`) to a whole-name matcher. */
export function globMatcher(pattern: string): (path: string) => boolean {
  const re = new RegExp('^' + pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]') + '$');
  return (p) => re.test(p);
}
