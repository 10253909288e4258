// The fallback player: the operating system's own command-line player. It plays where the extension host
// runs (with a remote host: on the remote machine, not in front of the user — hence only a fallback).
// paplay and aplay read a WAV stream on stdin, so audio starts with the first chunk and later chunks are
// appended as they are generated. afplay and PowerShell's SoundPlayer need a file: each chunk becomes a temp
// WAV played in turn while the next ones are generated. Stop kills the process at once. Pause stops the player
// process (SIGSTOP, so not on Windows) and holds the highlight timers; the sound server may still play the
// little it has buffered.
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { UserError, abortError } from '../core/errors';
import { t } from '../core/strings';
import type { AudioChunk } from '../core/types';
import type { PlaybackEvents, PlaybackResult, Player } from './player';
import { atRate } from './audioCollector';
import { floatToPcm16 } from './pcm16';
import { encodeWav, wavHeader } from './wav';

export type SystemPlayerCommand = 'paplay' | 'aplay' | 'afplay' | 'powershell';

export interface SystemPlayerOptions {
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
  /** Force one command instead of the first one found on PATH. */
  command?: SystemPlayerCommand;
}

interface CommandSpec {
  exe: string;
  /** stdin: a WAV stream on stdin; file: one WAV file per chunk. */
  mode: 'stdin' | 'file';
  args(file?: string): string[];
}

const SPECS: Record<SystemPlayerCommand, CommandSpec> = {
  paplay: { exe: 'paplay', mode: 'stdin', args: () => ['--client-name=VieNeu TTS'] },
  aplay: { exe: 'aplay', mode: 'stdin', args: () => ['-q', '-'] },
  afplay: { exe: 'afplay', mode: 'file', args: (f) => [f!] },
  powershell: {
    exe: 'powershell.exe',
    mode: 'file',
    // The path is passed as an argument, never spliced into the script: no quoting bugs, no injection.
    args: (f) => ['-NoProfile', '-NonInteractive', '-Command', '(New-Object Media.SoundPlayer $args[0]).PlaySync()', f!],
  },
};

const CANDIDATES: Partial<Record<NodeJS.Platform, SystemPlayerCommand[]>> = {
  linux: ['paplay', 'aplay'],
  freebsd: ['paplay', 'aplay'],
  darwin: ['afplay'],
  win32: ['powershell'],
};

