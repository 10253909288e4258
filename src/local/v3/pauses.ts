// Silence between text chunks (upstream 3.8, core_utils.py): the pause at a boundary is a minimum — 0.70 s
// between paragraphs, 0.50 s after a sentence, 0.30 s inside one — counted together with the silence the
// model already left at the end of the previous audio and the start of the next (10 ms windows whose mean
// |x| is under -45 dB); only the missing part is inserted as zeros.
export type GapKind = 'para' | 'sentence' | 'minor';

export const V3_PAUSES: Record<GapKind, number> = { para: 0.7, sentence: 0.5, minor: 0.3 };

/** [leading, trailing] silent samples of `wav`; all silent: [length, 0]. */
export function edgeSilence(wav: Float32Array, sampleRate: number, threshDb = -45, winSeconds = 0.01): [number, number] {
  const win = Math.max(1, Math.trunc(winSeconds * sampleRate));
  const nWin = Math.floor(wav.length / win);
  if (nWin === 0) return [wav.length, 0];
  const thresh = 10 ** (threshDb / 20);
  let first = -1;
  let last = -1;
  for (let w = 0; w < nWin; w++) {
    let s = 0;
    for (let i = w * win; i < (w + 1) * win; i++) s += Math.abs(wav[i]);
    if (s / win > thresh) {
      if (first < 0) first = w;
      last = w;
    }
  }
  if (first < 0) return [wav.length, 0];
  return [first * win, wav.length - (last + 1) * win];
}

/** Zeros to insert between `prev` (the last audio played) and `next` so the heard pause reaches `pauseSeconds`. */
export function pausePadSamples(prev: Float32Array, next: Float32Array, sampleRate: number, pauseSeconds: number): number {
  const [leadPrev, tailPrev] = edgeSilence(prev, sampleRate);
  const tail = leadPrev === prev.length ? prev.length : tailPrev;
  const [lead] = edgeSilence(next, sampleRate);
  return Math.max(0, Math.trunc(pauseSeconds * sampleRate) - tail - lead);
}
