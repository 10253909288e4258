// Resolves the effective configuration from, in rising precedence: defaults, VS Code settings, an optional
// config.yaml, and the environment (COLAB_ENDPOINT_URL, COLAB_AUTH_TOKEN). Pure: the adapters read the
// sources, this decides. It never writes config.yaml: a broken file is reported, not "repaired".
import { parseDocument, isMap, isScalar, isSeq, LineCounter } from 'yaml';
import { UserError } from './errors';
import { t } from './strings';
import type { BackendId } from './types';

export type Device = 'auto' | 'cpu' | 'gpu';
export type PlayerKind = 'webview' | 'system';

export interface VieneuConfig {
  mode: BackendId;
  local: {
    backbone: string;
    codec: string;
    device: Device;
    /** 0 = let llama.cpp decide. */
    threads: number;
    /** A folder holding already-downloaded model files, for offline use. */
    modelsPath: string;
    /** A sea_g2p.bin for v3 Turbo models (offline use); empty: downloaded with the model. */
    seaG2pDictionary?: string;
    builtinVoice: boolean;
  };
  colab: {
    endpoint: string;
    /** Further endpoints (Kaggle, a self-hosted box) tried in order when the first is unhealthy. */
    fallbackEndpoints: string[];
    /** Speak with a ready Local when Colab stops answering, instead of asking. */
    fallbackToLocal: boolean;
    healthIntervalSeconds: number;
    requestTimeoutSeconds: number;
  };
  voice: string;
  speed: number;
  player: PlayerKind;
  /** Custom voices from config.yaml: id -> codes file (or inline codes) + transcript. */
  customVoices: Record<string, { codesFile?: string; codes?: number[]; text: string }>;
}

export type ConfigSource = 'default' | 'settings' | 'config.yaml' | 'env';

export interface ResolvedConfig {
  config: VieneuConfig;
  /** Where each dotted key's value came from, for the admin panel ("from config.yaml"). */
  sources: Record<string, ConfigSource>;
  /** An auth token from the environment; never persisted. */
  envAuthToken?: string;
  problems: UserError[];
}

export const DEFAULT_CONFIG: VieneuConfig = {
  mode: 'local',
  local: {
    // Upstream's current model; the codec follows the model ('' = the one it was made for, catalogue.ts).
    backbone: 'vieneu-v3-turbo',
    codec: '',
    device: 'auto',
    threads: 0,
    modelsPath: '',
    seaG2pDictionary: '',
    builtinVoice: true,
  },
  colab: { endpoint: '', fallbackEndpoints: [], fallbackToLocal: false, healthIntervalSeconds: 30, requestTimeoutSeconds: 60 },
  voice: '',
  speed: 1,
  player: 'webview',
  customVoices: {},
};

/** Settings as the adapter read them: dotted keys below `vieneu.`, only those the user set. */
export type SettingsSnapshot = Record<string, unknown>;

interface Field {
  path: string;
  yaml: string[];
  check: (v: unknown) => boolean;
  describe: string;
}

