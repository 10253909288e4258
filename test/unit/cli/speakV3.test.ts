import * as assert from 'assert';
import { speakV3 } from '../../../src/cli/speakV3';
import type { AudioChunk } from '../../../src/core/types';
import { UserError } from '../../../src/core/errors';
import { mossDir, v3Dir } from '../local/v3/fixtureDirs';

describe('vieneu speak on a v3 Turbo folder', function () {
  this.timeout(60000);

  it('speaks given phonemes with a preset voice (by alias) into 48 kHz chunks', async () => {
    const chunks: AudioChunk[] = [];
    const r = await speakV3({
      text: 'Hôm nay trời đẹp',
      backbone: v3Dir(),
      codec: mossDir(),
      voice: 'Fixture Miền Nam',
      phonemes: 'hˈom nˈaj tʃˈəː2j ɗˈɛ6p',
      threads: 1,
      seed: 4,
      signal: new AbortController().signal,
      write: async (c) => void chunks.push(c),
    });
    assert.ok(chunks.length > 0 && chunks.every((c) => c.sampleRate === 48000));
    assert.strictEqual(chunks.reduce((n, c) => n + c.samples.length, 0), 23 * 3840);
    assert.strictEqual(r.seconds, (23 * 3840) / 48000);
  });

  it('asks for the codec folder and refuses an unknown voice with the list', async () => {
    const base = { text: 'a', backbone: v3Dir(), phonemes: 'kwˈaːɜ', signal: new AbortController().signal, write: async () => undefined };
    await assert.rejects(speakV3(base), (e: unknown) => e instanceof UserError && /--codec/.test(e.message));
    await assert.rejects(speakV3({ ...base, codec: mossDir(), voice: 'Nobody' }), /Nobody.*Fixture Bắc/);
  });
});
