import * as assert from 'assert';
import { sentenceAt, sentenceEnds } from '../../../src/text/sentences';

describe('sentences', () => {
  it('counts sentences by their ends, not the numbers and abbreviations inside them', () => {
    const text = 'Giá vàng tăng 150.000 đồng, lên 85,5 triệu. Trời mưa! Lúc 08:30 thì sao?\nDòng mới không dấu';
    const ends = sentenceEnds(text);
    assert.deepStrictEqual(
      ends.map((e, i) => text.slice(i === 0 ? 0 : ends[i - 1], e).trim()),
      ['Giá vàng tăng 150.000 đồng, lên 85,5 triệu.', 'Trời mưa!', 'Lúc 08:30 thì sao?', 'Dòng mới không dấu'],
    );
  });

  it('leaves out runs of punctuation and blank lines', () => {
    assert.strictEqual(sentenceEnds('Một.\n\n... \n— Hai… "Ba."').length, 3);
    assert.deepStrictEqual(sentenceEnds(''), []);
    assert.deepStrictEqual(sentenceEnds(' \n '), []);
  });

  it('numbers the sentence holding an offset, 1-based and within range', () => {
    const text = 'Một. Hai. Ba.';
    const ends = sentenceEnds(text);
    assert.deepStrictEqual([0, 3, 4, 5, 9, 10, 13, 99].map((o) => sentenceAt(ends, o)), [1, 1, 2, 2, 3, 3, 3, 3]);
    assert.strictEqual(sentenceAt([], 5), 1);
  });
});
