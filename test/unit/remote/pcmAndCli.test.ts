// PCM16/WAV decoding at awkward boundaries, the health poller, and the two CLI commands end to end
// (`vieneu notebook` writes a valid notebook; `vieneu serve-check` against the real server.py).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { command as notebookCommand } from '../../../src/cli/notebookCommand';
import { command as serveCheckCommand } from '../../../src/cli/serveCheckCommand';
import { UserError } from '../../../src/core/errors';
import { HealthPoller } from '../../../src/remote/healthPoller';
import { Pcm16Decoder, decodeWav } from '../../../src/remote/pcm';
import { PythonServer } from './serverProcess';

async function captureLog(fn: () => Promise<number>): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const orig = console.log;
  console.log = (...a: unknown[]) => lines.push(a.join(' '));
  try {
    return { code: await fn(), out: lines.join('\n') };
  } finally {
    console.log = orig;
  }
}

describe('PCM16 and WAV decoding', () => {
  it('a sample split across two network chunks is carried over, not lost or misread', () => {
    const bytes = Buffer.alloc(8);
    [0, 16384, -16384, -32768].forEach((v, i) => bytes.writeInt16LE(v, i * 2));
    const d = new Pcm16Decoder();
    const a = d.push(new Uint8Array(bytes.subarray(0, 3)));
    assert.ok(d.hasPartialSample);
    const b = d.push(new Uint8Array(bytes.subarray(3)));
    assert.deepEqual([...a, ...b], [0, 0.5, -0.5, -1]);
    assert.ok(!d.hasPartialSample);
  });

  it('decodeWav reads PCM16 mono and names what is wrong with anything else', () => {
    const h = Buffer.alloc(48);
    h.write('RIFF', 0);
    h.writeUInt32LE(40, 4);
    h.write('WAVEfmt ', 8);
    h.writeUInt32LE(16, 16);
    h.writeUInt16LE(1, 20);
    h.writeUInt16LE(1, 22);
    h.writeUInt32LE(24000, 24);
    h.writeUInt16LE(16, 34);
    h.write('data', 36);
    h.writeUInt32LE(4, 40);
    h.writeInt16LE(16384, 44);
    const w = decodeWav(new Uint8Array(h));
    assert.equal(w.sampleRate, 24000);
    assert.deepEqual([...w.samples], [0.5, 0]);
    h.writeUInt16LE(2, 22);
    assert.throws(() => decodeWav(new Uint8Array(h)), /unsupported WAV format \(1, 2 ch, 16 bit\)/);
    assert.throws(() => decodeWav(new Uint8Array(Buffer.from('<html>'))), /not a WAV file/);
  });
});

describe('HealthPoller', () => {
  it('checks one at a time on its interval, at once on request, and not after stop', async () => {
    let n = 0;
    let inFlight = 0;
    let maxInFlight = 0;
    const p = new HealthPoller(async () => {
      n++;
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, 30));
      inFlight--;
    }, 20);
    p.start();
    await Promise.all([p.checkNow(), p.checkNow()]);
    await new Promise((r) => setTimeout(r, 150));
    p.stop();
    const after = n;
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(n, after);
    assert.ok(after >= 2, `${after} checks`);
    assert.equal(maxInFlight, 1);
  });
});

describe('CLI: vieneu notebook and vieneu serve-check', function () {
  this.timeout(20000);
  let server: PythonServer;
  let dir: string;
  before(async () => {
    server = await PythonServer.start();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vieneu-cli-'));
  });
  after(async () => {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('notebook writes the .ipynb and prints the token it embeds', async () => {
    const out = path.join(dir, 'k.ipynb');
    const r = await captureLog(() => notebookCommand.run(['--backbone', 'pnnbao-ump/VieNeu-TTS', '--codec', 'neuphonic/distill-neucodec', '--target', 'kaggle', '--tunnel', 'cloudflared', '--out', out]));
    assert.equal(r.code, 0);
    const token = /Auth token[^:]*: ([A-Za-z0-9_-]{43})$/m.exec(r.out)?.[1];
    assert.ok(token, r.out);
    const nb = JSON.parse(fs.readFileSync(out, 'utf8'));
    assert.equal(nb.metadata.vieneu.target, 'kaggle');
    assert.ok(JSON.stringify(nb).includes(`AUTH_TOKEN = \\"${token}\\"`));
    await assert.rejects(notebookCommand.run(['--backbone', 'b', '--codec', 'neuphonic/unknown', '--out', out]), (e: UserError) => /codec must be one of the codecs VieNeu-TTS v1.1.5 loads/.test(e.message));
  });

  it('serve-check connects, lists voices and synthesizes against the real server', async () => {
    const r = await captureLog(() => serveCheckCommand.run([server.url, '--token', server.token]));
    assert.equal(r.code, 0);
    assert.match(r.out, /Health: Connected \(\d+ ms, CPU\)/);
    assert.match(r.out, /Voices: Binh, Ngoc \(default Binh\)/);
    assert.match(r.out, /Synthesis: \d+\.\d\d s of audio at 24000 Hz; first audio after \d+ ms/);
    assert.ok(!r.out.includes(server.token), 'the token is never printed');
  });

  it('serve-check says what is wrong with a wrong token', async () => {
    await assert.rejects(
      captureLog(() => serveCheckCommand.run([server.url, '--token', 'w'.repeat(43)])),
      (e: UserError) => e.code === 'auth' && /rejected the auth token/.test(e.message),
    );
  });
});
