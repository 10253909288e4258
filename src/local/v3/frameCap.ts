// Upstream 3.8's frame cap and babble guard (vieneu_utils/core_utils.py): a chunk may produce at most
// 24 + ceil(2 · phoneme characters) frames, and a short chunk (≤ 4 syllables, no emotion cue) at most
// 8 + 5 per extra syllable (a cue alone: 8); after generating a chunk of ≤ 3 syllables, more energy bursts
// than syllables (or ≤ 2 syllables running into the cap) means it "said more" and it is generated again.
const MARKUP = /<\|emotion_\d+\|>|<\/?en>/g;
const VOWELS = new Set('aeiouyæɐɑɒɔəɘɛɜɤɯɵøœʉʊʌɪɨɚɝᵻᵿ');
const FRAME_CAP_SLACK = 24;
const FRAMES_PER_PHONE = 2.0;
export const SINGLE_SYLLABLE_FRAMES = 8;
const PER_EXTRA_SYLLABLE = 5;
const CAP_MAX_SYLLABLES = 4;
const MAX_PHONES_PER_SYLLABLE = 24;
export const BABBLE_MAX_SYLLABLES = 3;
export const BABBLE_MAX_RETRIES = 2;

const isLetter = (ch: string) => /\p{L}/u.test(ch);
const isDigit = (ch: string) => /\p{Nd}/u.test(ch);

export function isCueOnly(phonemes: string): boolean {
  return phonemes.includes('<|emotion_') && ![...phonemes.replace(MARKUP, '')].some(isLetter);
}

/** Syllables of a sea-g2p phoneme string: one per vowel group that follows a consonant or a stress mark. */
export function syllableCount(phonemes: string): number {
  let total = 0;
  for (const tok of phonemes.replace(MARKUP, '').split(/\s+/).filter(Boolean)) {
    let groups = 0;
    let inVowel = false;
    let consonantSeen = true;
    for (const ch of tok) {
      if (VOWELS.has(ch)) {
        if (!inVowel && consonantSeen) groups++;
        inVowel = true;
        consonantSeen = false;
      } else if (ch === 'ː' || ch === 'ˈ' || ch === 'ˌ' || isDigit(ch)) {
        if ((ch === 'ˈ' || ch === 'ˌ') && groups > 0) {
          inVowel = false;
          consonantSeen = true;
        } else inVowel = false;
      } else {
        inVowel = false;
        consonantSeen = true;
      }
    }
    if ([...tok].some(isLetter)) total += Math.max(1, groups);
  }
  return total;
}

export function maxExpectedFrames(phonemes: string): number {
  const stripped = phonemes.replace(MARKUP, '');
  const len = [...stripped].length;
  let cap = FRAME_CAP_SLACK + Math.ceil(FRAMES_PER_PHONE * len);
  if (isCueOnly(phonemes)) return Math.min(cap, SINGLE_SYLLABLE_FRAMES);
  if (!phonemes.includes('<|emotion_')) {
    const syl = Math.max(1, syllableCount(phonemes));
    if (syl <= CAP_MAX_SYLLABLES && len <= MAX_PHONES_PER_SYLLABLE * syl) cap = Math.min(cap, SINGLE_SYLLABLE_FRAMES + PER_EXTRA_SYLLABLE * (syl - 1));
  }
  return cap;
}

/** Energy bursts (≈ syllables) of mono audio: 10 ms RMS above -18 dB of the peak, gaps < 60 ms merged, ≥ 30 ms long. */
export function countSpeechBursts(wav: Float32Array, sampleRate: number): number {
  const hop = Math.max(1, Math.floor(sampleRate * 0.01));
  const n = Math.floor(wav.length / hop);
  if (n === 0) return 0;
  const env = new Float64Array(n);
  let peak = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = i * hop; j < (i + 1) * hop; j++) s += wav[j] * wav[j];
    env[i] = Math.sqrt(s / hop);
    if (env[i] > peak) peak = env[i];
  }
  if (peak <= 1e-6) return 0;
  const thresh = peak * 10 ** (-18 / 20);
  const minGap = 6;
  const minLen = 3;
  const bursts: Array<[number, number]> = [];
  let start = -1;
  let last = -1;
  for (let i = 0; i < n; i++) {
    if (!(env[i] > thresh)) continue;
    if (start < 0) start = i;
    else if (i - last > minGap) {
      bursts.push([start, last]);
      start = i;
    }
    last = i;
  }
  if (start >= 0) bursts.push([start, last]);
  return bursts.filter(([a, b]) => b - a + 1 >= minLen).length;
}

export interface BabbleVerdict {
  suspect: boolean;
  syllables: number;
  bursts: number;
  frames: number;
}

/** Whether the guard looks at this chunk at all (cues alone, or ≤ 3 syllables without a cue). */
export function babbleApplies(phonemes: string): boolean {
  if (isCueOnly(phonemes)) return true;
  const syl = syllableCount(phonemes);
  return syl > 0 && syl <= BABBLE_MAX_SYLLABLES && !phonemes.includes('<|emotion_');
}

export function babbleSuspect(wav: Float32Array, sampleRate: number, phonemes: string, capFrames: number, frames: number): BabbleVerdict {
  if (isCueOnly(phonemes)) return { suspect: frames >= capFrames - 1, syllables: 0, bursts: 0, frames };
  const syllables = syllableCount(phonemes);
  if (syllables === 0 || syllables > BABBLE_MAX_SYLLABLES || phonemes.includes('<|emotion_')) return { suspect: false, syllables, bursts: 0, frames: 0 };
  const bursts = countSpeechBursts(wav, sampleRate);
  return { suspect: bursts > syllables || (syllables <= 2 && frames >= capFrames - 1), syllables, bursts, frames };
}

/** Whether a regenerated take is better than the kept one. */
export function babblePrefer(next: BabbleVerdict, kept: BabbleVerdict): boolean {
  if (next.suspect !== kept.suspect) return !next.suspect;
  return next.bursts < kept.bursts || (next.bursts === kept.bursts && next.frames < kept.frames);
}
