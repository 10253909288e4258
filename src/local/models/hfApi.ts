// The Hugging Face endpoints the downloader needs: a revision's commit (so every file of a model comes from
// one commit), a repository's file listing at that commit (with sizes and hashes) and a file's download URL.
// The endpoint is configurable (HF_ENDPOINT, as huggingface_hub reads it) so mirrors work and the tests can
// point at a local server. Every request has a timeout, also when the caller passes a cancel signal: a proxy
// that accepts the connection and never answers must not hang a model load.
import { abortError, UserError } from '../../core/errors';
import { t } from '../../core/strings';

export const DEFAULT_HF_ENDPOINT = 'https://huggingface.co';
export const LISTING_TIMEOUT_MS = 30_000;

export interface RepoFile {
  path: string;
  size: number;
  /** sha256 of an LFS file. */
  sha256?: string;
  /** git blob sha1 of a non-LFS file. */
  gitSha1?: string;
}

export interface HubRequestOptions {
  token?: string;
  signal?: AbortSignal;
  /** Whole request, body included (default LISTING_TIMEOUT_MS). */
  timeoutMs?: number;
}

export function hfEndpoint(env: Record<string, string | undefined> = process.env): string {
  return (env.HF_ENDPOINT || DEFAULT_HF_ENDPOINT).replace(/\/+$/, '');
}

/** A full 40-hex git commit id: already pinned, nothing to resolve. */
export function isCommitId(revision: string): boolean {
  return /^[0-9a-f]{40}$/i.test(revision);
}

export function resolveUrl(endpoint: string, repo: string, revision: string, file: string): string {
  const path = file.split('/').map(encodeURIComponent).join('/');
  return `${endpoint}/${repo}/resolve/${encodeURIComponent(revision)}/${path}`;
}

/** GETs a JSON document of the Hub API; every failure is a UserError saying what to do. */
async function getJson(url: string, repo: string, revision: string, o: HubRequestOptions): Promise<unknown> {
  const headers: Record<string, string> = { 'user-agent': 'vieneu-tts-vscode' };
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  const timeoutMs = o.timeoutMs ?? LISTING_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = o.signal ? AbortSignal.any([o.signal, timeout]) : timeout;
  const host = new URL(url).host;
  const failed = (err: unknown): never => {
    if (o.signal?.aborted) throw abortError();
    if (timeout.aborted) {
      throw new UserError(t('localListingTimeout', repo, host, Math.round(timeoutMs / 1000)), 'network', t('localDownloadNoNetworkFix'), [], { cause: err });
    }
    const code = (err as any)?.cause?.code ?? (err as Error).message;
    throw new UserError(t('localDownloadNoNetwork', host, String(code)), 'network', t('localDownloadNoNetworkFix'), [], { cause: err });
  };
  let res: Response;
  try {
    res = await fetch(url, { headers, signal });
  } catch (err) {
    return failed(err);
  }
  if (res.status === 401 || res.status === 403) {
    await res.body?.cancel();
    throw new UserError(t('localDownloadAuth', repo, res.status), 'auth', o.token ? t('localDownloadAuthFixToken') : t('localDownloadAuthFix'), [
      { label: t('localActionSetHfToken'), command: 'vieneu.setHuggingFaceToken' },
    ]);
  }
  if (res.status === 404) {
    await res.body?.cancel();
    throw new UserError(t('localRepoNotFound', repo, revision), 'download', t('localDownloadNotFoundFix'));
  }
  if (!res.ok) {
    await res.body?.cancel();
    throw new UserError(t('localDownloadServer', repo, res.status), 'server', t('localDownloadLaterFix'));
  }
  let text: string;
  try {
    text = await res.text();
  } catch (err) {
    return failed(err);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw brokenAnswer(repo, host, text);
  }
}

/** A 200 answer that is not the Hub's JSON: a captive portal, a proxy's error page, a wrong HF_ENDPOINT. */
function brokenAnswer(repo: string, host: string, text: string): UserError {
  const start = text.replace(/\s+/g, ' ').trim().slice(0, 60);
  return new UserError(t('localListingBroken', repo, host, start || '(empty)'), 'server', t('localListingBrokenFix'));
}

/** The commit a revision (branch, tag or commit) points at now. */
export async function resolveCommit(endpoint: string, repo: string, revision: string, o: HubRequestOptions = {}): Promise<string> {
  if (isCommitId(revision)) return revision.toLowerCase();
  const url = `${endpoint}/api/models/${repo}/revision/${encodeURIComponent(revision)}`;
  const body = (await getJson(url, repo, revision, o)) as { sha?: unknown } | null;
  const sha = body && typeof body === 'object' ? body.sha : undefined;
  if (typeof sha !== 'string' || !isCommitId(sha)) throw brokenAnswer(repo, new URL(endpoint).host, JSON.stringify(body));
  return sha.toLowerCase();
}

/** Lists every file of a model repository at `revision` (best a commit id, from resolveCommit). */
export async function listRepoFiles(endpoint: string, repo: string, revision: string, o: HubRequestOptions = {}): Promise<RepoFile[]> {
  const url = `${endpoint}/api/models/${repo}/tree/${encodeURIComponent(revision)}?recursive=true`;
  const body = await getJson(url, repo, revision, o);
  type Entry = { type?: unknown; path?: unknown; size?: unknown; oid?: unknown; lfs?: { oid?: unknown; size?: unknown } };
  if (!Array.isArray(body)) throw brokenAnswer(repo, new URL(endpoint).host, JSON.stringify(body));
  return (body as Entry[])
    .filter((e) => e && e.type === 'file' && typeof e.path === 'string')
    .map((e) => {
      const lfs = e.lfs && typeof e.lfs === 'object' ? e.lfs : undefined;
      const size = Number(lfs?.size ?? e.size ?? 0);
      return {
        path: e.path as string,
        size: Number.isFinite(size) && size >= 0 ? size : 0,
        sha256: typeof lfs?.oid === 'string' ? lfs.oid : undefined,
        // For an LFS file `oid` hashes the pointer, not the content: only lfs.oid checks those.
        gitSha1: !lfs && typeof e.oid === 'string' ? e.oid : undefined,
      };
    });
}
