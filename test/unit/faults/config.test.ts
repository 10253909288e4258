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

  it('row 6: 10k keys parse about as fast as a 10k-item list of the same size (linear, not pairwise)', async () => {
    const r = await runProbe(['config-scaling', '10000'], { timeoutMs: 60_000 });
    assert.ok(r.ok, show(r));
    const { listMs, mapMs, bytes, problems } = r.facts as { listMs: number; mapMs: number; bytes: number; problems: string[] };
    assert.ok(bytes < 128 * 1024, 'the test file must fit under the size cap');
    assert.deepStrictEqual(problems, []);
    // Linear: the same order (a map entry costs a little more than a list item, ×1.3 here); pairwise: ×4.5 at 10k keys.
    assert.ok(mapMs < 2.5 * listMs + 200, `10k keys ${Math.round(mapMs)} ms vs a 10k-item list ${Math.round(listMs)} ms`);
  });

  it('row 6: a 1 MB config.yaml (100k keys) is refused by its size before parsing', async () => {
    const text = Array.from({ length: 100_000 }, (_, i) => `key${i}: ${i}`).join('\n');
    const r = await runProbe(['config', file('100k.yaml', text)], { timeoutMs: 30_000 });
    reported(r, /config\.yaml is \d+ KB; VieNeu reads at most 128 KB/);
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
