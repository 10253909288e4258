import * as assert from 'assert';
import { prepare } from '../../../src/text/frontend';
import { makePhonemeDict } from '../../../src/text/phonemeDict';

describe('prepare (front-end facade)', function () {
  this.timeout(30000);
  const dict = makePhonemeDict({ 'chào': 'tʃˈaː2w ', 'bạn.': 'ɓˈaː6n. ' });

  it('chunks, normalizes and phonemizes, with ranges in the original text', async () => {
    const text = '# Tiêu đề\n\nXin chào bạn. Giá 150.000đ!';
    const r = await prepare(text, { dict });
    assert.deepStrictEqual(r.skipped, []);
    assert.deepStrictEqual(r.chunks.map((c) => c.text), ['tiêu đề.', 'xin chào bạn. giá một trăm năm mươi nghìn đồng!']);
    assert.strictEqual(text.slice(r.chunks[0].range.start, r.chunks[0].range.end), 'Tiêu đề');
    assert.strictEqual(text.slice(r.chunks[1].range.start, r.chunks[1].range.end), 'Xin chào bạn. Giá 150.000đ!');
    // dictionary words are used as they are; the seed's spacing (two between words, one trailing)
    assert.match(r.chunks[1].phonemes, /^sˈin {2}tʃˈaː2w {2}ɓˈaː6n\. {2}/);
    assert.ok(r.chunks[1].phonemes.endsWith('! '));
  });

  it('says what it skipped instead of throwing on bad input', async () => {
    const cases: Array<[string, RegExp]> = [
      ['', /empty/],
      ['   \n\t ', /empty/],
      ['😀😀 中文 Привет', /cannot be read aloud.*😀/],
      ['Xin\u0000 chào\u0007', /2 control character/],
      ['mở <en>không đóng', /unbalanced <en>/],
      ['```\ncode\n```\nXin chào.', /1 code block/],
    ];
    for (const [input, want] of cases) {
      const r = await prepare(input, { dict });
      assert.ok(r.skipped.some((s) => want.test(s)), `${JSON.stringify(input)} → ${JSON.stringify(r.skipped)}`);
    }
    const emoji = await prepare('😀', { dict });
    assert.deepStrictEqual(emoji.chunks, []);
  });

  it('reads <en> spans with en-us in the v2026 variant', async () => {
    const r = await prepare('Tôi dùng <en>GitHub</en> mỗi ngày.', { dict, variant: 'v2026' });
    assert.strictEqual(r.chunks.length, 1);
    assert.doesNotMatch(r.chunks[0].phonemes, /<en>|github/i);
    assert.match(r.chunks[0].phonemes, /ɡˈɪt hˈʌb/);
  });

  it('handles 100,000 characters and cuts what is beyond the limit', async () => {
    const text = 'Hôm nay trời đẹp quá, giá 20.000đ lúc 08:30. '.repeat(2300);
    const r = await prepare(text, { dict, maxInputChars: 100_000 });
    assert.ok(r.chunks.length > 300);
    assert.ok(r.chunks.every((c) => c.range.end <= 100_000));
    assert.ok(r.skipped.some((s) => /after the first 100000/.test(s)), JSON.stringify(r.skipped));
  });
});
