// Renders notebook-template/ (notebook.tmpl + server.py) into an nbformat 4 notebook for Colab or Kaggle, for
// VieNeu-TTS v3 Turbo (the default: upstream's SDK at a pinned version) or the v1 models (upstream v1.1.5).
// Values enter code cells only as Python literals (pyLiteral), in one pass, so a value can never add code
// or be expanded again; server.py is embedded verbatim as a `%%writefile` cell.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UserError } from '../core/errors';
import { t } from '../core/strings';
import { pyLiteral, type PyValue } from './pyLiteral';

export type NotebookTarget = 'colab' | 'kaggle';
export type NotebookDevice = 'auto' | 'cuda' | 'cpu';
export type NotebookTunnel = 'ngrok' | 'cloudflared';
/** Which upstream the notebook runs: v3 Turbo (SDK) or the v1 models (v1.1.5); follows from the backbone. */
export type NotebookModel = 'v3' | 'v1';

export interface NotebookOptions {
  /** Default: v3 Turbo. */
  backbone?: string;
  /** v1 only (v3 Turbo brings its own codec); default neuphonic/distill-neucodec. */
  codec?: string;
  device?: NotebookDevice;
  tunnel?: NotebookTunnel;
  target?: NotebookTarget;
  /** A reserved ngrok domain (e.g. "my-tts.ngrok-free.app"); empty = a random URL each run. */
  ngrokDomain?: string;
  /** Reuse a stored token; otherwise a new one is made (32 random bytes, base64url). */
  authToken?: string;
  port?: number;
  /** Where notebook.tmpl and server.py live; found next to the extension by default. */
  templateDir?: string;
}

export interface GeneratedNotebook {
  notebook: Notebook;
  model: NotebookModel;
  /** The .ipynb text (nbformat's own layout: one-space indent, trailing newline). */
  json: string;
  authToken: string;
  /** The suggested file name. */
  fileName: string;
}

export interface NotebookCell {
  id: string;
  cell_type: 'markdown' | 'code';
  metadata: Record<string, unknown>;
  source: string[];
  outputs?: unknown[];
  execution_count?: null;
}

export interface Notebook {
  nbformat: 4;
  nbformat_minor: 5;
  metadata: Record<string, unknown>;
  cells: NotebookCell[];
}

/** The upstream code the v1 notebook installs: VieNeu-TTS v1.1.5 (Apache-2.0). */
export const UPSTREAM = {
  repo: 'https://github.com/pnnbao97/VieNeu-TTS.git',
  commit: 'e2dcd9fb8420f9b0f2cb4d9056322d0de1f1ef27',
};

export const V3_BACKBONE = 'pnnbao-ump/VieNeu-TTS-v3-Turbo';
export const V3_CODEC = 'OpenMOSS-Team/MOSS-Audio-Tokenizer-Nano';

/**
 * The v3 notebook's pins: upstream's SDK 3.3.0 (pyproject: Python >= 3.10, classifiers 3.10-3.13), the
 * sea-g2p and onnxruntime it runs on, and the transformers version its README pins for the GPU engine. The
 * runtime's own CUDA PyTorch is kept (reinstalling torch on Colab takes minutes).
 */
export const V3_SDK = {
  vieneu: '3.3.0',
  pins: { 'sea-g2p': '0.9.1', onnxruntime: '1.23.2', transformers: '4.57.6' },
  pythons: [[3, 10], [3, 13]] as [number, number][],
};

/** v1.1.5's own versions (its pyproject and README), and where llama-cpp-python 0.3.16 has CUDA 12.4 wheels. */
export const V1_PINS = { neucodec: '0.0.4', phonemizer: '3.3.0', 'llama-cpp-python': '0.3.16' };
export const V1_CUDA_WHEEL_PYTHONS: [number, number][] = [[3, 10], [3, 11], [3, 12]];

/** The codecs v1.1.5's VieNeuTTS loads; any other fails there with "Unsupported codec repository". */
export const V1_CODECS = ['neuphonic/neucodec', 'neuphonic/distill-neucodec', 'neuphonic/neucodec-onnx-decoder-int8'] as const;
/** v1.1.5 has only the int8 ONNX decoder: the full-precision one (the local engine's) maps to it. */
export const V1_CODEC_ALIASES: Record<string, string> = { 'neuphonic/neucodec-onnx-decoder': 'neuphonic/neucodec-onnx-decoder-int8' };

