// Whether the CPU has VNNI (AVX-512 VNNI or AVX-VNNI), which upstream requires for the int8 v3 Turbo graphs
// ("on older CPUs int8 may give distorted/nonsense audio"). Read from /proc/cpuinfo flags on Linux; elsewhere
// (no flags to read) from the CPU model name, conservatively.
import * as fs from 'fs';
import * as os from 'os';

export function cpuFlags(cpuinfo?: string): Set<string> | undefined {
  let text = cpuinfo;
  if (text === undefined) {
    try {
      text = fs.readFileSync('/proc/cpuinfo', 'utf8');
    } catch {
      return undefined;
    }
  }
  const line = /^flags\s*:\s*(.*)$/m.exec(text);
  return line ? new Set(line[1].trim().split(/\s+/)) : undefined;
}

export function hasVnni(cpuinfo?: string): boolean {
  const flags = cpuFlags(cpuinfo);
  if (flags) return flags.has('avx512_vnni') || flags.has('avx_vnni');
  // Apple silicon and other ARM CPUs run int8 through different kernels; no evidence either way: say no.
  const model = os.cpus()[0]?.model ?? '';
  return /\b(1[2-9]th Gen Intel|Core\(TM\) Ultra|Ryzen .* [7-9]\d{3})/.test(model);
}

export function cpuName(): string {
  return os.cpus()[0]?.model?.trim() || 'unknown CPU';
}
