import * as assert from 'assert';
import { speakV3 } from '../../../src/cli/speakV3';
import type { AudioChunk } from '../../../src/core/types';
import { UserError } from '../../../src/core/errors';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { clonedVoicesFile, writeVoicesFile } from '../../../src/local/clone/clonedVoice';
import { writeSeaDictFixture } from '../../../src/local/fixtures/v3/seaDictFixture';
import { V3_VOICES_FILE } from '../../../src/local/v3/loadV3';
import { V3Runner } from '../../../src/local/v3/v3Runner';
import { fixtureRoot, mossDir, v3Dir } from '../local/v3/fixtureDirs';

const MAIN = path.resolve(__dirname, '../../../src/cli/main.js');

/** The phonemes the v3 tokenizer is given while `fn` runs (what reaches the prompt). */
async function recordPrompts<T>(fn: () => Promise<T>): Promise<{ seen: string[]; result: T }> {
  const seen: string[] = [];
  const tokenize = V3Runner.prototype.tokenize;
  V3Runner.prototype.tokenize = function (this: V3Runner, phonemes: string) {
    seen.push(phonemes);
    return tokenize.call(this, phonemes);
  };
  try {
    return { seen, result: await fn() };
  } finally {
    V3Runner.prototype.tokenize = tokenize;
  }
}

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

  it('--speed stretches the 48 kHz audio in time: ×2 gives half the samples of the same seeded run', async () => {
    const run = async (speed?: number) => {
      const chunks: AudioChunk[] = [];
      const base = { text: 'Hôm nay trời đẹp', backbone: v3Dir(), codec: mossDir(), phonemes: 'hˈom nˈaj tʃˈəː2j ɗˈɛ6p', threads: 1, seed: 4 };
      await speakV3({ ...base, speed, signal: new AbortController().signal, write: async (c) => void chunks.push(c) });
      assert.ok(chunks.every((c) => c.sampleRate === 48000));
      return chunks.reduce((n, c) => n + c.samples.length, 0);
    };
    const normal = await run();
    const fast = await run(2);
    assert.strictEqual(normal, 23 * 3840);
    assert.ok(Math.abs(fast - normal / 2) <= 3840, `${fast} vs ${normal / 2}`);
  });

  it('asks for the codec folder and refuses an unknown voice with the list', async () => {
    const base = { text: 'a', backbone: v3Dir(), phonemes: 'kwˈaːɜ', signal: new AbortController().signal, write: async () => undefined };
    await assert.rejects(speakV3(base), (e: unknown) => e instanceof UserError && /--codec/.test(e.message));
    await assert.rejects(speakV3({ ...base, codec: mossDir(), voice: 'Nobody' }), /Nobody.*Fixture Bắc/);
  });

  it('speaks plain text through sea-g2p from the folder\'s sea_g2p.bin', async () => {
    const dir = v3Dir('v3-sea');
    writeSeaDictFixture(dir);
    const chunks: AudioChunk[] = [];
    const { seen } = await recordPrompts(() =>
      speakV3({ text: 'Xin chào các bạn', backbone: dir, codec: mossDir(), threads: 1, seed: 2, signal: new AbortController().signal, write: async (c) => void chunks.push(c) }),
    );
    assert.deepStrictEqual(seen, ['sˈin tʃˈaː2w kˈaːɜk ɓˈaː6n.']);
    assert.ok(chunks.length > 0 && chunks.every((c) => c.sampleRate === 48000));
  });

  it('says so when it falls back to the v1 phonemizer (no sea_g2p.bin)', async () => {
    const said: string[] = [];
    const error = console.error;
    console.error = (...a: unknown[]) => void said.push(a.join(' '));
    try {
      const { seen } = await recordPrompts(() => speakV3({ text: 'Xin chào các bạn', backbone: v3Dir(), codec: mossDir(), threads: 1, seed: 2, signal: new AbortController().signal, write: async () => undefined }));
      assert.strictEqual(seen.length, 1);
      assert.ok(!seen[0].includes('ɓ'), seen[0]);
    } finally {
      console.error = error;
    }
    assert.ok(said.some((l) => l.includes('sea_g2p.bin') && l.includes(v3Dir())), said.join('\n'));
  });

  it('speaks with a voice file given as --voice (its default voice), which changes the audio', async () => {
    const preset = (JSON.parse(fs.readFileSync(path.join(v3Dir(), V3_VOICES_FILE), 'utf8')) as { presets: Record<string, { speaker_emb: number[]; codes: number[][] }> }).presets;
    const [id, src] = Object.entries(preset)[0];
    const file = path.join(fixtureRoot(), 'my-voice.json');
    writeVoicesFile(file, clonedVoicesFile('Tôi', { description: 'x', speaker_emb: src.speaker_emb.map((x) => -x), codes: src.codes }));
    const run = async (voice: string) => {
      const out: number[] = [];
      await speakV3({ text: 'x', backbone: v3Dir(), codec: mossDir(), voice, phonemes: 'hˈom nˈaj', threads: 1, seed: 5, signal: new AbortController().signal, write: async (c) => void out.push(...c.samples) });
      return out;
    };
    const mine = await run(file);
    assert.ok(mine.length > 0);
    assert.notDeepStrictEqual(mine, await run(id));
  });

  it('the whole CLI path: fixtures, clone a recording, speak plain text with the clone into a 48 kHz WAV', function () {
    if (spawnSync('sh', ['-c', 'command -v espeak-ng']).status !== 0) this.skip();
    const dir = fs.mkdtempSync(path.join(fixtureRoot(), 'cli-'));
    const vieneu = (...args: string[]) => {
      const r = spawnSync(process.execPath, [MAIN, ...args], { encoding: 'utf8', timeout: 60000 });
      assert.strictEqual(r.status, 0, `vieneu ${args.join(' ')}: ${r.stderr}`);
      return r;
    };
    vieneu('fixtures', dir);
    assert.ok(fs.existsSync(path.join(dir, 'v3-turbo', 'sea_g2p.bin')));
    const clip = path.join(dir, 'me.wav');
    const e = spawnSync('espeak-ng', ['-v', 'vi', '-w', clip, 'Xin chào, hôm nay trời đẹp quá. Tôi là người Việt Nam.'], { timeout: 20000 });
    assert.strictEqual(e.status, 0);
    const voice = path.join(dir, 'voice.json');
    vieneu('clone', clip, '--name', 'Tôi', '--backbone', path.join(dir, 'v3-turbo'), '--codec', path.join(dir, 'moss-codec'), '--threads', '1', '--out', voice);
    const wav = path.join(dir, 'x.wav');
    const r = vieneu('speak', 'Xin chào các bạn', '--backbone', path.join(dir, 'v3-turbo'), '--codec', path.join(dir, 'moss-codec'), '--voice', voice, '--threads', '1', '--out', wav);
    assert.match(r.stderr, /Tôi/);
    const bytes = fs.readFileSync(wav);
    assert.strictEqual(bytes.toString('latin1', 0, 4), 'RIFF');
    assert.strictEqual(bytes.readUInt32LE(24), 48000);
    assert.ok(bytes.length > 44 + 2 * 3840, `${bytes.length} bytes`);
  });
});
