// `npm run bench` / `vieneu bench [--only a,b]` (bench/main.ts is the entry point): every benchmark section, each printing its figures side by side
// with a baseline measured in the same run, and all of them written to bench/results.json.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export type BenchValue = number | string | boolean;
export interface BenchSection {
  run(log: (line: string) => void): Promise<Record<string, BenchValue>>;
}

/** Section name → module in this folder: the text front-end, the local engine (v1, v3 Turbo), the remote client, the UI path, cloning, the built-in voice. */
export const SECTION_NAMES = ['frontend', 'local', 'v3', 'remote', 'ui', 'clone', 'builtin'] as const;

// Static requires, loaded only when the section runs, so esbuild bundles them into dist/bench.js.
const SECTIONS: Record<string, () => BenchSection> = {
  frontend: () => require('./frontend') as BenchSection,
  local: () => require('./local') as BenchSection,
  remote: () => require('./remote') as BenchSection,
  ui: () => require('./ui') as BenchSection,
  clone: () => require('./clone') as BenchSection,
  builtin: () => require('./builtin') as BenchSection,
  v3: () => require('./v3') as BenchSection,
};

function loadSection(name: string): BenchSection {
  const load = SECTIONS[name];
  if (!load) throw new Error(`no benchmark section "${name}" in this build (known: ${Object.keys(SECTIONS).join(', ')})`);
  return load();
}

export async function runBench(opts: { only?: string[]; out?: string } = {}): Promise<{ results: Record<string, unknown>; failed: string[] }> {
  const names = opts.only?.length ? opts.only : [...SECTION_NAMES];
  const results: Record<string, unknown> = {
    machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', memory_gb: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${process.platform}-${process.arch}` },
    date: new Date().toISOString(),
  };
  const failed: string[] = [];
  for (const name of names) {
    const log = (line: string) => console.log(`[${name}] ${line}`);
    console.log(`\n=== ${name}`);
    const t0 = Date.now();
    try {
      results[name] = await loadSection(name).run(log);
      log(`done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    } catch (err) {
      failed.push(name);
      results[name] = { error: err instanceof Error ? err.message : String(err) };
      console.error(`[${name}] FAILED: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    }
  }
  besideV1(results, (line) => console.log(`[v3] ${line}`));
  const out = opts.out ?? path.join(process.cwd(), 'bench', 'results.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const tmp = `${out}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(results, null, 2) + '\n');
  fs.renameSync(tmp, out);
  console.log(`\nwrote ${path.relative(process.cwd(), out)}`);
  return { results, failed };
}

/**
 * v3 Turbo beside v1 (the speech-head GGUF the product loads), both on their real-shape fixtures in this run:
 * the issue asks for the two side by side, and only figures from one run on one machine compare.
 */
export function besideV1(results: Record<string, unknown>, log: (line: string) => void): void {
  const v3 = results.v3 as Record<string, BenchValue> | undefined;
  const v1 = results.local as Record<string, BenchValue> | undefined;
  if (!v3 || !v1 || typeof v3.rtf !== 'number' || typeof v1.rtf !== 'number') return;
  Object.assign(v3, {
    v1_rtf: v1.rtf,
    v1_ttfa_ms: v1.ttfa_ms,
    v1_peak_rss_mb: v1.peak_rss_mb,
    v1_model_mb: v1.model_mb,
    v1_speech_head: v1.speech_head,
    v1_decode_tok_s: v1.decode_tok_s,
    v1_threads: v1.threads,
    // > 1: v3 Turbo makes a second of audio in less time than v1 does.
    v3_speedup_over_v1: Math.round(((v1.rtf as number) / v3.rtf) * 100) / 100,
  });
  log(`beside v1 (speech-head GGUF, ${v1.threads} thread(s)): RTF ${v3.rtf} vs ${v1.rtf} (v3 ×${v3.v3_speedup_over_v1}), first audio ${v3.ttfa_ms} vs ${v1.ttfa_ms} ms, peak RSS ${v3.peak_rss_mb} vs ${v1.peak_rss_mb} MB`);
}
