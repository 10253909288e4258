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

export interface ManagerOptions {
  /** Speak with a ready Local when the active Colab is not ready, instead of refusing (vieneu.colab.fallbackToLocal). */
  fallbackToLocal?: () => boolean;
}

export class BackendManager implements Disposable {
  private activeId: BackendId;
  private readonly onDidChangeEmitter = new Emitter<ManagerState>();
  readonly onDidChange = this.onDidChangeEmitter.event;
  private readonly fellBackEmitter = new Emitter<UserError>();
  /** Speaking moved to Local on its own (the fallback setting); carries what happened to Colab. */
  readonly onDidFallBack = this.fellBackEmitter.event;
  private readonly subscriptions: Disposable[] = [];

  constructor(
    private readonly backends: Record<BackendId, TtsBackend>,
    initial: BackendId = 'local',
    private readonly options: ManagerOptions = {},
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
   * Why Speak cannot run on the active backend, in the words of speaking (not of switching): what happened to
   * it, and the other backend as the way on when that one is ready.
   */
  whyCannotSpeak(): UserError | undefined {
    const active = this.activeBackend;
    if (active.status.state === 'ready') return undefined;
    const otherReady = this.backends[active.id === 'local' ? 'colab' : 'local'].status.state === 'ready';
    if (active.id === 'local') {
      return otherReady ? this.whyNotReady('local') : noneReady();
    }
    // Colab in an error state: a server that did not answer (network, timeout, server error) "stopped
    // answering"; any other error (a refused token, a bad URL) is said as it is.
    const lost = active.status.state === 'error';
    const code = String(active.status.info?.code ?? '');
    const detail = active.status.detail.replace(/[.\s]+$/, '');
    const message = !lost
      ? t('speakColabNotConnected')
      : ['network', 'timeout', 'server'].includes(code)
        ? t('speakColabStopped', detail)
        : t('speakColabUnavailable', detail);
    if (!otherReady) {
      return lost
        ? new UserError(message, 'not-ready', t('fixColabStopped'), [{ label: t('actionConnectColab'), command: 'vieneu.connectColab' }])
        : noneReady();
    }
    return new UserError(message, 'not-ready', t('fixSpeakWithLocal'), [
      { label: t('actionSpeakWithLocal'), command: SPEAK_WITH_LOCAL_COMMAND },
      { label: t('actionAlwaysFallBack'), command: 'workbench.action.openSettings', args: ['vieneu.colab.fallbackToLocal'] },
    ]);
  }

  /**
   * The backend the next utterance speaks on: the active one when ready; a ready Local instead of a Colab
   * that is not, when the fallback setting says so (the switch is announced by onDidFallBack). Throws why
   * nothing can speak otherwise.
   */
  prepareToSpeak(): TtsBackend {
    const why = this.whyCannotSpeak();
    if (!why) return this.activeBackend;
    if (this.activeId === 'colab' && this.backends.local.status.state === 'ready' && this.options.fallbackToLocal?.()) {
      this.activeId = 'local';
      this.onDidChangeEmitter.fire(this.state);
      this.fellBackEmitter.fire(why);
      return this.backends.local;
    }
    throw why;
  }

  /**
   * Synthesizes on the backend that is active when the call is made. A switch during a request does not
   * move that request: it finishes where it started, the next one goes to the new backend.
   */
  synthesize(request: SynthesisRequest, signal: AbortSignal): AsyncIterable<AudioChunk> {
    return this.prepareToSpeak().synthesize(request, signal);
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.onDidChangeEmitter.dispose();
    this.fellBackEmitter.dispose();
  }
}

/** The command behind "Speak with Local": switches to Local and says the last text again (see commands.ts). */
export const SPEAK_WITH_LOCAL_COMMAND = 'vieneu.speakWithLocal';

function noneReady(): UserError {
  return new UserError(t('noBackendReady'), 'not-ready', undefined, [
    { label: t('actionLoadModel'), command: 'vieneu.loadLocalModel' },
    { label: t('actionConnectColab'), command: 'vieneu.connectColab' },
  ]);
}
