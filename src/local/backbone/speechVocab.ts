// Finds the speech-token range and the end token in a vocabulary, the same way for every runner.
export const SPEECH_END_TOKEN = '<|SPEECH_GENERATION_END|>';

export interface SpeechVocab {
  speechTokenBase: number;
  speechTokenCount: number;
  endTokenId: number;
}

/**
 * `tokenAt(id)` gives the text of a token. Speech tokens must be contiguous from `<|speech_0|>`; the count
 * is found by binary search (then spot-checked) so a 217k vocabulary costs a few lookups, not a scan.
 */
export function findSpeechVocab(
  vocabSize: number,
  idOf: (piece: string) => number | undefined,
  tokenAt: (id: number) => string | undefined,
): SpeechVocab | undefined {
  const base = idOf('<|speech_0|>');
  const end = idOf(SPEECH_END_TOKEN);
  if (base === undefined || end === undefined) return undefined;
  const isSpeech = (i: number) => base + i < vocabSize && tokenAt(base + i) === `<|speech_${i}|>`;
  let lo = 0; // isSpeech(lo) holds
  let hi = Math.min(vocabSize - base, 1 << 17); // first index known not to be checked true
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (isSpeech(mid)) lo = mid;
    else hi = mid;
  }
  const count = lo + 1;
  for (const i of [count >> 2, count >> 1, (3 * count) >> 2]) if (!isSpeech(i)) return undefined;
  return { speechTokenBase: base, speechTokenCount: count, endTokenId: end };
}
