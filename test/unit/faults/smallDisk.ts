// A small file system the fault suite can fill: a tmpfs of a given size when this machine lets us mount one
// (root in CI), otherwise undefined and the test injects ENOSPC through /dev/full instead.
import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

export interface SmallDisk {
  dir: string;
  unmount(): void;
}

export function mountSmallDisk(sizeKb: number, options = ''): SmallDisk | undefined {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'vieneu-small-disk-'));
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k${options ? `,${options}` : ''}`, 'tmpfs', dir], { timeout: 10_000 });
  if (r.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
  return {
    dir,
    unmount() {
      spawnSync('umount', [dir], { timeout: 10_000 });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
