// Finds the files of a model wherever they are: a file or folder the user named, the offline models folder,
// the cache of earlier downloads, or Hugging Face (downloaded into the cache). A download is recorded in a
// manifest only after every file is verified and in place, so the cache is used offline only when complete.
// Downloads are pinned: the revision (usually `main`, which upstream keeps pushing to) is resolved to a commit
// once per repository folder, written to a pin file before the first byte, and every file of the model - also
// after an interruption and a resume days later, and the files of other catalogue entries of the same
// repository (v3's precisions, its speaker encoder) - comes from that commit, which each entry's manifest
// keeps. So files of two uploads never mix.
import { existsSync, promises as fs, statSync } from 'fs';
import { homedir } from 'os';
import { basename, dirname, isAbsolute, join, relative, resolve as resolvePath, sep } from 'path';
import { throwIfAborted, UserError } from '../../core/errors';
import { t } from '../../core/strings';
import { findModel, globMatcher, type CatalogueEntry, type CatalogueFile, type ModelKind } from './catalogue';
import { downloadFile } from './download';
import { hfEndpoint, listRepoFiles, resolveCommit, resolveUrl, type HubRequestOptions, type RepoFile } from './hfApi';

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
  /** Timeout of each Hub API request (commit, listing); default hfApi's LISTING_TIMEOUT_MS. */
  listingTimeoutMs?: number;
  /**
   * Replaces the scheme and host of direct-URL assets (the dictionaries and presets on GitHub's hosts), keeping
   * the path and so the commit in it: a mirror of those hosts, or a test server. Default: $VIENEU_ASSET_MIRROR.
   */
  assetMirror?: string;
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
  /** Every file found, by the catalogue pattern that named it (`onnx_update/vieneu_prefill.onnx` → its path). */
  files: Record<string, string>;
  /** The folder the files were found in (a file's own folder for a file spec). */
  folder: string;
  /** The commit every downloaded file came from (undefined for local files and caches older than pinning). */
  commit?: string;
}

interface Manifest {
  repo: string;
  revision: string;
  /** The commit `revision` pointed at when the download started. */
  commit?: string;
  files: Array<{ path: string; role: CatalogueFile['role']; pattern?: string }>;
}

/** The commit of everything in one cache folder: written before its first file is fetched, then kept. */
interface Pin {
  repo: string;
  revision: string;
  commit: string;
}

/** The manifest of one entry (several entries may share a repository, so a folder). */
function manifestName(entry: CatalogueEntry): string {
  return `.vieneu-complete-${entry.id.replace(/[^\w.-]+/g, '_')}.json`;
}
/** The manifest of caches from before pinning: one per folder. */
const LEGACY_MANIFEST = '.vieneu-complete.json';
const PIN = '.vieneu-pin.json';

/** Files found: the first per role (what the engines load) and each per pattern. */
interface Found {
  byRole: Record<string, string>;
  byPattern: Record<string, string>;
}

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

/** `~/x` → the home folder's x (settings and config.yaml paths). */
export function expandHome(p: string): string {
  return p.startsWith('~/') || p.startsWith('~\\') ? join(homedir(), p.slice(2)) : p;
}

/**
 * Picks files in a folder (recursively, shallow first) for the patterns; undefined if a required one is missing.
 * A pattern with a folder in it (`onnx_update/*.onnx`) matches the path below `dir`; one without, any file name.
 */
