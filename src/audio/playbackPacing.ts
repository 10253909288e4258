// Keeps generation a bounded stretch of audio ahead of what the player has started: the built-in voice makes a
// minute of speech in a few seconds, and streaming a 10,000-character text's ten minutes at once to the player
// webview is ~60 MB of messages the workbench must carry before anything else, synthesized even if the user
// stops after one sentence. Players report each chunk as it starts to sound; that frees room for more.
import type { AudioChunk } from '../core/types';

const seconds = (c: AudioChunk) => c.samples.length / c.sampleRate;

export class PlaybackPacer {
  private yielded = 0;
  private started = 0;
  private wake: (() => void) | undefined;

  /** `aheadSeconds`: how much audio may be generated beyond the chunk sounding now. */
  constructor(private readonly aheadSeconds: number) {}

  /** The player started this chunk (it and what came before are no longer ahead). */
  chunkStarted(chunk: AudioChunk): void {
    this.started += seconds(chunk);
    this.wake?.();
  }

  /** Audio generated and not yet started, in seconds. */
  get ahead(): number {
    return this.yielded - this.started;
  }

  /** Passes the stream through, pulling the next chunk only while less than `aheadSeconds` is waiting to sound. */
  async *pace(stream: AsyncIterable<AudioChunk>, signal: AbortSignal): AsyncIterable<AudioChunk> {
    const onAbort = () => this.wake?.();
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      for await (const chunk of stream) {
        yield chunk;
        this.yielded += seconds(chunk);
        while (this.ahead > this.aheadSeconds && !signal.aborted) {
          await new Promise<void>((resolve) => (this.wake = resolve));
          this.wake = undefined;
        }
        if (signal.aborted) return;
      }
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }
}
