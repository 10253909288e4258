import * as assert from 'assert';
import { isAbortError } from '../../../../src/core/errors';
import type { AudioChunk } from '../../../../src/core/types';
import { V3_FILES } from '../../../../src/local/fixtures/v3/v3BackboneFixture';
import { maxExpectedFrames } from '../../../../src/local/v3/frameCap';
import { loadMossCodec, type MossCodec } from '../../../../src/local/v3/mossCodec';
import { V3_PAUSES } from '../../../../src/local/v3/pauses';
import { V3Engine, type V3Observer, type V3Request } from '../../../../src/local/v3/v3Engine';
import { phonemeFrontEnd, splitWithGaps, type V3FrontEnd } from '../../../../src/local/v3/v3FrontEnd';
import { loadV3Runner, type V3Runner } from '../../../../src/local/v3/v3Runner';
import { readV3Voices, type V3Voice } from '../../../../src/local/v3/v3Voices';
import { mossDir, PHONEMES, v3Dir } from './fixtureDirs';
import * as path from 'path';

const EOS_AT = 80;

async function collect(engine: V3Engine, req: V3Request, signal = new AbortController().signal, observer: V3Observer = {}) {
  const chunks: AudioChunk[] = [];
  const frames: number[] = [];
  const rows: number[] = [];
  const done: Array<{ frames: number; eos: boolean; retries: number }> = [];
  for await (const c of engine.synthesize(req, signal, {
    ...observer,
    onPrompt: (i, r, cap) => {
      rows[i] = r;
      observer.onPrompt?.(i, r, cap);
    },
    onFrame: (i, f, eos) => {
      frames[i] = f + 1;
      observer.onFrame?.(i, f, eos);
    },
    onChunkDone: (i, s) => done.push(s),
  })) {
    chunks.push(c);
  }
  const total = chunks.reduce((n, c) => n + c.samples.length, 0);
  const audio = new Float32Array(total);
  let o = 0;
  for (const c of chunks) {
    audio.set(c.samples, o);
    o += c.samples.length;
  }
  return { chunks, audio, frames, rows, done };
}

