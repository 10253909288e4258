// Fault suite, the network faults a user meets: the notebook server killed mid-stream, the tunnel gone, a
// slow server (the real notebook-template/server.py with its stand-in model), a download interrupted and
// resumed, the extension host killed mid-download (reloaded), a disk that fills up. Each in a child: a clear
// message, bounded time and peak RSS, and never a half-written file under the final name.
import * as assert from 'assert';
import { createHash, randomBytes } from 'crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, symlinkSync, mkdirSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { resolveUrl } from '../../../src/local/models/hfApi';
import { HfServer } from '../helpers/hfServer';
import { runProbe, show, type ProbeResult } from './child';
import { mountSmallDisk } from './smallDisk';

const MB = 1 << 20;

describe('fault suite: servers, tunnels, downloads, disks', function () {
  this.timeout(60_000);
  const dir = mkdtempSync(join(tmpdir(), 'vieneu-faults-net-'));
  let base: ProbeResult;
  before(async () => {
    base = await runProbe(['baseline'], { timeoutMs: 20_000 });
  });

  function clearFailure(r: ProbeResult, code: string, re: RegExp, ms: number, mb: number): void {
    assert.ok(!r.crashed, show(r));
    assert.strictEqual(r.ok, false, show(r));
    assert.ok(r.userError, `not a clear message: ${show(r)}`);
    assert.strictEqual(r.code, code, show(r));
    assert.match(r.message ?? '', re);
    assert.ok(r.ms < ms, `took ${Math.round(r.ms)} ms`);
    assert.ok(r.maxRssMb < base.maxRssMb + mb, `peak RSS ${Math.round(r.maxRssMb)} MB vs ${Math.round(base.maxRssMb)} MB idle`);
  }

  describe('the notebook server', () => {
    it('killed mid-stream: "dropped in the middle of the reply", no retry, in bounded time', async () => {
      clearFailure(await runProbe(['remote-killed'], { timeoutMs: 45_000 }), 'network', /dropped in the middle of the reply|connection to/, 30_000, 128);
    });

    it('the tunnel gone between two requests: "tunnel … is offline", what to do', async () => {
      clearFailure(await runProbe(['remote-tunnel-gone'], { timeoutMs: 45_000 }), 'network', /The tunnel to .* is offline \(ERR_NGROK_3200\)/, 30_000, 128);
    });

    it('slower than the client waits: a timeout that says how long, not a hang', async () => {
      clearFailure(await runProbe(['remote-slow'], { timeoutMs: 45_000 }), 'timeout', /did not answer within 0\.5 s/, 30_000, 128);
    });
  });

  describe('downloads', () => {
    const server = new HfServer();
    const REPO = 'test/model';
    const DATA = randomBytes(2 * MB);
    const SHA = createHash('sha256').update(DATA).digest('hex');
    let n = 0;
    before(async () => {
      server.addFile(REPO, 'model.gguf', DATA);
      await server.start();
    });
    after(() => server.stop());
    beforeEach(() => {
      server.faults.clear();
      server.log.length = 0;
    });

    const url = () => resolveUrl(server.endpoint, REPO, 'main', 'model.gguf');
    const download = (dest: string, extra: string[] = [], o: Partial<Parameters<typeof runProbe>[1]> = {}) =>
      runProbe(['download', url(), dest, SHA, String(DATA.length), ...extra], { timeoutMs: 30_000, ...o });

    it('interrupted mid-body: resumed with a Range request, complete and checked', async () => {
      server.faults.set('model.gguf', { kind: 'drop', afterBytes: 700_000, times: 1 });
      const dest = join(dir, `d${n++}`, 'model.gguf');
      const r = await download(dest);
      assert.ok(r.ok, show(r));
      assert.ok(readFileSync(dest).equals(DATA));
      assert.ok(!existsSync(`${dest}.part`));
      assert.match(server.requestsFor('model.gguf')[1]?.range ?? '', /^bytes=[1-9]\d*-$/);
      assert.ok(r.maxRssMb < base.maxRssMb + 64, `peak RSS ${Math.round(r.maxRssMb)} MB`);
    });

    it('the extension host killed mid-download (a reload): only the .part is left, and the next run resumes it', async () => {
      server.faults.set('model.gguf', { kind: 'stall', afterBytes: 600_000 });
      const dest = join(dir, `d${n++}`, 'model.gguf');
      const killed = await download(dest, [], { onLine: (l, child) => l.startsWith('PROGRESS') && Number(l.split(' ')[1]) >= 600_000 && child.kill('SIGKILL') });
      assert.match(killed.crashed ?? '', /SIGKILL/, show(killed));
      assert.ok(!existsSync(dest), 'a half-written file under the final name');
      assert.ok(existsSync(`${dest}.part`) && statSync(`${dest}.part`).size > 0, 'the .part to resume from');
      server.faults.clear();
      server.log.length = 0;
      const resumed = await download(dest);
      assert.ok(resumed.ok, show(resumed));
      assert.ok(readFileSync(dest).equals(DATA), 'resumed file differs');
      assert.match(server.requestsFor('model.gguf')[0].range ?? '', /^bytes=[1-9]\d*-$/, 'did not resume');
    });

    it('a disk that fills up mid-download: "the disk is full", no file under the final name', async () => {
      const disk = mountSmallDisk(1024);
      let dest: string;
      if (disk) dest = join(disk.dir, 'model.gguf');
      else {
        dest = join(dir, `d${n++}`, 'model.gguf');
        mkdirSync(join(dest, '..'), { recursive: true });
        symlinkSync('/dev/full', `${dest}.part`);
      }
      try {
        // 'write' skips the free-space check, so the disk itself says it is full.
        clearFailure(await download(dest, ['write']), 'download', /The disk is full/, 20_000, 64);
        assert.ok(!existsSync(dest));
        // With the check, the same file is refused before a byte is downloaded, saying what it needs.
        if (disk) {
          server.log.length = 0;
          clearFailure(await download(dest), 'download', /test\/model needs \d+ MB but only \d+ MB are free/, 20_000, 64);
          assert.strictEqual(server.requestsFor('model.gguf').length, 0);
          assert.ok(!readdirSync(disk.dir).includes('model.gguf'));
        }
      } finally {
        disk?.unmount();
      }
    });
  });
});
