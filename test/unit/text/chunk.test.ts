import * as assert from 'assert';
import { chunkText } from '../../../src/text/chunk';

/** Every chunk's range must point at text in the original whose words are the chunk's words. */
function assertRangesFaithful(input: string, chunks: ReturnType<typeof chunkText>['chunks']): void {
  let last = 0;
  for (const c of chunks) {
    assert.ok(c.range.start >= last && c.range.end > c.range.start && c.range.end <= input.length, JSON.stringify(c));
    last = c.range.end;
    const original = input.slice(c.range.start, c.range.end);
    const firstWord = c.text.split(' ')[0].replace(/[.,!?;:]+$/, '');
    const lastWord = c.text.split(' ').pop()!.replace(/[.,!?;:]+$/, '');
    assert.ok(original.startsWith(firstWord) || original.includes(firstWord), `${original} / ${c.text}`);
    assert.ok(original.replace(/[*_`\])]+$/, '').endsWith(lastWord) || original.includes(lastWord), `${original} / ${c.text}`);
  }
}

describe('chunkText', () => {
  it('packs sentences greedily up to the limit and maps every chunk to its original range', () => {
    const s = 'Câu một ngắn. Câu hai cũng ngắn! Câu ba hỏi? Câu bốn kết thúc.';
    const { chunks } = chunkText(s, { maxChars: 32 });
    assert.deepStrictEqual(
      chunks.map((c) => c.text),
      ['Câu một ngắn. Câu hai cũng ngắn!', 'Câu ba hỏi? Câu bốn kết thúc.'],
    );
    assert.deepStrictEqual(chunks.map((c) => s.slice(c.range.start, c.range.end)), ['Câu một ngắn. Câu hai cũng ngắn!', 'Câu ba hỏi? Câu bốn kết thúc.']);
  });

  it('keeps every chunk within 256 characters and never cuts a word', () => {
    const words = 'nghiêng ngả chuyện trò khuỷu tay thuở trước người ta vẫn thường nói'.split(' ');
    let text = '';
    for (let i = 0; i < 400; i++) text += words[i % words.length] + (i % 37 === 36 ? ', ' : ' ');
    const { chunks } = chunkText(text);
    assert.ok(chunks.length > 5);
    for (const c of chunks) {
      assert.ok(c.text.length <= 256, `${c.text.length}`);
      for (const w of c.text.split(' ')) assert.ok(words.includes(w.replace(/,$/, '')), `cut word: ${w}`);
    }
    assertRangesFaithful(text, chunks);
    assert.strictEqual(chunks.map((c) => c.text).join(' '), text.trim().replace(/\s+/g, ' '));
  });

  it('splits an overlong sentence at clause marks before spaces', () => {
    const part = 'một hai ba bốn năm sáu bảy tám chín mười';
    const s = `${part}, ${part}; ${part}: ${part} — ${part}.`;
    const { chunks } = chunkText(s, { maxChars: 90 });
    assert.ok(chunks.every((c) => c.text.length <= 90));
    assert.match(chunks[0].text, /,$|;$/);
    assertRangesFaithful(s, chunks);
  });

  it('treats each line as its own paragraph', () => {
    const s = 'Dòng một\nDòng hai.\n\nDòng ba';
    const { chunks } = chunkText(s);
    assert.deepStrictEqual(chunks.map((c) => c.text), ['Dòng một', 'Dòng hai.', 'Dòng ba']);
    assert.deepStrictEqual(chunks.map((c) => s.slice(c.range.start, c.range.end)), ['Dòng một', 'Dòng hai.', 'Dòng ba']);
  });

  it('cuts a spaceless run longer than the limit instead of producing an unspeakable chunk', () => {
    const s = 'a'.repeat(1000);
    const { chunks } = chunkText(s);
    assert.strictEqual(chunks.length, 4);
    assert.ok(chunks.every((c) => c.text.length <= 256));
    assert.deepStrictEqual(chunks.map((c) => c.range), [
      { start: 0, end: 256 }, { start: 256, end: 512 }, { start: 512, end: 768 }, { start: 768, end: 1000 },
    ]);
  });

  it('reads Markdown as prose: headings and list items are sentences, code blocks are skipped', () => {
    const md = [
      '# Hướng dẫn',
      '',
      'Đây là **đậm**, _nghiêng_ và [liên kết](https://example.com) với `mã`.',
      '',
      '1. Mở đầu',
      '2. Nội dung',
      '- Gạch đầu dòng',
      '',
      '```ts',
      'const x = 1; // không đọc',
      '```',
      '> Trích dẫn.',
      '<div>Thẻ</div> và <en>hello</en>',
      '| Tên | Tuổi |',
      '|-----|------|',
      '| An | 20 |',
      '---',
      'snake_case_name vẫn giữ',
    ].join('\n');
    const { chunks, skippedCodeBlocks } = chunkText(md);
    assert.strictEqual(skippedCodeBlocks, 1);
    assert.deepStrictEqual(chunks.map((c) => c.text), [
      'Hướng dẫn.',
      'Đây là đậm, nghiêng và liên kết với mã.',
      'Mở đầu. Nội dung. Gạch đầu dòng.',
      'Trích dẫn.',
      'Thẻ và <en>hello</en>',
      'Tên, Tuổi.',
      'An, 20.',
      'snake_case_name vẫn giữ',
    ]);
    assert.ok(!chunks.some((c) => c.text.includes('const')));
    assertRangesFaithful(md, chunks);
    // the highlight of the list covers the items, not the markers before the first one
    const list = chunks[2];
    assert.strictEqual(md.slice(list.range.start, list.range.end), 'Mở đầu\n2. Nội dung\n- Gạch đầu dòng');
  });

  it('an <en> span cut between chunks is closed and reopened, so its words stay English; a lone <en> is left alone', () => {
    const words = Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ');
    const { chunks } = chunkText(`Xin chào <en>${words}</en> nhé.`, { maxChars: 64 });
    assert.ok(chunks.length >= 3, JSON.stringify(chunks));
    for (const c of chunks) {
      const tags = c.text.match(/<\/?en>/g) ?? [];
      assert.deepStrictEqual(tags, tags.length ? Array.from({ length: tags.length }, (_, i) => (i % 2 ? '</en>' : '<en>')) : [], c.text);
      assert.ok(c.text.length <= 64 + '<en></en>'.length, c.text);
    }
    assert.strictEqual(chunks.map((c) => c.text.replace(/<\/?en>/g, '')).join(' '), `Xin chào ${words} nhé.`);
    assert.ok(chunks[1].text.startsWith('<en>word') && chunks[1].text.endsWith('</en>'), chunks[1].text);
    assert.ok(chunks[chunks.length - 1].text.endsWith('</en> nhé.'));
    // across lines, too
    assert.deepStrictEqual(chunkText('A <en>one\ntwo</en> B').chunks.map((c) => c.text), ['A <en>one</en>', '<en>two</en> B']);
    // a lone opening tag is not spread over the rest of the text
    assert.deepStrictEqual(chunkText('Một <en>hai.\nBa bốn.').chunks.map((c) => c.text), ['Một <en>hai.', 'Ba bốn.']);
  });

  it('an unclosed code fence skips to the end; markdown: false keeps everything', () => {
    assert.deepStrictEqual(chunkText('Trước.\n```\ncode\nmore').chunks.map((c) => c.text), ['Trước.']);
    assert.deepStrictEqual(chunkText('**a** `b`', { markdown: false }).chunks.map((c) => c.text), ['**a** `b`']);
  });

  it('returns nothing for empty or blank input, and handles CRLF', () => {
    assert.deepStrictEqual(chunkText('').chunks, []);
    assert.deepStrictEqual(chunkText(' \n\t\n ').chunks, []);
    const s = 'Một.\r\nHai.';
    const { chunks } = chunkText(s);
    assert.deepStrictEqual(chunks.map((c) => s.slice(c.range.start, c.range.end)), ['Một.', 'Hai.']);
  });

  it('handles 100,000 characters quickly enough for an editor selection', () => {
    const text = 'Hôm nay trời đẹp quá, chúng ta đi chơi nhé. '.repeat(2300);
    const { chunks } = chunkText(text);
    assert.ok(text.length > 100_000);
    assert.ok(chunks.length > 300);
    assertRangesFaithful(text, chunks);
  });
});
