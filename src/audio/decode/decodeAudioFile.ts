// One entry point for every audio file a user may pick: WAV, FLAC, MP3 or Ogg Vorbis at any rate and channel
// count, told apart by content. Returns the mono mix at the file's own rate; bad files are refused with a
// sentence that says what to do, and memory stays bounded by the limits whatever the file claims.
import * as fs from 'fs';
import { UserError } from '../../core/errors';
import { t } from '../../core/strings';
import { DEFAULT_DECODE_LIMITS, type DecodedAudio, type DecodeLimits } from './decodedAudio';
import { id3Size, isMpegFrameHeader, SNIFF_BYTES, sniffFormat } from './sniffFormat';
import { decodeCompressedFd } from './wasmDecoders';
import { decodeWavFd } from './wavFile';

export type { DecodedAudio, DecodeLimits } from './decodedAudio';

function head(fd: number, at: number, size: number): Buffer {
  const b = Buffer.alloc(size);
  const n = fs.readSync(fd, b, 0, size, at);
  return b.subarray(0, n);
}

export async function decodeAudioFile(file: string, options: { limits?: Partial<DecodeLimits>; signal?: AbortSignal } = {}): Promise<DecodedAudio> {
  const limits = { ...DEFAULT_DECODE_LIMITS, ...options.limits };
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (err) {
    throw new UserError(t('localFileUnreadable', file, (err as Error).message), 'bad-input');
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new UserError(t('localFileUnreadable', file, 'not a regular file'), 'bad-input');
    if (stat.size === 0) throw new UserError(t('cloneAudioEmpty', file), 'bad-input', t('cloneClipTooShortFix'));
    let offset = id3Size(head(fd, 0, 10));
    let sniffed = sniffFormat(head(fd, offset, SNIFF_BYTES), offset);
    if (sniffed.format === 'unknown' && offset > 0) {
      // Some taggers leave padding between the ID3 tag and the first MPEG frame.
      const window = head(fd, offset, 4096);
      const at = window.findIndex((_, i) => isMpegFrameHeader(window, i));
      if (at >= 0) sniffed = { format: 'mp3', offset: (offset += at) };
    }
    if (sniffed.format === 'ogg-opus') throw new UserError(t('cloneAudioOpus', file), 'bad-input', t('cloneAudioFormatFix'));
    if (sniffed.format === 'unknown') throw new UserError(t('cloneAudioUnknownFormat', file), 'bad-input', t('cloneAudioFormatFix'));
    if (sniffed.format === 'wav') return decodeWavFd(file, fd, stat.size, limits);
    return await decodeCompressedFd(file, fd, stat.size, sniffed.offset, sniffed.format, limits, options.signal);
  } finally {
    fs.closeSync(fd);
  }
}
