import * as assert from 'assert';
import * as path from 'path';
import { DEFAULT_CONFIG } from '../../../src/core/config';
import { UserError } from '../../../src/core/errors';
import { defaultLoaders } from '../../../src/local/engine/defaultLoaders';
import { LocalBackend } from '../../../src/local/localBackend';
import { phonemeFrontEnd } from '../../../src/local/v3/v3FrontEnd';
import { fixtureRoot, mossDir, v3Dir } from './v3/fixtureDirs';

describe('LocalBackend with a v3 Turbo folder', function () {
  this.timeout(60000);
  const backend = () =>
    new LocalBackend({
      cacheDir: path.join(fixtureRoot(), 'cache'),
      settings: () => ({ ...DEFAULT_CONFIG.local, threads: 1, builtinVoice: false }),
      loaders: { ...defaultLoaders(), v3FrontEnd: async () => phonemeFrontEnd('hˈom nˈaj tʃˈəː2j ɗˈɛ6p') },
    });

  it('loads the folder pair, lists the v3 voices and speaks 48 kHz audio with the text range', async () => {
    const b = backend();
    try {
      await b.loadModel({ backbone: v3Dir(), codec: mossDir(), offline: true });
      assert.strictEqual(b.status.state, 'ready');
      assert.strictEqual(b.status.info?.engine, 'vieneu-v3-turbo');
      assert.deepStrictEqual(b.voices().map((v) => v.id), ['Fixture Bắc', 'Fixture Nam']);
      let samples = 0;
      for await (const c of b.synthesize({ text: 'Hôm nay trời đẹp', voice: 'Fixture Nam', seed: 2 }, new AbortController().signal)) {
        assert.strictEqual(c.sampleRate, 48000);
        assert.deepStrictEqual(c.textRange, { start: 0, end: 16 });
        samples += c.samples.length;
      }
      assert.strictEqual(samples, 23 * 3840); // four syllables: the 3.8 cap of 23 frames
      await assert.rejects(async () => {
        for await (const _c of b.synthesize({ text: 'x', voice: 'nobody' }, new AbortController().signal)) void _c;
      }, /nobody/);
      await b.unloadModel();
      assert.strictEqual(b.modelLoaded, false);
    } finally {
      b.dispose();
    }
  });

  it('refuses a v3 backbone paired with a NeuCodec decoder, naming both and the fix', async () => {
    const b = backend();
    try {
      await assert.rejects(b.loadModel({ backbone: v3Dir(), codec: '/models/neucodec.onnx', offline: true }), (e: unknown) => e instanceof UserError && e.message.includes(v3Dir()) && e.message.includes('/models/neucodec.onnx') && /MOSS/.test(e.fix!));
      assert.strictEqual(b.status.state, 'error');
    } finally {
      b.dispose();
    }
  });
});
