// The Player that plays through the player webview, minus the webview hosting (webviewPlayer.ts does that):
// it streams each chunk to the page as soon as the backend yields it, relays the page's events (first audio,
// chunk start for highlighting, end) and stops both sides at once. No `vscode` import, so it is tested
// against the real page in Chromium with a plain message channel.
import { UserError } from '../../core/errors';
import type { Disposable } from '../../core/events';
import { t } from '../../core/strings';
import type { AudioChunk } from '../../core/types';
import { floatToPcm16 } from '../../audio/pcm16';
import type { PlaybackEvents, PlaybackResult, Player } from '../../audio/player';
import type { FromPlayer, ToPlayer } from './protocol';

export interface PlayerChannel {
  post(msg: ToPlayer): void;
  onMessage(listener: (m: FromPlayer) => void): Disposable;
}

export interface WebviewPlayerHooks {
  /** Shows the player (creating it if needed) and resolves once its page said ready. */
  ready(signal: AbortSignal): Promise<PlayerChannel>;
  /** The page needs a click before it may play: tell the user where. */
  onGestureNeeded?(): void;
  /** The user pressed Stop in the player page. */
  onStopRequested?(): void;
}

export interface WebviewPlayerStats {
  utterances: number;
  chunksSent: number;
  firstAudio: number;
  chunkStarts: number;
  ended: number;
  stopped: number;
  gestureNeeded: number;
}

/** Float samples -> base64 PCM16 (Buffer is the fast path on the host; the page decodes with protocol.ts). */
export function pcm16Base64(samples: Float32Array): string {
  const pcm = floatToPcm16(samples);
  return Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength).toString('base64');
}

export class WebviewPlayerCore implements Player {
  readonly kind = 'webview' as const;
  readonly stats: WebviewPlayerStats = { utterances: 0, chunksSent: 0, firstAudio: 0, chunkStarts: 0, ended: 0, stopped: 0, gestureNeeded: 0 };
  private seq = 0;
  /** The utterance playing now, to pause or resume it. */
  private active?: { id: number; ch: PlayerChannel };
  private pausedNow = false;

  constructor(private readonly hooks: WebviewPlayerHooks) {}

  get paused(): boolean {
    return this.pausedNow;
  }

  setPaused(paused: boolean): boolean {
    if (!this.active) return false;
    this.pausedNow = paused;
    this.active.ch.post({ type: 'pause', id: this.active.id, paused });
    return true;
  }

  /** Asks the page for its counters and audio state (tests and diagnostics). */
  async probe(timeoutMs = 3000): Promise<(FromPlayer & { type: 'stats' }) | undefined> {
    const ch = await this.hooks.ready(AbortSignal.timeout(timeoutMs));
    return new Promise((resolve) => {
      const timer = setTimeout(() => (sub.dispose(), resolve(undefined)), timeoutMs);
      const sub = ch.onMessage((m) => {
        if (m.type !== 'stats') return;
        clearTimeout(timer);
        sub.dispose();
        resolve(m);
      });
      ch.post({ type: 'probe' });
    });
  }

  async play(chunks: AsyncIterable<AudioChunk>, signal: AbortSignal, events: PlaybackEvents = {}): Promise<PlaybackResult> {
    const ch = await this.hooks.ready(signal);
    const id = ++this.seq;
    this.stats.utterances++;
    const sent: AudioChunk[] = [];
    const result: PlaybackResult = { chunks: 0, samples: 0, sampleRate: 0, stopped: false };

    let settle!: (r: { stopped: boolean } | Error) => void;
    const finished = new Promise<{ stopped: boolean } | Error>((r) => (settle = r));
    const sub = ch.onMessage((m) => {
      if (m.type === 'stopRequested') return this.hooks.onStopRequested?.();
      if (!('id' in m) || m.id !== id) return;
      switch (m.type) {
        case 'firstAudio':
          this.stats.firstAudio++;
          events.onFirstAudio?.();
          break;
        case 'chunkStart':
          this.stats.chunkStarts++;
          if (sent[m.index]) events.onChunkStart?.(sent[m.index], m.index);
          break;
        case 'paused':
          this.pausedNow = m.paused;
          events.onPaused?.(m.paused);
          break;
        case 'gestureNeeded':
          this.stats.gestureNeeded++;
          this.hooks.onGestureNeeded?.();
          break;
        case 'ended':
          this.stats.ended++;
          settle({ stopped: m.stopped });
          break;
        case 'error':
          settle(new UserError(t('uiPlayerError', m.message), 'internal', t('uiSystemPlayerHint')));
          break;
      }
    });
    // Stop means now: the page silences its sources; we do not wait for the generator to wind down.
    const onAbort = () => {
      ch.post({ type: 'stop', id });
      settle({ stopped: true });
    };
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });

    ch.post({ type: 'start', id });
    this.active = { id, ch };
    this.pausedNow = false;
    const pump = (async () => {
      for await (const chunk of chunks) {
        if (signal.aborted) return;
        sent[result.chunks] = chunk;
        // Each chunk goes at its own rate: the page's AudioBuffers carry it and Web Audio resamples to the device.
        result.sampleRate ||= chunk.sampleRate;
        ch.post({ type: 'chunk', id, index: result.chunks, sampleRate: chunk.sampleRate, pcm: pcm16Base64(chunk.samples) });
        this.stats.chunksSent++;
        result.chunks++;
        result.samples += chunk.samples.length;
      }
      if (!signal.aborted) ch.post({ type: 'end', id });
    })().catch((err: unknown) => {
      if (signal.aborted) return;
      // Generation failed midway: silence what is queued and report the backend's error.
      ch.post({ type: 'stop', id });
      settle(err instanceof Error ? err : new Error(String(err)));
    });

    try {
      const outcome = await finished;
      if (outcome instanceof Error) throw outcome;
      result.stopped = outcome.stopped || signal.aborted;
      if (result.stopped) this.stats.stopped++;
      else await pump; // already done: the page only ends after 'end'
      return result;
    } finally {
      signal.removeEventListener('abort', onAbort);
      sub.dispose();
      if (this.active?.id === id) {
        this.active = undefined;
        this.pausedNow = false;
      }
    }
  }
}
