// The system player against fake paplay / afplay / powershell.exe scripts on PATH that record what they are
// given: the WAV stream (stdin players) or each chunk's file (file players), the process id (for Stop), and
// a failing player's stderr.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SystemPlayer, chooseCommand } from '../../../src/audio/systemPlayer';
import { decodeWav } from '../../../src/audio/wav';
import { abortError, UserError } from '../../../src/core/errors';
import type { AudioChunk } from '../../../src/core/types';

const RATE = 24000;
const chunk = (n: number, v: number, start = 0): AudioChunk => ({ samples: new Float32Array(n).fill(v), sampleRate: RATE, textRange: { start, end: start + 5 } });

function fakeBin(scripts: Record<string, string>): { dir: string; out: string; env: NodeJS.ProcessEnv } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vieneu-fakeplayer-'));
  const out = path.join(dir, 'out');
  fs.mkdirSync(out);
  for (const [name, body] of Object.entries(scripts)) {
    fs.writeFileSync(path.join(dir, name), `#!/bin/sh\n${body}\n`);
    fs.chmodSync(path.join(dir, name), 0o755);
  }
  return { dir, out, env: { PATH: `${dir}:/usr/bin:/bin`, FAKE_OUT: out } };
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function until(pred: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('system player (fake players on PATH)', function () {
  this.timeout(15000);
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  const make = (s: Record<string, string>) => {
    const f = fakeBin(s);
    dirs.push(f.dir);
    return f;
  };

  it('streams one WAV to paplay stdin while later chunks are still being generated', async () => {
    const f = make({ paplay: 'echo "$@" > "$FAKE_OUT/args"; cat > "$FAKE_OUT/stream.wav"' });
    const stream = path.join(f.out, 'stream.wav');
    async function* gen() {
      yield chunk(2400, 0.25, 0);
      // The second chunk is generated only once the player has received the first: a player that waited for
      // the whole utterance would never get here.
      await until(() => fs.existsSync(stream) && fs.statSync(stream).size >= 44 + 2400 * 2);
      yield chunk(1200, -0.5, 5);
    }
    const starts: number[] = [];
    let first = 0;
    const result = await new SystemPlayer({ env: f.env, platform: 'linux' }).play(gen(), new AbortController().signal, {
      onFirstAudio: () => first++,
      onChunkStart: (_c, i) => starts.push(i),
    });
    assert.deepStrictEqual(result, { chunks: 2, samples: 3600, sampleRate: RATE, stopped: false });
    assert.strictEqual(first, 1);
    assert.deepStrictEqual(starts, [0]); // chunk 1 would start 100 ms later; the play ended before (fake plays instantly)
    assert.match(fs.readFileSync(path.join(f.out, 'args'), 'utf8'), /--client-name=VieNeu TTS/);
    const wav = decodeWav(fs.readFileSync(stream));
    assert.strictEqual(wav.sampleRate, RATE);
    assert.strictEqual(wav.samples.length, 3600);
    assert.ok(Math.abs(wav.samples[0] - 0.25) < 1e-3 && Math.abs(wav.samples[3599] + 0.5) < 1e-3);
  });

  it('48 kHz chunks stream as a 48 kHz WAV; a chunk at another rate is resampled into the stream', async () => {
    const f = make({ paplay: 'cat > "$FAKE_OUT/stream.wav"' });
    const c48 = (n: number, v: number): AudioChunk => ({ samples: new Float32Array(n).fill(v), sampleRate: 48000 });
    async function* gen() {
      yield c48(4800, 0.25);
      yield c48(2400, -0.25);
      yield chunk(1200, 0.5); // 24 kHz: 50 ms, so 2400 samples at 48 kHz
    }
    const result = await new SystemPlayer({ env: f.env, platform: 'linux' }).play(gen(), new AbortController().signal);
    assert.deepStrictEqual(result, { chunks: 3, samples: 9600, sampleRate: 48000, stopped: false });
    const wav = decodeWav(fs.readFileSync(path.join(f.out, 'stream.wav')));
    assert.deepStrictEqual([wav.sampleRate, wav.samples.length], [48000, 9600]);
    assert.ok(Math.abs(wav.samples[100] - 0.25) < 1e-3 && Math.abs(wav.samples[6000] + 0.25) < 1e-3 && Math.abs(wav.samples[8400] - 0.5) < 1e-2);
  });

  it('file players get each chunk as a WAV at its own rate (48 kHz stays 48 kHz)', async () => {
    const f = make({ afplay: 'n=$(ls "$FAKE_OUT" | wc -l); cp "$1" "$FAKE_OUT/played-$n.wav"' });
    async function* gen() {
      yield { samples: new Float32Array(960).fill(0.1), sampleRate: 48000 };
      yield chunk(480, 0.2);
    }
    const r = await new SystemPlayer({ env: f.env, platform: 'darwin' }).play(gen(), new AbortController().signal);
    assert.strictEqual(r.sampleRate, 48000);
    const played = [0, 1].map((i) => decodeWav(fs.readFileSync(path.join(f.out, `played-${i}.wav`))));
    assert.deepStrictEqual(played.map((w) => [w.sampleRate, w.samples.length]), [[48000, 960], [24000, 480]]);
  });

  it('falls back to aplay when paplay is missing', async () => {
    const f = make({ aplay: 'echo "$@" > "$FAKE_OUT/args"; cat > "$FAKE_OUT/stream.wav"' });
    assert.strictEqual(chooseCommand({ env: f.env, platform: 'linux' }).name, 'aplay');
    async function* gen() {
      yield chunk(480, 0.1);
    }
    await new SystemPlayer({ env: f.env, platform: 'linux' }).play(gen(), new AbortController().signal);
    assert.strictEqual(fs.readFileSync(path.join(f.out, 'args'), 'utf8').trim(), '-q -');
    assert.strictEqual(decodeWav(fs.readFileSync(path.join(f.out, 'stream.wav'))).samples.length, 480);
  });

  it('Stop kills the player and ends generation at once', async () => {
    const f = make({ paplay: 'echo $$ > "$FAKE_OUT/pid"; exec cat > "$FAKE_OUT/stream.wav"' });
    const ac = new AbortController();
    let generatorClosed = false;
    async function* gen(signal: AbortSignal) {
      try {
        yield chunk(2400, 0.2);
        await new Promise((_, reject) => signal.addEventListener('abort', () => reject(abortError())));
      } finally {
        generatorClosed = true;
      }
    }
    const playing = new SystemPlayer({ env: f.env, platform: 'linux' }).play(gen(ac.signal), ac.signal, { onFirstAudio: () => undefined });
    const pidFile = path.join(f.out, 'pid');
    await until(() => fs.existsSync(pidFile) && fs.readFileSync(pidFile, 'utf8').trim() !== '');
    const pid = Number(fs.readFileSync(pidFile, 'utf8'));
    assert.ok(isAlive(pid));
    ac.abort();
    const result = await playing;
    assert.strictEqual(result.stopped, true);
    await until(() => !isAlive(pid), 2000);
    assert.ok(generatorClosed);
  });

  it('a player that fails says so with its error, and a machine without one says what to install', async () => {
    const f = make({ paplay: 'echo "pa_context_connect() failed: Connection refused" >&2; exit 1' });
    async function* gen() {
      for (let i = 0; i < 50; i++) {
        yield chunk(24000, 0.1);
        await new Promise((r) => setTimeout(r, 20));
      }
    }
    await assert.rejects(new SystemPlayer({ env: f.env, platform: 'linux' }).play(gen(), new AbortController().signal), (e: unknown) => {
      assert.ok(e instanceof UserError);
      assert.match(e.message, /paplay stopped with code 1: pa_context_connect\(\) failed: Connection refused/);
      return true;
    });
    const empty = make({});
    assert.throws(
      () => chooseCommand({ env: { PATH: empty.dir }, platform: 'linux' }),
      (e: unknown) => e instanceof UserError && /looked for paplay, aplay/.test(e.message) && /vieneu\.player/.test(e.display),
    );
  });

  it('afplay (macOS) plays one temp WAV per chunk, in order, and cleans up', async () => {
    const f = make({ afplay: 'n=$(ls "$FAKE_OUT" | wc -l); cp "$1" "$FAKE_OUT/played-$n.wav"; echo "$1" >> "$FAKE_OUT/../paths"' });
    async function* gen() {
      yield chunk(240, 0.1, 0);
      yield chunk(480, 0.2, 5);
      yield chunk(720, 0.3, 10);
    }
    const starts: number[] = [];
    const r = await new SystemPlayer({ env: f.env, platform: 'darwin' }).play(gen(), new AbortController().signal, { onChunkStart: (_c, i) => starts.push(i) });
    assert.deepStrictEqual(r, { chunks: 3, samples: 1440, sampleRate: RATE, stopped: false });
    assert.deepStrictEqual(starts, [0, 1, 2]);
    const lens = [0, 1, 2].map((i) => decodeWav(fs.readFileSync(path.join(f.out, `played-${i}.wav`))).samples.length);
    assert.deepStrictEqual(lens, [240, 480, 720]);
    const tempFiles = fs.readFileSync(path.join(f.dir, 'paths'), 'utf8').trim().split('\n');
    assert.ok(tempFiles.every((p) => !fs.existsSync(p)), 'temp WAVs removed');
  });

  it('PowerShell (Windows) gets the file as an argument, not spliced into its script', async () => {
    const f = make({ 'powershell.exe': 'for a; do echo "$a"; done > "$FAKE_OUT/args"; eval "last=\\${$#}"; cp "$last" "$FAKE_OUT/played.wav"' });
    async function* gen() {
      yield chunk(240, 0.1);
    }
    await new SystemPlayer({ env: f.env, platform: 'linux', command: 'powershell' }).play(gen(), new AbortController().signal);
    const args = fs.readFileSync(path.join(f.out, 'args'), 'utf8').trim().split('\n');
    assert.deepStrictEqual(args.slice(0, 4), ['-NoProfile', '-NonInteractive', '-Command', '(New-Object Media.SoundPlayer $args[0]).PlaySync()']);
    assert.match(args[4], /vieneu-play-.*chunk-0\.wav$/);
    assert.strictEqual(decodeWav(fs.readFileSync(path.join(f.out, 'played.wav'))).samples.length, 240);
  });

  it('Pause stops the player process and holds the highlights; Resume goes on where it was (not on Windows)', async () => {
    // A paplay that consumes its stream at the real rate (48,000 bytes a second) and logs when it reads.
    const reader = [
      'import sys, time, os',
      'log = open(os.path.join(os.environ["FAKE_OUT"], "reads"), "a")',
      'while True:',
      '    b = sys.stdin.buffer.read(4800)',
      '    if not b: break',
      '    log.write("%f %d\\n" % (time.time(), len(b))); log.flush()',
      '    time.sleep(len(b) / 48000)',
    ].join('\n');
    const f = make({ paplay: `exec python3 -c '${reader}'` });
    async function* gen() {
      for (let i = 0; i < 3; i++) yield chunk(12000, 0.1, i * 10);
    }
    const player = new SystemPlayer({ env: f.env, platform: 'linux' });
    assert.strictEqual(player.setPaused(true), false, 'nothing playing yet');
    const starts: Array<[number, number]> = [];
    let pausedAt = 0;
    let resumedAt = 0;
    const t0 = Date.now();
    const result = await player.play(gen(), new AbortController().signal, {
      onChunkStart: (_c, i) => starts.push([i, Date.now()]),
      onFirstAudio: () =>
        setTimeout(() => {
          pausedAt = Date.now();
          assert.strictEqual(player.setPaused(true), true);
          assert.strictEqual(player.paused, true);
          setTimeout(() => {
            resumedAt = Date.now();
            assert.strictEqual(player.setPaused(false), true);
          }, 800);
        }, 200),
    });
    assert.strictEqual(result.stopped, false);
    assert.deepStrictEqual(starts.map(([i]) => i), [0, 1, 2]);
    for (const [i, at] of starts) assert.ok(at <= pausedAt + 20 || at >= resumedAt, `chunk ${i} reported during the pause`);
    assert.ok(Date.now() - t0 >= 1500 + 800 - 100, `played for ${Date.now() - t0} ms: the pause adds its length`);
    // The player read nothing while it was stopped.
    const reads = fs.readFileSync(path.join(f.out, 'reads'), 'utf8').trim().split('\n').map((l) => Number(l.split(' ')[0]) * 1000);
    const gaps = reads.slice(1).map((r, i) => r - reads[i]);
    assert.ok(Math.max(...gaps) >= 700, `longest pause between reads ${Math.round(Math.max(...gaps))} ms`);
    assert.strictEqual(player.paused, false);
    assert.strictEqual(new SystemPlayer({ env: f.env, platform: 'win32' }).setPaused(true), false);
  });
});
