import * as assert from 'assert';
import { isAbortError } from '../../../../src/core/errors';
import type { AudioChunk } from '../../../../src/core/types';
import { VieneuEngine } from '../../../../src/local/engine/vieneuEngine';
import { ScriptedBackbone, sentenceFrontEnd, ValueCodec } from '../../helpers/engineDoubles';

const voice = { codes: [5, 6, 7], text: 'Giọng mẫu.' };

async function collect(it: AsyncIterable<AudioChunk>): Promise<AudioChunk[]> {
  const out: AudioChunk[] = [];
  for await (const c of it) out.push(c);
  return out;
}

describe('VieNeu engine (with doubles)', () => {
  it('streams each chunk with its text range, 480 samples per code, 0.15 s silence between', async () => {
    const counts = [64, 31];
    const backbone = new ScriptedBackbone((i) => counts[i]);
    const engine = new VieneuEngine({ backbone, codec: new ValueCodec(), frontEnd: sentenceFrontEnd });
    const text = 'Xin chào. Hôm nay trời đẹp!';
    const done: Array<{ codes: number; samples: number }> = [];
    const chunks = await collect(engine.synthesize({ text, voice }, new AbortController().signal, { onChunkDone: (_, s) => done.push(s) }));
    assert.deepStrictEqual(done, [
      { codes: 64, samples: 64 * 480 },
      { codes: 31, samples: 31 * 480 },
    ]);
    const ranges = chunks.map((c) => text.slice(c.textRange!.start, c.textRange!.end));
    assert.deepStrictEqual([...new Set(ranges)], ['Xin chào.', 'Hôm nay trời đẹp!']);
    const total = chunks.reduce((n, c) => n + c.samples.length, 0);
    assert.strictEqual(total, (64 + 31) * 480 + 3600);
    assert.ok(chunks.every((c) => c.sampleRate === 24000));
    assert.strictEqual(
      backbone.prompts[0],
      'user: Convert the text to speech:<|TEXT_PROMPT_START|>R(Giọng mẫu.) P(xin chào.)<|TEXT_PROMPT_END|>\nassistant:<|SPEECH_GENERATION_START|><|speech_5|><|speech_6|><|speech_7|>',
    );
  });

  it('first audio comes after 30 codes, then every 25', async () => {
    const backbone = new ScriptedBackbone(() => 100);
    const engine = new VieneuEngine({ backbone, codec: new ValueCodec(), frontEnd: sentenceFrontEnd });
    let codes = 0;
    const at: number[] = [];
    await collect(
      engine.synthesize({ text: 'Một câu.', voice }, new AbortController().signal, {
        onCode: (_, n) => (codes = n),
        onAudio: () => at.push(codes),
      }),
    );
    assert.deepStrictEqual(at, [30, 55, 80, 100]);
  });

  it('an abort ends the stream with an AbortError and stops the backbone', async () => {
    const backbone = new ScriptedBackbone(() => 100_000, 1);
    const engine = new VieneuEngine({ backbone, codec: new ValueCodec(), frontEnd: sentenceFrontEnd });
    const ac = new AbortController();
    let n = 0;
    await assert.rejects(
      (async () => {
        for await (const c of engine.synthesize({ text: 'Dài lắm.', voice }, ac.signal)) {
          n += c.samples.length;
          if (n >= 2 * 12000) ac.abort();
        }
      })(),
      (e: unknown) => isAbortError(e),
    );
    assert.ok(backbone.pulledAfterAbort <= 1);
    assert.strictEqual(backbone.closed, 1);
    assert.ok(backbone.generated < 100, `generated ${backbone.generated}`);
  });

  it('a consumer that stops early closes the generation', async () => {
    const backbone = new ScriptedBackbone(() => 100_000);
    const engine = new VieneuEngine({ backbone, codec: new ValueCodec(), frontEnd: sentenceFrontEnd });
    for await (const c of engine.synthesize({ text: 'Một.', voice }, new AbortController().signal)) {
      assert.ok(c.samples.length > 0);
      break;
    }
    assert.strictEqual(backbone.closed, 1);
    assert.strictEqual(backbone.generated, 30);
  });

  it('a long text keeps codec windows small (bounded work and memory per step)', async () => {
    const backbone = new ScriptedBackbone(() => 400);
    const sizes: number[] = [];
    const codec = new ValueCodec();
    const decode = codec.decode.bind(codec);
    codec.decode = async (c) => {
      sizes.push(c.length);
      return decode(c);
    };
    const engine = new VieneuEngine({ backbone, codec, frontEnd: sentenceFrontEnd });
    const text = Array.from({ length: 20 }, (_, i) => `Câu số ${i}.`).join(' ');
    let total = 0;
    for await (const c of engine.synthesize({ text, voice }, new AbortController().signal)) total += c.samples.length;
    assert.strictEqual(total, 20 * 400 * 480 + 19 * 3600);
    assert.ok(Math.max(...sizes) <= 51 + 25 + 5 + 1);
  });
});
