// The player webview's message protocol, both directions, shared by webviewPlayer.ts (extension host) and
// webview/player/main.ts (browser). Audio travels as base64 PCM16: JSON-safe through every VS Code transport
// (local, remote SSH/WSL hosts, code-server), 1.33x the bytes of raw PCM16 and a third of float32 JSON.
import { floatToPcm16, pcm16Bytes } from '../../audio/pcm16';
import { bool, int, num, oneOf, parser, recordOf, str, union } from '../panel/validate';

export type AudioState = 'running' | 'suspended' | 'closed' | 'unavailable';

export type PlayerStringId =
  | 'uiPlayerIdle'
  | 'uiPlayerSpeaking'
  | 'uiPlayerPreparing'
  | 'uiPlayerPaused'
  | 'uiPlayerGesture'
  | 'uiPlayerGestureButton'
  | 'uiPlayerStop'
  | 'uiPlayerPause'
  | 'uiPlayerResume';

/** Extension host -> player webview. */
export type ToPlayer =
  | { type: 'init'; strings: Partial<Record<PlayerStringId, string>> }
  | { type: 'start'; id: number }
  | { type: 'chunk'; id: number; index: number; sampleRate: number; pcm: string }
  | { type: 'end'; id: number }
  | { type: 'stop'; id: number }
  /** Pauses (the audio clock stops, queued chunks wait) or resumes the utterance's sound. */
  | { type: 'pause'; id: number; paused: boolean }
  | { type: 'probe' };

/** Player webview -> extension host. */
export type FromPlayer =
  | { type: 'ready'; audio: AudioState; granted: boolean }
  | { type: 'gestureNeeded'; id: number }
  | { type: 'gestureGranted' }
  | { type: 'firstAudio'; id: number }
  /** `at`: the chunk's start on the AudioContext clock, in seconds (consecutive chunks: at + duration = next at). */
  | { type: 'chunkStart'; id: number; index: number; at: number }
  | { type: 'ended'; id: number; stopped: boolean; chunks: number; samples: number }
  | { type: 'error'; id: number; message: string }
  /** chunks/samples: scheduled on the audio clock; received: chunks that arrived (also while waiting for a gesture); rate: the last one's AudioBuffer rate. */
  | { type: 'stats'; audio: AudioState; chunks: number; samples: number; received: number; rate: number; peak: number }
  /** The user pressed Stop in the player: stop generation too. */
  | { type: 'stopRequested' }
  /** The utterance's sound was paused or resumed (asked by the host, or by the player's own button). */
  | { type: 'paused'; id: number; paused: boolean };

const audio = oneOf('running', 'suspended', 'closed', 'unavailable');

export const parseToPlayer = parser<ToPlayer>(
  union({
    init: { strings: recordOf(str) },
    start: { id: int },
    chunk: { id: int, index: int, sampleRate: int, pcm: str },
    end: { id: int },
    stop: { id: int },
    pause: { id: int, paused: bool },
    probe: {},
  }),
  'message to player',
);

export const parseFromPlayer = parser<FromPlayer>(
  union({
    ready: { audio, granted: bool },
    gestureNeeded: { id: int },
    gestureGranted: {},
    firstAudio: { id: int },
    chunkStart: { id: int, index: int, at: num },
    ended: { id: int, stopped: bool, chunks: int, samples: int },
    error: { id: int, message: str },
    stats: { audio, chunks: int, samples: int, received: int, rate: int, peak: num },
    stopRequested: {},
    paused: { id: int, paused: bool },
  }),
  'message from player',
);

// ---- PCM16 <-> base64, without Buffer (the webview has none) and without atob's string-per-byte cost on the host.

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = (() => {
  const t = new Int16Array(128).fill(-1);
  for (let i = 0; i < B64.length; i++) t[B64.charCodeAt(i)] = i;
  return t;
})();

export function bytesToBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  let line = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i];
    const b = i + 1 < bytes.length ? bytes[i + 1] : 0;
    const c = i + 2 < bytes.length ? bytes[i + 2] : 0;
    line += B64[a >> 2] + B64[((a & 3) << 4) | (b >> 4)] + (i + 1 < bytes.length ? B64[((b & 15) << 2) | (c >> 6)] : '=') + (i + 2 < bytes.length ? B64[c & 63] : '=');
    if (line.length >= 4096) {
      parts.push(line);
      line = '';
    }
  }
  parts.push(line);
  return parts.join('');
}

export function base64ToBytes(s: string): Uint8Array {
  const clean = s.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let o = 0;
  for (let i = 0; i < clean.length; i += 4) {
    const n = [0, 1, 2, 3].map((k) => (i + k < clean.length ? B64_INDEX[clean.charCodeAt(i + k)] : 0));
    if (n.some((x) => x < 0)) throw new TypeError('not base64');
    const v = (n[0] << 18) | (n[1] << 12) | (n[2] << 6) | n[3];
    if (o < out.length) out[o++] = (v >> 16) & 255;
    if (o < out.length) out[o++] = (v >> 8) & 255;
    if (o < out.length) out[o++] = v & 255;
  }
  return out;
}

/** Float samples in [-1, 1] -> little-endian PCM16 bytes, base64. */
export function encodePcm16(samples: Float32Array): string {
  return bytesToBase64(pcm16Bytes(floatToPcm16(samples)));
}

export function decodePcm16(b64: string): Float32Array {
  const bytes = base64ToBytes(b64);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(bytes.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = view.getInt16(i * 2, true) / 0x8000;
  return out;
}
