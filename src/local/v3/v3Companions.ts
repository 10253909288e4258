// What a v3 Turbo model needs beside its own graphs, and where each comes from: the sea-g2p dictionary the
// model was trained to read with, and the preset voices (the model repository may not hold them; the SDK
// ships them). A catalogue model gets both downloaded like its weights (pinned, checked, resumable, cached);
// a local folder keeps what it holds. A catalogue model never falls back to the v1 phonemizer in silence:
// without a usable sea_g2p.bin it is refused with the file and the setting that fixes it.
import { existsSync, promises as fsp } from 'fs';
import { join, resolve } from 'path';
import { isAbortError, UserError } from '../../core/errors';
import { t } from '../../core/strings';
import { findModel, type CatalogueEntry } from '../models/catalogue';
import { expandHome, resolveModel, type ResolvedModel, type StoreOptions, type StoreProgress } from '../models/modelStore';
import { SEA_DICT_FILE } from './v3TextFrontEnd';

/** The dictionary the v3 front end is to read; `required` = a SEAP file or an error, never the stopgap. */
export interface SeaDictionaryChoice {
  file?: string;
  required: boolean;
  /** Where it came from, for the model info. */
  from: 'option' | 'folder' | 'setting' | ResolvedModel['source'] | 'none';
}

export interface SeaDictionaryRequest {
  /** LoadModelOptions.dictionary (the CLI's --dict). */
  explicit?: string;
  /** vieneu.local.seaG2pDictionary. */
  setting?: string;
  /** The backbone folder. */
  folder: string;
  /** The catalogue backbone the folder was downloaded for; undefined for a local folder. */
  entry?: CatalogueEntry;
  store: StoreOptions;
  progress?: StoreProgress;
  signal?: AbortSignal;
}

const DEFAULT_SEA_DICTIONARY_ID = 'sea-g2p-dict';

/**
 * Local folder: --dict, then the folder's own sea_g2p.bin, then the setting, then a cached or models-folder copy of
 * the catalogue's dictionary, else the stopgap (logged).
 * Catalogue model: --dict, then the setting, then the catalogue's dictionary (models folder, cache, download).
 */
export async function resolveSeaDictionary(r: SeaDictionaryRequest): Promise<SeaDictionaryChoice> {
  const catalogue = !!r.entry;
  // A local folder given a v1 phoneme_dict.json with --dict keeps reading with it (the stopgap's dictionary).
  if (r.explicit) return { file: r.explicit, required: catalogue, from: 'option' };
  const own = join(r.folder, SEA_DICT_FILE);
  if (!catalogue && existsSync(own)) return { file: own, required: true, from: 'folder' };
  const setting = r.setting?.trim();
  if (setting) return { file: resolve(expandHome(setting)), required: true, from: 'setting' };
  const id = r.entry?.v3?.dictionary ?? DEFAULT_SEA_DICTIONARY_ID;
  if (!catalogue) {
    // Every v3 Turbo model reads sea-g2p's phonemes: one already downloaded or in the models folder beats the
    // stopgap, but a local folder never starts a download.
    try {
      const d = await resolveModel(id, 'dictionary', { ...r.store, offline: true }, undefined, r.signal);
      return { file: d.weights, required: true, from: d.source };
    } catch (err) {
      if (isAbortError(err) || !(err instanceof UserError)) throw err;
      return { required: false, from: 'none' };
    }
  }
  try {
    const d = await resolveModel(id, 'dictionary', r.store, r.progress, r.signal);
    return { file: d.weights, required: true, from: d.source };
  } catch (err) {
    if (isAbortError(err) || !(err instanceof UserError)) throw err;
    const dict = findModel(id);
    const where = dict?.url ? dict.url + SEA_DICT_FILE : id;
    throw new UserError(t('seapDownloadFailed', where, err.message), err.code, t('seapDownloadFix'), err.actions, { cause: err });
  }
}

/**
 * After the SEAP reader refused a dictionary from the cache (damaged on disk since its checked download): the
 * file goes, so the next load fetches it afresh as the message says. A fresh download that is refused stays
 * (its bytes are the pinned ones; fetching them again would not help).
 */
export async function discardRefusedDictionary(choice: SeaDictionaryChoice): Promise<void> {
  if (choice.from === 'cache' && choice.file) await fsp.rm(choice.file, { force: true });
}

/**
 * The presets of a downloaded v3 model: an explicit file, the repository's own voices_v3_turbo.json, else
 * the catalogue's presets (the SDK's file at a pinned commit), downloaded like the model.
 */
export async function resolveV3Presets(o: {
  explicit?: string;
  backbone?: ResolvedModel;
  store: StoreOptions;
  progress?: StoreProgress;
  signal?: AbortSignal;
}): Promise<string | undefined> {
  if (o.explicit) return o.explicit;
  const b = o.backbone;
  if (!b?.entry) return undefined; // a local folder: loadV3 looks beside the graphs
  if (b.voices) return b.voices;
  const presets = b.entry.v3?.presets;
  if (!presets) return undefined;
  return (await resolveModel(presets, 'voices', o.store, o.progress, o.signal)).voices;
}
