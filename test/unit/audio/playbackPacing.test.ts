import * as assert from 'assert';
import { PlaybackPacer } from '../../../src/audio/playbackPacing';
import type { AudioChunk } from '../../../src/core/types';

const RATE = 24000;
/** A source that records how many chunks were pulled from it: 1 s of silence each. */
function source(n: number, pulled: { count: number }): AsyncIterable<AudioChunk> {
  return (async function* () {
    for (let i = 0; i < n; i++) {
      pulled.count++;
      yield { samples: new Float32Array(RATE), sampleRate: RATE };
    }
  })();
}
const turn = () => new Promise((r) => setImmediate(r));

describe('PlaybackPacer', () => {
  it('pulls from the source only while less than the allowed audio waits to sound', async () => {
    const pulled = { count: 0 };
    const pacer = new PlaybackPacer(3);
    const got: AudioChunk[] = [];
    const ac = new AbortController();
    const consumer = (async () => {
      for await (const c of pacer.pace(source(10, pulled), ac.signal)) got.push(c);
    })();
    for (let i = 0; i < 5; i++) await turn();
    assert.strictEqual(pulled.count, 4, 'stops once more than 3 s is ahead');
    pacer.chunkStarted(got[0]);
    for (let i = 0; i < 5; i++) await turn();
    assert.strictEqual(pulled.count, 5, 'one chunk started: room for one more');
    for (const c of got.slice(1)) pacer.chunkStarted(c);
    for (let i = 0; i < 5; i++) await turn();
    assert.ok(pulled.count >= 8);
    ac.abort();
    await consumer;
    assert.ok(pulled.count < 10, 'an abort while waiting ends the stream without pulling the rest');
  });

  it('passes everything through when the player keeps up', async () => {
    const pulled = { count: 0 };
    const pacer = new PlaybackPacer(2);
    let n = 0;
    for await (const c of pacer.pace(source(6, pulled), new AbortController().signal)) {
      n++;
      pacer.chunkStarted(c);
    }
    assert.strictEqual(n, 6);
  });
});
