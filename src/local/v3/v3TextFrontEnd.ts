// Which text front end a v3 Turbo model gets: sea-g2p (what v3 was trained on) from a SEAP dictionary — the
// one asked for, else sea_g2p.bin in the backbone folder — and only without one the stopgap on the v1
// phonemizer (same IPA alphabet with tone digits, but not the model's phonemes). Shared by the CLI and the
// local backend, which both say which one they use.
import * as fs from 'fs';
import * as path from 'path';
import { normalize } from '../../text/normalize';
import { splitWithGaps, textFrontEndV3, type V3FrontEnd } from './v3FrontEnd';

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

export function findSeaDictionary(o: { dictionary?: string; folder?: string }): string | undefined {
  if (o.dictionary && isSeap(o.dictionary)) return o.dictionary;
  const inFolder = o.folder ? path.join(o.folder, SEA_DICT_FILE) : undefined;
  return inFolder && fs.existsSync(inFolder) ? inFolder : undefined;
}

export async function loadV3FrontEnd(o: { dictionary?: string; folder?: string }): Promise<LoadedV3FrontEnd> {
  const sea = findSeaDictionary(o);
  if (sea) {
    const { createSeaFrontEnd } = require('../../text/sea/seaFrontEnd') as typeof import('../../text/sea/seaFrontEnd');
    const fe = await createSeaFrontEnd({ dictionary: sea });
    return {
      split: (text) => splitWithGaps(text, (s) => normalize(s, { sea: true })),
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
