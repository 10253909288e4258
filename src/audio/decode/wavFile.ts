// WAV decoding straight from the file descriptor: the chunk list is walked with small positioned reads, the
// header's claims are checked against the file's real size before anything is allocated, and the data is read
// in slices and mixed down to mono as it comes. PCM 8/16/24/32-bit, IEEE float 32/64-bit, and both again as
// WAVE_FORMAT_EXTENSIBLE.
import * as fs from 'fs';
import { UserError } from '../../core/errors';
import { t } from '../../core/strings';
import { checkStreamShape, formatSeconds, MonoCollector, tooLong, type DecodedAudio, type DecodeLimits } from './decodedAudio';

const WAVE_FORMAT_PCM = 1;
const WAVE_FORMAT_IEEE_FLOAT = 3;
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;

export interface WavFormat {
  /** 1 = integer PCM, 3 = IEEE float (after resolving WAVE_FORMAT_EXTENSIBLE's sub-format). */
  encoding: 1 | 3;
  channels: number;
  sampleRate: number;
  bits: number;
  blockAlign: number;
}

function readAt(fd: number, position: number, length: number): Buffer {
  const b = Buffer.alloc(length);
  const n = fs.readSync(fd, b, 0, length, position);
  return n === length ? b : b.subarray(0, n);
}

function badHeader(file: string, why: string): UserError {
  return new UserError(t('cloneAudioBadHeader', file, why), 'bad-input', t('cloneAudioCorruptFix'));
}

export function parseFmt(file: string, body: Buffer): WavFormat {
  if (body.length < 16) throw badHeader(file, `fmt chunk of ${body.length} bytes`);
  let tag = body.readUInt16LE(0);
  const channels = body.readUInt16LE(2);
  const sampleRate = body.readUInt32LE(4);
  const blockAlign = body.readUInt16LE(12);
  const bits = body.readUInt16LE(14);
  if (tag === WAVE_FORMAT_EXTENSIBLE) {
    if (body.length < 40) throw badHeader(file, 'WAVE_FORMAT_EXTENSIBLE without its extension');
    const validBits = body.readUInt16LE(18);
    // The sub-format GUID starts with the plain format tag; the rest is the fixed KSDATAFORMAT suffix.
    tag = body.readUInt16LE(24);
    if (validBits > bits) throw badHeader(file, `${validBits} valid bits in ${bits}-bit samples`);
  }
  checkStreamShape(file, sampleRate, channels);
  const encoding = tag === WAVE_FORMAT_PCM ? 1 : tag === WAVE_FORMAT_IEEE_FLOAT ? 3 : 0;
  const supported = encoding === 1 ? [8, 16, 24, 32].includes(bits) : encoding === 3 ? bits === 32 || bits === 64 : false;
  if (!supported) {
    throw new UserError(
      t('cloneAudioUnsupportedWav', file, `format 0x${tag.toString(16)}, ${bits}-bit`),
      'bad-input',
      t('cloneAudioWavFix'),
    );
  }
  if (bits % 8 !== 0 || blockAlign !== (bits / 8) * channels) {
    throw badHeader(file, `block size ${blockAlign} for ${channels} × ${bits}-bit`);
  }
  return { encoding: encoding as 1 | 3, channels, sampleRate, bits, blockAlign };
}

