// How many prompt tokens a runner evaluates per step while prefilling. An abort is noticed only between steps
// (neither llama.cpp's abort callback nor onnxruntime's run termination is reachable from here), so a step is
// sized to take about PREFILL_BATCH_MS on this machine, learnt from the steps before it: as large as allowed on
// a fast machine, smaller on a slow one. Smaller steps cost more per token (llama.cpp has ~25 ms of fixed cost
// per batch on a 2-core VM), hence a floor.

/** Target time of one prefill step: an abort during prefill then ends the stream within 100 ms. */
export const PREFILL_BATCH_MS = 80;
export const MIN_PREFILL_BATCH = 16;

/** Tokens for the next prefill step: as many as take `targetMs` at the measured speed, within [floor, max]. */
export function prefillBatchSize(max: number, targetMs: number, msPerToken: number | undefined): number {
  if (msPerToken === undefined || !(msPerToken > 0) || targetMs <= 0) return max;
  return Math.max(Math.min(MIN_PREFILL_BATCH, max), Math.min(max, Math.floor(targetMs / msPerToken)));
}