/** The first executable named `exe` on PATH, or undefined. */
export function findOnPath(exe: string, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | undefined {
  const dirs = (env.PATH ?? env.Path ?? '').split(platform === 'win32' ? ';' : ':').filter(Boolean);
  for (const d of dirs) {
    const p = path.join(d, exe);
    try {
      fs.accessSync(p, platform === 'win32' ? fs.constants.F_OK : fs.constants.X_OK);
      return p;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Which player this machine has, or a UserError that says what to install. */
export function chooseCommand(o: SystemPlayerOptions = {}): { name: SystemPlayerCommand; path: string } {
  const platform = o.platform ?? process.platform;
  const env = o.env ?? process.env;
  const names = o.command ? [o.command] : (CANDIDATES[platform] ?? ['paplay', 'aplay']);
  for (const name of names) {
    const p = findOnPath(SPECS[name].exe, env, platform);
    if (p) return { name, path: p };
  }
  throw new UserError(t('uiSystemPlayerMissing', names.map((n) => SPECS[n].exe).join(', ')), 'not-ready', t('uiSystemPlayerMissingFix'));
}

/** Chunk-start reports waiting for their moment; held while paused and shifted by the pause on resume. */
class ChunkClock {
  private readonly waiting = new Set<{ due: number; fire: () => void; timer?: NodeJS.Timeout }>();
  private pausedAt: number | undefined;
  /** Wall-clock time the first chunk started sounding, shifted by every pause since. */
  startedAt = 0;

  at(offsetMs: number, fire: () => void): void {
    const w: { due: number; fire: () => void; timer?: NodeJS.Timeout } = { due: this.startedAt + offsetMs, fire };
    this.waiting.add(w);
    if (this.pausedAt === undefined) this.arm(w);
  }

  pause(): void {
    if (this.pausedAt !== undefined) return;
    this.pausedAt = Date.now();
    for (const w of this.waiting) clearTimeout(w.timer);
  }

  resume(): void {
    if (this.pausedAt === undefined) return;
    const shift = Date.now() - this.pausedAt;
    this.pausedAt = undefined;
    this.startedAt += shift;
    for (const w of this.waiting) {
      w.due += shift;
      this.arm(w);
    }
  }

  clear(): void {
    for (const w of this.waiting) clearTimeout(w.timer);
    this.waiting.clear();
  }

  private arm(w: { due: number; fire: () => void; timer?: NodeJS.Timeout }): void {
    w.timer = setTimeout(() => {
      this.waiting.delete(w);
      w.fire();
    }, Math.max(0, w.due - Date.now()));
  }
}

export class SystemPlayer implements Player {
  readonly kind = 'system' as const;
  /** What playing now can be paused with: the player process and the highlight clock. */
  private playing: { process: () => ChildProcess | undefined; clock?: ChunkClock } | undefined;
  private pausedNow = false;

  constructor(private readonly options: SystemPlayerOptions = {}) {}

  get paused(): boolean {
    return this.pausedNow;
  }

  setPaused(paused: boolean): boolean {
    const child = this.playing?.process();
    if (!child || (this.options.platform ?? process.platform) === 'win32' || child.exitCode !== null) return false;
    if (paused === this.pausedNow) return true;
    try {
      child.kill(paused ? 'SIGSTOP' : 'SIGCONT');
    } catch {
      return false;
    }
    if (paused) this.playing?.clock?.pause();
    else this.playing?.clock?.resume();
    this.pausedNow = paused;
    return true;
  }

  async play(chunks: AsyncIterable<AudioChunk>, signal: AbortSignal, events: PlaybackEvents = {}): Promise<PlaybackResult> {
    const cmd = chooseCommand(this.options);
    const spec = SPECS[cmd.name];
    const mine = { process: () => undefined as ChildProcess | undefined, clock: undefined as ChunkClock | undefined };
    this.playing = mine;
    this.pausedNow = false;
    try {
      return spec.mode === 'stdin' ? await this.playStdin(cmd.path, spec, chunks, signal, events, mine) : await this.playFiles(cmd.path, spec, chunks, signal, events, mine);
    } finally {
      if (this.playing === mine) {
        this.playing = undefined;
        this.pausedNow = false;
      }
    }
  }

  private spawn(exe: string, args: string[]): { child: ChildProcess; exited: Promise<{ code: number | null; stderr: string }> } {
    const child = spawn(exe, args, { stdio: ['pipe', 'ignore', 'pipe'], env: this.options.env ?? process.env, windowsHide: true });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
    const exited = new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stderr }));
    });
    // A player that died early closes its stdin: writing then raises EPIPE, which `exited` reports better.
    child.stdin?.on('error', () => undefined);
    return { child, exited };
  }

  private failed(exe: string, code: number | null, stderr: string): UserError {
    return new UserError(t('uiSystemPlayerFailed', path.basename(exe), String(code), stderr.trim().split('\n').pop() ?? ''), 'internal', t('uiSystemPlayerMissingFix'));
  }

  private async playStdin(
    exe: string,
    spec: CommandSpec,
    chunks: AsyncIterable<AudioChunk>,
    signal: AbortSignal,
    events: PlaybackEvents,
    control: { process: () => ChildProcess | undefined; clock?: ChunkClock },
  ): Promise<PlaybackResult> {
    const result: PlaybackResult = { chunks: 0, samples: 0, sampleRate: 0, stopped: false };
    let proc: ReturnType<SystemPlayer['spawn']> | undefined;
    const clock = new ChunkClock();
    control.clock = clock;
    control.process = () => proc?.child;
    const onAbort = () => proc?.child.kill('SIGKILL');
    signal.addEventListener('abort', onAbort);
    try {
      for await (const chunk of chunks) {
        if (signal.aborted) throw abortError();
        if (!proc) {
          result.sampleRate = chunk.sampleRate;
          // Length unknown while streaming: the largest size; both players read until end of input.
          proc = this.spawn(exe, spec.args());
          proc.exited.catch(() => undefined);
          proc.child.stdin!.write(wavHeader(chunk.sampleRate, 0x7ffff000));
        }
        // One WAV stream has one rate, the first chunk's: a chunk at another rate is resampled into it.
        const samples = atRate(chunk, result.sampleRate);
        const pcm = floatToPcm16(samples);
        const ok = proc.child.stdin!.write(Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength));
        // The chunk sounds when the ones before it have: estimate from the samples already queued.
        const offsetMs = (result.samples / result.sampleRate) * 1000;
        if (result.chunks === 0) {
          clock.startedAt = Date.now();
          events.onFirstAudio?.();
          events.onChunkStart?.(chunk, 0);
        } else {
          const index = result.chunks;
          clock.at(offsetMs, () => !signal.aborted && events.onChunkStart?.(chunk, index));
        }
        result.chunks++;
        result.samples += samples.length;
        if (!ok) {
          // Back-pressure: wait for the pipe, unless the player has died (then no 'drain' ever comes).
          const p = proc;
          await Promise.race([new Promise<void>((r) => p.child.stdin!.once('drain', r)), p.exited.then(() => undefined, () => undefined)]);
        }
        // A player that gave up (no sound server, no device) fails the request now, not after generation ends.
        if (proc.child.exitCode !== null && proc.child.exitCode !== 0) {
          const { code, stderr } = await proc.exited;
          throw this.failed(exe, code, stderr);
        }
      }
      if (!proc) return result;
      proc.child.stdin!.end();
      const { code, stderr } = await Promise.race([proc.exited, new Promise<never>((_, rej) => signal.addEventListener('abort', () => rej(abortError())))]);
      if (code !== 0 && !signal.aborted) throw this.failed(exe, code, stderr);
      return result;
    } catch (err) {
      if (signal.aborted) {
        result.stopped = true;
        return result;
      }
      proc?.child.kill('SIGKILL');
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new UserError(t('uiSystemPlayerMissing', path.basename(exe)), 'not-ready', t('uiSystemPlayerMissingFix'));
      throw err;
    } finally {
      signal.removeEventListener('abort', onAbort);
      clock.clear();
    }
  }

  private async playFiles(
    exe: string,
    spec: CommandSpec,
    chunks: AsyncIterable<AudioChunk>,
    signal: AbortSignal,
    events: PlaybackEvents,
    control: { process: () => ChildProcess | undefined },
  ): Promise<PlaybackResult> {
    const result: PlaybackResult = { chunks: 0, samples: 0, sampleRate: 0, stopped: false };
    const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'vieneu-play-'));
    let current: ChildProcess | undefined;
    // Each chunk starts only when the previous player exits, so stopping the current one holds everything.
    control.process = () => current;
    let wake: (() => void) | undefined;
    const onAbort = () => {
      current?.kill('SIGKILL');
      wake?.();
    };
    signal.addEventListener('abort', onAbort);
    // Generation runs ahead while the player plays: chunks are written to files as they come.
    const ready: Array<{ file: string; chunk: AudioChunk }> = [];
    let done = false;
    let written = 0;
    let genError: unknown;
    const producer = (async () => {
      try {
        for await (const chunk of chunks) {
          if (signal.aborted) break;
          const file = path.join(dir, `chunk-${written++}.wav`);
          await fs.promises.writeFile(file, encodeWav(chunk.samples, chunk.sampleRate));
          ready.push({ file, chunk });
          wake?.();
        }
      } catch (err) {
        genError = err;
      } finally {
        done = true;
        wake?.();
      }
    })();
    try {
      while (true) {
        if (signal.aborted) throw abortError();
        if (ready.length === 0) {
          if (done) break;
          await new Promise<void>((r) => (wake = r));
          wake = undefined;
          continue;
        }
        const { file, chunk } = ready.shift()!;
        const p = this.spawn(exe, spec.args(file));
        current = p.child;
        if (result.chunks === 0) {
          result.sampleRate = chunk.sampleRate;
          events.onFirstAudio?.();
        }
        events.onChunkStart?.(chunk, result.chunks);
        result.chunks++;
        result.samples += chunk.samples.length;
        const { code, stderr } = await p.exited;
        if (signal.aborted) throw abortError();
        if (code !== 0) throw this.failed(exe, code, stderr);
      }
      if (genError) throw genError;
      return result;
    } catch (err) {
      if (signal.aborted) {
        result.stopped = true;
        return result;
      }
      current?.kill('SIGKILL');
      throw err;
    } finally {
      signal.removeEventListener('abort', onAbort);
      // The temp folder goes once the producer stops writing; after a stop, don't make the caller wait for it.
      const cleanup = producer.then(() => fs.promises.rm(dir, { recursive: true, force: true })).catch(() => undefined);
      if (!signal.aborted) await cleanup;
    }
  }
}
