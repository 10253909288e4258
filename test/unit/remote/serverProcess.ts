// Starts the notebook's real server (notebook-template/server.py, exactly as shipped) under Debian's
// /usr/bin/python3 (FastAPI 0.92, uvicorn 0.17) on 127.0.0.1 and a free port, with the stand-in `vieneu`
// package of test/fixtures/python first on PYTHONPATH. Used by the contract tests and bench/remote.ts.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';

export const PYTHON = '/usr/bin/python3';

/** The repository root, from out/test/unit/remote (compiled) or test/unit/remote (ts-node). */
export function repoRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    if (fs.existsSync(path.join(dir, 'notebook-template', 'server.py'))) return dir;
    dir = path.dirname(dir);
  }
  throw new Error('notebook-template/server.py not found above ' + __dirname);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export interface ServerOptions {
  backbone?: string;
  codec?: string;
  /** Stand-in knobs: VIENEU_STANDIN_LOAD_S, VIENEU_STANDIN_CHUNK_S, VIENEU_STANDIN_CHUNKS, VIENEU_STANDIN_FAIL_LOAD. */
  env?: Record<string, string>;
  /** Wait until /health says ready (default) or only until the port answers. */
  waitReady?: boolean;
  /** Default: a fresh 32-byte base64url token. */
  token?: string;
  /** Default: a free port. */
  port?: number;
}

/** A Python server process the tests start: SIGKILL as a crashed runtime dies mid-reply, or SIGTERM then SIGKILL. */
abstract class ServerProcess {
  protected constructor(readonly proc: ChildProcess) {}

  kill(): void {
    if (this.proc.exitCode === null && this.proc.signalCode === null) this.proc.kill('SIGKILL');
  }

  async stop(): Promise<void> {
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return;
    const exited = new Promise<void>((r) => this.proc.once('exit', () => r()));
    this.proc.kill('SIGTERM');
    const timer = setTimeout(() => this.kill(), 3000);
    await exited;
    clearTimeout(timer);
  }
}

export class PythonServer extends ServerProcess {
  private constructor(
    proc: ChildProcess,
    readonly port: number,
    readonly token: string,
    readonly output: string[],
  ) {
    super(proc);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  static async start(o: ServerOptions = {}): Promise<PythonServer> {
    const root = repoRoot();
    const port = o.port ?? (await freePort());
    const token = o.token ?? randomBytes(32).toString('base64url');
    const output: string[] = [];
    const proc = spawn(
      PYTHON,
      [
        path.join(root, 'notebook-template', 'server.py'),
        '--host', '127.0.0.1',
        '--port', String(port),
        '--device', 'cpu',
        '--backbone', o.backbone ?? 'pnnbao-ump/VieNeu-TTS-q4-gguf',
        '--codec', o.codec ?? 'neuphonic/distill-neucodec',
      ],
      {
        env: {
          PATH: process.env.PATH ?? '/usr/bin:/bin',
          PYTHONPATH: path.join(root, 'test', 'fixtures', 'python'),
          PYTHONDONTWRITEBYTECODE: '1',
          PYTHONUNBUFFERED: '1',
          VIENEU_AUTH_TOKEN: token,
          ...o.env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    proc.stdout!.on('data', (d) => output.push(String(d)));
    proc.stderr!.on('data', (d) => output.push(String(d)));
    const server = new PythonServer(proc, port, token, output);
    try {
      await server.waitUntilUp(o.waitReady !== false);
    } catch (err) {
      await server.stop();
      throw err;
    }
    return server;
  }

  private async waitUntilUp(ready: boolean): Promise<void> {
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      if (this.proc.exitCode !== null) throw new Error(`server.py exited (${this.proc.exitCode}):\n${this.output.join('')}`);
      try {
        const res = await fetch(`${this.url}/health`, { headers: { Authorization: `Bearer ${this.token}` } });
        const body = (await res.json()) as { status?: string };
        if (!ready || body.status === 'ready') return;
      } catch {
        /* not listening yet */
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`server.py did not come up in 15 s:\n${this.output.join('')}`);
  }

}

/**
 * The stand-in for upstream VieNeu-TTS's OpenAI speech server (upstream_standin.py, FastAPI), on a free port.
 * Knobs in `env`: VIENEU_API_KEY, STANDIN_BACKEND, STANDIN_MAX_STREAMS, STANDIN_CHUNK_S, STANDIN_CHUNKS,
 * STANDIN_SCHEDULER_DEAD.
 */
export class UpstreamStandin extends ServerProcess {
  private constructor(
    proc: ChildProcess,
    readonly port: number,
    readonly output: string[],
  ) {
    super(proc);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  static async start(env: Record<string, string> = {}): Promise<UpstreamStandin> {
    const port = await freePort();
    const output: string[] = [];
    const proc = spawn(PYTHON, [path.join(repoRoot(), 'test', 'unit', 'remote', 'upstream_standin.py')], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', PYTHONDONTWRITEBYTECODE: '1', PYTHONUNBUFFERED: '1', PORT: String(port), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    proc.stdout!.on('data', (d) => output.push(String(d)));
    proc.stderr!.on('data', (d) => output.push(String(d)));
    const s = new UpstreamStandin(proc, port, output);
    const deadline = Date.now() + 15_000;
    for (;;) {
      if (proc.exitCode !== null) throw new Error(`upstream_standin.py exited (${proc.exitCode}):\n${output.join('')}`);
      try {
        await fetch(`${s.url}/health`);
        return s;
      } catch {
        if (Date.now() > deadline) {
          s.kill();
          throw new Error(`upstream_standin.py did not come up in 15 s:\n${output.join('')}`);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  }

}
