// Finds the files of a model wherever they are: a file or folder the user named, the offline models folder,
// the cache of earlier downloads, or Hugging Face (downloaded into the cache). A download is recorded in a
// manifest only after every file is verified and in place, so the cache is used offline only when complete.
import { existsSync, promises as fs, statSync } from 'fs';
import { homedir } from 'os';
import { basename, dirname, join, resolve as resolvePath } from 'path';
import { throwIfAborted, UserError } from '../../core/errors';
import { t } from '../../core/strings';
import { findModel, globMatcher, type CatalogueEntry, type CatalogueFile, type ModelKind } from './catalogue';
import { downloadFile } from './download';
import { hfEndpoint, listRepoFiles, resolveUrl, type RepoFile } from './hfApi';

export interface StoreOptions {
  /** Where downloads go: VS Code global storage in the extension, ~/.cache/vieneu from the CLI. */
  cacheDir: string;
  /** A folder of already-downloaded models, searched before the network (vieneu.local.modelsPath). */
  modelsPath?: string;
  /** Hugging Face token from secret storage; only for gated or private repositories. */
  token?: string;
  endpoint?: string;
  /** Never touch the network: a model not found locally is an error that says where to put it. */
  offline?: boolean;
}

/** fraction 0..1 of the bytes to fetch, and a short phase text. */
export type StoreProgress = (fraction: number, phase: string) => void;

export interface ResolvedModel {
  kind: ModelKind;
  /** The catalogue entry when the spec named one (or a repo it knows). */
  entry?: CatalogueEntry;
  source: 'file' | 'folder' | 'models-path' | 'cache' | 'download';
  /** The main file: GGUF / ONNX weights, or the dictionary. */
  weights: string;
  voices?: string;
  /** Size of everything resolved, in bytes. */
  bytes: number;
}

interface Manifest {
  repo: string;
  revision: string;
  files: Array<{ path: string; role: CatalogueFile['role'] }>;
}

const MANIFEST = '.vieneu-complete.json';

/** The CLI's cache folder: $XDG_CACHE_HOME/vieneu or ~/.cache/vieneu. */
export function cliCacheDir(env: Record<string, string | undefined> = process.env): string {
  const base = env.XDG_CACHE_HOME && env.XDG_CACHE_HOME.startsWith('/') ? env.XDG_CACHE_HOME : join(homedir(), '.cache');
  return join(base, 'vieneu');
}

/** Default patterns for a spec that is not in the catalogue. */
function adHocFiles(kind: ModelKind): CatalogueFile[] {
  if (kind === 'codec') return [{ pattern: '*.onnx', role: 'weights' }];
  if (kind === 'dictionary') return [{ pattern: '*.json', role: 'dictionary' }];
  return [
    { pattern: '*.gguf', role: 'weights' },
    { pattern: 'voices.json', role: 'voices', optional: true },
  ];
}

const ONNX_BACKBONE_FILES: CatalogueFile[] = [
  { pattern: '*.onnx', role: 'weights' },
  { pattern: 'tokenizer.json', role: 'tokenizer' },
  { pattern: 'voices.json', role: 'voices', optional: true },
];

function looksLikePath(spec: string): boolean {
  return /^(\.{0,2}[\\/]|~[\\/]|[A-Za-z]:[\\/])/.test(spec) || existsSync(spec);
}

function expandHome(p: string): string {
  return p.startsWith('~/') || p.startsWith('~\\') ? join(homedir(), p.slice(2)) : p;
}

/** Picks files in a folder (recursively, shallow first) for the patterns; undefined if a required one is missing. */
async function matchFolder(dir: string, files: CatalogueFile[]): Promise<Record<string, string> | undefined> {
  const all = await listFolder(dir, 3);
  const found: Record<string, string> = {};
  for (const f of files) {
    const m = globMatcher(f.pattern.includes('/') ? f.pattern : f.pattern);
    const hit = all.find((p) => m(basename(p)) && !p.endsWith('.part'));
    if (hit) found[f.role] ??= join(dir, hit);
    else if (!f.optional) return undefined;
  }
  return found;
}

