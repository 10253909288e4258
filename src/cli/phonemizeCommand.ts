// `vieneu phonemize`: the phonemes a VieNeu model is given, one result line per input line. Handy for chasing a
// mispronunciation: compare with --normalize on and off, with and without the model's dictionary.
import { UserError } from '../core/errors';
import { t } from '../core/strings';
import { loadSeapDict } from '../text/sea/seapDict';
import { loadEnTopWords } from '../text/sea/enTopWords';
import { seaFrontEndFrom } from '../text/sea/seaFrontEnd';
import { formatLine, readInputLines } from '../text/cliInput';
import { normalize } from '../text/normalize';
import { EMPTY_DICT, loadPhonemeDict } from '../text/phonemeDict';
import { createPhonemizer, PHONEMIZER_VARIANTS, type PhonemizerVariant } from '../text/phonemize';
import { parseArgs, readStdin, type CliCommand } from './command';

export const command: CliCommand = {
  summary: 'Print the IPA phonemes the model is given for Vietnamese text',
  help: [
    'Usage: vieneu phonemize [--dict FILE] [--normalize] [--variant v1-seed|v2026] [--g2p espeak|sea [--en-top-words FILE]] [--json] [TEXT]',
    '',
    'Phonemizes TEXT, or every line of stdin, as given (normalized only with --normalize), with espeak-ng',
    'and the word dictionary, and prints one result line per input line.',
    '  --dict FILE   the model\'s phoneme_dict.json (without it every word goes through espeak-ng)',
    '  --normalize   normalize each line first (numbers, dates, units in words)',
    '  --variant     v1-seed (default, the v1 models) or v2026 (upstream since January 2026, reads <en> spans)',
    '  --g2p sea     the v3 models\' phonemizer (sea-g2p): --dict is then sea_g2p.bin, --normalize the v3 reading',
    '  --en-top-words FILE  with --g2p sea: common English words (one a line, e.g. google-10000-english.txt) that',
    '                break ties between splits of an unknown word, as sea-g2p\'s built-in list does (not bundled)',
    '  --json        print each result as a JSON string (shows the trailing space)',
  ].join('\n'),
  async run(args) {
    const { flags, positional } = parseArgs(args, { values: ['dict', 'variant', 'g2p', 'en-top-words'], booleans: ['normalize', 'json'] });
    const g2p = flags.g2p ?? 'espeak';
    if (g2p !== 'espeak' && g2p !== 'sea') throw new UserError(`Unknown --g2p ${String(g2p)}.`, 'bad-input', 'Use espeak or sea.');
    if (g2p === 'sea') {
      if (typeof flags.dict !== 'string') throw new UserError(t('seapNeedsDict'), 'bad-input');
      const top = flags['en-top-words'];
      const enTopWords = typeof top === 'string' ? await loadEnTopWords(top) : undefined;
      const fe = seaFrontEndFrom(await loadSeapDict(flags.dict), { enTopWords });
      const lines = await readInputLines(positional, readStdin, !!process.stdin.isTTY);
      const out = lines.map((line) => formatLine(fe.phonemize(flags.normalize ? normalize(line, { sea: true }) : line), !!flags.json));
      process.stdout.write(out.map((l) => l + '\n').join(''));
      return 0;
    }
    const variant = (flags.variant ?? 'v1-seed') as PhonemizerVariant;
    if (!PHONEMIZER_VARIANTS.includes(variant)) {
      throw new UserError(`Unknown --variant ${String(flags.variant)}.`, 'bad-input', `Use one of: ${PHONEMIZER_VARIANTS.join(', ')}.`);
    }
    const lines = await readInputLines(positional, readStdin, !!process.stdin.isTTY);
    const dict = typeof flags.dict === 'string' ? await loadPhonemeDict(flags.dict) : EMPTY_DICT;
    const phonemizer = await createPhonemizer(dict, variant);
    const out: string[] = [];
    for (const line of lines) {
      const text = flags.normalize ? normalize(line, { keepEnTags: variant === 'v2026' }) : line;
      out.push(formatLine(phonemizer.phonemize(text).phonemes, !!flags.json));
    }
    process.stdout.write(out.map((l) => l + '\n').join(''));
    return 0;
  },
};
