// RIFF/WAVE encoding and decoding for mono audio: PCM16 for files and players, float32 in memory.
import { floatToPcm16 } from './pcm16';

/** A 44-byte header for `dataBytes` of mono PCM16; dataBytes may be 0xffffffff-ish for streams of unknown length. */
export function wavHeader(sampleRate: number, dataBytes: number, channels = 1): Buffer {
  const h = Buffer.alloc(44);
  h.write('RIFF', 0, 'ascii');
  h.writeUInt32LE(Math.min(0xffffffff, 36 + dataBytes), 4);
  h.write('WAVE', 8, 'ascii');
  h.write('fmt ', 12, 'ascii');
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20);
  h.writeUInt16LE(channels, 22);
  h.writeUInt32LE(sampleRate, 24);
  h.writeUInt32LE(sampleRate * channels * 2, 28);
  h.writeUInt16LE(channels * 2, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36, 'ascii');
  h.writeUInt32LE(Math.min(0xffffffff, dataBytes), 40);
  return h;
}

export function encodeWav(samples: Float32Array, sampleRate: number): Buffer {
  const pcm = floatToPcm16(samples);
  return Buffer.concat([wavHeader(sampleRate, pcm.byteLength), Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength)]);
}

export interface DecodedWav {
  sampleRate: number;
  channels: number;
  /** Mono mix-down, float32. */
  samples: Float32Array;
}

/** Decodes PCM16 / float32 WAV; walks chunks so LIST/fact chunks before `data` are skipped. */
export function decodeWav(buf: Uint8Array): DecodedWav {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  if (b.length < 12 || b.toString('ascii', 0, 4) !== 'RIFF' || b.toString('ascii', 8, 12) !== 'WAVE') {
    throw new Error('not a WAV file (no RIFF/WAVE header)');
  }
  let off = 12;
  let fmt: { format: number; channels: number; rate: number; bits: number } | undefined;
  while (off + 8 <= b.length) {
    const id = b.toString('ascii', off, off + 4);
    let size = b.readUInt32LE(off + 4);
    const body = off + 8;
    if (id === 'fmt ') {
      fmt = { format: b.readUInt16LE(body), channels: b.readUInt16LE(body + 2), rate: b.readUInt32LE(body + 4), bits: b.readUInt16LE(body + 14) };
    } else if (id === 'data') {
      if (!fmt) throw new Error('WAV data chunk before its fmt chunk');
      // Streams write a placeholder size; a truncated file has fewer bytes than announced: take what is there.
      size = Math.min(size, b.length - body);
      const frameBytes = (fmt.bits / 8) * fmt.channels;
      const frames = Math.floor(size / frameBytes);
      const out = new Float32Array(frames);
      for (let i = 0; i < frames; i++) {
        let acc = 0;
        for (let c = 0; c < fmt.channels; c++) {
          const p = body + i * frameBytes + (c * fmt.bits) / 8;
          if (fmt.format === 3 && fmt.bits === 32) acc += b.readFloatLE(p);
          else if (fmt.bits === 16) acc += b.readInt16LE(p) / 0x8000;
          else if (fmt.bits === 8) acc += (b.readUInt8(p) - 128) / 128;
          else throw new Error(`unsupported WAV sample format (${fmt.bits}-bit, format ${fmt.format})`);
        }
        out[i] = acc / fmt.channels;
      }
      return { sampleRate: fmt.rate, channels: fmt.channels, samples: out };
    }
    off = body + size + (size % 2);
  }
  throw new Error('WAV file has no data chunk');
}
