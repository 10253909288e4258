// The benchmarks' own entry point, bundled by esbuild.js into dist/bench.js, which the VSIX does not ship
// (.vscodeignore): bench/ and the test helpers it uses (the notebook server runner) never reach users.
// `npm run bench` runs it; `vieneu bench` from a clone hands over to it.
import { parseArgs } from '../src/cli/command';
import { runBench } from './run';

export const BENCH_USAGE = 'Usage: npm run bench -- [--only frontend,local,remote,ui] [--out FILE]';

export async function benchMain(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(BENCH_USAGE);
    return 0;
  }
  const { flags } = parseArgs(args, { values: ['only', 'out'] });
  const only = typeof flags.only === 'string' ? flags.only.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
  const { failed } = await runBench({ only, out: typeof flags.out === 'string' ? flags.out : undefined });
  return failed.length ? 1 : 0;
}

if (require.main === module) {
  benchMain(process.argv.slice(2)).then(
    (code) => void (process.exitCode = code),
    (err) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
