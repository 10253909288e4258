// Downloads one file into the cache safely: bytes go to `<dest>.part` (resumed with an HTTP Range request
// after an interruption), are hashed on the way, and only a verified file is renamed to `<dest>`. So a file
// under its final name is always complete; a `.part` never is. Failures become UserErrors that say what to do.
import { createHash, type Hash } from 'crypto';
import { createReadStream, createWriteStream, promises as fs } from 'fs';
import { dirname } from 'path';
import { UserError, abortError, isAbortError, sleep, throwIfAborted } from '../../core/errors';
import { t } from '../../core/strings';

export interface Checksum {
  /** sha256 hex of the whole file (Hugging Face's lfs.oid). */
  sha256?: string;
  /** git blob sha1 hex (`sha1("blob <size>\0" + bytes)`), for files kept outside LFS. */
  gitSha1?: string;
  size?: number;
}

export interface DownloadProgress {
  received: number;
  /** Undefined while the server has not said. */
  total?: number;
}

export interface DownloadRequest {
  url: string;
  dest: string;
  expect?: Checksum;
  /** Hugging Face token for gated/private repositories (from secret storage); fetch drops it when a redirect
   * leaves the host (the CDN that serves LFS files must not see it; tested). */
  token?: string;
  signal?: AbortSignal;
  onProgress?: (p: DownloadProgress) => void;
  /** Attempts per file, counting resumes after interruptions and 5xx answers. */
  attempts?: number;
  /** A stalled connection (no bytes for this long) counts as interrupted. */
  stallMs?: number;
  /** First retry delay; doubles each time. */
  retryDelayMs?: number;
  /** Names the file in messages (repo/file). */
  label?: string;
  /** Free bytes where `dest` goes (default: statfs); a known size that does not fit fails before downloading. */
  freeBytes?: (dir: string) => Promise<number | undefined>;
}

async function statfsFree(dir: string): Promise<number | undefined> {
  try {
    const s = await fs.statfs(dir);
    return Number(s.bavail) * Number(s.bsize);
  } catch {
    return undefined; // not every platform or file system can say; the write will tell
  }
}

/** Error from a failed attempt that a later attempt may fix (resume or retry). */
class Retryable extends Error {
  constructor(message: string, readonly final: UserError) {
    super(message);
  }
}

function causeCode(err: unknown): string | undefined {
  let e: any = err;
  for (let i = 0; i < 4 && e; i++) {
    if (typeof e.code === 'string') return e.code;
    e = e.cause;
  }
  return undefined;
}

async function partSize(path: string): Promise<number> {
  try {
    return (await fs.stat(path)).size;
  } catch {
    return 0;
  }
}

/** Hashers for what is expected, fed from the bytes already in the .part file. */
async function startHashes(expect: Checksum | undefined, part: string, have: number): Promise<{ sha256?: Hash; sha1?: Hash }> {
  const h: { sha256?: Hash; sha1?: Hash } = {};
  if (expect?.sha256) h.sha256 = createHash('sha256');
  // A git blob hash starts with the size: without a known size it is computed from the finished file (verify).
  if (expect?.gitSha1 && expect.size !== undefined) h.sha1 = createHash('sha1').update(`blob ${expect.size}\0`);
  if (have > 0 && (h.sha256 || h.sha1)) {
    for await (const chunk of createReadStream(part)) {
      h.sha256?.update(chunk as Buffer);
      h.sha1?.update(chunk as Buffer);
    }
  }
  return h;
}

/** Downloads `url` to `dest`; resolves when `dest` holds the complete, verified file. */
export async function downloadFile(req: DownloadRequest): Promise<void> {
  const label = req.label ?? req.url;
  const part = `${req.dest}.part`;
  const attempts = req.attempts ?? 5;
  const retryDelay = req.retryDelayMs ?? 500;
  await fs.mkdir(dirname(req.dest), { recursive: true });
  let lastError: UserError | undefined;
  for (let attempt = 0; attempt < attempts; attempt++) {
    throwIfAborted(req.signal);
    if (attempt > 0) await sleep(retryDelay * 2 ** (attempt - 1), req.signal);
    try {
      await attemptDownload(req, part, label);
      await fs.rename(part, req.dest);
      return;
    } catch (err) {
      if (err instanceof Retryable) {
        lastError = err.final;
        continue;
      }
      throw err;
    }
  }
  throw lastError ?? new UserError(t('localDownloadInterrupted', label), 'download', t('localDownloadResumeFix'));
}