/** v3 Turbo or v1, from the backbone's repo id. */
export function notebookModelOf(backbone: string): NotebookModel {
  return /v3/i.test(backbone) ? 'v3' : 'v1';
}

export const NOTEBOOK_FILE_NAMES: Record<NotebookTarget, string> = {
  colab: 'vieneu_tts_colab.ipynb',
  kaggle: 'vieneu_tts_kaggle.ipynb',
};

const WORK_DIRS: Record<NotebookTarget, string> = { colab: '/content', kaggle: '/kaggle/working' };

/** A new auth token: 32 random bytes, base64url (43 characters, safe in a header and a Python literal). */
export function generateAuthToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The folder holding notebook.tmpl and server.py: searched upwards from this module (out/, dist/ or src/). */
export function findTemplateDir(start = __dirname): string {
  let dir = start;
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'notebook-template');
    if (fs.existsSync(path.join(candidate, 'notebook.tmpl')) && fs.existsSync(path.join(candidate, 'server.py'))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new UserError(t('notebookTemplateMissing', `notebook-template/ above ${start}`), 'internal', t('notebookFixReinstall'));
}

function oneOf<T extends string>(name: string, value: string | undefined, fallback: T, allowed: readonly T[]): T {
  const v = (value ?? fallback) as T;
  if (!allowed.includes(v)) throw new UserError(t('notebookBadOption', name, allowed.map((a) => `"${a}"`).join(' or '), String(value)), 'bad-input');
  return v;
}

function requireText(name: string, value: string | undefined, max: number): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > max) {
    throw new UserError(t('notebookBadOption', name, `a non-empty text of at most ${max} characters`, String(value ?? '')), 'bad-input');
  }
  return value.trim();
}

interface TemplateCell {
  type: 'markdown' | 'code';
  only?: NotebookTarget;
  model?: NotebookModel;
  text: string;
}

/** Splits notebook.tmpl at its `#%% markdown|code [only=colab|kaggle] [model=v1|v3]` lines. */
export function parseTemplate(text: string): TemplateCell[] {
  const cells: TemplateCell[] = [];
  let current: TemplateCell | undefined;
  const lines: string[] = [];
  const flush = () => {
    if (current) cells.push({ ...current, text: lines.join('\n').replace(/\n+$/, '') });
    lines.length = 0;
  };
  for (const line of text.replace(/\r\n/g, '\n').split('\n')) {
    const m = /^#%% (markdown|code)(?: only=(colab|kaggle))?(?: model=(v1|v3))?\s*$/.exec(line);
    if (m) {
      flush();
      current = { type: m[1] as TemplateCell['type'], only: m[2] as NotebookTarget | undefined, text: '' };
      if (m[3]) current.model = m[3] as NotebookModel;
    } else if (current) {
      lines.push(line);
    } else if (line.trim() !== '') {
      throw new Error(`notebook.tmpl: text before the first #%% line: ${line}`);
    }
  }
  flush();
  return cells;
}

/** Replaces every {{NAME}} in one pass; an unknown name is a template bug and stops generation. */
function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{\{([A-Z][A-Z0-9_]*)\}\}/g, (_m, name: string) => {
    if (!(name in values)) throw new Error(`notebook.tmpl uses {{${name}}}, which the generator does not provide`);
    return values[name];
  });
}

function toSource(text: string): string[] {
  const lines = text.split('\n');
  return lines.map((l, i) => (i < lines.length - 1 ? `${l}\n` : l)).filter((l, i, a) => !(i === a.length - 1 && l === ''));
}

