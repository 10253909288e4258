// `vieneu bench`: the same benchmark sections as `npm run bench`, on the same engine as the extension.
import type { CliCommand } from './command';
import { parseArgs } from './command';

export const command: CliCommand = {
  summary: 'Measure speed and memory (front-end, local engine, remote client, UI path); writes bench/results.json',
  help: [
    'Usage: vieneu bench [--only frontend,local,remote,ui] [--out FILE]',
    '',
    'Runs each benchmark section with its baseline in the same run and prints the figures side by side.',
    'The local section generates a model with the real 0.5B shape into bench/cache/ on first use (about 300 MB).',
  ].join('\n'),
  async run(args) {
    const { flags } = parseArgs(args, { values: ['only', 'out'] });
    const { runBench } = require('../../bench/run') as typeof import('../../bench/run');
    const only = typeof flags.only === 'string' ? flags.only.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
    const { failed } = await runBench({ only, out: typeof flags.out === 'string' ? flags.out : undefined });
    return failed.length ? 1 : 0;
  },
};
