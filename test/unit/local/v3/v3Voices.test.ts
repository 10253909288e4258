import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { UserError } from '../../../../src/core/errors';
import { BpeTokenizer } from '../../../../src/local/backbone/bpeTokenizer';
import { findV3Voice, parseV3Voices, readV3Voices } from '../../../../src/local/v3/v3Voices';
import { PHONEMES, v3Dir } from './fixtureDirs';

const shape = { nVq: 16, audioVocab: 1024, speakerDim: 4 };
const emb = [0.1, -0.2, 0.3, 0.4];
const frame = (c0: number) => [c0, ...Array.from({ length: 15 }, (_, i) => i)];

describe('v3 Turbo voices and tokenizer', () => {
  it('reads the fixture voices with their licence, editors’ picks first, aliases resolved', () => {
    const set = readV3Voices(path.join(v3Dir(), 'voices_v3_turbo.json'), { nVq: 16, audioVocab: 1024, speakerDim: 192 });
    assert.deepStrictEqual(set.voices.map((v) => v.id), ['Fixture Bắc', 'Fixture Nam']);
    assert.strictEqual(set.voices[0].frames, 12);
    assert.match(set.voices[0].licence!, /CC0/);
    assert.strictEqual(findV3Voice(set)?.id, 'Fixture Bắc');
    assert.strictEqual(findV3Voice(set, 'Fixture Miền Nam')?.id, 'Fixture Nam');
    assert.strictEqual(findV3Voice(set, 'nobody'), undefined);
  });

  it('drops a trailing encoder pad frame (codebook 0 = 455) and orders by `featured`', () => {
    const set = parseV3Voices(
      { default_voice: 'b', presets: { a: { speaker_emb: emb, codes: [frame(1), frame(455)] }, b: { speaker_emb: emb, codes: [frame(2)], featured: 1 } } },
      'v.json',
      shape,
    );
    assert.deepStrictEqual(set.voices.map((v) => [v.id, v.frames]), [['b', 1], ['a', 1]]);
  });

  it('refuses bad voices naming the file and the voice', () => {
    const bad = (presets: unknown, re: RegExp) => assert.throws(() => parseV3Voices({ presets }, 'v.json', shape), (e: unknown) => e instanceof UserError && e.message.includes('v.json') && re.test(e.message));
    bad({ x: { speaker_emb: [0, 0, 0, 0], codes: [] } }, /"x": speaker_emb is all zero/);
    bad({ x: { speaker_emb: [1, 2], codes: [] } }, /"x": speaker_emb must be 4 numbers/);
    bad({ x: { speaker_emb: emb, codes: [frame(1024)] } }, /"x": frame 0 code 0 is 1024/);
    bad({ x: { speaker_emb: emb, codes: [[1, 2]] } }, /"x": frame 0 must have 16 codes/);
    assert.throws(() => parseV3Voices({}, 'v.json', shape), /no "presets"/);
  });

  it('tokenizes phonemes and inline emotion tags like the tokenizers library', () => {
    const json = JSON.parse(fs.readFileSync(path.join(v3Dir(), 'tokenizer.json'), 'utf8'));
    const ours = new BpeTokenizer(json);
    // The package is ESM-only with a CommonJS build for Node.
    const { Tokenizer } = require('@huggingface/tokenizers') as { Tokenizer: new (json: object, config: object) => { encode(s: string, o: { add_special_tokens: boolean }): { ids: number[] } } };
    const ref = new Tokenizer(json, {});
    assert.strictEqual(ours.size, 419);
    for (const s of [PHONEMES, '<|emotion_1|> hˈom nˈaj', 'kwˈaːɜ <|emotion_3|>.', 'ɗˈɛ6p 123 <en>u s d</en>']) {
      assert.deepStrictEqual(ours.encode(s), ref.encode(s, { add_special_tokens: false }).ids, s);
    }
    assert.strictEqual(ours.encode('<|emotion_1|>')[0], 9);
  });
});