/** Mono mix of `frames` frames of interleaved samples in `b` (typed-array views where the width allows). */
export function mixFrames(b: Buffer, fmt: WavFormat, frames: number, out: Float32Array): void {
  const { channels, bits, blockAlign, encoding } = fmt;
  const inv = 1 / channels;
  const n = frames * channels;
  let view: ArrayLike<number> | undefined;
  let scale = 1;
  if (encoding === 3 && bits === 32 && b.byteOffset % 4 === 0) view = new Float32Array(b.buffer, b.byteOffset, n);
  else if (encoding === 3 && bits === 64 && b.byteOffset % 8 === 0) view = new Float64Array(b.buffer, b.byteOffset, n);
  else if (encoding === 1 && bits === 16 && b.byteOffset % 2 === 0) [view, scale] = [new Int16Array(b.buffer, b.byteOffset, n), 1 / 0x8000];
  else if (encoding === 1 && bits === 32 && b.byteOffset % 4 === 0) [view, scale] = [new Int32Array(b.buffer, b.byteOffset, n), 1 / 0x80000000];
  if (view) {
    const k = inv * scale;
    for (let i = 0, p = 0; i < frames; i++) {
      let acc = 0;
      for (let c = 0; c < channels; c++) acc += view[p++];
      out[i] = acc * k;
    }
    return;
  }
  const step = bits / 8;
  for (let i = 0; i < frames; i++) {
    let acc = 0;
    let p = i * blockAlign;
    for (let c = 0; c < channels; c++, p += step) {
      if (encoding === 3) acc += bits === 32 ? b.readFloatLE(p) : b.readDoubleLE(p);
      else if (bits === 24) acc += (((b[p + 2] << 24) | (b[p + 1] << 16) | (b[p] << 8)) >> 8) / 0x800000;
      else if (bits === 16) acc += b.readInt16LE(p) / 0x8000;
      else if (bits === 32) acc += b.readInt32LE(p) / 0x80000000;
      else acc += (b[p] - 128) / 128;
    }
    out[i] = acc * inv;
  }
}

/** Decodes an open WAV file of `fileSize` bytes. */
export function decodeWavFd(file: string, fd: number, fileSize: number, limits: DecodeLimits): DecodedAudio {
  const riff = readAt(fd, 0, 12);
  if (riff.length < 12) throw badHeader(file, 'shorter than a RIFF header');
  let off = 12;
  let fmt: WavFormat | undefined;
  for (let guard = 0; off + 8 <= fileSize && guard < 10_000; guard++) {
    const head = readAt(fd, off, 8);
    const id = head.toString('latin1', 0, 4);
    const size = head.readUInt32LE(4);
    const body = off + 8;
    if (id === 'fmt ') {
      if (size > 4096) throw badHeader(file, `fmt chunk of ${size} bytes`);
      fmt = parseFmt(file, readAt(fd, body, size));
    } else if (id === 'data') {
      if (!fmt) throw badHeader(file, 'data chunk before its fmt chunk');
      const present = fileSize - body;
      const rate = fmt.sampleRate * fmt.blockAlign;
      const claimedFrames = Math.floor(size / fmt.blockAlign);
      // The header is believed only as far as the file goes: a claim of 4 GB in a small file is refused by
      // comparing numbers, before any buffer exists.
      if (size > present) {
        throw new UserError(
          t('cloneAudioTruncated', file, formatSeconds(size / rate), formatSeconds(Math.max(0, present) / rate)),
          'bad-input',
          t('cloneAudioCorruptFix'),
        );
      }
      if (claimedFrames / fmt.sampleRate > limits.maxSeconds) throw tooLong(file, limits, claimedFrames / fmt.sampleRate);
      if (claimedFrames === 0) throw new UserError(t('cloneAudioNoSamples', file), 'bad-input', t('cloneClipTooShortFix'));
      const mono = new MonoCollector(file, limits);
      mono.start(fmt.sampleRate, fmt.channels);
      const framesPerRead = Math.max(1, Math.floor((1 << 20) / fmt.blockAlign));
      const slice = Buffer.alloc(framesPerRead * fmt.blockAlign);
      for (let done = 0; done < claimedFrames; ) {
        const frames = Math.min(framesPerRead, claimedFrames - done);
        const bytes = frames * fmt.blockAlign;
        const n = fs.readSync(fd, slice, 0, bytes, body + done * fmt.blockAlign);
        if (n < bytes) throw new UserError(t('cloneAudioCorrupt', file, 'read past the end'), 'bad-input', t('cloneAudioCorruptFix'));
        mixFrames(slice, fmt, frames, mono.addDirect(frames));
        done += frames;
      }
      return { format: 'wav', sampleRate: fmt.sampleRate, channels: fmt.channels, samples: mono.finish() };
    }
    off = body + size + (size % 2);
  }
  throw badHeader(file, fmt ? 'no data chunk' : 'no fmt chunk');
}
