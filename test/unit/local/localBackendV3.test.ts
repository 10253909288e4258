import * as assert from 'assert';
import * as path from 'path';
import { DEFAULT_CONFIG } from '../../../src/core/config';
import { UserError } from '../../../src/core/errors';
import { defaultLoaders } from '../../../src/local/engine/defaultLoaders';
import { LocalBackend } from '../../../src/local/localBackend';
import { phonemeFrontEnd } from '../../../src/local/v3/v3FrontEnd';
import * as fs from 'fs';
import { clonedVoicesFile, writeVoicesFile } from '../../../src/local/clone/clonedVoice';
import { writeSeaDictFixture } from '../../../src/local/fixtures/v3/seaDictFixture';
import { V3_VOICES_FILE } from '../../../src/local/v3/loadV3';
import { fixtureRoot, mossDir, recordingV3Loaders, v3Dir } from './v3/fixtureDirs';

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


  it('speaks plain text through sea-g2p when the folder has sea_g2p.bin, and says so', async () => {
    const dir = v3Dir('v3-sea');
    writeSeaDictFixture(dir);
    const seen: string[] = [];
    const log: string[] = [];
    const b = new LocalBackend({
      cacheDir: path.join(fixtureRoot(), 'cache'),
      settings: () => ({ ...DEFAULT_CONFIG.local, threads: 1, builtinVoice: false }),
      loaders: recordingV3Loaders(seen),
      log: (l) => log.push(l),
    });
    try {
      await b.loadModel({ backbone: dir, codec: mossDir(), offline: true });
      assert.strictEqual(b.status.info?.g2p, 'sea-g2p');
      assert.ok(log.some((l) => /phonemes from sea-g2p/.test(l)), log.join('\n'));
      let samples = 0;
      for await (const c of b.synthesize({ text: 'Xin chào các bạn', seed: 1 }, new AbortController().signal)) samples += c.samples.length;
      assert.ok(samples > 0);
      assert.deepStrictEqual(seen, ['sˈin tʃˈaː2w kˈaːɜk ɓˈaː6n.']);
    } finally {
      b.dispose();
    }
  });

  it('keeps the v1-phonemizer stopgap without a SEAP dictionary and says so', async () => {
    const seen: string[] = [];
    const log: string[] = [];
    const b = new LocalBackend({
      cacheDir: path.join(fixtureRoot(), 'cache'),
      settings: () => ({ ...DEFAULT_CONFIG.local, threads: 1, builtinVoice: false }),
      loaders: recordingV3Loaders(seen),
      log: (l) => log.push(l),
    });
    try {
      await b.loadModel({ backbone: v3Dir(), codec: mossDir(), offline: true });
      assert.strictEqual(b.status.info?.g2p, 'v1-phonemizer');
      assert.ok(log.some((l) => /no sea_g2p\.bin/.test(l)), log.join('\n'));
      for await (const _c of b.synthesize({ text: 'Xin chào các bạn', seed: 1 }, new AbortController().signal)) void _c;
      assert.strictEqual(seen.length, 1);
      assert.ok(!seen[0].includes('ɓ'), seen[0]);
    } finally {
      b.dispose();
    }
  });

  it('offers the cloned voices after the presets and speaks with one by its id', async () => {
    const cloneDir = fs.mkdtempSync(path.join(fixtureRoot(), 'cloned-'));
    // A cloned voice as `vieneu clone` writes it, made of a fixture preset's embedding and codes.
    const preset = (JSON.parse(fs.readFileSync(path.join(v3Dir(), V3_VOICES_FILE), 'utf8')) as { presets: Record<string, { speaker_emb: number[]; codes: number[][] }> }).presets;
    const src = Object.values(preset)[0];
    const file = path.join(cloneDir, 'me-1234abcd.json');
    writeVoicesFile(file, clonedVoicesFile('Giọng của tôi', { description: 'Cloned from me.wav', speaker_emb: src.speaker_emb.map((x) => x * 0.5), codes: src.codes }));
    let cloned = [{ id: 'clone:me-1234abcd', name: 'Giọng của tôi', file }];
    const b = new LocalBackend({
      cacheDir: path.join(fixtureRoot(), 'cache'),
      settings: () => ({ ...DEFAULT_CONFIG.local, threads: 1, builtinVoice: false }),
      loaders: { ...defaultLoaders(), v3FrontEnd: async () => phonemeFrontEnd('hˈom nˈaj') },
      clonedVoices: () => cloned,
    });
    try {
      await b.loadModel({ backbone: v3Dir(), codec: mossDir(), offline: true });
      const voices = b.voices();
      assert.deepStrictEqual(voices.map((v) => v.id), ['Fixture Bắc', 'Fixture Nam', 'clone:me-1234abcd']);
      assert.strictEqual(voices[2].source, 'custom');
      // Its name is what a list shows (the id is a slug with a hash).
      assert.strictEqual(voices[2].label, 'Giọng của tôi');
      assert.strictEqual(voices[2].description, 'Cloned on this computer');
      const speak = async (voice: string, seed: number) => {
        const out: number[] = [];
        for await (const c of b.synthesize({ text: 'Hôm nay', voice, seed }, new AbortController().signal)) out.push(...c.samples);
        return out;
      };
      const mine = await speak('clone:me-1234abcd', 3);
      assert.ok(mine.length > 0 && mine.every(Number.isFinite));
      // The speaker embedding reaches the model: half the preset's embedding sounds different from it.
      assert.notDeepStrictEqual(mine, await speak(Object.keys(preset)[0], 3));
      cloned = [];
      await assert.rejects(speak('clone:me-1234abcd', 3), /clone:me-1234abcd/);
    } finally {
      b.dispose();
    }
  });
});
