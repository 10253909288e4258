// Runs Debian's python3 (which has numpy) to write files with independent, real implementations
// (zipfile, numpy.save), so our readers are tested against the formats as other tools write them.
import { spawnSync } from 'child_process';

export const PYTHON = '/usr/bin/python3';

export function pythonHas(module: string): boolean {
  return spawnSync(PYTHON, ['-c', `import ${module}`]).status === 0;
}

export function runPython(code: string, args: string[] = []): string {
  const r = spawnSync(PYTHON, ['-c', code, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`python failed: ${r.stderr}`);
  return r.stdout;
}
