// Fault suite, `vieneu speak` with hostile arguments and a full disk, through the real command line in a
// child (the built-in espeak-ng voice: no model needed). Each ends with exit 1 and one clear line — no stack
// trace, no "Unhandled 'error' event" — and leaves neither the WAV nor its .part behind.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { MAX_THREADS, resolveConfig } from '../../../src/core/config';
import { runProbe, show, type ProbeResult } from './child';
import { mountSmallDisk } from './smallDisk';

describe('fault suite: vieneu speak', function () {
  this.timeout(60_000);
  const dir = mkdtempSync(join(tmpdir(), 'vieneu-faults-speak-'));
  const cache = join(dir, 'cache');

  const speak = (args: string[]) => runProbe(['cli', 'speak', '--builtin', '--cache', cache, ...args], { timeoutMs: 30_000 });

  function refused(r: ProbeResult, re: RegExp, out?: string): void {
    assert.ok(!r.crashed, show(r));
    assert.strictEqual(r.facts?.exit, 1, show(r));
    assert.match(r.message ?? '', re);
    assert.doesNotMatch(`${r.message}\n${r.stderr}`, /Unhandled|Unexpected error|\n\s+at /, 'a stack trace or an unexpected error reached the user');
    if (out) assert.ok(!existsSync(out) && !existsSync(`${out}.part`), 'a file was left behind');
  }

  it('row 7: --threads 99999 is refused like the setting (0 to 256), before anything starts', async () => {
    const out = join(dir, 'threads.wav');
    const r = await speak(['Xin chào.', '--threads', '99999', '--out', out]);
    refused(r, /--threads needs a whole number from 0 to 256, got "99999"/, out);
    assert.ok(r.maxRssMb < 200, `peak RSS ${Math.round(r.maxRssMb)} MB`);
  });

  it('row 7: the flag, config.yaml and the vieneu.local.threads setting share one limit', () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '../../../../package.json'), 'utf8'));
    assert.strictEqual(pkg.contributes.configuration.properties['vieneu.local.threads'].maximum, MAX_THREADS);
    assert.deepStrictEqual(resolveConfig({ settings: {}, yamlText: `local:\n  threads: ${MAX_THREADS + 1}\n` }).config.local.threads, 0);
  });

  it('row 8: --out into a missing folder says which folder, instead of an unhandled error event', async () => {
    const out = join(dir, 'no', 'such', 'folder', 'x.wav');
    refused(await speak(['Xin chào.', '--out', out]), /Cannot write .*x\.wav: the folder .*folder does not exist/, out);
  });

  it('row 8: --out into a read-only folder is refused with the reason', async function () {
    const ro = mountSmallDisk(64, 'ro');
    let target: string;
    if (ro) target = ro.dir;
    else if (process.getuid?.() !== 0) {
      target = join(dir, 'locked');
      mkdirSync(target, { mode: 0o500 });
    } else this.skip();
    try {
      const out = join(target, 'x.wav');
      refused(await speak(['Xin chào.', '--out', out]), /Cannot write .*x\.wav: .*(read-only|EROFS|EACCES|permission)/i, out);
    } finally {
      ro?.unmount();
    }
  });

  it('row 8: an --out naming a FIFO (or a folder) is not replaced by the final rename', async function () {
    const fifo = join(dir, 'pipe.wav');
    if (spawnSync('mkfifo', [fifo]).status !== 0) this.skip();
    refused(await speak(['Xin chào.', '--out', fifo]), /pipe\.wav exists and is not a regular file; VieNeu will not replace it/);
    assert.ok(lstatSync(fifo).isFIFO(), 'the FIFO was replaced');
    const folder = join(dir, 'folder.wav');
    mkdirSync(folder);
    refused(await speak(['Xin chào.', '--out', folder]), /folder\.wav exists and is not a regular file/);
    assert.ok(lstatSync(folder).isDirectory());
  });

  it('emoji- or punctuation-only text: "nothing to read", exit 1, no empty WAV', async () => {
    const out = join(dir, 'emoji.wav');
    refused(await speak(['😀🎉 … !!! — ???', '--out', out]), /There is nothing to read in this text/, out);
  });

  it('disk full while writing the WAV: says so, keeps nothing', async () => {
    const disk = mountSmallDisk(32);
    let out: string;
    if (disk) {
      out = join(disk.dir, 'full.wav');
    } else {
      // No tmpfs here: the .part is a link to /dev/full, which answers every write with ENOSPC.
      out = join(dir, 'full.wav');
      symlinkSync('/dev/full', `${out}.part`);
    }
    try {
      refused(await speak(['Xin chào, đây là một câu đủ dài để lấp đầy ổ đĩa nhỏ này.', '--out', out]), /The disk is full while writing .*full\.wav; nothing was kept/, out);
      if (disk) assert.deepStrictEqual(readdirSync(disk.dir), []);
    } finally {
      disk?.unmount();
    }
  });

  it('a good run still writes the WAV (the checks refuse only what is wrong)', async () => {
    const out = join(dir, 'ok.wav');
    writeFileSync(out, 'an older file, replaced');
    const r = await speak(['Xin chào 😀.', '--out', out]);
    assert.strictEqual(r.facts?.exit, 0, show(r));
    assert.ok(existsSync(out) && !existsSync(`${out}.part`));
    assert.ok(lstatSync(out).size > 44 + 24000, 'about a second of audio');
  });
});