describe('v3 Turbo engine on the fixtures (real onnxruntime sessions)', function () {
  this.timeout(120000);
  let runner: V3Runner;
  let eosRunner: V3Runner;
  let codec: MossCodec;
  let voice: V3Voice;

  before(async () => {
    runner = await loadV3Runner(v3Dir(), { threads: 1, heads: 'js' });
    eosRunner = await loadV3Runner(v3Dir('v3-eos', { eosPosition: EOS_AT }), { threads: 1, heads: 'onnx' });
    codec = await loadMossCodec(mossDir(), { threads: 1 });
    voice = readV3Voices(path.join(v3Dir(), V3_FILES.voices), runner.config).voices[0];
  });
  after(async () => {
    await runner?.dispose();
    await eosRunner?.dispose();
    await codec?.dispose();
  });

  const engine = (frontEnd: V3FrontEnd, r = runner) => new V3Engine({ runner: r, codec, frontEnd });

  it('runs to the frame cap when the model never ends, at 48 kHz, 3840 samples a frame', async () => {
    const four = 'hˈom nˈaj tʃˈəː2j ɗˈɛ6p';
    const r = await collect(engine(phonemeFrontEnd(four)), { text: 'xin chào', voice, seed: 1 });
    assert.strictEqual(r.frames[0], maxExpectedFrames(four));
    assert.strictEqual(r.audio.length, r.frames[0] * 3840);
    assert.ok(r.chunks.every((c) => c.sampleRate === 48000 && c.textRange?.start === 0 && c.textRange.end === 8));
    // The first piece comes after 4 frames (upstream's lead-in).
    assert.strictEqual(r.chunks[0].samples.length, 4 * 3840);
  });

  it('stops at the end frame (kept) when the model says so', async () => {
    const r = await collect(engine(phonemeFrontEnd(PHONEMES), eosRunner), { text: 'xin chào', voice, seed: 1 });
    // Frame t is sampled from the hidden state at position rows - 1 + t; the marker starts at EOS_AT.
    const expected = EOS_AT - r.rows[0] + 2;
    assert.ok(expected > 4 && expected < maxExpectedFrames(PHONEMES));
    assert.strictEqual(r.frames[0], expected);
    assert.deepStrictEqual(r.done[0], { frames: expected, eos: true, retries: 0, samples: expected * 3840 });
    assert.strictEqual(r.audio.length, expected * 3840);
  });

  it('gives identical audio for two greedy runs, and a seed reproduces a sampled run', async () => {
    const e = engine(phonemeFrontEnd(PHONEMES));
    const g1 = await collect(e, { text: 'a', voice, temperature: 0, maxNewFrames: 12 });
    const g2 = await collect(e, { text: 'a', voice, temperature: 0, maxNewFrames: 12 });
    assert.deepStrictEqual(g1.audio, g2.audio);
    const s1 = await collect(e, { text: 'a', voice, seed: 42, maxNewFrames: 12 });
    const s2 = await collect(e, { text: 'a', voice, seed: 42, maxNewFrames: 12 });
    const s3 = await collect(e, { text: 'a', voice, seed: 43, maxNewFrames: 12 });
    assert.deepStrictEqual(s1.audio, s2.audio);
    assert.notDeepStrictEqual(s1.audio, s3.audio);
    assert.notDeepStrictEqual(s1.audio, g1.audio);
  });

  it('stops within one frame of an abort', async () => {
    const ac = new AbortController();
    let framesAfter = -1;
    await assert.rejects(
      collect(engine(phonemeFrontEnd(PHONEMES)), { text: 'a', voice, seed: 3 }, ac.signal, {
        onFrame: (_i, f) => {
          if (f === 5) ac.abort();
          if (ac.signal.aborted) framesAfter++;
        },
      }),
      (e: unknown) => isAbortError(e),
    );
    assert.ok(framesAfter <= 1, `${framesAfter} frames after the abort`);
  });

  it('joins chunks with the pause of their boundary and keeps each chunk’s text range', async () => {
    const text = 'Xin chào các bạn.\nHôm nay trời đẹp quá, đi chơi thôi';
    const fe: V3FrontEnd = { split: (s) => splitWithGaps(s, (x) => x, 24), phonemize: () => PHONEMES };
    const chunks = await fe.split(text);
    assert.ok(chunks.length >= 2);
    const r = await collect(engine(fe), { text, voice, seed: 5, maxNewFrames: 6 });
    // The fixture codec is never silent, so each pause is inserted whole.
    const pauses = chunks.slice(1).map((c) => Math.trunc(V3_PAUSES[c.gap!] * 48000));
    assert.strictEqual(r.audio.length, chunks.length * 6 * 3840 + pauses.reduce((a, b) => a + b, 0));
    assert.strictEqual(chunks[1].gap, 'para');
    for (let i = 0; i < chunks.length; i++) {
      const own = r.chunks.filter((c) => c.textRange?.start === chunks[i].start && c.textRange.end === chunks[i].end);
      const n = own.reduce((s, c) => s + c.samples.length, 0);
      assert.strictEqual(n, 6 * 3840 + (i > 0 ? pauses[i - 1] : 0), `chunk ${i}`);
    }
  });

  it('regenerates a one-syllable chunk that ran into its cap (babble guard), twice at most', async () => {
    const r = await collect(engine(phonemeFrontEnd('kwˈaːɜ')), { text: 'quá', voice, seed: 9 });
    assert.strictEqual(r.done[0].frames, 8);
    assert.strictEqual(r.done[0].retries, 2);
    assert.strictEqual(r.audio.length, 8 * 3840);
    const off = await collect(engine(phonemeFrontEnd('kwˈaːɜ')), { text: 'quá', voice, seed: 9, babbleRetries: 0 });
    assert.strictEqual(off.done[0].retries, 0);
  });

  it('refuses an all-zero speaker embedding', async () => {
    await assert.rejects(collect(engine(phonemeFrontEnd(PHONEMES)), { text: 'a', voice: { ...voice, speakerEmb: new Float32Array(192) } }), /all zero/);
  });
});
