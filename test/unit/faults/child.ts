// The parent side of the fault suite: spawns test/unit/faults/probe.ts (compiled) in a fresh node with a
// capped heap, so a fault that would exhaust memory dies fast instead of taking the shared machine with it,
// and returns what it reported: outcome, wall time, peak RSS. A probe that never reports (killed, crashed,
// timed out) comes back with `crashed` set and its stderr.
import { spawn, type ChildProcess } from 'child_process';
import * as path from 'path';
import type { ProbeOutcome } from './probe';

export interface ProbeResult extends ProbeOutcome {
  ms: number;
  maxRssMb: number;
  /** Set when the child ended without reporting (crash, heap exhaustion, killed on timeout). */
  crashed?: string;
  stderr: string;
  stdout: string;
}

export interface ProbeOptions {
  /** Killed (SIGKILL) after this long; the result then says so. */
  timeoutMs: number;
  /** V8 heap cap of the child (default 512 MB: far above what any scenario needs, far below the machine). */
  heapMb?: number;
  env?: Record<string, string>;
  /** Sees the child as it starts (to kill it mid-way, as a reloaded extension host would be). */
  onSpawn?: (child: ChildProcess) => void;
  /** Each stdout line as it arrives. */
  onLine?: (line: string, child: ChildProcess) => void;
}

const PROBE = path.join(__dirname, 'probe.js');

export function runProbe(args: string[], o: ProbeOptions): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [`--max-old-space-size=${o.heapMb ?? 512}`, PROBE, ...args], {
      env: { ...process.env, ...o.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let pending = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d;
      pending += d;
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const l of lines) o.onLine?.(l, child);
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d;
      if (stderr.length > 1 << 20) stderr = stderr.slice(-(1 << 19));
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, o.timeoutMs);
    o.onSpawn?.(child);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const ms = Date.now() - started;
      const line = stdout.split('\n').find((l) => l.startsWith('PROBE '));
      if (line) return resolve({ ...(JSON.parse(line.slice(6)) as ProbeOutcome & { maxRssMb: number }), ms, stdout, stderr });
      const why = timedOut ? `timed out after ${o.timeoutMs} ms` : `exited with ${signal ?? code}`;
      resolve({ ok: false, crashed: why, ms, maxRssMb: Number.NaN, stdout, stderr: stderr.slice(-2000) });
    });
  });
}

/** A one-line summary for assertion messages. */
export function show(r: ProbeResult): string {
  return r.crashed ? `crashed (${r.crashed}): ${r.stderr.trim().split('\n').slice(-3).join(' / ')}` : `${r.ok ? 'ok' : 'failed'}: ${r.message ?? ''} [${Math.round(r.ms)} ms, ${Math.round(r.maxRssMb)} MB]`;
}
