// The built-in voice on the real espeak-ng WebAssembly: long text speaks after its first sentence, because
// each sentence is synthesized on its own turn of the event loop (the player's messages need those turns).
import * as assert from 'assert';
import { BUILTIN_CHUNK_CHARS, BuiltinVoice } from '../../../src/local/builtinVoice';
import { speechChunks } from '../../../src/local/engine/textFrontEnd';

// 90 characters: two do not fit in one chunk.
const SENTENCE = 'Các nhà khoa học vừa công bố nghiên cứu mới về biến đổi khí hậu ở đồng bằng sông Cửu Long. ';

describe('BuiltinVoice', function () {
  this.timeout(60_000);
  const voice = new BuiltinVoice({ split: (text, maxChars) => speechChunks(text, 'v1-seed', maxChars) });

  it('gives the event loop a turn after each chunk, so a chunk leaves before the next one is synthesized', async () => {
    const text = SENTENCE.repeat(6);
    const order: string[] = [];
    let n = 0;
    for await (const c of voice.synthesize(text, 1, new AbortController().signal)) {
      order.push(`chunk ${n++}`);
      assert.ok(c.samples.length > 0);
      // What postMessage needs: a macrotask. It must run before the next chunk arrives.
      setImmediate(() => order.push(`turn after ${n - 1}`));
    }
    assert.ok(n >= 3, `sentence-sized chunks (got ${n})`);
    for (let i = 0; i < n - 1; i++) assert.ok(order.indexOf(`turn after ${i}`) < order.indexOf(`chunk ${i + 1}`), order.join(', '));
  });

  it('cuts the text into chunks of about one sentence, each with its range in the original text', async () => {
    const text = SENTENCE.repeat(4) + 'Một câu rất dài, '.repeat(20);
    const ranges: Array<{ start: number; end: number }> = [];
    for await (const c of voice.synthesize(text, 1, new AbortController().signal)) ranges.push(c.textRange!);
    for (const r of ranges) assert.ok(r.end - r.start <= BUILTIN_CHUNK_CHARS + 1, `${r.end - r.start} characters`);
    assert.strictEqual(text.slice(ranges[0].start, ranges[0].end).trim(), SENTENCE.trim(), 'the first chunk is the first sentence');
  });

  it('stops between sentences when aborted', async () => {
    const ac = new AbortController();
    let n = 0;
    await assert.rejects(async () => {
      for await (const _c of voice.synthesize(SENTENCE.repeat(10), 1, ac.signal)) {
        n++;
        setImmediate(() => ac.abort());
      }
    }, /abort/i);
    assert.strictEqual(n, 1);
  });
});
