import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { decodeAudioFile } from '../../../../src/audio/decode/decodeAudioFile';
import { UserError } from '../../../../src/core/errors';

// Every format is decoded against a reference decoder run as a separate program: sox (libsndfile, libFLAC,
// libvorbis) for WAV, FLAC and Ogg, mpg123 for MP3 (both gapless). Test files are made from espeak-ng's voice.
function tool(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 60000 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
}

function has(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

function monoOf(interleaved: Float32Array, channels: number): Float32Array {
  const out = new Float32Array(Math.floor(interleaved.length / channels));
  for (let i = 0; i < out.length; i++) {
    let acc = 0;
    for (let c = 0; c < channels; c++) acc += interleaved[i * channels + c];
    out[i] = acc / channels;
  }
  return out;
}

function readF32(file: string): Float32Array {
  const b = fs.readFileSync(file);
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
}

function maxDiff(a: Float32Array, b: Float32Array): number {
  let m = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

async function refusal(file: string, limits?: { maxSeconds?: number; chunkBytes?: number }): Promise<UserError> {
  try {
    await decodeAudioFile(file, { limits });
  } catch (err) {
    assert.ok(err instanceof UserError, `not a UserError: ${String(err)}`);
    assert.strictEqual(err.code, 'bad-input');
    assert.ok(err.fix, 'the refusal says what to do');
    return err;
  }
  assert.fail(`${file} was decoded`);
}

describe('audio file decoding (WAV, FLAC, MP3, Ogg Vorbis)', function () {
  this.timeout(120000);
  let dir: string;
  const f = (name: string) => path.join(dir, name);

  before(function () {
    if (!has('sox') || !has('espeak-ng')) this.skip();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vieneu-decode-'));
    tool('espeak-ng', ['-v', 'vi', '-w', f('speech.wav'), 'Xin chào, hôm nay trời đẹp quá.']);
    // A stereo source whose channels differ, so a decoder that takes only one channel is caught.
    tool('sox', [f('speech.wav'), '-r', '44100', f('stereo.wav'), 'remix', '1', '1v0.5']);
  });
  after(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

  const soxCases: Array<[string, string[], number, number, number]> = [
    // name, sox output options, rate, channels, tolerance against sox's float output
    ['pcm16-stereo-44k.wav', ['-b', '16'], 44100, 2, 1e-6],
    ['pcm24-stereo-48k.wav', ['-b', '24', '-r', '48000'], 48000, 2, 1e-6],
    ['pcm8-mono-11k.wav', ['-b', '8', '-e', 'unsigned-integer', '-r', '11025', '-c', '1'], 11025, 1, 1e-6],
    ['float32-mono-32k.wav', ['-e', 'floating-point', '-b', '32', '-r', '32000', '-c', '1'], 32000, 1, 1e-7],
    ['pcm32-6ch-22k.wav', ['-b', '32', '-r', '22050', '-c', '6'], 22050, 6, 1e-6],
    ['flac24-stereo-96k.flac', ['-b', '24', '-r', '96000'], 96000, 2, 1e-6],
    ['flac16-mono-8k.flac', ['-b', '16', '-r', '8000', '-c', '1'], 8000, 1, 1e-6],
    ['vorbis-stereo-44k.ogg', [], 44100, 2, 2e-4],
  ];

  for (const [name, opts, rate, channels, tol] of soxCases) {
    it(`${name}: the same samples as sox, mono-mixed, at the file's rate`, async () => {
      tool('sox', [f('stereo.wav'), ...opts, f(name)]);
      tool('sox', [f(name), '-t', 'f32', f(`${name}.f32`)]);
      const ref = monoOf(readF32(f(`${name}.f32`)), channels);
      const d = await decodeAudioFile(f(name));
      assert.strictEqual(d.sampleRate, rate);
      assert.strictEqual(d.channels, channels);
      assert.strictEqual(d.samples.length, ref.length);
      assert.ok(maxDiff(d.samples, ref) <= tol, `max difference ${maxDiff(d.samples, ref)}`);
    });
  }

  it('WAVE_FORMAT_EXTENSIBLE (sox writes it for 24-bit and for more than 2 channels) is read', () => {
    for (const name of ['pcm24-stereo-48k.wav', 'pcm32-6ch-22k.wav']) {
      const b = fs.readFileSync(f(name));
      assert.strictEqual(b.readUInt16LE(20), 0xfffe, `${name} is extensible`);
    }
  });

  it('MP3 (LAME-encoded, with its gapless header): the same samples as mpg123', async function () {
    if (!has('lame') || !has('mpg123')) this.skip();
    tool('sox', [f('stereo.wav'), '-b', '16', f('for-mp3.wav')]);
    tool('lame', ['--quiet', '-b', '128', f('for-mp3.wav'), f('speech.mp3')]);
    tool('mpg123', ['-q', '-e', 'f32', '-s', '-w', f('mp3.ref.wav'), f('speech.mp3')]);
    tool('sox', [f('mp3.ref.wav'), '-t', 'f32', f('mp3.f32')]);
    const ref = monoOf(readF32(f('mp3.f32')), 2);
    const d = await decodeAudioFile(f('speech.mp3'));
    assert.strictEqual(d.sampleRate, 44100);
    assert.strictEqual(d.channels, 2);
    assert.strictEqual(d.samples.length, ref.length);
    assert.ok(maxDiff(d.samples, ref) < 1e-4, `max difference ${maxDiff(d.samples, ref)}`);
  });

  it('goes by content, not by name: a WAV called .mp3 decodes as WAV', async () => {
    fs.copyFileSync(f('pcm16-stereo-44k.wav'), f('actually-wav.mp3'));
    const d = await decodeAudioFile(f('actually-wav.mp3'));
    assert.strictEqual(d.format, 'wav');
  });

  it('refuses a file that is not audio whatever its extension', async () => {
    fs.writeFileSync(f('notes.wav'), 'Xin chào, đây là một tệp văn bản.\n'.repeat(100));
    assert.match((await refusal(f('notes.wav'))).message, /not a WAV, FLAC, MP3 or Ogg Vorbis file/);
    fs.writeFileSync(f('random.mp3'), Buffer.from(new Uint8Array(4096).map((_, i) => (i * 7919) & 0xff)));
    await refusal(f('random.mp3'));
  });

  it('tells Ogg Opus apart from Ogg Vorbis and says it cannot be read', async () => {
    // An Ogg page header (27 bytes, one segment) whose first packet is an OpusHead.
    const page = Buffer.alloc(27 + 1 + 19);
    page.write('OggS', 0, 'latin1');
    page[5] = 2;
    page[26] = 1;
    page[27] = 19;
    page.write('OpusHead', 28, 'latin1');
    fs.writeFileSync(f('voice.ogg'), page);
    assert.match((await refusal(f('voice.ogg'))).message, /Ogg Opus/);
  });

  it('refuses a zero-length file', async () => {
    fs.writeFileSync(f('empty.flac'), '');
    assert.match((await refusal(f('empty.flac'))).message, /empty/);
  });

  it('refuses a truncated WAV and a truncated FLAC', async () => {
    const wav = fs.readFileSync(f('pcm16-stereo-44k.wav'));
    fs.writeFileSync(f('cut.wav'), wav.subarray(0, wav.length >> 1));
    assert.match((await refusal(f('cut.wav'))).message, /cut short/);
    const flac = fs.readFileSync(f('flac16-mono-8k.flac'));
    fs.writeFileSync(f('cut.flac'), flac.subarray(0, flac.length >> 1));
    assert.match((await refusal(f('cut.flac'))).message, /cut short|could not be decoded/);
  });

  it('refuses a WAV header that claims 4 GB of data in a small file, without allocating it', async () => {
    const wav = Buffer.from(fs.readFileSync(f('pcm16-stereo-44k.wav')).subarray(0, 4096));
    const dataAt = wav.indexOf('data');
    wav.writeUInt32LE(0xfffffff0, dataAt + 4);
    wav.writeUInt32LE(0xfffffff8, 4);
    fs.writeFileSync(f('claims-4gb.wav'), wav);
    const before = process.memoryUsage().arrayBuffers;
    assert.match((await refusal(f('claims-4gb.wav'))).message, /cut short/);
    assert.ok(process.memoryUsage().arrayBuffers - before < 16 << 20, 'no large buffer was allocated');
  });

  it('refuses a 10-hour WAV from its header, reading none of its data', async () => {
    // A sparse file: 10 h of 8 kHz 8-bit mono, 288 MB that take no disk space and are never read.
    const header = Buffer.from(fs.readFileSync(f('pcm8-mono-11k.wav')).subarray(0, 44));
    const bytes = 10 * 3600 * 8000;
    header.writeUInt32LE(8000, 24);
    header.writeUInt32LE(8000, 28);
    const dataAt = header.indexOf('data');
    header.writeUInt32LE(bytes, dataAt + 4);
    header.writeUInt32LE(bytes + dataAt, 4);
    fs.writeFileSync(f('ten-hours.wav'), header.subarray(0, dataAt + 8));
    fs.truncateSync(f('ten-hours.wav'), dataAt + 8 + bytes);
    const before = process.memoryUsage().arrayBuffers;
    const err = await refusal(f('ten-hours.wav'));
    assert.match(err.message, /longer than 2\.0 min \(it lasts at least 10\.0 h\)/);
    assert.ok(process.memoryUsage().arrayBuffers - before < 16 << 20);
  });

  it('refuses a FLAC whose STREAMINFO says 10 hours before decoding it', async () => {
    const flac = Buffer.from(fs.readFileSync(f('flac16-mono-8k.flac')));
    // total samples: the low 36 bits after rate/channels/bits, at STREAMINFO bytes 13..17 (file offset 21..25).
    const total = 10 * 3600 * 8000;
    flac[21] = (flac[21] & 0xf0) | Math.floor(total / 2 ** 32);
    flac.writeUInt32BE(total >>> 0, 22);
    fs.writeFileSync(f('ten-hours.flac'), flac);
    assert.match((await refusal(f('ten-hours.flac'))).message, /10\.0 h/);
  });

  it('stops streamed decoding as soon as the limit is passed (MP3, Ogg: no length in the header)', async () => {
    for (const name of ['vorbis-stereo-44k.ogg', 'speech.mp3']) {
      if (!fs.existsSync(f(name))) continue;
      const err = await refusal(f(name), { maxSeconds: 0.5 });
      assert.match(err.message, /longer than 0\.5 s/);
    }
  });

  it('refuses FLAC frames that fail their checksums', async () => {
    const flac = Buffer.from(fs.readFileSync(f('flac24-stereo-96k.flac')));
    for (let i = Math.floor(flac.length / 3); i < flac.length; i += 97) flac[i] ^= 0x5a;
    fs.writeFileSync(f('bad.flac'), flac);
    assert.match((await refusal(f('bad.flac'))).message, /could not be decoded|cut short/);
  });
});
