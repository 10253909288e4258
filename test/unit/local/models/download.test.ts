import * as assert from 'assert';
import { randomBytes, createHash } from 'crypto';
import { existsSync, mkdtempSync, readFileSync, symlinkSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { isAbortError, UserError } from '../../../../src/core/errors';
import { downloadFile, type DownloadRequest } from '../../../../src/local/models/download';
import { resolveUrl } from '../../../../src/local/models/hfApi';
import { HfServer } from '../../helpers/hfServer';

const REPO = 'test/model';
const DATA = randomBytes(256 * 1024);
const SHA = createHash('sha256').update(DATA).digest('hex');

describe('model downloader (local HTTP server)', () => {
  const server = new HfServer();
  let dir: string;
  let n = 0;
  before(async () => {
    server.addFile(REPO, 'model.gguf', DATA);
    server.addFile(REPO, 'voices.json', Buffer.from('{"presets":{}}'), false);
    await server.start();
  });
  after(() => server.stop());
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vieneu-dl-'));
    server.faults.clear();
    server.log.length = 0;
    server.requiredToken = undefined;
  });

  function req(extra: Partial<DownloadRequest> = {}, file = 'model.gguf'): DownloadRequest {
    return {
      url: resolveUrl(server.endpoint, REPO, 'main', file),
      dest: join(dir, `f${n++}`, file),
      expect: { sha256: SHA, size: DATA.length },
      retryDelayMs: 5,
      label: `${REPO}/${file}`,
      ...extra,
    };
  }

  async function rejectsWith(p: Promise<unknown>, code: string, re?: RegExp): Promise<UserError> {
    try {
      await p;
    } catch (err) {
      assert.ok(err instanceof UserError, `expected a UserError, got ${String(err)}`);
      assert.strictEqual(err.code, code, err.display);
      if (re) assert.match(err.display, re);
      return err;
    }
    assert.fail('expected a rejection');
  }

  it('downloads, reports progress, checks sha256 and leaves no .part', async () => {
    const r = req();
    const seen: number[] = [];
    await downloadFile({ ...r, onProgress: (p) => seen.push(p.received) });
    assert.ok(readFileSync(r.dest).equals(DATA));
    assert.ok(!existsSync(r.dest + '.part'));
    assert.strictEqual(seen[seen.length - 1], DATA.length);
    assert.ok(seen.length > 2);
  });

  it('resumes with a Range request after the connection drops mid-body', async () => {
    server.faults.set('model.gguf', { kind: 'drop', afterBytes: 100_000, times: 1 });
    const r = req();
    await downloadFile(r);
    assert.ok(readFileSync(r.dest).equals(DATA));
    const ranges = server.requestsFor('model.gguf').map((l) => l.range);
    assert.strictEqual(ranges[0], undefined);
    assert.match(ranges[1] ?? '', /^bytes=[1-9]\d*-$/);
  });

  it('an interrupted download stays .part (never complete) and the next run resumes it', async () => {
    server.faults.set('model.gguf', { kind: 'drop', afterBytes: 50_000, times: 100 });
    const r = req({ attempts: 2 });
    await rejectsWith(downloadFile(r), 'download', /interrupted.*resumes/);
    assert.ok(!existsSync(r.dest));
    assert.ok(existsSync(r.dest + '.part'));
    server.faults.clear();
    server.log.length = 0;
    await downloadFile(r);
    assert.ok(readFileSync(r.dest).equals(DATA));
    assert.match(server.requestsFor('model.gguf')[0].range ?? '', /^bytes=[1-9]/);
  });

  it('a checksum mismatch deletes the file and says so', async () => {
    server.faults.set('model.gguf', { kind: 'corrupt' });
    const r = req();
    await rejectsWith(downloadFile(r), 'download', /checksum/);
    assert.ok(!existsSync(r.dest) && !existsSync(r.dest + '.part'));
  });

  it('401 asks for a token; with the right token the gated file downloads', async () => {
    server.requiredToken = 'hf_secret';
    await rejectsWith(downloadFile(req()), 'auth', /token/);
    // The message comes with a button that runs the command it names.
    await assert.rejects(downloadFile(req()), (e: UserError) => e.actions.some((a) => a.command === 'vieneu.setHuggingFaceToken'));
    await rejectsWith(downloadFile(req({ token: 'hf_wrong' })), 'auth', /refused/);
    const r = req({ token: 'hf_secret' });
    await downloadFile(r);
    assert.ok(readFileSync(r.dest).equals(DATA));
    assert.strictEqual(server.requestsFor('model.gguf').pop()?.authorization, 'Bearer hf_secret');
  });

  it('follows the redirect to a CDN: Range kept for a resume, the token not sent to the other host', async () => {
    const cdn = new HfServer();
    cdn.addFile(REPO, 'model.gguf', DATA);
    await cdn.start();
    try {
      cdn.faults.set('model.gguf', { kind: 'drop', afterBytes: 60_000, times: 1 });
      server.faults.set('model.gguf', { kind: 'redirect', to: cdn.endpoint });
      const r = req({ token: 'hf_secret' });
      await downloadFile(r);
      assert.ok(readFileSync(r.dest).equals(DATA));
      const hits = cdn.requestsFor('model.gguf');
      assert.strictEqual(hits.length, 2);
      assert.ok(hits.every((h) => h.authorization === undefined));
      assert.match(hits[1].range ?? '', /^bytes=[1-9]/);
      assert.strictEqual(server.requestsFor('model.gguf')[0].authorization, 'Bearer hf_secret');
    } finally {
      await cdn.stop();
    }
  });

  it('404 says the file is not there', async () => {
    await rejectsWith(downloadFile(req({}, 'missing.gguf')), 'download', /404/);
  });

  it('retries 5xx answers, then succeeds', async () => {
    server.faults.set('model.gguf', { kind: 'status', status: 500, times: 2 });
    const r = req();
    await downloadFile(r);
    assert.ok(readFileSync(r.dest).equals(DATA));
    assert.strictEqual(server.requestsFor('model.gguf').length, 3);
  });

  it('gives up on a server that keeps failing with a clear message', async () => {
    server.faults.set('model.gguf', { kind: 'status', status: 503, times: 100 });
    await rejectsWith(downloadFile(req({ attempts: 3 })), 'server', /503/);
  });

  it('no network: a clear message naming the host', async () => {
    const closed = new HfServer();
    const endpoint = await closed.start();
    await closed.stop();
    await rejectsWith(downloadFile({ ...req(), url: resolveUrl(endpoint, REPO, 'main', 'model.gguf') }), 'network', /127\.0\.0\.1.*connection/);
  });

  it('disk full (ENOSPC from /dev/full) is reported as such', async function () {
    if (!existsSync('/dev/full')) this.skip();
    const r = req();
    const { mkdirSync } = await import('fs');
    mkdirSync(join(r.dest, '..'), { recursive: true });
    symlinkSync('/dev/full', r.dest + '.part');
    await rejectsWith(downloadFile(r), 'download', /disk is full/);
    assert.ok(!existsSync(r.dest));
  });

  it('a file that cannot fit fails before downloading, saying how much space it needs', async () => {
    const r = req({ freeBytes: async () => 100_000 });
    await rejectsWith(downloadFile(r), 'download', /needs 1 MB but only 0 MB are free/);
    assert.strictEqual(server.requestsFor('model.gguf').length, 0);
  });

  it('cancellation stops the transfer, keeps the .part for later', async () => {
    server.faults.set('model.gguf', { kind: 'stall', afterBytes: 64_000 });
    const ac = new AbortController();
    const r = req({ signal: ac.signal, onProgress: (p) => p.received > 0 && ac.abort() });
    await assert.rejects(downloadFile(r), (e: unknown) => isAbortError(e));
    assert.ok(!existsSync(r.dest));
  });

  it('a stalled connection is retried', async () => {
    server.faults.set('model.gguf', { kind: 'stall', afterBytes: 10_000, times: 1 });
    const r = req({ stallMs: 150 });
    await downloadFile(r);
    assert.ok(readFileSync(r.dest).equals(DATA));
  });

  it('a server that ignores Range restarts from zero instead of appending', async () => {
    server.faults.set('model.gguf', { kind: 'drop', afterBytes: 70_000, times: 1 });
    const r = req({ attempts: 1 });
    await rejectsWith(downloadFile(r), 'download');
    server.faults.set('model.gguf', { kind: 'ignore-range' });
    await downloadFile(r);
    assert.ok(readFileSync(r.dest).equals(DATA));
  });

  it('checks small non-LFS files by git blob sha1', async () => {
    const body = Buffer.from('{"presets":{}}');
    const sha1 = createHash('sha1').update(`blob ${body.length}\0`).update(body).digest('hex');
    const r = req({ expect: { gitSha1: sha1, size: body.length } }, 'voices.json');
    await downloadFile(r);
    assert.ok(readFileSync(r.dest).equals(body));
    const bad = req({ expect: { gitSha1: '0'.repeat(40), size: body.length } }, 'voices.json');
    await rejectsWith(downloadFile(bad), 'download', /checksum/);
    // A direct-URL asset (the v1.1.5 dictionary) has its git sha1 but no size: checked from the finished file.
    const unsized = req({ expect: { gitSha1: sha1 } }, 'voices.json');
    await downloadFile(unsized);
    assert.ok(readFileSync(unsized.dest).equals(body));
    await rejectsWith(downloadFile(req({ expect: { gitSha1: '1'.repeat(40) } }, 'voices.json')), 'download', /checksum/);
  });
});

