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
