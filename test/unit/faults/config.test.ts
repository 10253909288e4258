// Fault suite, hostile config.yaml: an alias bomb, a file of many keys, a file far too large. The core's
// resolveConfig runs on every save in the extension host: each case must end with a problem the user is
// shown (never an exception that makes the reload fail silently), quickly, at bounded memory.
import * as assert from 'assert';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { runProbe, show, type ProbeResult } from './child';

describe('fault suite: hostile config.yaml', function () {
  this.timeout(60_000);
  const dir = mkdtempSync(join(tmpdir(), 'vieneu-faults-config-'));
  let base: ProbeResult;
  before(async () => {
    base = await runProbe(['baseline'], { timeoutMs: 20_000 });
  });

  function file(name: string, text: string): string {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  }

  /** Resolved, with `re` among the problems the user is told about, within the time and memory given. */
  function reported(r: ProbeResult, re: RegExp, mb = 64): void {
    assert.ok(!r.crashed, show(r));
    assert.doesNotMatch(r.message ?? '', /^Unexpected error/, `an exception escaped: ${show(r)}`);
    assert.match(r.message ?? '', re, show(r));
    assert.ok(r.maxRssMb < base.maxRssMb + mb, `peak RSS ${Math.round(r.maxRssMb)} MB vs ${Math.round(base.maxRssMb)} MB idle`);
  }

  it('row 5: an alias bomb is refused and reported as a config.yaml problem, not thrown', async () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${new Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    lines.push('speed: 1.5');
    reported(await runProbe(['config', file('bomb.yaml', lines.join('\n') + '\n')], { timeoutMs: 30_000 }), /config\.yaml was refused: .*alias/i);
  });

  it('row 6: parsing grows linearly with the key count (20k keys cost about 10× 2k keys, not 100×)', async () => {
    const keys = (n: number) => Array.from({ length: n }, (_, i) => `key${i}: ${i}`).join('\n') + '\n';
    const small = await runProbe(['config', file('2k.yaml', keys(2000))], { timeoutMs: 30_000 });
    const large = await runProbe(['config', file('20k.yaml', keys(20_000))], { timeoutMs: 60_000 });
    assert.ok(!small.crashed && !large.crashed, `${show(small)} / ${show(large)}`);
    const ratio = (large.facts!.ms as number) / Math.max(small.facts!.ms as number, 1);
    // Linear is ~10 (plus noise on a shared machine); the old pairwise key check was ~100.
    assert.ok(ratio < 35, `20k keys took ${Math.round(large.facts!.ms as number)} ms, 2k keys ${Math.round(small.facts!.ms as number)} ms (×${ratio.toFixed(1)})`);
  });

  it('row 6: a 1 MB config.yaml (100k keys) is refused by its size before parsing', async () => {
    const text = Array.from({ length: 100_000 }, (_, i) => `key${i}: ${i}`).join('\n');
    const r = await runProbe(['config', file('100k.yaml', text)], { timeoutMs: 30_000 });
    reported(r, /config\.yaml is \d+ KB; VieNeu reads at most 256 KB/);
    assert.ok((r.facts!.ms as number) < 1000, `took ${Math.round(r.facts!.ms as number)} ms`);
  });

  it('a repeated key is still found (in one pass), naming the key and its line', async () => {
    reported(await runProbe(['config', file('dup.yaml', 'speed: 1\nlocal:\n  threads: 2\n  threads: 3\n')], { timeoutMs: 20_000 }), /"threads" twice \(line 4\)/);
  });

  it('a sane file still resolves without problems', async () => {
    const r = await runProbe(['config', file('ok.yaml', 'speed: 1.25\nlocal:\n  threads: 2\nvoices:\n  custom:\n    mine: { codes_file: x.npy, text: xin chào }\n')], { timeoutMs: 20_000 });
    assert.ok(r.ok, show(r));
  });
});
