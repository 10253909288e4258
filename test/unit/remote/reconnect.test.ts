// Reconnecting after a window reload (src/remote/reconnect.ts) against the notebook's real server.py: quiet on
// success, one question on failure, Retry that works once the server is back, Use Local, nothing to do without
// a saved endpoint, and a model still loading left to the health poll.
import * as assert from 'node:assert/strict';
import { RemoteBackend } from '../../../src/remote/remoteBackend';
import { reconnectSaved, type ReconnectChoice, type ReconnectDeps } from '../../../src/remote/reconnect';
import { PythonServer, freePort } from './serverProcess';

describe('remote reconnect after a window reload', function () {
  this.timeout(20000);
  const servers: PythonServer[] = [];
  const backends: RemoteBackend[] = [];
  after(async () => {
    for (const b of backends) b.dispose();
    await Promise.all(servers.map((s) => s.stop()));
  });

  type Deps = ReconnectDeps & { asked: string[]; local: number; lines: string[] };
  function deps(o: Partial<ReconnectDeps> & { answers?: ReconnectChoice[] }): Deps {
    const colab = new RemoteBackend({ healthIntervalMs: 30000, client: { backoffMs: 10, retries: 0 } });
    backends.push(colab);
    const answers = [...(o.answers ?? [])];
    const d: Deps = {
      colab,
      endpoint: '',
      fallbacks: [],
      token: async () => '',
      asked: [] as string[],
      local: 0,
      lines: [] as string[],
      log: (l: string) => d.lines.push(l),
      askOnFailure: async (m: string): Promise<ReconnectChoice> => (d.asked.push(m), answers.shift()),
      useLocal: () => void d.local++,
      ...o,
    };
    return d;
  }

  it('the saved endpoint and token connect quietly', async () => {
    const s = await PythonServer.start();
    servers.push(s);
    const d = deps({ endpoint: s.url, token: async () => s.token });
    assert.equal(await reconnectSaved(d), 'connected');
    assert.equal(d.colab.status.state, 'ready');
    assert.deepEqual(d.asked, []);
    assert.ok(!d.lines.join('\n').includes(s.token), 'the token is never logged');
  });

  it('nothing saved: nothing to do, nobody asked', async () => {
    const d = deps({});
    assert.equal(await reconnectSaved(d), 'skipped');
    assert.equal(d.colab.status.state, 'idle');
  });

  it('a failure asks once; Retry connects when the server is back; Use Local switches', async () => {
    const port = await freePort();
    const token = 'reconnect-token-0123456789abcdef';
    let started: PythonServer | undefined;
    const d = deps({
      endpoint: `http://127.0.0.1:${port}`,
      token: async () => token,
      askOnFailure: async (m) => {
        d.asked.push(m);
        // The user restarts the notebook, then presses Retry.
        started ??= await startOn(port, token);
        return 'retry';
      },
    });
    assert.equal(await reconnectSaved(d), 'connected');
    assert.equal(d.asked.length, 1);
    assert.match(d.asked[0], /Nothing is listening at 127\.0\.0\.1:\d+/);

    const gone = deps({ endpoint: `http://127.0.0.1:${await freePort()}`, answers: ['local'] });
    assert.equal(await reconnectSaved(gone), 'local');
    assert.equal(gone.local, 1);
    const dismissed = deps({ endpoint: `http://127.0.0.1:${await freePort()}`, answers: [undefined] });
    assert.equal(await reconnectSaved(dismissed), 'failed');
    assert.equal(dismissed.colab.status.state, 'error');
  });

  it('a model still loading: no question, the health poll connects by itself', async () => {
    const s = await PythonServer.start({ waitReady: false, env: { VIENEU_STANDIN_LOAD_S: '1' } });
    servers.push(s);
    const d = deps({ endpoint: s.url, token: async () => s.token });
    d.colab.setHealthInterval(200);
    assert.equal(await reconnectSaved(d), 'waiting');
    assert.deepEqual(d.asked, []);
    const deadline = Date.now() + 5000;
    while (d.colab.status.state !== 'ready' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.equal(d.colab.status.state, 'ready');
  });

  async function startOn(port: number, token: string): Promise<PythonServer> {
    // PythonServer picks its own port; a fixed one needs the same start with that port.
    const s = await PythonServer.start({ token, port });
    servers.push(s);
    return s;
  }
});