describe('model downloader: a body longer than listed', () => {
  const server = new HfServer();
  const DATA2 = randomBytes(64 * 1024);
  before(async () => {
    server.addFile(REPO, 'model.gguf', DATA2);
    await server.start();
  });
  after(() => server.stop());

  for (const chunked of [false, true]) {
    it(`stops at the expected size and deletes the part (${chunked ? 'no Content-Length' : 'Content-Length announced'})`, async () => {
      server.log.length = 0;
      server.faults.set('model.gguf', { kind: 'oversize', extraBytes: 300 * 2 ** 20, chunked });
      const dest = join(mkdtempSync(join(tmpdir(), 'vieneu-big-')), 'model.gguf');
      const seen: number[] = [];
      const t0 = Date.now();
      await assert.rejects(
        downloadFile({
          url: resolveUrl(server.endpoint, REPO, 'main', 'model.gguf'), dest, retryDelayMs: 5, label: `${REPO}/model.gguf`,
          expect: { sha256: createHash('sha256').update(DATA2).digest('hex'), size: DATA2.length },
          onProgress: (p) => seen.push(p.received),
        }),
        (e: unknown) => e instanceof UserError && e.code === 'download' && /more than the 65536 bytes/.test(e.display),
      );
      assert.ok(Date.now() - t0 < 5000, 'fails fast');
      assert.ok(!existsSync(dest) && !existsSync(dest + '.part'));
      assert.ok(seen.every((n) => n <= DATA2.length), `received ${Math.max(...seen)}`);
      assert.strictEqual(server.requestsFor('model.gguf').length, 1, 'not retried');
    });
  }
});
