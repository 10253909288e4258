// The one float → PCM16 conversion, for WAV files, the system player's stream and the webview player's
// chunks alike, so every path rounds and clips the same way. No Node APIs: the player page bundles it too.

/** Samples in [-1, 1] (clipped; NaN is silence) to signed 16-bit, -1 → -32768 and 1 → 32767. */
export function floatToPcm16(samples: Float32Array): Int16Array {
  const out = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) {
    const s = Math.max(-1, Math.min(1, samples[i] || 0));
    out[i] = s < 0 ? Math.round(s * 0x8000) : Math.round(s * 0x7fff);
  }
  return out;
}

/** The little-endian bytes of PCM16 samples (every platform VS Code runs on is little-endian). */
export function pcm16Bytes(pcm: Int16Array): Uint8Array {
  return new Uint8Array(pcm.buffer, pcm.byteOffset, pcm.byteLength);
}
