// The inline non-verbal cues of the v3 Turbo emotion checkpoint and their token numbers
// (VieNeu-TTS vieneu_utils/phonemize_text.py at 36c4b501): [cười] → <|emotion_1|>, [thở dài] → 2, [hắng giọng] → 3.
export const EMOTION_TAGS: Readonly<Record<string, number>> = {
  chuckle: 1, 'cười': 1, cuoi: 1,
  sigh: 2, 'thở dài': 2, 'tho dai': 2,
  'clear throat': 3, 'hắng giọng': 3, 'hang giong': 3,
};
