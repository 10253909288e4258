// FLAC, MP3 and Ogg Vorbis through the maintained WebAssembly decoders (libFLAC via @wasm-audio-decoders/flac,
// libmpg123 via mpg123-decoder, libvorbis via @wasm-audio-decoders/ogg-vorbis). The file is fed in small chunks
// and each chunk's output is mixed into a bounded mono buffer, so neither a huge file nor a tiny one that
// expands to hours (FLAC compresses silence to almost nothing) can take more memory than the limit allows.
import * as fs from 'fs';
import { UserError } from '../../core/errors';
import { t } from '../../core/strings';
import { formatSeconds, MonoCollector, tooLong, type AudioFormat, type DecodedAudio, type DecodeLimits } from './decodedAudio';

interface DecodedChunk {
  channelData: Float32Array[];
  samplesDecoded: number;
  sampleRate: number;
  bitDepth?: number;
  errors: Array<{ message: string }>;
}

interface StreamDecoder {
  ready: Promise<void>;
  decode(data: Uint8Array): DecodedChunk | Promise<DecodedChunk>;
  flush?(): Promise<DecodedChunk>;
  free(): void;
}

async function makeDecoder(format: Exclude<AudioFormat, 'wav'>): Promise<StreamDecoder> {
  if (format === 'flac') {
    const { FLACDecoder } = await import('@wasm-audio-decoders/flac');
    return new FLACDecoder() as unknown as StreamDecoder;
  }
  if (format === 'mp3') {
    const { MPEGDecoder } = await import('mpg123-decoder');
    // Gapless: the LAME/Xing header's encoder delay and padding are cut, as sox/ffmpeg/mpg123 do.
    return new MPEGDecoder({ enableGapless: true }) as unknown as StreamDecoder;
  }
  const { OggVorbisDecoder } = await import('@wasm-audio-decoders/ogg-vorbis');
  return new OggVorbisDecoder() as unknown as StreamDecoder;
}

export interface FlacStreamInfo {
  sampleRate: number;
  channels: number;
  /** 0 when the encoder did not know it (a stream). */
  totalSamples: number;
}

/** STREAMINFO, the mandatory first metadata block after "fLaC". */
export function readFlacStreamInfo(head: Uint8Array): FlacStreamInfo | undefined {
  if (head.length < 42 || (head[4] & 0x7f) !== 0) return undefined;
  const b = head.subarray(8);
  const sampleRate = (b[10] << 12) | (b[11] << 4) | (b[12] >> 4);
  const channels = ((b[12] >> 1) & 7) + 1;
  const totalSamples = (b[13] & 0x0f) * 2 ** 32 + ((b[14] << 24) >>> 0) + (b[15] << 16) + (b[16] << 8) + b[17];
  return { sampleRate, channels, totalSamples };
}

export async function decodeCompressedFd(
  file: string,
  fd: number,
  fileSize: number,
  start: number,
  format: Exclude<AudioFormat, 'wav'>,
  limits: DecodeLimits,
  signal?: AbortSignal,
): Promise<DecodedAudio> {
  let info: FlacStreamInfo | undefined;
  if (format === 'flac') {
    const head = Buffer.alloc(42);
    fs.readSync(fd, head, 0, 42, start);
    info = readFlacStreamInfo(head);
    if (!info) throw new UserError(t('cloneAudioBadHeader', file, 'no FLAC STREAMINFO'), 'bad-input', t('cloneAudioCorruptFix'));
    if (info.sampleRate > 0 && info.totalSamples / info.sampleRate > limits.maxSeconds) {
      throw tooLong(file, limits, info.totalSamples / info.sampleRate);
    }
  }
  const decoder = await makeDecoder(format);
  await decoder.ready;
  const mono = new MonoCollector(file, limits);
  let channels = 0;
  const errors: string[] = [];
  const take = (out: DecodedChunk) => {
    for (const e of out.errors ?? []) if (errors.length < 5) errors.push(e.message);
    if (!out.samplesDecoded) return;
    if (!channels) {
      channels = out.channelData.length;
      mono.start(out.sampleRate, channels);
    }
    // libFLAC's integers come out divided by 2^(bits-1) - 1; sox, libsndfile and our WAV reader divide by
    // 2^(bits-1), so the FLAC of a WAV gives the WAV's samples.
    const bits = format === 'flac' ? (out.bitDepth ?? 0) : 0;
    mono.addPlanar(out.channelData, out.samplesDecoded, bits > 1 ? (2 ** (bits - 1) - 1) / 2 ** (bits - 1) : 1);
  };
  try {
    const chunk = Buffer.alloc(limits.chunkBytes);
    for (let pos = start; pos < fileSize; ) {
      if (signal?.aborted) throw Object.assign(new Error('The operation was aborted'), { name: 'AbortError' });
      const n = fs.readSync(fd, chunk, 0, chunk.length, pos);
      if (n <= 0) break;
      pos += n;
      // The decoders keep a view of the input until the next call, so each call gets its own copy.
      take(await decoder.decode(chunk.slice(0, n)));
    }
    if (decoder.flush) take(await decoder.flush());
  } finally {
    decoder.free();
  }
  // mpg123 skips junk between frames and reports it; libFLAC and libvorbis errors mean damaged data.
  const fatal = format === 'mp3' ? mono.samples === 0 && errors.length > 0 : errors.length > 0;
  if (fatal) throw new UserError(t('cloneAudioCorrupt', file, errors.join('; ')), 'bad-input', t('cloneAudioCorruptFix'));
  if (mono.samples === 0) throw new UserError(t('cloneAudioNoSamples', file), 'bad-input', t('cloneClipTooShortFix'));
  if (info && info.totalSamples > 0 && mono.samples < info.totalSamples) {
    throw new UserError(
      t('cloneAudioTruncated', file, formatSeconds(info.totalSamples / info.sampleRate), formatSeconds(mono.samples / mono.sampleRate)),
      'bad-input',
      t('cloneAudioCorruptFix'),
    );
  }
  return { format, sampleRate: mono.sampleRate, channels, samples: mono.finish() };
}
