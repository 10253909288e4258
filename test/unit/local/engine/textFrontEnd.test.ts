// The one text front-end (the engine's): chunk with ranges in the original text, normalize, phonemize with
// the model's dictionary and variant on the real espeak-ng WASM. Never throws on text it cannot read.
import * as assert from 'assert';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { createTextFrontEnd, splitForSpeech } from '../../../../src/local/engine/textFrontEnd';

describe('text front-end', function () {
  this.timeout(30000);
  const dictionary = join(mkdtempSync(join(tmpdir(), 'vieneu-fe-')), 'phoneme_dict.json');
  writeFileSync(dictionary, JSON.stringify({ 'chào': 'tʃˈaː2w ', 'bạn.': 'ɓˈaː6n. ' }));

  it('chunks, normalizes and phonemizes, with ranges in the original text', async () => {
    const fe = await createTextFrontEnd({ dictionary, variant: 'v1-seed' });
    const text = '# Tiêu đề\n\nXin chào bạn. Giá 150.000đ!';
    const chunks = await fe.split(text);
    assert.deepStrictEqual(chunks.map((c) => c.text), ['tiêu đề.', 'xin chào bạn. giá một trăm năm mươi nghìn đồng!']);
    assert.strictEqual(text.slice(chunks[0].start, chunks[0].end), 'Tiêu đề');
    assert.strictEqual(text.slice(chunks[1].start, chunks[1].end), 'Xin chào bạn. Giá 150.000đ!');
    const phonemes = await fe.phonemize(chunks[1].text);
    // Dictionary words are used as they are, with upstream's spacing (two between words, one trailing).
    assert.match(phonemes, /^sˈin {2}tʃˈaː2w {2}ɓˈaː6n\. {2}/);
    assert.ok(phonemes.endsWith('! '));
  });

  it('leaves out what it cannot read instead of throwing', () => {
    assert.deepStrictEqual(splitForSpeech(''), []);
    assert.deepStrictEqual(splitForSpeech('   \n\t '), []);
    assert.deepStrictEqual(splitForSpeech('😀'), []);
    assert.deepStrictEqual(splitForSpeech('Xin\u0000 chào\u0007').map((c) => c.text), ['xin chào'], 'control characters are dropped');
    assert.deepStrictEqual(splitForSpeech('```\ncode\n```\nXin chào.').map((c) => c.text), ['xin chào.'], 'code blocks are not read');
  });

  it('reads <en> spans with en-us in the v2026 variant', async () => {
    const fe = await createTextFrontEnd({ dictionary, variant: 'v2026' });
    const chunks = await fe.split('Tôi dùng <en>GitHub</en> mỗi ngày.');
    assert.strictEqual(chunks.length, 1);
    const phonemes = await fe.phonemize(chunks[0].text);
    assert.doesNotMatch(phonemes, /<en>|github/i);
    assert.match(phonemes, /ɡˈɪt hˈʌb/);
  });

  it('splits 100,000 characters into short chunks whose ranges stay in the text', () => {
    const text = 'Hôm nay trời đẹp quá, giá 20.000đ lúc 08:30. '.repeat(2300);
    const chunks = splitForSpeech(text);
    assert.ok(chunks.length > 300, `${chunks.length} chunks`);
    assert.ok(chunks.every((c) => c.start >= 0 && c.end <= text.length && c.end > c.start && c.text.length <= 256 * 1.5));
  });
});
