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
  const out = opts.out ?? path.join(process.cwd(), 'bench', 'results.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const tmp = `${out}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(results, null, 2) + '\n');
  fs.renameSync(tmp, out);
  console.log(`\nwrote ${path.relative(process.cwd(), out)}`);
  return { results, failed };
}
