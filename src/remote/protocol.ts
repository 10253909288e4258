// The wire protocol of a VieNeu synthesis server, as notebook-template/openapi.json defines it. These types
// mirror that document; test/unit/remote checks the client's requests and the real server's replies against it.

export const PROTOCOL_VERSION = 1;

/** Routes of the protocol. */
export const ROUTES = {
  health: '/health',
  voices: '/v1/audio/voices',
  speech: '/v1/audio/speech',
  encodeVoice: '/v1/voices/encode',
} as const;

export interface GpuInfo {
  name: string;
  memory_total_gb: number;
  memory_used_gb: number;
}

export interface Health {
  status: 'loading' | 'ready' | 'error';
  model_loaded: boolean;
  backbone: string;
  codec: string;
  device: string;
  gpu: GpuInfo | null;
  version: string;
  protocol: number;
  vieneu_version?: string | null;
  uptime_s: number;
  sample_rate: number;
  can_clone?: boolean;
  /** How it clones: reference codes back (v1), a clip enrolled under a name (v3 Turbo), or not at all. */
  cloning?: 'codes' | 'enrol' | 'none';
  error?: string | null;
}

export interface Voice {
  id: string;
  description: string;
}

export interface VoiceList {
  voices: Voice[];
  default?: string | null;
}

/** OpenAI-compatible body plus VieNeu options. */
export interface SpeechRequestBody {
  model?: string;
  input: string;
  voice?: string;
  response_format?: 'wav' | 'pcm';
  speed?: number;
  stream?: boolean;
  ref_codes?: number[];
  ref_text?: string;
  temperature?: number;
  top_k?: number;
}

export interface EncodedVoice {
  codes: number[];
  text: string;
  frames: number;
  duration_s: number;
}

export interface ErrorBody {
  error: { code: string; message: string };
}

/** Headers every request carries besides auth: ngrok's free tier otherwise answers with an HTML warning page. */
export const COMMON_HEADERS: Record<string, string> = {
  'ngrok-skip-browser-warning': '1',
};

export const DEFAULT_SAMPLE_RATE = 24000;

// --- The three kinds of server the client speaks to ---------------------------------------------------
// Told apart by what they answer (RemoteClient.probe), never by their URL:
//   vieneu-notebook  this project's server.py (the protocol above): /health has `status` and `model_loaded`
//   vieneu-openai    upstream VieNeu-TTS's apps/openai_speech.py: /health `status: "ok"` with `backend`,
//                    /v1/models lists `sample_rates` and `stream_formats`, voices at /v1/voices, 48 kHz native
//   openai           OpenAI itself, Kokoro-FastAPI, openedai-speech: no VieNeu health, `pcm` at 24 kHz
export type ServerKind = 'vieneu-notebook' | 'vieneu-openai' | 'openai';

export const UPSTREAM_ROUTES = {
  health: '/health',
  models: '/v1/models',
  voices: '/v1/voices',
  speech: '/v1/audio/speech',
} as const;

/** upstream's GET /health (open, no auth). */
export interface UpstreamHealth {
  status: 'ok' | 'error';
  backend?: string;
  max_streams?: number;
  active?: number;
  waiting?: number;
  sample_rate?: number;
  error?: string;
}

/** One entry of GET /v1/models (upstream adds the audio fields; OpenAI-shaped servers list plain ids). */
export interface ModelEntry {
  id: string;
  sample_rate?: number;
  backend?: string;
  max_streams?: number;
  response_formats?: string[];
  stream_formats?: string[];
  sample_rates?: number[];
}

/** What a server can do, as the status info and serve-check report it. */
export interface ServerCapabilities {
  /** Voices are listed by the server, or fixed names (OpenAI itself has no voices route). */
  voices: 'listed' | 'fixed';
  /** Cloning: reference codes come back (notebook), a clip is enrolled under a name (upstream), or none. */
  cloning: 'codes' | 'enrol' | 'none';
  /** Audio arrives while it is generated (every kind streams chunked PCM). */
  streaming: boolean;
  /** Server-Sent Events as an alternative stream format (upstream). */
  sse: boolean;
  /** "Tesla T4", "GPU" (known GPU backend, name unknown), "CPU", or "" when the server does not say. */
  gpu: string;
  /** The rate it makes audio at natively; each reply still says its own rate. */
  nativeSampleRate: number;
  /** Rates it can be asked for (upstream resamples on the server); [] = only its native rate. */
  sampleRates: number[];
}

/** Everything probe() learnt about a server, in one shape for all three kinds. */
export interface ServerInfo {
  kind: ServerKind;
  capabilities: ServerCapabilities;
  /** The model id sent in speech requests (`model`), e.g. "vieneu-v3-turbo", "tts-1", "kokoro". */
  model: string;
  /** Human facts for surfaces; "" when unknown. */
  backbone: string;
  codec: string;
  device: string;
  version: string;
  /** The notebook's own health reply, when the server is the notebook's. */
  health?: Health;
  upstream?: UpstreamHealth;
}

/** OpenAI's fixed voice names: the list for a server without a voices route. */
export const OPENAI_VOICES = ['alloy', 'ash', 'ballad', 'coral', 'echo', 'fable', 'nova', 'onyx', 'sage', 'shimmer', 'verse'] as const;

/** OpenAI's documented `pcm` rate (24 kHz s16le mono), used when a reply does not state its own. */
export const OPENAI_PCM_RATE = 24000;
/** upstream VieNeu v3 Turbo's native rate. */
export const UPSTREAM_NATIVE_RATE = 48000;

/** What the upstream server accepts besides OpenAI's fields. */
export interface UpstreamSpeechBody {
  model: string;
  input: string;
  voice?: string;
  response_format: 'pcm' | 'wav';
  stream_format: 'audio' | 'sse';
  sample_rate: number;
  temperature?: number;
  top_k?: number;
}

export interface OpenAiSpeechBody {
  model: string;
  input: string;
  voice: string;
  response_format: 'pcm' | 'wav';
  speed?: number;
}
