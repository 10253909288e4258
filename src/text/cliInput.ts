// Input for the `vieneu normalize` / `vieneu phonemize` commands: one argument, or the lines of stdin.
import { UserError } from '../core/errors';
import { t } from '../core/strings';

/** The input lines: the positional arguments as one line, else every line of stdin (a final newline adds none). */
export async function readInputLines(positional: string[], readStdin: () => Promise<string>, stdinIsTty: boolean): Promise<string[]> {
  if (positional.length > 0) return [positional.join(' ')];
  if (stdinIsTty) throw new UserError(t('cliNoInput'), 'bad-input');
  const text = await readStdin();
  const lines = text.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** One output line: the text as is, or a JSON string (which shows trailing spaces and never spans lines). */
export function formatLine(text: string, json: boolean): string {
  return json ? JSON.stringify(text) : text.replace(/\n/g, ' ');
}
