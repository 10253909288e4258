// Byte-for-byte parity with the REAL Python code (phonemizer 3.3 + the seed's and upstream's
// phonemize_with_dict on Debian's espeak-ng 1.51): golden/golden.json was produced by golden/make_golden.py.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { getEspeak, type Espeak } from '../../../src/text/espeak';
import { makePhonemeDict, parsePhonemeDict } from '../../../src/text/phonemeDict';
import { Phonemizer } from '../../../src/text/phonemize';
import { phonemizeString } from '../../../src/text/pythonPhonemizer';

const GOLDEN_DIR = path.resolve(__dirname, '../../../../test/unit/text/golden');

interface Golden {
  words: Array<[string, string]>;
  seed: Array<[string, string]>;
  v2026: Array<[string, string]>;
}

describe('phonemizer parity with the Python reference', function () {
  this.timeout(60000);
  const golden = JSON.parse(fs.readFileSync(path.join(GOLDEN_DIR, 'golden.json'), 'utf8')) as Golden;
  const inputs = JSON.parse(fs.readFileSync(path.join(GOLDEN_DIR, 'inputs.json'), 'utf8')) as { dict: Record<string, string> };
  let espeak: Espeak;
  before(async () => {
    espeak = await getEspeak();
  });

  it(`reads ${golden.words.length} single tokens (dictionary words, punctuation corner cases) exactly like phonemizer`, () => {
    const seed = new Phonemizer(espeak, makePhonemeDict({}), 'v1-seed');
    const wrong = golden.words.filter(([w, want]) => seed.phonemize(w).phonemes !== want);
    assert.deepStrictEqual(
      wrong.slice(0, 10).map(([w, want]) => [w, seed.phonemize(w).phonemes, want]),
      [],
      `${wrong.length} of ${golden.words.length} differ`,
    );
  });

  it('phonemize() of a string keeps marks-only tokens without a trailing space, like phonemizer', () => {
    assert.strictEqual(phonemizeString(espeak, '...', 'vi'), '...');
    assert.strictEqual(phonemizeString(espeak, 'chào', 'vi'), 'tʃˈaː2w ');
  });

  for (const variant of ['v1-seed', 'v2026'] as const) {
    const cases = variant === 'v1-seed' ? golden.seed : golden.v2026;
    it(`${variant}: ${cases.length} sentences with a test dictionary are byte-equal`, () => {
      for (const [text, want] of cases) {
        // a fresh phonemizer per sentence: the reference got a fresh copy of the dictionary each time
        const p = new Phonemizer(espeak, makePhonemeDict(inputs.dict), variant);
        assert.strictEqual(p.phonemize(text).phonemes, want, `input: ${JSON.stringify(text)}`);
      }
    });
  }

  it('the seed form has two spaces between words and one trailing space', () => {
    const p = new Phonemizer(espeak, makePhonemeDict({ chào: 'tʃˈaː2w ' }), 'v1-seed');
    const out = p.phonemize('chào bạn.').phonemes;
    assert.match(out, /^tʃˈaː2w {2}\S+\. $/);
  });

  it('a token starting with r gets ɹ in both variants; dictionary entries win over espeak', () => {
    const dict = makePhonemeDict({ xin: 'XIN ' });
    assert.strictEqual(new Phonemizer(espeak, dict, 'v1-seed').phonemize('xin rõ').phonemes, 'XIN  ɹˈɔ5 ');
    assert.strictEqual(new Phonemizer(espeak, dict, 'v2026').phonemize('xin, rõ!').phonemes, 'XIN, ɹˈɔ5!');
  });

  const realDict = path.resolve(__dirname, '../../../../../shared/data/phoneme_dict.json');
  it('extra check with the real phoneme_dict.json when it is present', function () {
    if (!fs.existsSync(realDict)) this.skip();
    const dict = parsePhonemeDict(fs.readFileSync(realDict, 'utf8'), realDict);
    assert.strictEqual(dict.size, 57918);
    const p = new Phonemizer(espeak, dict, 'v1-seed');
    // the example of the facts file
    assert.strictEqual(p.phonemize('hôm nay trời đẹp quá.').phonemes, 'hˈom  nˈaj  tʃˈəː2j  ɗˈɛ6p  kwˈaːɜ. ');
  });
});
