// `vieneu speak` on the generated fixtures and on the built-in voice: a complete WAV under the final name,
// nothing left as .part, clear errors for bad input.
import * as assert from 'assert';
import { existsSync, mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { decodeWav } from '../../../../src/audio/wav';
import { UserError } from '../../../../src/core/errors';
import { command } from '../../../../src/cli/speakCommand';
import { writeFixtures, type FixtureFiles } from '../../../../src/local/fixtures/writeFixtures';

describe('vieneu speak', function () {
  this.timeout(60_000);
  const dir = mkdtempSync(join(tmpdir(), 'vieneu-speak-'));
  let fx: FixtureFiles;
  const errors: string[] = [];
  let restore: () => void;
  before(() => {
    fx = writeFixtures(join(dir, 'fx'));
    const orig = console.error;
    console.error = (...a: unknown[]) => void errors.push(a.join(' '));
    restore = () => (console.error = orig);
  });
  after(() => restore());

  it('writes a WAV from the fixture models, offline, and names the voice licence', async () => {
    const out = join(dir, 'hello.wav');
    const code = await command.run([
      'Xin chào Việt Nam.', '--backbone', fx.gguf, '--codec', fx.codec, '--voices', fx.voices, '--dict', fx.dictionary,
      '--threads', '1', '--seed', '5', '--offline', '--cache', join(dir, 'cache'), '--out', out,
    ]);
    assert.strictEqual(code, 0);
    assert.ok(!existsSync(`${out}.part`));
    const wav = decodeWav(readFileSync(out));
    assert.strictEqual(wav.sampleRate, 24000);
    assert.ok(wav.samples.length > 0 && wav.samples.length % 480 === 0, `${wav.samples.length} samples`);
    assert.ok(errors.some((e) => /Voice: .*licence/.test(e)), errors.join('\n'));
    // The same seed at --speed 2: the same codes, stretched to half the length.
    const fast = join(dir, 'fast.wav');
    const args = ['Xin chào Việt Nam.', '--backbone', fx.gguf, '--codec', fx.codec, '--voices', fx.voices, '--dict', fx.dictionary, '--threads', '1', '--seed', '5', '--offline', '--cache', join(dir, 'cache')];
    assert.strictEqual(await command.run([...args, '--speed', '2', '--out', fast]), 0);
    assert.strictEqual(decodeWav(readFileSync(fast)).samples.length, Math.round(wav.samples.length / 2));
    await assert.rejects(command.run([...args, '--speed', '3', '--out', fast]), /--speed needs a number from 0.5 to 2/);
  });

  it('--builtin speaks with espeak-ng without any model', async () => {
    const out = join(dir, 'builtin.wav');
    assert.strictEqual(await command.run(['Xin chào, đây là giọng có sẵn.', '--builtin', '--out', out, '--cache', join(dir, 'cache')]), 0);
    const wav = decodeWav(readFileSync(out));
    assert.ok(wav.samples.length / 24000 > 0.8, 'about a second of speech');
  });

  it('refuses missing --out, empty text and a missing model with a UserError; no file is left', async () => {
    await assert.rejects(command.run(['Xin chào']), UserError);
    await assert.rejects(command.run([' ', '--out', join(dir, 'x.wav')]), UserError);
    const out = join(dir, 'none.wav');
    await assert.rejects(command.run(['Xin chào', '--backbone', join(dir, 'absent.gguf'), '--offline', '--out', out, '--cache', join(dir, 'cache')]), UserError);
    assert.ok(!existsSync(out) && !existsSync(`${out}.part`));
  });
});
