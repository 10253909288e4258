import * as assert from 'assert';
import { parseEnTopWords } from '../../../../src/text/sea/enTopWords';

describe('sea-g2p tie-break word list', () => {
  it('keeps lower-cased, letters-only words of two letters or more, one a line (upstream gen_en_top_words.py)', () => {
    assert.deepStrictEqual([...parseEnTopWords('the\r\nFINE\n\n  tune \na\n3d\nfine\nself-care\ncafé\n')], ['the', 'fine', 'tune', 'café']);
    assert.strictEqual(parseEnTopWords('').size, 0);
  });
});
