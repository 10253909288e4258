// Vietnamese text → WAV through the whole local engine with the real parts: the text front-end (normalizer,
// chunker, espeak-ng WASM phonemizer + dictionary), llama.cpp on the generated tiny GGUF (and onnxruntime on
// the same backbone as ONNX), the NeuCodec-shaped ONNX decoder, streaming windows and overlap-add.
import * as assert from 'assert';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { decodeWav, encodeWav } from '../../../../src/audio/wav';
import { isAbortError } from '../../../../src/core/errors';
import type { AudioChunk } from '../../../../src/core/types';
import type { Backbone } from '../../../../src/local/backbone/types';
import { defaultLoaders } from '../../../../src/local/engine/defaultLoaders';
import { codeSample } from '../../../../src/local/fixtures/codecFixture';
import { writeFixtures, type FixtureFiles } from '../../../../src/local/fixtures/writeFixtures';
import { LocalBackend, type ModelLoaders } from '../../../../src/local/localBackend';

interface Counter {
  codes: number;
  prompts: number;
  perPrompt: number[][];
}

/** Wraps the real runner to count the codes it generates (the WAV length must match them). */
function counting(loaders: ModelLoaders, counter: Counter): ModelLoaders {
  return {
    ...loaders,
    async backbone(path, o) {
      const real = await loaders.backbone(path, o);
      const wrapped: Backbone = {
        info: real.info,
        tokenize: (text) => real.tokenize(text),
        tokenId: (p) => real.tokenId(p),
        dispose: () => real.dispose(),
        generate(prompt, options) {
          counter.prompts++;
          const mine: number[] = [];
          counter.perPrompt.push(mine);
          const inner = real.generate(prompt, options);
          return {
            async *[Symbol.asyncIterator]() {
              for await (const c of inner) {
                counter.codes++;
                mine.push(c);
                yield c;
              }
            },
          };
        },
      };
      return wrapped;
    },
  };
}

async function speak(b: LocalBackend, text: string, seed = 1): Promise<{ chunks: AudioChunk[]; samples: Float32Array }> {
  const chunks: AudioChunk[] = [];
  for await (const c of b.synthesize({ text, seed }, new AbortController().signal)) chunks.push(c);
  const samples = new Float32Array(chunks.reduce((n, c) => n + c.samples.length, 0));
  let o = 0;
  for (const c of chunks) {
    samples.set(c.samples, o);
    o += c.samples.length;
  }
  return { chunks, samples };
}

describe('local engine end to end (real runners, codec, front-end)', function () {
  this.timeout(60_000);
  let fx: FixtureFiles;
  const dir = mkdtempSync(join(tmpdir(), 'vieneu-e2e-'));
  before(() => {
    fx = writeFixtures(join(dir, 'fixtures'));
  });

  for (const format of ['gguf', 'onnx'] as const) {
    it(`Vietnamese text → valid WAV whose length matches the codes generated (${format} backbone)`, async () => {
      const counter: Counter = { codes: 0, prompts: 0, perPrompt: [] };
      const b = new LocalBackend({
        cacheDir: join(dir, 'cache'),
        settings: () => ({ backbone: '', codec: '', device: 'cpu', threads: 1, modelsPath: '', builtinVoice: false }),
        loaders: counting(defaultLoaders(), counter),
      });
      try {
        const backbone = format === 'gguf' ? fx.gguf : fx.onnxDir;
        await b.loadModel({ backbone, codec: fx.codec, voices: fx.voices, dictionary: fx.dictionary, offline: true, threads: 1 });
        assert.strictEqual(b.status.state, 'ready');
        assert.ok(b.voices().length > 0);
        const text = 'Xin chào Việt Nam.\nHôm nay trời đẹp quá, nhiệt độ 25°C!';
        const { chunks, samples } = await speak(b, text);
        assert.strictEqual(counter.prompts, 2, 'two lines → two chunks');
        assert.ok(counter.codes > 0);
        const silence = Math.round(0.15 * 24000);
        assert.strictEqual(samples.length, counter.codes * 480 + (counter.prompts - 1) * silence);
        const wav = decodeWav(encodeWav(samples, 24000));
        assert.strictEqual(wav.sampleRate, 24000);
        assert.strictEqual(wav.samples.length, samples.length);
        const rms = Math.sqrt(wav.samples.reduce((a, x) => a + x * x, 0) / wav.samples.length);
        assert.ok(rms > 0.01, `audible (rms ${rms})`);
        // The fixture decoder gives each code the same 480 samples wherever it stands, so the streamed,
        // windowed, overlap-added audio must equal the codes' frames laid end to end.
        let at = 0;
        counter.perPrompt.forEach((codes, k) => {
          if (k > 0) at += silence;
          codes.forEach((code) => {
            for (const j of [0, 100, 479]) assert.ok(Math.abs(samples[at + j] - codeSample(code, j)) < 1e-4, `code ${code} at ${at}`);
            at += 480;
          });
        });
        // every chunk carries a range of the request text
        const spoken = [...new Set(chunks.map((c) => text.slice(c.textRange!.start, c.textRange!.end)))];
        assert.deepStrictEqual(spoken, ['Xin chào Việt Nam.', 'Hôm nay trời đẹp quá, nhiệt độ 25°C!']);
      } finally {
        await b.unloadModel();
        b.dispose();
      }
    });
  }

  it('the same seed gives the same audio; an abort stops the real runner', async () => {
    const b = new LocalBackend({
      cacheDir: join(dir, 'cache'),
      settings: () => ({ backbone: fx.gguf, codec: fx.codec, device: 'cpu', threads: 1, modelsPath: '', builtinVoice: true }),
      loaders: defaultLoaders(),
    });
    try {
      await b.loadModel({ voices: fx.voices, dictionary: fx.dictionary, offline: true });
      const a = await speak(b, 'Xin chào.', 7);
      const c = await speak(b, 'Xin chào.', 7);
      assert.deepStrictEqual(Array.from(a.samples.subarray(0, 5000)), Array.from(c.samples.subarray(0, 5000)));
      const ac = new AbortController();
      let got = 0;
      await assert.rejects(
        (async () => {
          for await (const ch of b.synthesize({ text: 'Xin chào. '.repeat(30), seed: 3 }, ac.signal)) {
            got += ch.samples.length;
            ac.abort();
          }
        })(),
        (e: unknown) => isAbortError(e),
      );
      assert.ok(got > 0);
    } finally {
      b.dispose();
    }
  });
});
