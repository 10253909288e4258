import * as assert from 'assert';
import { besideV1 } from '../../../bench/run';

describe('bench: v3 beside v1', () => {
  it('puts v1 figures of the same run beside v3 and the speed-up, only when both sections ran', () => {
    const lines: string[] = [];
    const results: Record<string, unknown> = { v3: { rtf: 1.2, ttfa_ms: 900, peak_rss_mb: 1100 }, local: { rtf: 3, ttfa_ms: 1500, peak_rss_mb: 900, threads: 1, speech_head: true } };
    besideV1(results, (l) => lines.push(l));
    const v3 = results.v3 as Record<string, unknown>;
    assert.deepStrictEqual([v3.v1_rtf, v3.v1_ttfa_ms, v3.v3_speedup_over_v1, v3.v1_speech_head], [3, 1500, 2.5, true]);
    assert.match(lines[0], /RTF 1\.2 vs 3 \(v3 ×2\.5\)/);
    const alone: Record<string, unknown> = { v3: { rtf: 1.2 }, local: { error: 'no llama.cpp' } };
    besideV1(alone, (l) => lines.push(l));
    assert.deepStrictEqual(alone.v3, { rtf: 1.2 });
    assert.strictEqual(lines.length, 1);
  });
});
