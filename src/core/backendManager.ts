// Holds both backends, knows which one is active, and routes requests there. Both may be ready at once;
// switching only changes a pointer, so it is instant and never restarts or unloads anything.
import { Emitter, type Disposable } from './events';
import { UserError } from './errors';
import { t } from './strings';
import type { AudioChunk, BackendId, BackendStatus, SynthesisRequest, TtsBackend } from './types';

export interface ManagerState {
  active: BackendId;
  statuses: Record<BackendId, BackendStatus>;
}

export class BackendManager implements Disposable {
  private activeId: BackendId;
  private readonly onDidChangeEmitter = new Emitter<ManagerState>();
  readonly onDidChange = this.onDidChangeEmitter.event;
  private readonly subscriptions: Disposable[] = [];

  constructor(
    private readonly backends: Record<BackendId, TtsBackend>,
    initial: BackendId = 'local',
  ) {
    this.activeId = initial;
    for (const b of Object.values(backends)) {
      this.subscriptions.push(b.onDidChangeStatus(() => this.onDidChangeEmitter.fire(this.state)));
    }
  }

  get active(): BackendId {
    return this.activeId;
  }

  get activeBackend(): TtsBackend {
    return this.backends[this.activeId];
  }

  backend(id: BackendId): TtsBackend {
    return this.backends[id];
  }

  get state(): ManagerState {
    return {
      active: this.activeId,
      statuses: { local: this.backends.local.status, colab: this.backends.colab.status },
    };
  }

  /** Why a switch to `id` would be refused, or undefined if it is allowed. */
  whyNotReady(id: BackendId): UserError | undefined {
    if (this.backends[id].status.state === 'ready') return undefined;
    return id === 'colab'
      ? new UserError(t('cannotSwitchColab'), 'not-ready', t('fixConnectColab'), [
          { label: t('actionConnectColab'), command: 'vieneu.connectColab' },
          { label: t('actionOpenPanel'), command: 'vieneu.openAdminPanel' },
        ])
      : new UserError(t('cannotSwitchLocal'), 'not-ready', t('fixLoadLocal'), [
          { label: t('actionLoadModel'), command: 'vieneu.loadLocalModel' },
          { label: t('actionOpenPanel'), command: 'vieneu.openAdminPanel' },
        ]);
  }

  /** Makes `id` active. Refuses (throws) when it is not ready, leaving the active backend as it was. */
  switchTo(id: BackendId): void {
    if (id === this.activeId) return;
    const why = this.whyNotReady(id);
    if (why) throw why;
    this.activeId = id;
    this.onDidChangeEmitter.fire(this.state);
  }

  /** Sets the active mode without the readiness check: for restoring the saved mode at start-up. */
  restore(id: BackendId): void {
    this.activeId = id;
    this.onDidChangeEmitter.fire(this.state);
  }

  /**
   * Synthesizes on the backend that is active when the call is made. A switch during a request does not
   * move that request: it finishes where it started, the next one goes to the new backend.
   */
  synthesize(request: SynthesisRequest, signal: AbortSignal): AsyncIterable<AudioChunk> {
    const backend = this.activeBackend;
    if (backend.status.state !== 'ready') {
      const other = this.backends[backend.id === 'local' ? 'colab' : 'local'];
      const err = this.whyNotReady(backend.id)!;
      if (other.status.state !== 'ready') {
        throw new UserError(t('noBackendReady'), 'not-ready', undefined, [
          { label: t('actionLoadModel'), command: 'vieneu.loadLocalModel' },
          { label: t('actionConnectColab'), command: 'vieneu.connectColab' },
        ]);
      }
      throw err;
    }
    return backend.synthesize(request, signal);
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.onDidChangeEmitter.dispose();
  }
}
