// The word → IPA dictionary of a model (phoneme_dict.json, fetched with the model assets, never bundled).
// Read-only once loaded: words espeak-ng had to read are remembered by the phonemizer in its own cache.
import { promises as fs } from 'fs';
import { UserError } from '../core/errors';
import { t } from '../core/strings';

export interface PhonemeDict {
  get(word: string): string | undefined;
  readonly size: number;
}

/** A dictionary from a plain object or entries (tests make their own; the product loads JSON). */
export function makePhonemeDict(entries: Record<string, string> | Iterable<[string, string]>): PhonemeDict {
  const map = new Map<string, string>(Symbol.iterator in Object(entries) ? (entries as Iterable<[string, string]>) : Object.entries(entries));
  return { get: (w) => map.get(w), size: map.size };
}

/** An empty dictionary: every word goes through espeak-ng. */
export const EMPTY_DICT: PhonemeDict = makePhonemeDict({});

/** Parses the JSON text of phoneme_dict.json; `source` names the file in error messages. */
export function parsePhonemeDict(json: string, source: string): PhonemeDict {
  let data: unknown;
  try {
    data = JSON.parse(json.charCodeAt(0) === 0xfeff ? json.slice(1) : json);
  } catch (err) {
    throw new UserError(t('dictBroken', source, (err as Error).message), 'model', t('dictFixDownload'));
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new UserError(t('dictBroken', source, 'not an object'), 'model', t('dictFixDownload'));
  }
  const map = new Map<string, string>();
  for (const [k, v] of Object.entries(data as Record<string, unknown>)) {
    if (typeof v !== 'string') throw new UserError(t('dictBroken', source, `"${k}" is not a string`), 'model', t('dictFixDownload'));
    map.set(k, v);
  }
  return { get: (w) => map.get(w), size: map.size };
}

const loaded = new Map<string, Promise<PhonemeDict>>();

/** Loads (once per path) a phoneme_dict.json from disk. */
export function loadPhonemeDict(path: string): Promise<PhonemeDict> {
  let p = loaded.get(path);
  if (!p) {
    p = (async () => {
      let text: string;
      try {
        text = await fs.readFile(path, 'utf8');
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') throw new UserError(t('dictNotFound', path), 'model', t('dictFixDownload'));
        throw new UserError(t('dictBroken', path, (err as Error).message), 'model', t('dictFixDownload'));
      }
      return parsePhonemeDict(text, path);
    })();
    p.catch(() => loaded.delete(path));
    loaded.set(path, p);
  }
  return p;
}