async function matchFolder(dir: string, files: CatalogueFile[]): Promise<Found | undefined> {
  const all = (await listFolder(dir, 3)).map((p) => p.split(sep).join('/')).filter((p) => !p.endsWith('.part'));
  const found: Found = { byRole: {}, byPattern: {} };
  for (const f of files) {
    const m = globMatcher(f.pattern);
    const hit = f.pattern.includes('/') ? all.find((p) => m(p)) : all.find((p) => m(basename(p)));
    if (hit) {
      const p = join(dir, ...hit.split('/'));
      found.byRole[f.role] ??= p;
      found.byPattern[f.pattern] ??= p;
    } else if (!f.optional) return undefined;
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

function result(kind: ModelKind, entry: CatalogueEntry | undefined, source: ResolvedModel['source'], found: Found, folder: string, commit?: string): ResolvedModel {
  const weights = found.byRole.weights ?? found.byRole.dictionary ?? found.byRole.voices;
  const files = Object.values(found.byPattern);
  const bytes = sizeOf(files.length ? [...new Set(files)] : [weights, found.byRole.voices]);
  return { kind, entry, source, weights, voices: found.byRole.voices, bytes, files: found.byPattern, folder, commit };
}

/**
 * A path from a repository listing as a path inside `folder`, or a UserError: a listing is data from the
 * network, and `../../.bashrc` or an absolute path in it must never make the downloader write outside the cache.
 */
export function pathInFolder(folder: string, rel: string, repo: string): string {
  const parts = rel.split('/');
  const bad =
    !rel || rel.includes('\\') || rel.includes('\0') || isAbsolute(rel) || /^[A-Za-z]:/.test(rel) ||
    parts.some((p) => p === '' || p === '.' || p === '..');
  const dest = join(folder, ...parts);
  const inside = relative(folder, dest);
  if (bad || !inside || inside.startsWith('..') || isAbsolute(inside)) {
    throw new UserError(t('localRepoUnsafePath', repo, rel), 'download', t('localRepoUnsafePathFix'));
  }
  return dest;
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
      const found: Found = { byRole: { weights: p }, byPattern: { [basename(p)]: p } };
      if (kind === 'backbone' && existsSync(sibling)) found.byRole.voices = found.byPattern['voices.json'] = sibling;
      return result(kind, undefined, 'file', found, dirname(p));
    }
    // A backbone folder holds a GGUF, or an ONNX export with its tokenizer.json.
    const found =
      (await matchFolder(p, adHocFiles(kind))) ??
      (kind === 'backbone' ? await matchFolder(p, ONNX_BACKBONE_FILES) : undefined);
    if (!found) throw new UserError(t('localModelFolderEmpty', p, adHocFiles(kind)[0].pattern), 'bad-input', t('localModelPathFix'));
    return result(kind, undefined, 'folder', found, p);
  }

  if (!known && !/^[\w.-]+\/[\w.-]+$/.test(trimmed)) {
    throw new UserError(t('localModelUnknown', trimmed), 'config', t('localModelUnknownFix'));
  }
  const entry: CatalogueEntry = known ?? {
    id: trimmed, label: trimmed, kind, generation: 'v1', repo: trimmed, revision: 'main',
    format: kind === 'codec' ? 'onnx' : 'gguf', files: adHocFiles(kind), licence: 'see repository', approxMb: 0, runsLocally: true,
  };
  return resolveEntry(entry, options, progress, signal);
}

/**
 * Finds the files of one catalogue entry in the models folder or the cache, or downloads them (every file
 * from one commit).
 */
export async function resolveEntry(
  entry: CatalogueEntry,
  options: StoreOptions,
  progress: StoreProgress = () => undefined,
  signal?: AbortSignal,
): Promise<ResolvedModel> {
  const kind = entry.kind;
  if (!entry.runsLocally) throw new UserError(t('localModelNotRunnable', entry.label), 'config', t('localModelNotRunnableFix'));

  // The offline folder: <modelsPath>/<owner>/<name>, <modelsPath>/<name>, or the folder itself.
  if (options.modelsPath) {
    const root = resolvePath(expandHome(options.modelsPath));
    const name = entry.repo ?? entry.id;
    for (const dir of [join(root, ...name.split('/')), join(root, basename(name)), root]) {
      if (!existsSync(dir)) continue;
      const found = await matchFolder(dir, entry.files);
      if (found) return result(kind, entry, 'models-path', found, dir);
    }
  }

  const folder = cacheFolder(options.cacheDir, entry);
  const cached = await readManifest(folder, entry);
  if (cached) return result(kind, entry, 'cache', cached.found, folder, cached.commit);

  if (options.offline) throw new UserError(t('localModelOffline', entry.label), 'network', t('localModelOfflineFix', folder));
  progress(0, t('localPhaseListing', entry.repo ?? entry.id));
  const { commit, files: plan } = await planDownload(entry, folder, options, signal);
  const totalBytes = plan.reduce((n, f) => n + f.size, 0) || 1;
  let done = 0;
  const found: Found = { byRole: {}, byPattern: {} };
  for (const f of plan) {
    throwIfAborted(signal);
    const dest = f.dest;
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
    found.byRole[f.role] ??= dest;
    found.byPattern[f.pattern] ??= dest;
  }
  await writeJson(folder, manifestName(entry), {
    repo: entry.repo ?? entry.id,
    revision: entry.revision,
    commit,
    files: plan.map((f) => ({ path: f.path, role: f.role, pattern: f.pattern })),
  } satisfies Manifest);
  progress(1, t('localPhaseDownloaded', entry.label));
  return result(kind, entry, 'download', found, folder, commit);
}

interface PlannedFile extends RepoFile {
  url: string;
  dest: string;
  role: CatalogueFile['role'];
  pattern: string;
}

