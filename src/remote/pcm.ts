// 16-bit little-endian PCM (the protocol's audio) to float samples, for a stream that may split a sample
// across network chunks, and a strict WAV reader that refuses incomplete files instead of playing them short.

/** Converts a PCM16 byte stream into float32 chunks, carrying an odd trailing byte to the next chunk. */
export class Pcm16Decoder {
  private carry: number | undefined;

  push(bytes: Uint8Array): Float32Array {
    let start = 0;
    const total = bytes.length + (this.carry === undefined ? 0 : 1);
    const out = new Float32Array(total >> 1);
    let o = 0;
    if (this.carry !== undefined && bytes.length > 0) {
      out[o++] = toFloat(this.carry | (bytes[0] << 8));
      start = 1;
      this.carry = undefined;
    }
    const end = start + ((bytes.length - start) & ~1);
    for (let i = start; i < end; i += 2) out[o++] = toFloat(bytes[i] | (bytes[i + 1] << 8));
    if (end < bytes.length) this.carry = bytes[end];
    return o === out.length ? out : out.subarray(0, o);
  }

  /** True when the stream ended in the middle of a sample. */
  get hasPartialSample(): boolean {
    return this.carry !== undefined;
  }
}

function toFloat(u16: number): number {
  const s = u16 >= 0x8000 ? u16 - 0x10000 : u16;
  return s / 32768;
}

export interface DecodedWav {
  samples: Float32Array;
  sampleRate: number;
}

/** Reads a PCM16 mono WAV; throws an Error whose message says what is wrong (the caller maps it). */
export function decodeWav(bytes: Uint8Array): DecodedWav {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (o: number) => String.fromCharCode(bytes[o], bytes[o + 1], bytes[o + 2], bytes[o + 3]);
  if (bytes.length < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') throw new Error('not a WAV file');
  let o = 12;
  let sampleRate = 0;
  let fmtOk = false;
  while (o + 8 <= bytes.length) {
    const id = tag(o);
    const size = view.getUint32(o + 4, true);
    const body = o + 8;
    if (id === 'fmt ') {
      if (body + 16 > bytes.length) throw new Error('the WAV header is cut short');
      const format = view.getUint16(body, true);
      const channels = view.getUint16(body + 2, true);
      sampleRate = view.getUint32(body + 4, true);
      const bits = view.getUint16(body + 14, true);
      if (format !== 1 || bits !== 16 || channels !== 1) throw new Error(`unsupported WAV format (${format}, ${channels} ch, ${bits} bit)`);
      if (sampleRate < 1000 || sampleRate > 192000) throw new Error(`implausible sample rate ${sampleRate}`);
      fmtOk = true;
    } else if (id === 'data') {
      if (!fmtOk) throw new Error('the WAV data comes before its format');
      // A streamed WAV (upstream's server, OpenAI) claims an unknown length, 0xFFFFFFFF: the audio is all
      // that follows (a cut-off stream is caught by the reader's own checks, not here).
      if (size === 0xffffffff) {
        const dec = new Pcm16Decoder();
        const n = (bytes.length - body) & ~1;
        return { samples: dec.push(bytes.subarray(body, body + n)), sampleRate };
      }
      if (body + size > bytes.length) {
        throw new Error(`${bytes.length - body} of ${size} audio bytes arrived`);
      }
      const dec = new Pcm16Decoder();
      return { samples: dec.push(bytes.subarray(body, body + (size & ~1))), sampleRate };
    }
    o = body + size + (size & 1);
  }
  throw new Error('the WAV file has no audio data');
}
