// Which text front end a v3 Turbo model gets: sea-g2p (what v3 was trained on) from a SEAP dictionary — the
// one asked for, else sea_g2p.bin in the backbone folder — and only without one the stopgap on the v1
// phonemizer (same IPA alphabet with tone digits, but not the model's phonemes). Shared by the CLI and the
// local backend, which both say which one they use.
import * as fs from 'fs';
import * as path from 'path';
import { classifyGap, textFrontEndV3, type V3Chunk, type V3FrontEnd } from './v3FrontEnd';

export const SEA_DICT_FILE = 'sea_g2p.bin';

export interface LoadedV3FrontEnd extends V3FrontEnd {
  /** 'sea-g2p', or 'v1-phonemizer' (the stopgap). */
  g2p: 'sea-g2p' | 'v1-phonemizer';
  /** The dictionary file used, if any. */
  dictionary?: string;
}

/** A SEAP file by its magic bytes (a v1 phoneme_dict.json given with --dict is not one). */
function isSeap(file: string): boolean {
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const b = Buffer.alloc(4);
      fs.readSync(fd, b, 0, 4, 0);
      return b.toString('latin1') === 'SEAP';
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return false;
  }
}

/** sea-g2p's chunks (normalised for v3, re-split when spelled-out numbers grew) with the pause before each. */
function withGaps(text: string, chunks: ReadonlyArray<{ text: string; start: number; end: number }>): V3Chunk[] {
  return chunks.map((c, i) => {
    const prev = chunks[i - 1];
    if (!prev) return { ...c };
    // Pieces of one re-split chunk share its range: a cut inside a sentence.
    const gap = prev.start === c.start && prev.end === c.end ? 'minor' : classifyGap(text, prev.end, c.start, text.slice(prev.start, prev.end));
    return { ...c, gap };
  });
}

export interface V3FrontEndOptions {
  dictionary?: string;
  folder?: string;
  /** `dictionary` must be read as sea-g2p's (a missing or damaged file is an error naming it, not the stopgap). */
  required?: boolean;
}

export function findSeaDictionary(o: V3FrontEndOptions): string | undefined {
  if (o.dictionary && (o.required || isSeap(o.dictionary))) return o.dictionary;
  const inFolder = o.folder ? path.join(o.folder, SEA_DICT_FILE) : undefined;
  return inFolder && fs.existsSync(inFolder) ? inFolder : undefined;
}

export async function loadV3FrontEnd(o: V3FrontEndOptions): Promise<LoadedV3FrontEnd> {
  const sea = findSeaDictionary(o);
  if (sea) {
    const { createSeaFrontEnd } = require('../../text/sea/seaFrontEnd') as typeof import('../../text/sea/seaFrontEnd');
    const fe = await createSeaFrontEnd({ dictionary: sea });
    return {
      split: (text) => withGaps(text, fe.split(text)),
      phonemize: (s) => fe.phonemize(s),
      g2p: 'sea-g2p',
      dictionary: sea,
    };
  }
  const { createPhonemizer } = require('../../text/phonemize') as typeof import('../../text/phonemize');
  const { EMPTY_DICT, loadPhonemeDict } = require('../../text/phonemeDict') as typeof import('../../text/phonemeDict');
  const phonemizer = await createPhonemizer(o.dictionary ? await loadPhonemeDict(o.dictionary) : EMPTY_DICT);
  return { ...textFrontEndV3((s) => phonemizer.phonemize(s).phonemes), g2p: 'v1-phonemizer', dictionary: o.dictionary };
}
