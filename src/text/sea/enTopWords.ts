// sea-g2p's tie-break list for out-of-vocabulary splits ("fine|tune" over "fin|etune"): upstream compiles
// google-10000-english plus a few brands into its binary (src/g2p/en_top_words.rs, scripts/gen_en_top_words.py).
// That list is not bundled here: its licence (first20hours/google-10000-english LICENSE.md) allows educational
// and research use of the Google Web Trillion Word Corpus and advises against commercial use without an LDC
// licence, which an Apache-2.0 extension cannot pass on. A user who has the list can give it as a file.
import { promises as fs } from 'fs';
import { UserError } from '../../core/errors';
import { t } from '../../core/strings';

/** One word per line, as upstream's generator reads it: lower-cased, letters only, at least two of them. */
export function parseEnTopWords(text: string): Set<string> {
  const words = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const w = line.trim().toLowerCase();
    if (w.length >= 2 && /^\p{L}+$/u.test(w)) words.add(w);
  }
  return words;
}

export async function loadEnTopWords(file: string): Promise<Set<string>> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    throw new UserError(t('seaTopWordsUnreadable', file, (err as NodeJS.ErrnoException).code ?? (err as Error).message), 'bad-input', t('seaTopWordsFix'));
  }
  const words = parseEnTopWords(text);
  if (words.size === 0) throw new UserError(t('seaTopWordsEmpty', file), 'bad-input', t('seaTopWordsFix'));
  return words;
}