async function listFolder(dir: string, depth: number, prefix = ''): Promise<string[]> {
  let entries;
  try {
    entries = await fs.readdir(join(dir, prefix), { withFileTypes: true });
  } catch {
    return [];
  }
  const files = entries.filter((e) => e.isFile()).map((e) => join(prefix, e.name)).sort();
  if (depth > 0) {
    for (const d of entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).sort((a, b) => a.name.localeCompare(b.name))) {
      files.push(...(await listFolder(dir, depth - 1, join(prefix, d.name))));
    }
  }
  return files;
}

function sizeOf(paths: Array<string | undefined>): number {
  return paths.reduce((n, p) => n + (p ? statSync(p).size : 0), 0);
}

function result(kind: ModelKind, entry: CatalogueEntry | undefined, source: ResolvedModel['source'], found: Record<string, string>): ResolvedModel {
  const weights = found.weights ?? found.dictionary;
  return { kind, entry, source, weights, voices: found.voices, bytes: sizeOf([weights, found.voices]) };
}

export function cacheFolder(cacheDir: string, entry: CatalogueEntry): string {
  const name = entry.repo ?? entry.id;
  return join(cacheDir, 'models', ...name.split('/'), entry.revision);
}

/**
 * Resolves a model spec (catalogue id, Hugging Face repo id, file or folder path) to local files,
 * downloading into the cache when needed.
 */
export async function resolveModel(
  spec: string,
  kind: ModelKind,
  options: StoreOptions,
  progress: StoreProgress = () => undefined,
  signal?: AbortSignal,
): Promise<ResolvedModel> {
  const trimmed = spec.trim();
  if (!trimmed) throw new UserError(t('localModelSpecEmpty', kind), 'config');
  const known = findModel(trimmed);

  if (!known && looksLikePath(trimmed)) {
    const p = resolvePath(expandHome(trimmed));
    if (!existsSync(p)) throw new UserError(t('localModelPathMissing', p), 'bad-input', t('localModelPathFix'));
    if (statSync(p).isFile()) {
      const sibling = join(dirname(p), 'voices.json');
      const found: Record<string, string> = { weights: p };
      if (kind === 'backbone' && existsSync(sibling)) found.voices = sibling;
      return result(kind, undefined, 'file', found);
    }
    // A backbone folder holds a GGUF, or an ONNX export with its tokenizer.json.
    const found =
      (await matchFolder(p, adHocFiles(kind))) ??
      (kind === 'backbone' ? await matchFolder(p, ONNX_BACKBONE_FILES) : undefined);
    if (!found) throw new UserError(t('localModelFolderEmpty', p, adHocFiles(kind)[0].pattern), 'bad-input', t('localModelPathFix'));
    return result(kind, undefined, 'folder', found);
  }

  if (!known && !/^[\w.-]+\/[\w.-]+$/.test(trimmed)) {
    throw new UserError(t('localModelUnknown', trimmed), 'config', t('localModelUnknownFix'));
  }
  const entry: CatalogueEntry = known ?? {
    id: trimmed, label: trimmed, kind, generation: 'v1', repo: trimmed, revision: 'main',
    format: kind === 'codec' ? 'onnx' : 'gguf', files: adHocFiles(kind), licence: 'see repository', approxMb: 0, runsLocally: true,
  };
  if (!entry.runsLocally) throw new UserError(t('localModelNotRunnable', entry.label), 'config', t('localModelNotRunnableFix'));

  // The offline folder: <modelsPath>/<owner>/<name>, <modelsPath>/<name>, or the folder itself.
  if (options.modelsPath) {
    const root = resolvePath(expandHome(options.modelsPath));
    const name = entry.repo ?? entry.id;
    for (const dir of [join(root, ...name.split('/')), join(root, basename(name)), root]) {
      if (!existsSync(dir)) continue;
      const found = await matchFolder(dir, entry.files);
      if (found) return result(kind, entry, 'models-path', found);
    }
  }

  const folder = cacheFolder(options.cacheDir, entry);
  const cached = await readManifest(folder);
  if (cached) return result(kind, entry, 'cache', cached);

  if (options.offline) throw new UserError(t('localModelOffline', entry.label), 'network', t('localModelOfflineFix', folder));
  progress(0, t('localPhaseListing', entry.repo ?? entry.id));
  const plan = await planDownload(entry, options, signal);
  const totalBytes = plan.reduce((n, f) => n + f.size, 0) || 1;
  let done = 0;
  const found: Record<string, string> = {};
  for (const f of plan) {
    throwIfAborted(signal);
    const dest = join(folder, ...f.path.split('/'));
    const label = `${entry.repo ?? entry.id}/${f.path}`;
    if (!existsSync(dest)) {
      await downloadFile({
        url: f.url,
        dest,
        expect: { sha256: f.sha256, gitSha1: f.gitSha1, size: f.size || undefined },
        token: entry.repo ? options.token : undefined,
        signal,
        label,
        onProgress: (p) => progress(Math.min(1, (done + p.received) / totalBytes), t('localPhaseDownloading', f.path)),
      });
    }
    done += f.size;
    found[f.role] ??= dest;
  }
  await writeManifest(folder, { repo: entry.repo ?? entry.id, revision: entry.revision, files: plan.map((f) => ({ path: f.path, role: f.role })) });
  progress(1, t('localPhaseDownloaded', entry.label));
  return result(kind, entry, 'download', found);
}

