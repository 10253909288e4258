// A minimal typed event emitter with the same shape as vscode.Event, so the core can expose events
// without importing vscode, and the adapters can pass them straight through.

export interface Disposable {
  dispose(): void;
}

export type Event<T> = (listener: (e: T) => void) => Disposable;

export class Emitter<T> implements Disposable {
  private listeners = new Set<(e: T) => void>();

  readonly event: Event<T> = (listener) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  fire(value: T): void {
    // A throwing listener must not stop the others (a broken UI part must not silence the status bar).
    for (const l of [...this.listeners]) {
      try {
        l(value);
      } catch (err) {
        console.error('[vieneu] event listener failed:', err);
      }
    }
  }

  dispose(): void {
    this.listeners.clear();
  }
}
