// A backend slot whose implementation is not available in this build or on this platform (e.g. a native
// module failed to load): it reports why, and every request is refused with that reason.
import { Emitter } from './events';
import { UserError } from './errors';
import type { AudioChunk, BackendId, BackendStatus, SynthesisRequest, TtsBackend } from './types';

export class NotReadyBackend implements TtsBackend {
  private readonly emitter = new Emitter<BackendStatus>();
  readonly onDidChangeStatus = this.emitter.event;
  readonly status: BackendStatus;

  constructor(
    readonly id: BackendId,
    detail: string,
  ) {
    this.status = { state: 'idle', detail };
  }

  // eslint-disable-next-line require-yield
  async *synthesize(_request: SynthesisRequest, _signal: AbortSignal): AsyncIterable<AudioChunk> {
    throw new UserError(this.status.detail, 'not-ready');
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
