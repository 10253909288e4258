// Checks on the clip a voice is cloned from, each refusal saying what to do: it must not be silent, must keep
// at least 2 s of sound after trimming, and must not be clipped (flat-topped waves at full scale give the
// speaker encoder a distorted voice).
import { UserError } from '../../core/errors';
import { t } from '../../core/strings';

export const MIN_CLIP_SECONDS = 2;
export const MAX_CLIP_SECONDS = 8;
/** Peak below -60 dBFS: nothing was recorded. */
export const SILENT_PEAK = 0.001;
/**
 * A sample this close to full scale, in a run of at least CLIP_RUN samples that stay within CLIP_FLAT of each
 * other, counts as clipped: a flat top, which a loud but clean wave (peaking at 0 dBFS) does not have.
 */
export const CLIP_LEVEL = 0.99;
export const CLIP_RUN = 3;
export const CLIP_FLAT = 1e-4;
/** Share of clipped samples above which the clip is refused. */
export const MAX_CLIPPED_SHARE = 0.005;

export function peak(x: Float32Array): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) {
    const a = Math.abs(x[i]);
    if (a > m) m = a;
  }
  return m;
}

/** Share of samples in flat runs of ≥ CLIP_RUN consecutive samples at or beyond ±CLIP_LEVEL. */
export function clippedShare(x: Float32Array): number {
  let clipped = 0;
  let run = 0;
  for (let i = 0; i <= x.length; i++) {
    if (i < x.length && Math.abs(x[i]) >= CLIP_LEVEL && (run === 0 || Math.abs(x[i] - x[i - 1]) <= CLIP_FLAT)) {
      run++;
      continue;
    }
    if (i < x.length && Math.abs(x[i]) >= CLIP_LEVEL) {
      // Still at full scale but moving: this sample may start a new flat run.
      if (run >= CLIP_RUN) clipped += run;
      run = 1;
      continue;
    }
    if (run >= CLIP_RUN) clipped += run;
    run = 0;
  }
  return x.length ? clipped / x.length : 0;
}

export function assertNotSilent(x: Float32Array): void {
  const p = peak(x);
  if (p < SILENT_PEAK) {
    const db = p > 0 ? (20 * Math.log10(p)).toFixed(0) : '-∞';
    throw new UserError(t('cloneClipSilent', db), 'bad-input', t('cloneClipSilentFix'));
  }
}

export function assertUsableClip(x: Float32Array, sampleRate: number): void {
  const seconds = x.length / sampleRate;
  if (seconds < MIN_CLIP_SECONDS) {
    throw new UserError(t('cloneClipTooShort', seconds.toFixed(1), MIN_CLIP_SECONDS), 'bad-input', t('cloneClipTooShortFix'));
  }
  const share = clippedShare(x);
  if (share > MAX_CLIPPED_SHARE) {
    throw new UserError(t('cloneClipClipped', (share * 100).toFixed(1)), 'bad-input', t('cloneClipClippedFix'));
  }
}
