// A Player that drains the stream without sound, counting what it received. Used where no audio output
// exists (benchmarks, headless CI) and as the measuring end of the UI benchmark.
import type { AudioChunk } from '../core/types';
import { abortError } from '../core/errors';
import type { PlaybackEvents, PlaybackResult, Player } from './player';

export class CountingPlayer implements Player {
  readonly kind = 'null' as const;
  last: PlaybackResult | undefined;

  async play(chunks: AsyncIterable<AudioChunk>, signal: AbortSignal, events?: PlaybackEvents): Promise<PlaybackResult> {
    const result: PlaybackResult = { chunks: 0, samples: 0, sampleRate: 24000, stopped: false };
    try {
      for await (const chunk of chunks) {
        if (signal.aborted) throw abortError();
        if (result.chunks === 0) events?.onFirstAudio?.();
        events?.onChunkStart?.(chunk, result.chunks);
        result.chunks++;
        result.samples += chunk.samples.length;
        result.sampleRate = chunk.sampleRate;
      }
    } catch (err) {
      if (!signal.aborted) throw err;
      result.stopped = true;
    }
    this.last = result;
    return result;
  }
}
