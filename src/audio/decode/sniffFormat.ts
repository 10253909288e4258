// Tells the audio format from the first bytes of a file, never from its name: a recording saved as .mp3 that
// holds WAV still decodes, and a text file renamed .wav is refused as "not audio" instead of "broken WAV".
import type { AudioFormat } from './decodedAudio';

/** Bytes of the file's start that `sniffFormat` looks at (an ID3v2 tag is skipped with a second read). */
export const SNIFF_BYTES = 64;

export type Sniffed = { format: AudioFormat; offset: number } | { format: 'ogg-opus' | 'unknown'; offset: number };

/** Size of an ID3v2 tag starting at 0, or 0 (MP3 and some FLAC files carry one in front). */
export function id3Size(head: Uint8Array): number {
  if (head.length < 10 || head[0] !== 0x49 || head[1] !== 0x44 || head[2] !== 0x33) return 0;
  const syncsafe = ((head[6] & 0x7f) << 21) | ((head[7] & 0x7f) << 14) | ((head[8] & 0x7f) << 7) | (head[9] & 0x7f);
  const footer = head[5] & 0x10 ? 10 : 0;
  return 10 + syncsafe + footer;
}

const ascii = (b: Uint8Array, at: number, s: string) => {
  for (let i = 0; i < s.length; i++) if (b[at + i] !== s.charCodeAt(i)) return false;
  return true;
};

/** An MPEG audio frame header (sync, version, layer, bitrate and rate indices all valid). */
export function isMpegFrameHeader(b: Uint8Array, at: number): boolean {
  if (at + 4 > b.length) return false;
  if (b[at] !== 0xff || (b[at + 1] & 0xe0) !== 0xe0) return false;
  const version = (b[at + 1] >> 3) & 3;
  const layer = (b[at + 1] >> 1) & 3;
  const bitrate = b[at + 2] >> 4;
  const rate = (b[at + 2] >> 2) & 3;
  return version !== 1 && layer !== 0 && bitrate !== 0 && bitrate !== 15 && rate !== 3;
}

/**
 * `head` is the file's start from `offset` (after any ID3 tag). Ogg is told apart by its first packet:
 * "\x01vorbis" or "OpusHead".
 */
export function sniffFormat(head: Uint8Array, offset = 0): Sniffed {
  if (head.length >= 12 && ascii(head, 0, 'RIFF') && ascii(head, 8, 'WAVE')) return { format: 'wav', offset };
  if (ascii(head, 0, 'fLaC')) return { format: 'flac', offset };
  if (ascii(head, 0, 'OggS') && head.length >= 27) {
    const segments = head[26];
    const packet = 27 + segments;
    if (packet + 8 <= head.length && head[packet] === 1 && ascii(head, packet + 1, 'vorbis')) return { format: 'ogg-vorbis', offset };
    if (packet + 8 <= head.length && ascii(head, packet, 'OpusHead')) return { format: 'ogg-opus', offset };
    return { format: 'unknown', offset };
  }
  if (isMpegFrameHeader(head, 0)) return { format: 'mp3', offset };
  return { format: 'unknown', offset };
}
