// `vieneu bench`: hands over to the benchmarks' own bundle (dist/bench.js, built from bench/ beside this CLI
// in a clone). The installed extension does not ship it, so there this says where the benchmarks are.
import * as fs from 'fs';
import * as path from 'path';
import { UserError } from '../core/errors';
import { t } from '../core/strings';
import type { CliCommand } from './command';

export const command: CliCommand = {
  summary: 'Measure speed and memory (front-end, local engine, remote client, UI path); writes bench/results.json',
  help: [
    'Usage: vieneu bench [--only frontend,local,remote,ui] [--out FILE]',
    '',
    'Runs each benchmark section with its baseline in the same run and prints the figures side by side.',
    'The local section generates a model with the real 0.5B shape into bench/cache/ on first use (about 300 MB).',
    'Needs a clone of the repository (npm run build); the installed extension has no benchmarks.',
  ].join('\n'),
  async run(args) {
    const bundle = path.join(__dirname, 'bench.js');
    if (!fs.existsSync(bundle)) throw new UserError(t('cliBenchMissing', bundle), 'not-ready', t('cliBenchMissingFix'));
    // A path computed at run time: esbuild leaves this require alone, so the CLI bundle holds no bench code.
    const bench = require(bundle) as typeof import('../../bench/main');
    return bench.benchMain(args);
  },
};
