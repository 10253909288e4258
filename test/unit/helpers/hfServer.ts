// A small Hugging Face look-alike on 127.0.0.1 for download tests: `/api/models/{repo}/revision/{rev}` (the
// commit a branch points at), `/api/models/{repo}/tree/{rev}` listings and `/{repo}/resolve/{rev}/{file}` with
// Range support, plus failures injected per file or on the listing. Every addFile() is a new commit on `main`
// and older commits stay served by their id, as on the Hub.
import { createHash } from 'crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';

export type Fault =
  | { kind: 'status'; status: number; times?: number }
  | { kind: 'drop'; afterBytes: number; times?: number }
  | { kind: 'corrupt' }
  | { kind: 'ignore-range' }
  | { kind: 'stall'; afterBytes: number; times?: number }
  /** Answers 302 to the same path on another server, as huggingface.co sends LFS files to its CDN. */
  | { kind: 'redirect'; to: string }
  /** Sends `extraBytes` more than the file holds; without a Content-Length when `chunked`. */
  | { kind: 'oversize'; extraBytes: number; chunked?: boolean };

/** What the API endpoints (listing, revision) answer instead of JSON. */
export type ListingFault = 'html' | 'stall' | 'not-array';

export interface ServedFile {
  data: Buffer;
  /** Listed as an LFS file (sha256 in lfs.oid) rather than a plain git blob. */
  lfs?: boolean;
}

export interface LoggedRequest {
  url: string;
  range?: string;
  authorization?: string;
}

export class HfServer {
  private server: Server | undefined;
  /** The files at the head of `main`, per repository. */
  readonly repos = new Map<string, Map<string, ServedFile>>();
  /** Every commit: repository → commit id → files. */
  readonly commits = new Map<string, Map<string, Map<string, ServedFile>>>();
  readonly heads = new Map<string, string>();
  /** Faults by file path in its repository (a raw file: by its last path segment). */
  readonly faults = new Map<string, Fault>();
  /** Files served at a fixed path, as GitHub's hosts serve direct-URL assets (reached through an asset mirror). */
  readonly raw = new Map<string, Buffer>();
  listingFault: ListingFault | undefined;
  /** Called for every request before it is answered (a test pushes a new commit from here). */
  onRequest: ((url: string) => void) | undefined;
  private commitCount = 0;
  readonly log: LoggedRequest[] = [];
  /** When set, every request without this bearer token gets 401 (a gated repository). */
  requiredToken: string | undefined;
  endpoint = '';

  /** Adds or replaces a file on `main`: a new commit, whose id is returned. */
  addFile(repo: string, path: string, data: Buffer, lfs = true): string {
    if (!this.repos.has(repo)) this.repos.set(repo, new Map());
    this.repos.get(repo)!.set(path, { data, lfs });
    const sha = createHash('sha1').update(`${repo} commit ${++this.commitCount}`).digest('hex');
    if (!this.commits.has(repo)) this.commits.set(repo, new Map());
    this.commits.get(repo)!.set(sha, new Map(this.repos.get(repo)!));
    this.heads.set(repo, sha);
    return sha;
  }

  /** The files of `repo` at a revision: `main` or a commit id. */
  private filesAt(repo: string, rev: string): Map<string, ServedFile> | undefined {
    const sha = rev === 'main' ? this.heads.get(repo) : rev;
    return sha === undefined ? undefined : this.commits.get(repo)?.get(sha);
  }

