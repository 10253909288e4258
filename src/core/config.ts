// Resolves the effective configuration from, in rising precedence: defaults, VS Code settings, an optional
// config.yaml, and the environment (COLAB_ENDPOINT_URL, COLAB_AUTH_TOKEN). Pure: the adapters read the
// sources, this decides. It never writes config.yaml: a broken file is reported, not "repaired".
import { parseDocument, isMap, LineCounter } from 'yaml';
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
    backbone: 'pnnbao-ump/VieNeu-TTS-q4-gguf',
    codec: 'neuphonic/neucodec-onnx-decoder-int8',
    device: 'auto',
    threads: 0,
    modelsPath: '',
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

const FIELDS: Field[] = [
  { path: 'mode', yaml: ['backend', 'mode'], check: oneOf('local', 'colab'), describe: '"local" or "colab"' },
  { path: 'local.backbone', yaml: ['local', 'backbone'], check: isStr, describe: 'a model id or path' },
  { path: 'local.codec', yaml: ['local', 'codec'], check: isStr, describe: 'a model id or path' },
  { path: 'local.device', yaml: ['local', 'device'], check: oneOf('auto', 'cpu', 'gpu'), describe: '"auto", "cpu" or "gpu"' },
  { path: 'local.threads', yaml: ['local', 'threads'], check: num(0, 256), describe: 'a number from 0 to 256' },
  { path: 'local.modelsPath', yaml: ['local', 'models_path'], check: isStr, describe: 'a folder path' },
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

/** Parses config.yaml text; throws a UserError with the line and column of the first syntax error. */
export function parseConfigYaml(text: string): unknown {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: false, lineCounter });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const pos = lineCounter.linePos(e.pos[0]);
    const reason = e.message.split('\n')[0].replace(/ at line \d+, column \d+.*$/, '');
    throw new UserError(t('configYamlBroken', pos.line, pos.col, reason), 'config');
  }
  if (doc.contents !== null && !isMap(doc.contents)) {
    throw new UserError(t('configYamlShape', 'the top level must be a mapping of keys to values'), 'config');
  }
  return doc.toJS() ?? {};
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
