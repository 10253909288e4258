import * as assert from 'assert';
import { UserError } from '../../../src/core/errors';
import { buildPrompt, checkPromptTokens, parseSpeechCodes, type TokenizerLookup } from '../../../src/text/prompt';

/** A vocabulary like a real one: special tokens and 65,536 speech tokens at ids the test chooses. */
function vocab(base: number, omit: string[] = []): TokenizerLookup {
  const special = new Map<string, number>([
    ['<|TEXT_PROMPT_START|>', base + 1],
    ['<|TEXT_PROMPT_END|>', base + 2],
    ['<|SPEECH_GENERATION_START|>', base + 3],
    ['<|SPEECH_GENERATION_END|>', base + 4],
  ]);
  for (const o of omit) special.delete(o);
  return {
    tokenId(piece) {
      if (special.has(piece)) return special.get(piece);
      const m = /^<\|speech_(\d+)\|>$/.exec(piece);
      if (m && !omit.includes('speech') && Number(m[1]) <= 65535) return base + 100 + Number(m[1]);
      return undefined;
    },
  };
}

describe('prompt', () => {
  it('builds the v1 chat prompt exactly as upstream formats it', () => {
    const p = buildPrompt({ refPhonemes: 'tʃˈaː2w ', inputPhonemes: 'hˈom  nˈaj ', refCodes: [5, 65535, 0] });
    assert.strictEqual(
      p,
      'user: Convert the text to speech:<|TEXT_PROMPT_START|>tʃˈaː2w  hˈom  nˈaj <|TEXT_PROMPT_END|>\nassistant:<|SPEECH_GENERATION_START|><|speech_5|><|speech_65535|><|speech_0|>',
    );
  });

  it('builds the compact prompt', () => {
    assert.strictEqual(
      buildPrompt({ format: 'compact', refPhonemes: 'a', inputPhonemes: 'b', refCodes: new Int32Array([7]) }),
      '<|TEXT_PROMPT_START|>a b<|TEXT_PROMPT_END|><|SPEECH_GENERATION_START|><|speech_7|>',
    );
  });

  it('refuses codes outside NeuCodec range', () => {
    assert.throws(() => buildPrompt({ refPhonemes: '', inputPhonemes: '', refCodes: [65536] }), UserError);
    assert.throws(() => buildPrompt({ refPhonemes: '', inputPhonemes: '', refCodes: [-1] }), UserError);
    assert.throws(() => buildPrompt({ refPhonemes: '', inputPhonemes: '', refCodes: [1.5] }), UserError);
  });

  it('parses generated codes', () => {
    assert.deepStrictEqual(parseSpeechCodes('<|speech_12|>x<|speech_0|><|SPEECH_GENERATION_END|><|speech_65535|>'), [12, 0, 65535]);
    assert.deepStrictEqual(parseSpeechCodes('no codes'), []);
  });

  it('looks token ids up in the tokenizer, whatever they are', () => {
    for (const base of [151000, 7]) {
      const ids = checkPromptTokens(vocab(base), 'v1-chat');
      assert.strictEqual(ids.textPromptStart, base + 1);
      assert.strictEqual(ids.speechGenerationEnd, base + 4);
      assert.strictEqual(ids.speech0, base + 100);
      assert.strictEqual(ids.speechTokenId(42), base + 142);
    }
  });

  it('names every missing special token in a clear error', () => {
    try {
      checkPromptTokens(vocab(0, ['<|TEXT_PROMPT_END|>', 'speech']), 'compact');
      assert.fail('should throw');
    } catch (err) {
      assert.ok(err instanceof UserError);
      assert.match(err.message, /<\|TEXT_PROMPT_END\|>/);
      assert.match(err.message, /<\|speech_0\|>, <\|speech_65535\|>/);
      assert.match(err.message, /compact/);
      assert.ok(err.fix);
    }
  });
});