async function attemptDownload(req: DownloadRequest, part: string, label: string): Promise<void> {
  let have = await partSize(part);
  if (req.expect?.size !== undefined && have > req.expect.size) {
    await fs.rm(part, { force: true });
    have = 0;
  }
  if (req.expect?.size !== undefined && req.expect.size > have) {
    const free = await (req.freeBytes ?? statfsFree)(dirname(req.dest));
    const need = req.expect.size - have;
    if (free !== undefined && free < need) {
      throw new UserError(t('localDownloadNoSpace', label, Math.ceil(need / 2 ** 20), Math.floor(free / 2 ** 20), dirname(req.dest)), 'download', t('localDownloadDiskFullFix'));
    }
  }
  if (req.expect?.size !== undefined && have === req.expect.size) {
    // A previous run received every byte but stopped before the check: verify without a request. A part that
    // fails the check is stale (left by another version of the file): verify() deleted it, fetch it anew.
    try {
      await verify(req, part, label, await startHashes(req.expect, part, have), have);
    } catch (err) {
      if (err instanceof UserError) throw new Retryable('stale part', err);
      throw err;
    }
    return;
  }

  const controller = new AbortController();
  const onAbort = () => controller.abort();
  req.signal?.addEventListener('abort', onAbort, { once: true });
  let stallTimer: NodeJS.Timeout | undefined;
  let stalled = false;
  const armStall = () => {
    clearTimeout(stallTimer);
    stallTimer = setTimeout(() => {
      stalled = true;
      controller.abort();
    }, req.stallMs ?? 30_000);
  };
  try {
    armStall();
    const headers: Record<string, string> = { 'user-agent': 'vieneu-tts-vscode' };
    if (have > 0) headers.range = `bytes=${have}-`;
    if (req.token) headers.authorization = `Bearer ${req.token}`;
    let res: Response;
    try {
      res = await fetch(req.url, { headers, signal: controller.signal, redirect: 'follow' });
    } catch (err) {
      if (req.signal?.aborted) throw abortError();
      if (stalled) throw new Retryable('stalled', new UserError(t('localDownloadInterrupted', label), 'download', t('localDownloadResumeFix')));
      const code = causeCode(err);
      const host = safeHost(req.url);
      const ue = new UserError(t('localDownloadNoNetwork', host, code ?? (err as Error).message), 'network', t('localDownloadNoNetworkFix'), [], { cause: err });
      // Refused/unknown host will not fix itself in a second; resets and timeouts might.
      if (code === 'ECONNRESET' || code === 'ETIMEDOUT' || code === 'UND_ERR_SOCKET') throw new Retryable(String(code), ue);
      throw ue;
    }

    if (res.status === 401 || res.status === 403) {
      await res.body?.cancel();
      throw new UserError(t('localDownloadAuth', label, res.status), 'auth', req.token ? t('localDownloadAuthFixToken') : t('localDownloadAuthFix'), [
        { label: t('localActionSetHfToken'), command: 'vieneu.setHuggingFaceToken' },
      ]);
    }
    if (res.status === 404) {
      await res.body?.cancel();
      throw new UserError(t('localDownloadNotFound', label), 'download', t('localDownloadNotFoundFix'));
    }
    if (res.status === 416 && have > 0) {
      // Our .part is not a prefix the server recognises: start over.
      await res.body?.cancel();
      await fs.rm(part, { force: true });
      throw new Retryable('416', new UserError(t('localDownloadInterrupted', label), 'download', t('localDownloadResumeFix')));
    }
    if (res.status >= 500 || res.status === 429) {
      await res.body?.cancel();
      throw new Retryable(String(res.status), new UserError(t('localDownloadServer', label, res.status), 'server', t('localDownloadLaterFix')));
    }
    if (res.status !== 200 && res.status !== 206) {
      await res.body?.cancel();
      throw new UserError(t('localDownloadServer', label, res.status), 'download', t('localDownloadLaterFix'));
    }

    let append = res.status === 206;
    if (append) {
      const range = /bytes (\d+)-/.exec(res.headers.get('content-range') ?? '');
      if (!range || Number(range[1]) !== have) append = false;
    }
    if (!append) {
      if (res.status === 206) {
        await res.body?.cancel();
        await fs.rm(part, { force: true });
        throw new Retryable('bad range', new UserError(t('localDownloadInterrupted', label), 'download', t('localDownloadResumeFix')));
      }
      have = 0; // the server sent the whole file
    }
    const length = Number(res.headers.get('content-length') ?? NaN);
    const cap = req.expect?.size;
    const tooBig = () => new UserError(t('localDownloadTooBig', label, cap ?? 0), 'download', t('localDownloadChecksumFix'));
    if (cap !== undefined && Number.isFinite(length) && have + length > cap) {
      // Announced as bigger than the listing says: not the file that was listed, so not worth a byte of disk.
      await res.body?.cancel();
      await fs.rm(part, { force: true });
      throw tooBig();
    }
    const total = Number.isFinite(length) ? have + length : req.expect?.size;
    const hashes = await startHashes(req.expect, part, append ? have : 0);
    const out = createWriteStream(part, { flags: append ? 'a' : 'w' });
    const outDone = new Promise<void>((resolve, reject) => {
      out.on('finish', resolve);
      out.on('error', reject);
      out.on('close', resolve); // destroy() emits neither finish nor error
    });
    let received = have;
    let overrun = false;
    let writeError: unknown;
    out.on('error', (e) => (writeError = e));
    req.onProgress?.({ received, total });
    try {
      if (!res.body) throw new Error('empty body');
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        armStall();
        if (writeError) throw writeError;
        if (cap !== undefined && received + chunk.length > cap) {
          overrun = true;
          throw new Error('body longer than expected');
        }
        hashes.sha256?.update(chunk);
        hashes.sha1?.update(chunk);
        received += chunk.length;
        // Each wait removes its own listeners: a model of hundreds of MB waits thousands of times.
        if (!out.write(chunk)) await new Promise<void>((r, j) => {
          const drained = () => (out.off('error', failed), r());
          const failed = (e: Error) => (out.off('drain', drained), j(e));
          out.once('drain', drained);
          out.once('error', failed);
        });
        req.onProgress?.({ received, total });
      }
      out.end();
      await outDone;
    } catch (err) {
      // Taken before destroy(): writes still pending then fail with ERR_STREAM_DESTROYED, which is our own doing
      // (the body broke off), not a disk that refused them — that case must stay a resumable interruption.
      const failedWrite = writeError;
      out.destroy();
      await outDone.catch(() => undefined);
      writeError = failedWrite;
      if (overrun) {
        controller.abort();
        await fs.rm(part, { force: true });
        throw tooBig();
      }
      if (req.signal?.aborted) throw abortError();
      const code = causeCode(writeError ?? err);
      if (code === 'ENOSPC' || code === 'EDQUOT') {
        throw new UserError(t('localDownloadDiskFull', label, dirname(req.dest)), 'download', t('localDownloadDiskFullFix'), [], { cause: err });
      }
      if (writeError) throw new UserError(t('localDownloadWriteFailed', dirname(req.dest), String(code ?? (writeError as Error).message)), 'download', undefined, [], { cause: writeError });
      throw new Retryable('interrupted', new UserError(t('localDownloadInterrupted', label), 'download', t('localDownloadResumeFix')));
    }
    if (total !== undefined && received < total) {
      throw new Retryable('short', new UserError(t('localDownloadInterrupted', label), 'download', t('localDownloadResumeFix')));
    }
    await verify(req, part, label, hashes, received);
  } catch (err) {
    if (isAbortError(err) && req.signal?.aborted) throw abortError();
    throw err;
  } finally {
    clearTimeout(stallTimer);
    req.signal?.removeEventListener('abort', onAbort);
  }
}

async function verify(req: DownloadRequest, part: string, label: string, hashes: { sha256?: Hash; sha1?: Hash }, received: number): Promise<void> {
  const e = req.expect;
  if (e?.gitSha1 && !hashes.sha1) {
    hashes.sha1 = createHash('sha1').update(`blob ${received}\0`);
    for await (const chunk of createReadStream(part)) hashes.sha1.update(chunk as Buffer);
  }
  const bad =
    (e?.size !== undefined && received !== e.size) ||
    (hashes.sha256 && hashes.sha256.digest('hex') !== e?.sha256?.toLowerCase()) ||
    (hashes.sha1 && hashes.sha1.digest('hex') !== e?.gitSha1?.toLowerCase());
  if (bad) {
    // A corrupt file must not be resumed from either: drop it entirely.
    await fs.rm(part, { force: true });
    throw new UserError(t('localDownloadChecksum', label), 'download', t('localDownloadChecksumFix'));
  }
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

