// Runs a check every `intervalMs`, one at a time (a slow check delays the next instead of piling up), and
// can be asked to check at once (after a failed request). Timers are unref'd: polling never keeps a
// process alive on its own.

export class HealthPoller {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private stopped = true;
  private pending: Promise<void> | undefined;

  constructor(
    private readonly check: () => Promise<void>,
    private intervalMs: number,
  ) {}

  get interval(): number {
    return this.intervalMs;
  }

  start(): void {
    this.stopped = false;
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  setInterval(ms: number): void {
    this.intervalMs = ms;
    if (!this.stopped && !this.running) this.schedule();
  }

  /** Checks now (or joins the check under way) and reschedules the next one a full interval later. */
  checkNow(): Promise<void> {
    if (this.running && this.pending) return this.pending;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.running = true;
    this.pending = this.check()
      .catch(() => undefined)
      .finally(() => {
        this.running = false;
        this.pending = undefined;
        if (!this.stopped) this.schedule();
      });
    return this.pending;
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.checkNow();
    }, this.intervalMs);
    this.timer.unref?.();
  }
}
