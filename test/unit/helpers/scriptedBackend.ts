// A test double for TtsBackend: a status you set by hand and audio you script. Never used by the product.
import { Emitter } from '../../../src/core/events';
import { abortError } from '../../../src/core/errors';
import type { AudioChunk, BackendId, BackendStatus, SynthesisRequest, TtsBackend } from '../../../src/core/types';

export class ScriptedBackend implements TtsBackend {
  private readonly emitter = new Emitter<BackendStatus>();
  readonly onDidChangeStatus = this.emitter.event;
  readonly requests: SynthesisRequest[] = [];
  status: BackendStatus = { state: 'idle', detail: 'idle' };

  constructor(
    readonly id: BackendId,
    private readonly chunks = 3,
  ) {}

  setState(state: BackendStatus['state'], detail = state): void {
    this.status = { state, detail };
    this.emitter.fire(this.status);
  }

  async *synthesize(request: SynthesisRequest, signal: AbortSignal): AsyncIterable<AudioChunk> {
    this.requests.push(request);
    for (let i = 0; i < this.chunks; i++) {
      if (signal.aborted) throw abortError();
      await new Promise((r) => setTimeout(r, 1));
      yield { samples: new Float32Array(240).fill(this.id === 'local' ? 0.1 : 0.2), sampleRate: 24000 };
    }
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