async function planDownload(entry: CatalogueEntry, folder: string, options: StoreOptions, signal?: AbortSignal): Promise<{ commit: string; files: PlannedFile[] }> {
  if (!entry.repo) {
    // A direct URL asset: pinned by the commit in its URL; the catalogue holds its checksum and, when known,
    // its size (otherwise learnt from the download).
    const files = entry.files.map((f) => ({
      path: f.pattern, size: f.size ?? 0, sha256: f.sha256, gitSha1: f.gitSha1, url: mirrored(entry.url + f.pattern, options.assetMirror ?? process.env.VIENEU_ASSET_MIRROR),
      dest: pathInFolder(folder, f.pattern, entry.id), role: f.role, pattern: f.pattern,
    }));
    return { commit: entry.revision, files };
  }
  const repo = entry.repo;
  const endpoint = (options.endpoint ?? hfEndpoint()).replace(/\/+$/, '');
  const hub: HubRequestOptions = { token: options.token, signal, timeoutMs: options.listingTimeoutMs };
  const pinned = await readPin(folder, entry);
  let commit = pinned ?? (await resolveCommit(endpoint, repo, entry.revision, hub));
  let listing: RepoFile[];
  try {
    listing = await listRepoFiles(endpoint, repo, commit, hub);
  } catch (err) {
    // The pinned commit is gone (history rewritten upstream): what was fetched from it cannot be completed,
    // so start over from the revision's current commit in an empty folder.
    if (!pinned || !(err instanceof UserError) || err.code !== 'download') throw err;
    await fs.rm(folder, { recursive: true, force: true });
    commit = await resolveCommit(endpoint, repo, entry.revision, hub);
    listing = await listRepoFiles(endpoint, repo, commit, hub);
  }
  const files: PlannedFile[] = [];
  for (const f of entry.files) {
    const m = globMatcher(f.pattern);
    const hit = listing.find((r) => m(r.path)) ?? (f.pattern.includes('/') ? undefined : listing.find((r) => m(basename(r.path))));
    if (!hit) {
      if (f.optional) continue;
      throw new UserError(t('localRepoMissingFile', repo, f.pattern), 'download', t('localDownloadNotFoundFix'));
    }
    files.push({
      ...hit,
      sha256: f.sha256 ?? hit.sha256,
      gitSha1: f.gitSha1 ?? (hit.sha256 ? undefined : hit.gitSha1),
      url: resolveUrl(endpoint, repo, commit, hit.path),
      dest: pathInFolder(folder, hit.path, repo),
      role: f.role,
      pattern: f.pattern,
    });
  }
  if (!pinned) {
    // Files already here without a pin came from an unknown commit (a download from before pinning, or from
    // a pin that was lost): none of them may join this commit's files.
    await fs.rm(folder, { recursive: true, force: true });
    await writeJson(folder, PIN, { repo, revision: entry.revision, commit } satisfies Pin);
  }
  return { commit, files };
}

function mirrored(url: string, mirror: string | undefined): string {
  if (!mirror) return url;
  const u = new URL(url);
  return mirror.replace(/\/+$/, '') + u.pathname + u.search;
}

async function readPin(folder: string, entry: CatalogueEntry): Promise<string | undefined> {
  try {
    const p = JSON.parse(await fs.readFile(join(folder, PIN), 'utf8')) as Partial<Pin>;
    return p.repo === entry.repo && p.revision === entry.revision && typeof p.commit === 'string' && /^[0-9a-f]{40}$/.test(p.commit) ? p.commit : undefined;
  } catch {
    return undefined;
  }
}

async function readManifest(folder: string, entry: CatalogueEntry): Promise<{ found: Found; commit?: string } | undefined> {
  for (const name of [manifestName(entry), LEGACY_MANIFEST]) {
    const found = await readManifestFile(join(folder, name), folder, entry);
    if (found) return found;
  }
  return undefined;
}

async function readManifestFile(file: string, folder: string, entry: CatalogueEntry): Promise<{ found: Found; commit?: string } | undefined> {
  try {
    const m = JSON.parse(await fs.readFile(file, 'utf8')) as Manifest;
    const found: Found = { byRole: {}, byPattern: {} };
    for (const f of m.files) {
      const p = pathInFolder(folder, f.path, m.repo);
      if (!existsSync(p)) return undefined;
      found.byRole[f.role] ??= p;
      found.byPattern[f.pattern ?? f.path] ??= p;
    }
    // A manifest that names its patterns but lacks one the catalogue now requires is not this model's download.
    const patterns = new Set(m.files.map((x) => x.pattern));
    if (!patterns.has(undefined) && entry.files.some((f) => !f.optional && !patterns.has(f.pattern))) return undefined;
    return found.byRole.weights || found.byRole.dictionary || found.byRole.voices ? { found, commit: m.commit } : undefined;
  } catch {
    return undefined;
  }
}

async function writeJson(folder: string, name: string, value: unknown): Promise<void> {
  await fs.mkdir(folder, { recursive: true });
  const tmp = join(folder, `${name}.part`);
  await fs.writeFile(tmp, JSON.stringify(value, null, 2));
  await fs.rename(tmp, join(folder, name));
}