const isStr = (v: unknown) => typeof v === 'string';
const isBool = (v: unknown) => typeof v === 'boolean';
const num = (min: number, max: number) => (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max;
const oneOf = (...xs: string[]) => (v: unknown) => typeof v === 'string' && xs.includes(v);

/** The most CPU threads a run may ask for (the vieneu.local.threads setting's maximum in package.json, too). */
export const MAX_THREADS = 256;

const FIELDS: Field[] = [
  { path: 'mode', yaml: ['backend', 'mode'], check: oneOf('local', 'colab'), describe: '"local" or "colab"' },
  { path: 'local.backbone', yaml: ['local', 'backbone'], check: isStr, describe: 'a model id or path' },
  { path: 'local.codec', yaml: ['local', 'codec'], check: isStr, describe: 'a model id or path' },
  { path: 'local.device', yaml: ['local', 'device'], check: oneOf('auto', 'cpu', 'gpu'), describe: '"auto", "cpu" or "gpu"' },
  { path: 'local.threads', yaml: ['local', 'threads'], check: num(0, MAX_THREADS), describe: `a number from 0 to ${MAX_THREADS}` },
  { path: 'local.modelsPath', yaml: ['local', 'models_path'], check: isStr, describe: 'a folder path' },
  { path: 'local.seaG2pDictionary', yaml: ['local', 'sea_g2p_dictionary'], check: isStr, describe: 'a file path' },
  { path: 'local.builtinVoice', yaml: ['local', 'builtin_voice'], check: isBool, describe: 'true or false' },
  { path: 'colab.endpoint', yaml: ['colab', 'endpoint_url'], check: isStr, describe: 'an https:// URL' },
  {
    path: 'colab.fallbackEndpoints',
    yaml: ['colab', 'fallback_endpoints'],
    check: (v) => Array.isArray(v) && v.every(isStr),
    describe: 'a list of URLs',
  },
  { path: 'colab.fallbackToLocal', yaml: ['colab', 'fallback_to_local'], check: isBool, describe: 'true or false' },
  { path: 'colab.healthIntervalSeconds', yaml: ['colab', 'health_interval'], check: num(5, 3600), describe: 'seconds, 5 to 3600' },
  { path: 'colab.requestTimeoutSeconds', yaml: ['colab', 'timeout'], check: num(5, 600), describe: 'seconds, 5 to 600' },
  { path: 'voice', yaml: ['voices', 'default'], check: isStr, describe: 'a voice id' },
  { path: 'speed', yaml: ['speed'], check: num(0.5, 2), describe: 'a number from 0.5 to 2' },
  { path: 'player', yaml: ['playback', 'player'], check: oneOf('webview', 'system'), describe: '"webview" or "system"' },
];

function setPath(obj: any, path: string, value: unknown): void {
  const keys = path.split('.');
  let o = obj;
  for (const k of keys.slice(0, -1)) o = o[k];
  o[keys[keys.length - 1]] = Array.isArray(value) ? [...value] : value;
}

function getYaml(obj: unknown, keys: string[]): unknown {
  let o: any = obj;
  for (const k of keys) {
    if (o == null || typeof o !== 'object') return undefined;
    o = o[k];
  }
  return o;
}

/**
 * The most config.yaml may hold. The file is a handful of settings plus custom voices, whose inline codes
 * are the bulk (a reference of the most codes a context holds, 2,048, is about 14 KB of YAML): 128 KiB holds
 * eight of those, and parsing it (about 2 MB/s with the yaml library) blocks the extension host, where it
 * runs on every save, for well under a second.
 */
export const MAX_CONFIG_YAML_BYTES = 128 * 1024;

/** The problem with a config.yaml of `bytes` bytes, if it is too large to read (checked before reading it). */
export function checkConfigYamlSize(bytes: number): UserError | undefined {
  if (bytes <= MAX_CONFIG_YAML_BYTES) return undefined;
  return new UserError(t('limitConfigTooLarge', Math.ceil(bytes / 1024), MAX_CONFIG_YAML_BYTES / 1024), 'config');
}

/** Finds a repeated key in any mapping, in one pass (the library's own check compares every pair). */
function findDuplicateKey(node: unknown): { key: string; at: number } | undefined {
  if (isMap(node)) {
    const seen = new Set<string>();
    for (const pair of node.items) {
      const k = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      if (seen.has(k)) return { key: k, at: (pair.key as { range?: number[] } | null)?.range?.[0] ?? 0 };
      seen.add(k);
      const inner = findDuplicateKey(pair.value);
      if (inner) return inner;
    }
  } else if (isSeq(node)) {
    for (const item of node.items) {
      const inner = findDuplicateKey(item);
      if (inner) return inner;
    }
  }
  return undefined;
}

/**
 * Parses config.yaml text; throws a UserError with the line and column of the first syntax error, and for a
 * file too large, with a repeated key, or that the YAML library refuses as a resource attack (an alias bomb).
 */
export function parseConfigYaml(text: string): unknown {
  const tooLarge = checkConfigYamlSize(Buffer.byteLength(text, 'utf8'));
  if (tooLarge) throw tooLarge;
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: false, lineCounter, uniqueKeys: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const pos = lineCounter.linePos(e.pos[0]);
    const reason = e.message.split('\n')[0].replace(/ at line \d+, column \d+.*$/, '');
    throw new UserError(t('configYamlBroken', pos.line, pos.col, reason), 'config');
  }
  if (doc.contents !== null && !isMap(doc.contents)) {
    throw new UserError(t('configYamlShape', 'the top level must be a mapping of keys to values'), 'config');
  }
  const dup = findDuplicateKey(doc.contents);
  if (dup) throw new UserError(t('limitConfigDuplicateKey', dup.key, lineCounter.linePos(dup.at).line), 'config');
  try {
    return doc.toJS() ?? {};
  } catch (err) {
    // The library stops alias bombs ("excessive alias count") with a plain error: say it as a config problem.
    throw new UserError(t('limitConfigUnsafe', (err as Error).message), 'config', undefined, [], { cause: err });
  }
}