export function generateNotebook(opts: NotebookOptions): GeneratedNotebook {
  const target = oneOf('target', opts.target, 'colab', ['colab', 'kaggle'] as const);
  const device = oneOf('device', opts.device, 'auto', ['auto', 'cuda', 'cpu'] as const);
  const tunnel = oneOf('tunnel', opts.tunnel, 'ngrok', ['ngrok', 'cloudflared'] as const);
  const backbone = requireText('backbone', opts.backbone ?? V3_BACKBONE, 500);
  const model = notebookModelOf(backbone);
  let codec = model === 'v3' ? V3_CODEC : requireText('codec', opts.codec || 'neuphonic/distill-neucodec', 500);
  if (model === 'v1') {
    codec = V1_CODEC_ALIASES[codec] ?? codec;
    if (!(V1_CODECS as readonly string[]).includes(codec)) {
      throw new UserError(t('notebookBadOption', 'codec', `one of the codecs VieNeu-TTS v1.1.5 loads (${V1_CODECS.join(', ')})`, codec), 'bad-input');
    }
  }
  const ngrokDomain = (opts.ngrokDomain ?? '').trim();
  const port = opts.port ?? 8000;
  if (!Number.isInteger(port) || port < 1024 || port > 65535) throw new UserError(t('notebookBadOption', 'port', 'a number from 1024 to 65535', String(port)), 'bad-input');
  const authToken = opts.authToken ?? generateAuthToken();
  if (!/^[A-Za-z0-9_-]{16,256}$/.test(authToken)) {
    throw new UserError(t('notebookBadOption', 'auth token', 'at least 16 letters, digits, "-" or "_"', '…'), 'bad-input');
  }

  const dir = opts.templateDir ?? findTemplateDir();
  let templateText: string;
  let serverPy: string;
  try {
    templateText = fs.readFileSync(path.join(dir, 'notebook.tmpl'), 'utf8');
    serverPy = fs.readFileSync(path.join(dir, 'server.py'), 'utf8');
  } catch (err) {
    throw new UserError(t('notebookTemplateMissing', (err as Error).message), 'internal', t('notebookFixReinstall'), [], { cause: err });
  }

  const literals: Record<string, PyValue> = {
    BACKBONE: backbone,
    CODEC: codec,
    DEVICE: device,
    TUNNEL: tunnel,
    NGROK_DOMAIN: ngrokDomain,
    PORT: port,
    AUTH_TOKEN: authToken,
    UPSTREAM_REPO: UPSTREAM.repo,
    UPSTREAM_COMMIT: UPSTREAM.commit,
    WORK_DIR: WORK_DIRS[target],
    VIENEU_VERSION: V3_SDK.vieneu,
    V3_PINS: V3_SDK.pins,
    V3_PYTHONS: V3_SDK.pythons,
    V1_PINS,
    V1_CUDA_PYTHONS: V1_CUDA_WHEEL_PYTHONS,
  };
  const values: Record<string, string> = Object.fromEntries(Object.entries(literals).map(([k, v]) => [k, pyLiteral(v)]));
  values.SERVER_PY = serverPy.replace(/\n+$/, '');

  const cells: NotebookCell[] = parseTemplate(templateText)
    .filter((c) => (!c.only || c.only === target) && (!c.model || c.model === model))
    .map((c, i) => {
      // Markdown cells take no values: nothing from the user is ever rendered as Markdown or HTML.
      const text = c.type === 'code' ? fill(c.text, values) : c.text;
      const id = `vieneu-${String(i).padStart(2, '0')}`;
      return c.type === 'code'
        ? { id, cell_type: 'code', metadata: {}, source: toSource(text), outputs: [], execution_count: null }
        : { id, cell_type: 'markdown', metadata: {}, source: toSource(text) };
    });

  const metadata: Record<string, unknown> = {
    kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' },
    language_info: { name: 'python' },
    vieneu: { generator: 'vieneu-tts-vscode', target, protocol: 1, model },
  };
  if (target === 'colab') {
    metadata.colab = { provenance: [], gpuType: 'T4' };
    metadata.accelerator = 'GPU';
  } else {
    metadata.kaggle = { accelerator: 'nvidiaTeslaT4', isInternetEnabled: true, isGpuEnabled: true, language: 'python' };
  }
  const notebook: Notebook = { nbformat: 4, nbformat_minor: 5, metadata, cells };
  return { notebook, model, json: `${JSON.stringify(notebook, null, 1)}\n`, authToken, fileName: NOTEBOOK_FILE_NAMES[target] };
}
