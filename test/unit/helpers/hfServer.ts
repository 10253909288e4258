// A small Hugging Face look-alike on 127.0.0.1 for download tests: `/api/models/{repo}/tree/{rev}` listings
// and `/{repo}/resolve/{rev}/{file}` with Range support, plus failures injected per file.
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
  | { kind: 'redirect'; to: string };

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
  readonly repos = new Map<string, Map<string, ServedFile>>();
  readonly faults = new Map<string, Fault>();
  readonly log: LoggedRequest[] = [];
  /** When set, every request without this bearer token gets 401 (a gated repository). */
  requiredToken: string | undefined;
  endpoint = '';

  addFile(repo: string, path: string, data: Buffer, lfs = true): void {
    if (!this.repos.has(repo)) this.repos.set(repo, new Map());
    this.repos.get(repo)!.set(path, { data, lfs });
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
    if (this.requiredToken && req.headers.authorization !== `Bearer ${this.requiredToken}`) {
      res.writeHead(401).end('unauthorized');
      return;
    }
    const tree = /^\/api\/models\/([^/]+\/[^/]+)\/tree\/([^/]+)$/.exec(url);
    if (tree) {
      const files = this.repos.get(tree[1]);
      if (!files) return void res.writeHead(404).end('{"error":"Repository not found"}');
      const body = [...files].map(([path, f]) => ({
        type: 'file',
        path,
        size: f.lfs ? 134 : f.data.length,
        oid: f.lfs ? 'ffffffffffffffffffffffffffffffffffffffff' : createHash('sha1').update(`blob ${f.data.length}\0`).update(f.data).digest('hex'),
        ...(f.lfs ? { lfs: { oid: createHash('sha256').update(f.data).digest('hex'), size: f.data.length, pointerSize: 134 } } : {}),
      }));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      return;
    }
    const m = /^\/([^/]+\/[^/]+)\/resolve\/([^/]+)\/(.+)$/.exec(url);
    const file = m && this.repos.get(m[1])?.get(m[3]);
    if (!m || !file) return void res.writeHead(404).end('Entry not found');
    const fault = this.faults.get(m[3]);
    const consume = () => {
      if (fault && 'times' in fault && fault.times !== undefined && --fault.times <= 0) this.faults.delete(m[3]);
    };
    if (fault?.kind === 'redirect') return void res.writeHead(302, { location: `${fault.to}${url}` }).end();
    if (fault?.kind === 'status') {
      consume();
      return void res.writeHead(fault.status).end(`error ${fault.status}`);
    }
    let data = file.data;
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
}
