// The v3 phonemizer as VieNeu-TTS uses sea-g2p (vieneu_utils/phonemize_text.py at 36c4b501): punc_norm, then
// G2P; inline cues ([cười]/[chuckle], [thở dài]/[sigh], [hắng giọng]/[clear throat], or <|emotion_k|>) stay as
// the model's <|emotion_k|> tokens: each text fragment between cues is phonemized without punc_norm, the pieces
// are joined with one space (a mark that starts a fragment attaches to what precedes it), and punc_norm settles
// the end of the whole.
import { puncNorm, trimWs } from './puncNorm';
import { SeaG2p, type SeaG2pOptions } from './seaG2p';
import type { SeapDict } from './seapDict';
import { EMOTION_TAGS } from './emotionTags';

export { EMOTION_TAGS };

const CUE_SPLIT_RE = /(\[[^\]]+\]|<\|emotion_\d+\|>)/;
const ATTACHING = new Set('.,!?;:…)]}"\'’”');

/** `<|emotion_k|>` for a known `[tag]` or an explicit token; undefined for any other bracketed text. */
export function emotionToken(tag: string): string | undefined {
  const t = trimWs(tag);
  if (t.startsWith('<|')) return t;
  const k = EMOTION_TAGS[trimWs(t.slice(1, -1)).toLowerCase()];
  return k === undefined ? undefined : `<|emotion_${k}|>`;
}

export class SeaPhonemizer {
  readonly g2p: SeaG2p;

  constructor(dict: SeapDict, options: SeaG2pOptions = {}) {
    this.g2p = new SeaG2p(dict, options);
  }

  /** Phonemes of one normalized chunk, as the v3 model was trained on them. */
  phonemize(text: string): string {
    if (!text.includes('[') && !text.includes('<|emotion_')) return this.g2p.phonemize(puncNorm(text));
    let out = '';
    text.split(CUE_SPLIT_RE).forEach((part, i) => {
      const token = i % 2 === 1 ? emotionToken(part) : undefined;
      if (token !== undefined) {
        out = out ? `${out} ${token}` : token;
        return;
      }
      const ph = part && trimWs(part) ? this.g2p.phonemize(part) : '';
      if (!ph) return;
      if (!out) out = ph;
      else if (ATTACHING.has(ph[0])) out += ph;
      else out += ' ' + ph;
    });
    return puncNorm(out);
  }
}
