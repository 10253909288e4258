// The client against a hostile or broken local server (a Node http server playing each part): every case
// ends in a clear UserError, reads a bounded number of bytes, and nothing hangs.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { UserError } from '../../../src/core/errors';
import { RemoteClient, normalizeEndpoint } from '../../../src/remote/client';
import { describeRemoteError } from '../../../src/remote/remoteErrors';
import { freePort } from './serverProcess';
import { wavHeader } from '../../../src/audio/wav';

const TOKEN = 'hostile-test-token-0123456789abcdef';
const HEALTH = {
  status: 'ready', model_loaded: true, backbone: 'b', codec: 'c', device: 'cuda',
  gpu: { name: 'Tesla T4', memory_total_gb: 15, memory_used_gb: 2 }, version: '1.0.0', protocol: 1, uptime_s: 5, sample_rate: 24000,
};

// The product's own header, for a 24 kHz mono PCM16 body of `dataBytes`.
const wavHeaderFor = (dataBytes: number) => wavHeader(24000, dataBytes);

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

describe('remote client against a hostile server', function () {
  this.timeout(15000);
  let server: http.Server;
  let base: string;
  const hits = new Map<string, number>();
  const headersSeen: http.IncomingHttpHeaders[] = [];
  const sockets = new Set<import('node:net').Socket>();
  const endless = { written: 0, closed: false };

  // Each scenario lives under its own path prefix: the endpoint is `${base}/<scenario>`.
  const scenarios: Record<string, Handler> = {
    'invalid-json': (_q, s) => {
      s.writeHead(200, { 'content-type': 'application/json' });
      s.end('{"status": "ready", "model_loaded": tru');
    },
    'html-error': (_q, s) => {
      s.writeHead(502, { 'content-type': 'text/html' });
      s.end('<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>');
    },
    'html-ok': (_q, s) => {
      s.writeHead(200, { 'content-type': 'text/html' });
      s.end('<html><body>You are about to visit a site served by ngrok</body></html>');
    },
    ngrok: (_q, s) => {
      s.writeHead(404, { 'content-type': 'text/html', 'ngrok-error-code': 'ERR_NGROK_3200' });
      s.end('<!DOCTYPE html><html><body><p>The endpoint abc.ngrok-free.app is offline.</p><p>ERR_NGROK_3200</p></body></html>');
    },
    cloudflare: (_q, s) => {
      s.writeHead(530, { 'content-type': 'text/html' });
      s.end('<html><title>Cloudflare Tunnel error</title><body>Error 1033</body></html>');
    },
    'truncated-wav': (q, s) => {
      if (q.url!.endsWith('/health')) return json(s, HEALTH);
      const body = Buffer.concat([wavHeaderFor(48000), Buffer.alloc(1000)]);
      s.writeHead(200, { 'content-type': 'audio/wav', 'content-length': body.length });
      s.end(body);
    },
    'cut-connection': (_q, s) => {
      s.writeHead(200, { 'content-type': 'audio/wav', 'content-length': 48044 });
      s.write(Buffer.concat([wavHeaderFor(48000), Buffer.alloc(1000)]));
      setTimeout(() => s.socket?.destroy(), 20);
    },
    'endless-pcm': (_q, s) => {
      s.writeHead(200, { 'content-type': 'audio/pcm', 'x-sample-rate': '24000' });
      const chunk = Buffer.alloc(64 * 1024, 1);
      const pump = () => {
        while (!s.destroyed && s.write(chunk)) endless.written += chunk.length;
        if (!s.destroyed) s.once('drain', pump);
      };
      s.on('close', () => {
        endless.closed = true;
        s.removeAllListeners('drain');
      });
      pump();
    },
    'endless-json': (_q, s) => {
      s.writeHead(200, { 'content-type': 'application/json' });
      s.write('{"status": "ready", "pad": "');
      const chunk = 'x'.repeat(64 * 1024);
      const pump = () => {
        while (!s.destroyed && s.write(chunk));
        if (!s.destroyed) s.once('drain', pump);
      };
      pump();
    },
    'huge-length': (_q, s) => {
      s.writeHead(200, { 'content-type': 'audio/wav', 'content-length': String(10 * 1024 ** 3) });
      s.write(wavHeaderFor(0xffffffff)); // and then nothing: the client must not wait for 10 GB
    },
    silent: () => {
      /* accepts the request and never answers */
    },
    stall: (_q, s) => {
      s.writeHead(200, { 'content-type': 'audio/pcm' });
      s.write(Buffer.alloc(4800)); // 100 ms of audio, then silence forever
    },
    'flaky-500': (q, s) => {
      const n = hits.get('flaky-500') ?? 0;
      if (n <= 2) return json(s, { error: { code: 'internal', message: 'CUDA hiccup' } }, 500);
      return json(s, HEALTH);
    },
    'always-500': (_q, s) => json(s, { error: { code: 'internal', message: 'CUDA error: device-side assert triggered' } }, 500),
    'drop-after-audio': (_q, s) => {
      s.writeHead(200, { 'content-type': 'audio/pcm' });
      s.write(Buffer.alloc(4800, 3));
      setTimeout(() => s.socket?.destroy(), 30);
    },
    loading: (_q, s) => json(s, { error: { code: 'model_loading', message: 'The model is still loading.' } }, 503, { 'retry-after': '10' }),
    redirect: (_q, s) => {
      s.writeHead(302, { location: 'http://evil.example/health' });
      s.end();
    },
    'odd-pcm': (_q, s) => {
      s.writeHead(200, { 'content-type': 'audio/pcm' });
      s.end(Buffer.alloc(4801));
    },
    'json-audio': (_q, s) => json(s, { audio_base64: 'AAAA' }),
    'other-protocol': (_q, s) => json(s, { ...HEALTH, protocol: 2 }),
  };

  function json(s: http.ServerResponse, body: unknown, status = 200, headers: Record<string, string> = {}) {
    const text = JSON.stringify(body);
    s.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
    s.end(text);
  }

  before(async () => {
    server = http.createServer((req, res) => {
      const name = req.url!.split('/')[1];
      headersSeen.push(req.headers);
      const handler = scenarios[name];
      hits.set(name, (hits.get(name) ?? 0) + 1);
      req.resume();
      if (!handler) return json(res, { error: { code: 'not_found', message: 'Not Found' } }, 404);
      handler(req, res);
    });
    server.on('connection', (s) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((r) => server.close(r));
  });

  const client = (scenario: string, o: ConstructorParameters<typeof RemoteClient>[2] = {}) =>
    new RemoteClient(`${base}/${scenario}`, TOKEN, { backoffMs: 10, healthTimeoutMs: 2000, firstByteTimeoutMs: 2000, idleTimeoutMs: 2000, ...o });

  async function drain(c: RemoteClient): Promise<number> {
    let n = 0;
    for await (const ch of c.speechStream({ input: 'xin chào' })) n += ch.samples.length;
    return n;
  }

  function expectError(code: UserError['code'], pattern: RegExp) {
    return (e: unknown) => {
      assert.ok(e instanceof UserError, `not a UserError: ${String(e)}`);
      assert.equal(e.code, code, e.display);
      assert.match(e.display, pattern);
      return true;
    };
  }

  it('invalid JSON: says the reply is not JSON and to check the URL', async () => {
    await assert.rejects(client('invalid-json').health(), expectError('server', /not valid JSON.*Check that the URL points to a VieNeu server/));
  });

  it('an HTML error page (502): web page instead of the API, retried twice first', async () => {
    await assert.rejects(client('html-error').health(), expectError('server', /answered with a web page instead of the VieNeu API \(HTTP 502\)/));
    assert.equal(hits.get('html-error'), 3);
  });

  it('an HTML page with 200 (a browser warning or a wrong site) is not taken for JSON', async () => {
    await assert.rejects(client('html-ok').health(), expectError('server', /web page instead of the VieNeu API \(HTTP 200\)/));
  });

  it('ngrok\'s offline page: tunnel offline, check the notebook, no retries', async () => {
    await assert.rejects(client('ngrok').health(), expectError('network', /tunnel to .* is offline \(ERR_NGROK_3200\).*still running/));
    assert.equal(hits.get('ngrok'), 1);
  });

  it('cloudflared\'s 530 / Error 1033: tunnel offline', async () => {
    await assert.rejects(client('cloudflare').health(), expectError('network', /is offline \(HTTP 530\)/));
  });

  it('a truncated WAV (header promises more than arrives): incomplete audio', async () => {
    await assert.rejects(client('truncated-wav').speechWav({ input: 'x' }), expectError('server', /audio from .* is incomplete: 1000 of 48000 audio bytes arrived/));
  });

  it('a connection cut before Content-Length is reached: dropped mid-reply, not retried after audio', async () => {
    await assert.rejects(client('cut-connection').speechWav({ input: 'x' }), expectError('network', /dropped in the middle of the reply/));
    assert.equal(hits.get('cut-connection'), 1);
  });

  it('an endless audio stream stops at the size limit: the client hangs up, the server cannot push more', async () => {
    await assert.rejects(drain(client('endless-pcm', { maxAudioBytes: 8 * 1024 * 1024 })), expectError('server', /sent more data than allowed \(8.0 MB\)/));
    await new Promise((r) => setTimeout(r, 200));
    // The connection is closed, and what the server got out is the limit plus socket buffers, not more.
    assert.ok(endless.closed, 'the client left the endless stream open');
    const written = endless.written;
    assert.ok(written < 8 * 1024 * 1024 + 8 * 1024 * 1024, `${written} bytes written`);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(endless.written, written);
  });

  it('an endless JSON reply stops at the JSON limit', async () => {
    await assert.rejects(client('endless-json', { maxJsonBytes: 1024 * 1024 }).health(), expectError('server', /more data than allowed \(1.0 MB\)/));
  });

  it('a 10 GB Content-Length is refused at once, without reading or waiting for the body', async () => {
    await assert.rejects(client('huge-length').speechWav({ input: 'x' }), expectError('server', /more data than allowed \(82.4 MB\)/));
  });

  it('a server that never answers: timeout with what to do, nothing hangs', async () => {
    await assert.rejects(client('silent', { healthTimeoutMs: 300, retries: 0 }).health(), expectError('timeout', /did not answer within 0.3 s.*Test Connection again/));
    await assert.rejects(drain(client('silent', { firstByteTimeoutMs: 300, retries: 0 })), expectError('timeout', /within 0.3 s/));
  });

  it('a stream that stalls after some audio: idle timeout', async () => {
    await assert.rejects(drain(client('stall', { idleTimeoutMs: 300 })), expectError('timeout', /within 0.3 s/));
  });

  it('5xx is retried twice with backoff, then succeeds', async () => {
    const r = await client('flaky-500').health();
    assert.equal(r.server.health?.gpu?.name, 'Tesla T4');
    assert.equal(r.server.capabilities.gpu, 'Tesla T4');
    assert.equal(hits.get('flaky-500'), 3);
  });

  it('5xx that persists: the server\'s reason after three attempts', async () => {
    await assert.rejects(client('always-500').health(), expectError('server', /server failed \(HTTP 500\): CUDA error: device-side assert triggered.*notebook's output/));
    assert.equal(hits.get('always-500'), 3);
  });

  it('no retry once audio has arrived: the connection drop is reported after the first chunk', async () => {
    let samples = 0;
    await assert.rejects(
      (async () => {
        for await (const ch of client('drop-after-audio').speechStream({ input: 'x' })) samples += ch.samples.length;
      })(),
      expectError('network', /dropped in the middle/),
    );
    assert.equal(samples, 2400);
    assert.equal(hits.get('drop-after-audio'), 1);
  });

  it('model loading (503 model_loading): says to wait for the banner, no retries', async () => {
    await assert.rejects(drain(client('loading')), expectError('not-ready', /still loading.*Wait until the notebook prints its banner/));
    assert.equal(hits.get('loading'), 1);
  });

  it('a redirect is not followed (the token stays with the host it was meant for)', async () => {
    await assert.rejects(client('redirect').health(), expectError('server', /redirect \(HTTP 302\) to http:\/\/evil.example/));
  });

  it('PCM that ends in half a sample is incomplete; JSON where audio was expected is refused', async () => {
    await assert.rejects(drain(client('odd-pcm')), expectError('server', /last sample is cut in half/));
    await assert.rejects(client('json-audio').speechWav({ input: 'x' }), expectError('server', /"application\/json" where audio was expected/));
  });

  it('another protocol version: says to generate a new notebook', async () => {
    await assert.rejects(client('other-protocol').health(), expectError('server', /speaks protocol 2; this extension speaks 1.*Generate a new notebook/));
  });

  it('sends the token and ngrok-skip-browser-warning on every request', () => {
    assert.ok(headersSeen.length > 10);
    for (const h of headersSeen) {
      assert.equal(h.authorization, `Bearer ${TOKEN}`);
      assert.equal(h['ngrok-skip-browser-warning'], '1');
    }
  });

  it('connection refused and DNS failure: each its own message', async () => {
    const port = await freePort();
    await assert.rejects(new RemoteClient(`http://127.0.0.1:${port}`, TOKEN, { retries: 0 }).health(), expectError('network', /Nothing is listening at 127.0.0.1:\d+ \(connection refused\).*server cell again/));
    await assert.rejects(new RemoteClient('https://no-such-host.invalid', TOKEN, { retries: 0 }).health(), expectError('network', /The host no-such-host.invalid could not be found.*URL changes every time the notebook restarts/));
  });

  it('refuses plain http:// except to loopback, and URLs that are not URLs', () => {
    assert.throws(() => normalizeEndpoint('http://abc.ngrok-free.app'), expectError('bad-input', /Refusing to send the auth token over plain http:\/\/ to abc.ngrok-free.app/));
    assert.throws(() => normalizeEndpoint('abc.ngrok-free.app'), expectError('bad-input', /is not a valid URL/));
    assert.throws(() => normalizeEndpoint('ftp://x.example'), expectError('bad-input', /not a valid URL/));
    assert.throws(() => normalizeEndpoint(''), expectError('config', /No Colab endpoint is set/));
    assert.equal(normalizeEndpoint(' https://abc.ngrok-free.app/?x=1#y '), 'https://abc.ngrok-free.app');
    assert.equal(normalizeEndpoint('http://localhost:8000/'), 'http://localhost:8000');
    assert.equal(normalizeEndpoint('http://127.0.0.2:8000'), 'http://127.0.0.2:8000');
    assert.equal(normalizeEndpoint('http://[::1]:8000'), 'http://[::1]:8000');
  });

  it('describeRemoteError gives surfaces one sentence and a code for anything thrown', () => {
    const d = describeRemoteError(new UserError('A.', 'auth', 'Do B.'));
    assert.deepEqual([d.display, d.code], ['A. Do B.', 'auth']);
    assert.equal(describeRemoteError(new Error('boom')).display, 'Unexpected error: boom');
  });
});