  /** Answers an API request with its JSON, or with the injected listing fault. */
  private api(res: ServerResponse, body: unknown): void {
    if (this.listingFault === 'stall') return void res.writeHead(200, { 'content-type': 'application/json' }).write('[');
    if (this.listingFault === 'html') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<!DOCTYPE html><html><body>Sign in to the hotel Wi-Fi</body></html>');
    if (this.listingFault === 'not-array') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"error":"maintenance"}');
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.endpoint = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.endpoint;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => this.server?.close(() => r()) ?? r());
  }

  requestsFor(path: string): LoggedRequest[] {
    return this.log.filter((l) => l.url.endsWith(path));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = decodeURIComponent((req.url ?? '').split('?')[0]);
    this.log.push({ url, range: req.headers.range, authorization: req.headers.authorization });
    this.onRequest?.(url);
    if (this.requiredToken && req.headers.authorization !== `Bearer ${this.requiredToken}`) {
      res.writeHead(401).end('unauthorized');
      return;
    }
    const revision = /^\/api\/models\/([^/]+\/[^/]+)\/revision\/([^/]+)$/.exec(url);
    if (revision) {
      const files = this.filesAt(revision[1], revision[2]);
      if (!files) return void res.writeHead(404).end('{"error":"Repository not found"}');
      const sha = revision[2] === 'main' ? this.heads.get(revision[1]) : revision[2];
      return this.api(res, { id: revision[1], sha, siblings: [...files.keys()].map((rfilename) => ({ rfilename })) });
    }
    const tree = /^\/api\/models\/([^/]+\/[^/]+)\/tree\/([^/]+)$/.exec(url);
    if (tree) {
      const files = this.filesAt(tree[1], tree[2]);
      if (!files) return void res.writeHead(404).end('{"error":"Repository not found"}');
      const body = [...files].map(([path, f]) => ({
        type: 'file',
        path,
        size: f.lfs ? 134 : f.data.length,
        oid: f.lfs ? 'ffffffffffffffffffffffffffffffffffffffff' : createHash('sha1').update(`blob ${f.data.length}\0`).update(f.data).digest('hex'),
        ...(f.lfs ? { lfs: { oid: createHash('sha256').update(f.data).digest('hex'), size: f.data.length, pointerSize: 134 } } : {}),
      }));
      return this.api(res, body);
    }
    const m = /^\/([^/]+\/[^/]+)\/resolve\/([^/]+)\/(.+)$/.exec(url);
    const raw = this.raw.get(url);
    const file = raw ? { data: raw } : m && this.filesAt(m[1], m[2])?.get(m[3]);
    if (!file) return void res.writeHead(404).end('Entry not found');
    const key = raw ? url.split('/').pop()! : m![3];
    const fault = this.faults.get(key);
    const consume = () => {
      if (fault && 'times' in fault && fault.times !== undefined && --fault.times <= 0) this.faults.delete(key);
    };
    if (fault?.kind === 'redirect') return void res.writeHead(302, { location: `${fault.to}${url}` }).end();
    if (fault?.kind === 'status') {
      consume();
      return void res.writeHead(fault.status).end(`error ${fault.status}`);
    }
    let data = file.data;
    if (fault?.kind === 'oversize') return this.oversize(res, data, fault.extraBytes, !!fault.chunked);
    if (fault?.kind === 'corrupt') {
      data = Buffer.from(data);
      data[data.length >> 1] ^= 0xff;
    }
    let start = 0;
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    if (range && fault?.kind !== 'ignore-range') {
      start = Number(range[1]);
      if (start >= data.length) return void res.writeHead(416, { 'content-range': `bytes */${data.length}` }).end();
      res.writeHead(206, { 'content-length': data.length - start, 'content-range': `bytes ${start}-${data.length - 1}/${data.length}`, 'accept-ranges': 'bytes' });
    } else {
      res.writeHead(200, { 'content-length': data.length, 'accept-ranges': 'bytes' });
    }
    const body = data.subarray(start);
    if (fault?.kind === 'drop' || fault?.kind === 'stall') {
      consume();
      res.write(body.subarray(0, fault.afterBytes));
      if (fault.kind === 'drop') setTimeout(() => res.destroy(), 20);
      return; // a stall just never sends the rest
    }
    res.end(body);
  }

  /** The file, then `extra` bytes of zeros in 64 KB pieces as the client takes them; stops when it hangs up. */
  private oversize(res: ServerResponse, data: Buffer, extra: number, chunked: boolean): void {
    res.writeHead(200, chunked ? {} : { 'content-length': data.length + extra });
    res.write(data);
    const piece = Buffer.alloc(64 * 1024);
    let left = extra;
    const pump = () => {
      while (left > 0 && !res.destroyed) {
        left -= piece.length;
        if (!res.write(piece)) return void res.once('drain', pump);
      }
      if (!res.destroyed) res.end();
    };
    res.on('error', () => undefined);
    pump();
  }
}
