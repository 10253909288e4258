import * as assert from 'assert';
import { BpeTokenizer, portRegex } from '../../../../src/local/backbone/bpeTokenizer';
import { buildVocab, QWEN2_SPLIT_PATTERN, tokenizerJson } from '../../../../src/local/fixtures/fixtureVocab';

describe('byte-level BPE tokenizer (tokenizer.json)', () => {
  const vocab = buildVocab(16);
  const tok = new BpeTokenizer(tokenizerJson(vocab) as never);

  it('ports the (?i:...) group of Qwen2\'s pre-tokenizer to a JavaScript RegExp', () => {
    const re = portRegex(QWEN2_SPLIT_PATTERN);
    assert.deepStrictEqual("I'M here  123 ok!!\n".match(re), ['I', "'M", ' here', ' ', ' ', '1', '2', '3', ' ok', '!!\n']);
  });

  it('matches added tokens first, longest match, never splitting them', () => {
    const ids = tok.encode('<|SPEECH_GENERATION_START|><|speech_1|><|speech_15|>x');
    assert.deepStrictEqual(ids.slice(0, 3), [vocab.specialIds['<|SPEECH_GENERATION_START|>'], vocab.speechBase + 1, vocab.speechBase + 15]);
    assert.strictEqual(ids.length, 4);
    assert.notStrictEqual(tok.encode('<|speech_16|>').length, 1, 'not in this vocabulary: plain text');
  });

  it('applies merges by rank and falls back to byte tokens, for IPA too', () => {
    const ids = tok.encode(' the ŋ');
    assert.strictEqual(ids[0], vocab.tokens.indexOf('Ġthe'));
    assert.strictEqual(tok.idToToken[ids[1]], 'Ġ');
    assert.strictEqual(ids.length, 3, 'ŋ is a merged pair of its two bytes');
    assert.deepStrictEqual(tok.encode('é').length, 2, 'unmerged multi-byte characters become byte tokens');
  });

  it('normalizes to NFC before splitting', () => {
    assert.deepStrictEqual(tok.encode('e\u0301'), tok.encode('\u00e9'));
  });
});
