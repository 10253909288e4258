// Peak resident memory of one benchmark section. `process.resourceUsage().maxRSS` is the whole process's peak, so
// a section run after another (v3 after v1 in `npm run bench`) would report the earlier one's peak. On Linux the
// peak (VmHWM) is reset by writing 5 to /proc/self/clear_refs; elsewhere the process peak is all there is.
import { readFileSync, writeFileSync } from 'fs';

/** Starts a fresh peak; returns whether the platform allowed it. */
export function resetPeakRss(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

/** Peak RSS in MB since the last reset (or since the process started). */
export function peakRssMb(): number {
  try {
    const kb = Number(/^VmHWM:\s+(\d+)/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]);
    if (Number.isFinite(kb)) return Math.round(kb / 1024);
  } catch {
    // not Linux
  }
  return Math.round(process.resourceUsage().maxRSS / 1024);
}
