// The two Hugging Face endpoints the downloader needs: a repository's file listing (with sizes and hashes)
// and a file's download URL. The endpoint is configurable (HF_ENDPOINT, as huggingface_hub reads it) so
// mirrors work and the tests can point at a local server.
import { abortError, UserError } from '../../core/errors';
import { t } from '../../core/strings';

export const DEFAULT_HF_ENDPOINT = 'https://huggingface.co';

export interface RepoFile {
  path: string;
  size: number;
  /** sha256 of an LFS file. */
  sha256?: string;
  /** git blob sha1 of a non-LFS file. */
  gitSha1?: string;
}

export function hfEndpoint(env: Record<string, string | undefined> = process.env): string {
  return (env.HF_ENDPOINT || DEFAULT_HF_ENDPOINT).replace(/\/+$/, '');
}

export function resolveUrl(endpoint: string, repo: string, revision: string, file: string): string {
  const path = file.split('/').map(encodeURIComponent).join('/');
  return `${endpoint}/${repo}/resolve/${encodeURIComponent(revision)}/${path}`;
}

/** Lists every file of a model repository at `revision`. */
export async function listRepoFiles(
  endpoint: string,
  repo: string,
  revision: string,
  token?: string,
  signal?: AbortSignal,
): Promise<RepoFile[]> {
  const url = `${endpoint}/api/models/${repo}/tree/${encodeURIComponent(revision)}?recursive=true`;
  const headers: Record<string, string> = { 'user-agent': 'vieneu-tts-vscode' };
  if (token) headers.authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(url, { headers, signal: signal ?? AbortSignal.timeout(30_000) });
  } catch (err) {
    if (signal?.aborted) throw abortError();
    const code = (err as any)?.cause?.code ?? (err as Error).message;
    throw new UserError(t('localDownloadNoNetwork', new URL(endpoint).host, String(code)), 'network', t('localDownloadNoNetworkFix'), [], { cause: err });
  }
  if (res.status === 401 || res.status === 403) {
    throw new UserError(t('localDownloadAuth', repo, res.status), 'auth', token ? t('localDownloadAuthFixToken') : t('localDownloadAuthFix'), [
      { label: t('localActionSetHfToken'), command: 'vieneu.setHuggingFaceToken' },
    ]);
  }
  if (res.status === 404) throw new UserError(t('localRepoNotFound', repo, revision), 'download', t('localDownloadNotFoundFix'));
  if (!res.ok) throw new UserError(t('localDownloadServer', repo, res.status), 'server', t('localDownloadLaterFix'));
  const body = (await res.json()) as Array<{ type: string; path: string; size?: number; oid?: string; lfs?: { oid?: string; size?: number } }>;
  if (!Array.isArray(body)) throw new UserError(t('localDownloadServer', repo, res.status), 'server', t('localDownloadLaterFix'));
  return body
    .filter((e) => e.type === 'file')
    .map((e) => ({
      path: e.path,
      size: e.lfs?.size ?? e.size ?? 0,
      sha256: e.lfs?.oid,
      // For an LFS file `oid` hashes the pointer, not the content: only lfs.oid checks those.
      gitSha1: e.lfs ? undefined : e.oid,
    }));
}
