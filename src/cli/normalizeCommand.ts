// `vieneu normalize`: the Vietnamese normalizer on the command line, one result line per input line.
import { formatLine, readInputLines } from '../text/cliInput';
import { normalize } from '../text/normalize';
import { parseArgs, readStdin, type CliCommand } from './command';

export const command: CliCommand = {
  summary: 'Print Vietnamese text as it will be read (numbers, dates, units in words)',
  help: [
    'Usage: vieneu normalize [--json] [--en-tags] [TEXT]',
    '',
    'Normalizes TEXT, or every line of stdin, and prints one result line per input line.',
    '  --json      print each result as a JSON string',
    '  --en-tags   keep <en>…</en> spans (for models that read them in English)',
    '',
    'Example: echo "Giá 150.000đ lúc 08:30" | vieneu normalize',
  ].join('\n'),
  async run(args) {
    const { flags, positional } = parseArgs(args, { booleans: ['json', 'en-tags'] });
    const lines = await readInputLines(positional, readStdin, !!process.stdin.isTTY);
    const out = lines.map((l) => formatLine(normalize(l, { keepEnTags: !!flags['en-tags'] }), !!flags.json));
    process.stdout.write(out.map((l) => l + '\n').join(''));
    return 0;
  },
};
