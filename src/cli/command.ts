// The shape of one `vieneu` subcommand, and a small argument parser shared by all of them.
import { UserError } from '../core/errors';

export interface CliCommand {
  summary: string;
  help: string;
  /** Returns the process exit code. */
  run(args: string[]): Promise<number>;
}

export interface ParsedArgs {
  flags: Record<string, string | boolean>;
  positional: string[];
}

/**
 * Parses `--name value`, `--name=value` and boolean `--flag` (listed in `booleans`).
 * Unknown flags are an error, so a typo is never silently ignored.
 */
export function parseArgs(args: string[], known: { values?: string[]; booleans?: string[] }): ParsedArgs {
  const values = new Set(known.values ?? []);
  const booleans = new Set(known.booleans ?? []);
  const flags: Record<string, string | boolean> = {};
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = a.slice(2, eq < 0 ? undefined : eq);
    if (booleans.has(name)) {
      flags[name] = eq < 0 ? true : a.slice(eq + 1) !== 'false';
    } else if (values.has(name)) {
      const v = eq < 0 ? args[++i] : a.slice(eq + 1);
      if (v === undefined) throw new UserError(`--${name} needs a value.`, 'bad-input');
      flags[name] = v;
    } else {
      throw new UserError(`Unknown option --${name}.`, 'bad-input', 'Run with --help to see the options.');
    }
  }
  return { flags, positional };
}

/** Reads all of stdin as UTF-8 (for commands that take lines from a pipe). */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