export function resolveConfig(input: {
  settings: SettingsSnapshot;
  yamlText?: string;
  env?: Record<string, string | undefined>;
}): ResolvedConfig {
  const config: VieneuConfig = structuredClone(DEFAULT_CONFIG);
  const sources: Record<string, ConfigSource> = {};
  const problems: UserError[] = [];
  for (const f of FIELDS) sources[f.path] = 'default';

  for (const f of FIELDS) {
    const v = input.settings[f.path];
    if (v === undefined) continue;
    if (f.check(v)) {
      setPath(config, f.path, v);
      sources[f.path] = 'settings';
    }
  }

  if (input.yamlText !== undefined && input.yamlText.trim() !== '') {
    try {
      const y = parseConfigYaml(input.yamlText);
      for (const f of FIELDS) {
        const v = getYaml(y, f.yaml);
        if (v === undefined || v === null) continue;
        if (!f.check(v)) {
          problems.push(new UserError(t('configYamlShape', `${f.yaml.join('.')} must be ${f.describe}`), 'config'));
          continue;
        }
        setPath(config, f.path, v);
        sources[f.path] = 'config.yaml';
      }
      if (getYaml(y, ['colab', 'auth_token']) !== undefined) {
        problems.push(
          new UserError(
            t('configYamlShape', 'colab.auth_token is ignored: tokens belong in secret storage or COLAB_AUTH_TOKEN, not in a file'),
            'config',
          ),
        );
      }
      const custom = getYaml(y, ['voices', 'custom']);
      if (custom && typeof custom === 'object') {
        for (const [id, v] of Object.entries(custom as Record<string, any>)) {
          const ok =
            v && typeof v === 'object' && typeof v.text === 'string' &&
            (typeof v.codes_file === 'string' || (Array.isArray(v.codes) && v.codes.every((c: unknown) => Number.isInteger(c))));
          if (!ok) {
            problems.push(new UserError(t('configYamlShape', `voices.custom.${id} needs text and codes_file (or codes)`), 'config'));
            continue;
          }
          config.customVoices[id] = { text: v.text, codesFile: v.codes_file, codes: v.codes };
        }
      }
    } catch (err) {
      if (err instanceof UserError) problems.push(err);
      else throw err;
    }
  }

  const env = input.env ?? {};
  const envUrl = env.COLAB_ENDPOINT_URL?.trim();
  if (envUrl) {
    config.colab.endpoint = envUrl;
    sources['colab.endpoint'] = 'env';
  }
  const envToken = env.COLAB_AUTH_TOKEN?.trim() || undefined;
  return { config, sources, envAuthToken: envToken, problems };
}