interface PlannedFile extends RepoFile {
  url: string;
  role: CatalogueFile['role'];
}

async function planDownload(entry: CatalogueEntry, options: StoreOptions, signal?: AbortSignal): Promise<PlannedFile[]> {
  if (!entry.repo) {
    // A direct URL asset: the catalogue holds its checksum; the size is learnt from the download.
    return entry.files.map((f) => ({ path: f.pattern, size: 0, sha256: f.sha256, gitSha1: f.gitSha1, url: entry.url + f.pattern, role: f.role }));
  }
  const endpoint = (options.endpoint ?? hfEndpoint()).replace(/\/+$/, '');
  const listing = await listRepoFiles(endpoint, entry.repo, entry.revision, options.token, signal);
  const plan: PlannedFile[] = [];
  for (const f of entry.files) {
    const m = globMatcher(f.pattern);
    const hit = listing.find((r) => m(r.path)) ?? listing.find((r) => m(basename(r.path)));
    if (!hit) {
      if (f.optional) continue;
      throw new UserError(t('localRepoMissingFile', entry.repo, f.pattern), 'download', t('localDownloadNotFoundFix'));
    }
    plan.push({
      ...hit,
      sha256: f.sha256 ?? hit.sha256,
      gitSha1: f.gitSha1 ?? (hit.sha256 ? undefined : hit.gitSha1),
      url: resolveUrl(endpoint, entry.repo, entry.revision, hit.path),
      role: f.role,
    });
  }
  return plan;
}

async function readManifest(folder: string): Promise<Record<string, string> | undefined> {
  try {
    const m = JSON.parse(await fs.readFile(join(folder, MANIFEST), 'utf8')) as Manifest;
    const found: Record<string, string> = {};
    for (const f of m.files) {
      const p = join(folder, ...f.path.split('/'));
      if (!existsSync(p)) return undefined;
      found[f.role] ??= p;
    }
    return found.weights || found.dictionary ? found : undefined;
  } catch {
    return undefined;
  }
}

async function writeManifest(folder: string, m: Manifest): Promise<void> {
  const tmp = join(folder, `${MANIFEST}.part`);
  await fs.writeFile(tmp, JSON.stringify(m, null, 2));
  await fs.rename(tmp, join(folder, MANIFEST));
}
