// `vieneu` command line: the same core as the extension, without VS Code. Each subcommand lives in its own
// module and is loaded only when used (require, which esbuild keeps lazy), so `vieneu normalize` never pays
// for llama.cpp or onnxruntime.
import { describeError, UserError } from '../core/errors';
import type { CliCommand } from './command';

const COMMANDS: Record<string, () => Promise<CliCommand>> = {
  normalize: async () => (require('./normalizeCommand') as typeof import('./normalizeCommand')).command,
  phonemize: async () => (require('./phonemizeCommand') as typeof import('./phonemizeCommand')).command,
  speak: async () => (require('./speakCommand') as typeof import('./speakCommand')).command,
  fixtures: async () => (require('./fixturesCommand') as typeof import('./fixturesCommand')).command,
  notebook: async () => (require('./notebookCommand') as typeof import('./notebookCommand')).command,
  'serve-check': async () => (require('./serveCheckCommand') as typeof import('./serveCheckCommand')).command,
  clone: async () => (require('./cloneCommand') as typeof import('./cloneCommand')).command,
  bench: async () => (require('./benchCommand') as typeof import('./benchCommand')).command,
};

async function usage(): Promise<string> {
  const lines = ['Usage: vieneu <command> [options]', '', 'Commands:'];
  for (const [name, load] of Object.entries(COMMANDS)) {
    const c = await load();
    lines.push(`  ${name.padEnd(12)} ${c.summary}`);
  }
  lines.push('', 'Run `vieneu <command> --help` for the options of one command.');
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(await usage());
    return name ? 0 : 2;
  }
  const load = COMMANDS[name];
  if (!load) {
    console.error(`vieneu: unknown command "${name}".\n\n${await usage()}`);
    return 2;
  }
  const command = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(command.help);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (err) {
    console.error(`vieneu ${name}: ${describeError(err)}`);
    if (!(err instanceof UserError) && process.env.VIENEU_DEBUG) console.error(err);
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
