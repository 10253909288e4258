import * as assert from 'assert';
import { chunkText } from '../../../src/text/chunk';
import { splitInWindows, textWindows, WINDOW_CHARS } from '../../../src/text/textWindows';

describe('text windows (a long selection split as speech reaches it)', () => {
  const collect = async <T>(it: AsyncIterable<T>) => {
    const out: T[] = [];
    for await (const x of it) out.push(x);
    return out;
  };

  it('a text of one window is passed through whole, an empty one too', () => {
    assert.deepStrictEqual([...textWindows('Xin chào.')], [{ start: 0, text: 'Xin chào.' }]);
    assert.deepStrictEqual([...textWindows('')], [{ start: 0, text: '' }]);
  });

  it('windows cover the text exactly, each at most the window size, cut at line breaks when there are some', () => {
    const para = 'Câu thứ nhất rất dài. Câu thứ hai cũng dài.\n';
    const text = para.repeat(2000);
    const ws = [...textWindows(text)];
    assert.ok(ws.length > 1);
    assert.strictEqual(ws.map((w) => w.text).join(''), text);
    for (const w of ws) {
      assert.strictEqual(text.slice(w.start, w.start + w.text.length), w.text);
      assert.ok(w.text.length <= WINDOW_CHARS);
      assert.ok(w.text.endsWith('\n') || w === ws[ws.length - 1]);
    }
  });

  it('never cuts inside a fenced code block; without line breaks, cuts after a sentence', () => {
    const code = '```\n' + 'x = 1\n'.repeat(300) + '```\n';
    const text = 'Mở đầu.\n'.repeat(1500) + code + 'Kết thúc.\n'.repeat(1500);
    for (const w of textWindows(text)) assert.strictEqual((w.text.match(/^```/gm) ?? []).length % 2, 0, 'a window ends inside the fence');
    const oneLine = 'Hôm nay trời đẹp, chúng ta đi dạo. '.repeat(3000);
    for (const w of [...textWindows(oneLine)].slice(0, -1)) assert.match(w.text, /\. $/);
  });

  it('split window by window gives the chunks of the whole text, with offsets in the whole text', async () => {
    const text = 'Một câu ngắn. Và một câu nữa, dài hơn một chút.\n'.repeat(1500);
    const whole = chunkText(text).chunks;
    const windowed = await collect(splitInWindows(text, (t) => chunkText(t).chunks, (c, o) => ({ ...c, range: { start: c.range.start + o, end: c.range.end + o } })));
    assert.deepStrictEqual(windowed, whole);
  });
});
