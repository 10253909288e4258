// The HTTP client of the synthesis protocol (notebook-template/openapi.json), on Node's own fetch.
// Every call has a deadline, reads at most a fixed number of bytes, retries only where nothing of the
// answer (no audio) has been used yet, and fails with a UserError that says what to do (see remoteErrors).
import { UserError, abortError, sleep } from '../core/errors';
import { t } from '../core/strings';
import type { AudioChunk, ReferenceVoice } from '../core/types';
import { Pcm16Decoder, decodeWav, type DecodedWav } from './pcm';
import {
  COMMON_HEADERS,
  DEFAULT_SAMPLE_RATE,
  PROTOCOL_VERSION,
  ROUTES,
  type EncodedVoice,
  type Health,
  type SpeechRequestBody,
  type VoiceList,
} from './protocol';
import {
  RemoteError,
  badReply,
  httpError,
  invalidJson,
  isRetriable,
  networkError,
  timeoutError,
  tooMuchData,
  truncatedAudio,
} from './remoteErrors';

export interface ClientOptions {
  /** Whole health / voices request. */
  healthTimeoutMs: number;
  /** From sending a synthesis request to its first audio byte. */
  firstByteTimeoutMs: number;
  /** Between two pieces of a streamed reply once audio flows. */
  idleTimeoutMs: number;
  /** Extra attempts after the first, on network errors and 5xx, only before any audio has arrived. */
  retries: number;
  /** First backoff; doubles each retry. */
  backoffMs: number;
  /** Most audio bytes one reply may hold (30 min of 24 kHz PCM16 by default): an endless stream ends here. */
  maxAudioBytes: number;
  /** Most bytes of a JSON reply. */
  maxJsonBytes: number;
  /** Largest reference clip cloneVoice sends (the server's limit). */
  maxUploadBytes: number;
  fetch: typeof fetch;
}

export const DEFAULT_CLIENT_OPTIONS: ClientOptions = {
  healthTimeoutMs: 10_000,
  firstByteTimeoutMs: 60_000,
  idleTimeoutMs: 60_000,
  retries: 2,
  backoffMs: 500,
  maxAudioBytes: 24_000 * 2 * 60 * 30,
  maxJsonBytes: 4 * 1024 * 1024,
  maxUploadBytes: 20 * 1024 * 1024,
  fetch: (...args) => fetch(...args),
};

const ERROR_BODY_BYTES = 16 * 1024;

function isLoopback(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

/**
 * Checks an endpoint URL and returns it without query, fragment or trailing slash. Plain http:// is refused
 * except to this machine: the token would cross the network in clear text.
 */
export function normalizeEndpoint(raw: string): string {
  const text = raw.trim();
  if (!text) throw new UserError(t('remoteNoEndpoint'), 'config', t('remoteFixNoEndpoint'));
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UserError(t('remoteBadUrl', text), 'bad-input', t('remoteFixUrl'));
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UserError(t('remoteBadUrl', text), 'bad-input', t('remoteFixUrl'));
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    throw new UserError(t('remoteHttpRefused', url.host), 'bad-input', t('remoteFixHttp'));
  }
  url.search = '';
  url.hash = '';
  return url.toString().replace(/\/+$/, '');
}

/** One request's deadline and cancellation: the caller's signal and our timer abort the same fetch. */
class Exchange {
  readonly ctl = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private timedOutAfterMs: number | undefined;
  private readonly onUserAbort = () => this.ctl.abort();

  constructor(private readonly userSignal: AbortSignal | undefined) {
    if (userSignal?.aborted) this.ctl.abort();
    else userSignal?.addEventListener('abort', this.onUserAbort, { once: true });
  }

  arm(ms: number): void {
    this.disarm();
    this.timer = setTimeout(() => {
      this.timedOutAfterMs = ms;
      this.ctl.abort();
    }, ms);
  }

  disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  close(): void {
    this.disarm();
    this.userSignal?.removeEventListener('abort', this.onUserAbort);
  }

  /** What the caller sees for an exception thrown by fetch or a body read. */
  fail(err: unknown, url: string, midBody: boolean): Error {
    if (this.userSignal?.aborted) return abortError();
    if (this.timedOutAfterMs !== undefined) return timeoutError(url, this.timedOutAfterMs / 1000);
    if (err instanceof UserError) return err;
    return networkError(err, url, midBody);
  }
}

interface Opened {
  res: Response;
  ex: Exchange;
  reader: ReadableStreamDefaultReader<Uint8Array>;
  /** The first piece of the body when the caller asked for it (it counts as "audio has arrived"). */
  first?: Uint8Array;
  done: boolean;
}

interface OpenOptions {
  method: 'GET' | 'POST';
  body?: Uint8Array | string;
  contentType?: string;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Statuses other than 2xx handed back to the caller instead of thrown (health's 503 body is a Health). */
  passStatus?: number[];
  /** Read the first body bytes inside the retry loop (for audio: a failure before them is retried). */
  primeFirstChunk?: boolean;
}


export interface HealthResult {
  health: Health;
  latencyMs: number;
}

export class RemoteClient {
  readonly endpoint: string;
  private readonly opts: ClientOptions;
  private readonly authHeader: string;

  constructor(endpoint: string, token: string, options: Partial<ClientOptions> = {}) {
    this.endpoint = normalizeEndpoint(endpoint);
    const tok = token.trim();
    if (!tok || /\s/.test(tok)) throw new UserError(t('remoteNoToken'), 'auth', t('remoteFixToken'));
    this.authHeader = `Bearer ${tok}`;
    this.opts = { ...DEFAULT_CLIENT_OPTIONS, ...options };
  }

  get options(): Readonly<ClientOptions> {
    return this.opts;
  }

  private url(path: string): string {
    return this.endpoint + path;
  }

  private async open(path: string, o: OpenOptions): Promise<Opened> {
    const url = this.url(path);
    for (let attempt = 0; ; attempt++) {
      const ex = new Exchange(o.signal);
      ex.arm(o.timeoutMs);
      let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
      try {
        const headers: Record<string, string> = { ...COMMON_HEADERS, Authorization: this.authHeader };
        if (o.contentType) headers['Content-Type'] = o.contentType;
        const res = await this.opts.fetch(url, {
          method: o.method,
          headers,
          body: o.body as BodyInit | undefined,
          signal: ex.ctl.signal,
          // A tunnel never redirects; following one could hand the token to another host or to plain http.
          redirect: 'manual',
        });
        reader = res.body?.getReader();
        if (res.status >= 300 && res.status < 400) {
          throw badReply(url, `a redirect (HTTP ${res.status}) to ${res.headers.get('location') ?? 'nowhere'}`);
        }
        if (!res.ok && !o.passStatus?.includes(res.status)) {
          const text = reader ? new TextDecoder().decode(await readUpTo(reader, ERROR_BODY_BYTES)) : '';
          throw httpError(res.status, res.headers.get('content-type') ?? '', text, url, path);
        }
        if (!reader) throw badReply(url, 'an empty reply');
        const opened: Opened = { res, ex, reader, done: false };
        if (o.primeFirstChunk) {
          // Skip empty pieces: "audio has arrived" means bytes, not a chunk header.
          for (;;) {
            const r = await reader.read();
            if (r.done) {
              opened.done = true;
              break;
            }
            if (r.value.length > 0) {
              opened.first = r.value;
              break;
            }
          }
        }
        return opened;
      } catch (err) {
        const e = ex.fail(err, url, false);
        ex.close();
        reader?.cancel().catch(() => undefined);
        if (!isRetriable(e) || attempt >= this.opts.retries) throw e;
        await sleep(this.opts.backoffMs * 2 ** attempt, o.signal);
      }
    }
  }

  /** A JSON reply, at most maxJsonBytes, checked to be JSON (an HTML page is a tunnel or a wrong URL). */
  private async json(path: string, o: OpenOptions): Promise<{ status: number; value: unknown }> {
    const url = this.url(path);
    const { res, ex, reader } = await this.open(path, o);
    try {
      const declared = Number(res.headers.get('content-length') ?? NaN);
      if (declared > this.opts.maxJsonBytes) throw tooMuchData(url, this.opts.maxJsonBytes);
      const bytes = await readAll(reader, this.opts.maxJsonBytes, () => tooMuchData(url, this.opts.maxJsonBytes));
      const text = new TextDecoder().decode(bytes);
      const type = res.headers.get('content-type') ?? '';
      if (/text\/html/i.test(type) || /^\s*</.test(text)) throw httpError(res.status, 'text/html', text.slice(0, ERROR_BODY_BYTES), url, path);
      try {
        return { status: res.status, value: JSON.parse(text) };
      } catch {
        throw invalidJson(url);
      }
    } catch (err) {
      reader.cancel().catch(() => undefined);
      throw ex.fail(err, url, true);
    } finally {
      ex.close();
    }
  }

  /** Authenticated health check; `latencyMs` is the round trip of this request. */
  async health(signal?: AbortSignal): Promise<HealthResult> {
    const started = performance.now();
    const { status, value } = await this.json(ROUTES.health, {
      method: 'GET',
      timeoutMs: this.opts.healthTimeoutMs,
      signal,
      passStatus: [503],
    });
    const latencyMs = performance.now() - started;
    const url = this.url(ROUTES.health);
    const h = value as Partial<Health> | null;
    if (!h || typeof h !== 'object' || typeof h.status !== 'string' || typeof h.model_loaded !== 'boolean') {
      if (status === 503) throw httpError(503, 'application/json', JSON.stringify(value), url, ROUTES.health);
      throw badReply(url, 'a health reply without "status" and "model_loaded"');
    }
    if (typeof h.protocol === 'number' && h.protocol !== PROTOCOL_VERSION) {
      throw new RemoteError(t('remoteProtocol', new URL(url).host, h.protocol, PROTOCOL_VERSION), 'server', t('remoteFixProtocol'), false, true);
    }
    if (status === 503 || h.status !== 'ready') {
      if (h.status === 'error') throw new RemoteError(t('remoteModelFailed', String(h.error ?? 'unknown error')), 'model', t('remoteFixModelFailed'), false, true);
      throw new RemoteError(t('remoteLoading'), 'not-ready', t('remoteFixLoading'), false, false);
    }
    return { health: h as Health, latencyMs };
  }

  async voices(signal?: AbortSignal): Promise<VoiceList> {
    const { value } = await this.json(ROUTES.voices, { method: 'GET', timeoutMs: this.opts.healthTimeoutMs, signal });
    const v = value as VoiceList;
    if (!v || !Array.isArray(v.voices) || !v.voices.every((x) => x && typeof x.id === 'string')) {
      throw badReply(this.url(ROUTES.voices), 'a voice list without "voices"');
    }
    return v;
  }

  /** POSTs a speech request; the first body bytes are read inside the retry loop (audio is retried only before them). */
  private openSpeech(payload: SpeechRequestBody, signal?: AbortSignal) {
    return this.open(ROUTES.speech, {
      method: 'POST',
      body: JSON.stringify(payload),
      contentType: 'application/json',
      timeoutMs: this.opts.firstByteTimeoutMs,
      signal,
      primeFirstChunk: true,
    });
  }

  /** Streams the speech as it is generated (chunked PCM16). Breaking out of the loop closes the request. */
  async *speechStream(body: SpeechRequestBody, signal?: AbortSignal): AsyncGenerator<AudioChunk> {
    const url = this.url(ROUTES.speech);
    const opened = await this.openSpeech({ ...body, response_format: 'pcm', stream: true }, signal);
    const { res, ex, reader } = opened;
    let finished = opened.done;
    try {
      checkAudioType(res, url);
      const sampleRate = sampleRateOf(res);
      const decoder = new Pcm16Decoder();
      let total = 0;
      let piece = opened.first;
      while (!finished) {
        if (piece) {
          total += piece.length;
          if (total > this.opts.maxAudioBytes) throw tooMuchData(url, this.opts.maxAudioBytes);
          const samples = decoder.push(piece);
          if (samples.length > 0) {
            // No timer runs while the consumer holds the chunk (a player may take its time).
            ex.disarm();
            yield { samples, sampleRate };
          }
        }
        ex.arm(this.opts.idleTimeoutMs);
        let r: ReadableStreamReadResult<Uint8Array>;
        try {
          r = await reader.read();
        } catch (err) {
          throw ex.fail(err, url, true);
        }
        if (r.done) finished = true;
        else piece = r.value;
      }
      if (total === 0) throw truncatedAudio(url, 'no audio at all');
      if (decoder.hasPartialSample) throw truncatedAudio(url, 'the last sample is cut in half');
    } finally {
      ex.close();
      if (!finished) reader.cancel().catch(() => undefined);
    }
  }

  /** The whole speech as one WAV file, read up to maxAudioBytes and checked to be complete. */
  async speechWav(body: SpeechRequestBody, signal?: AbortSignal): Promise<DecodedWav> {
    const url = this.url(ROUTES.speech);
    const opened = await this.openSpeech({ ...body, response_format: 'wav', stream: false }, signal);
    const { res, ex, reader } = opened;
    try {
      checkAudioType(res, url);
      const declared = Number(res.headers.get('content-length') ?? NaN);
      if (declared > this.opts.maxAudioBytes) throw tooMuchData(url, this.opts.maxAudioBytes);
      ex.arm(this.opts.idleTimeoutMs);
      let rest: Uint8Array;
      try {
        rest = opened.done ? new Uint8Array(0) : await readAll(reader, this.opts.maxAudioBytes, () => tooMuchData(url, this.opts.maxAudioBytes), opened.first, () => ex.arm(this.opts.idleTimeoutMs));
      } catch (err) {
        throw ex.fail(err, url, true);
      }
      try {
        return decodeWav(rest);
      } catch (err) {
        throw truncatedAudio(url, (err as Error).message);
      }
    } catch (err) {
      reader.cancel().catch(() => undefined);
      throw err;
    } finally {
      ex.close();
    }
  }

  /** Voice cloning: the server encodes the reference clip with its PyTorch codec and returns the codes. */
  async cloneVoice(audio: Uint8Array, transcript: string, signal?: AbortSignal): Promise<ReferenceVoice> {
    const text = transcript.trim();
    if (!text) throw new UserError(t('remoteRejected', 'the transcript of the reference audio is empty'), 'bad-input');
    if (audio.length > this.opts.maxUploadBytes) {
      throw new UserError(t('remoteTooLarge', `${audio.length} bytes`), 'bad-input', t('remoteFixTooLarge'));
    }
    const path = `${ROUTES.encodeVoice}?text=${encodeURIComponent(text)}`;
    const { value } = await this.json(path, {
      method: 'POST',
      body: audio,
      contentType: sniffAudioType(audio),
      timeoutMs: this.opts.firstByteTimeoutMs,
      signal,
    });
    const v = value as EncodedVoice;
    if (!v || !Array.isArray(v.codes) || v.codes.length === 0 || !v.codes.every((c) => Number.isInteger(c) && c >= 0 && c <= 65535)) {
      throw badReply(this.url(ROUTES.encodeVoice), 'no valid codes');
    }
    return { codes: v.codes, text };
  }
}

function checkAudioType(res: Response, url: string): void {
  const type = res.headers.get('content-type') ?? '';
  if (!/^audio\//i.test(type)) throw badReply(url, `"${type || 'no content type'}" where audio was expected`);
}

function sampleRateOf(res: Response): number {
  const rate = Number(res.headers.get('x-sample-rate') ?? DEFAULT_SAMPLE_RATE);
  return Number.isInteger(rate) && rate >= 1000 && rate <= 192000 ? rate : DEFAULT_SAMPLE_RATE;
}

function sniffAudioType(b: Uint8Array): string {
  const s = String.fromCharCode(...b.subarray(0, 4));
  if (s === 'RIFF') return 'audio/wav';
  if (s === 'fLaC') return 'audio/flac';
  if (s === 'OggS') return 'audio/ogg';
  if (s.startsWith('ID3') || (b[0] === 0xff && (b[1] & 0xe0) === 0xe0)) return 'audio/mpeg';
  return 'application/octet-stream';
}

/** Reads at most `limit` bytes and stops (for error bodies, whose head is all we need). */
async function readUpTo(reader: ReadableStreamDefaultReader<Uint8Array>, limit: number): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let total = 0;
  try {
    while (total < limit) {
      const r = await reader.read();
      if (r.done) break;
      parts.push(r.value);
      total += r.value.length;
    }
  } catch {
    /* an error body that breaks off is still worth its first bytes */
  }
  reader.cancel().catch(() => undefined);
  return concat(parts, Math.min(total, limit));
}

/** Reads the whole body, failing (and cancelling) as soon as it passes `limit`: memory stays bounded. */
async function readAll(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  limit: number,
  over: () => Error,
  first?: Uint8Array,
  onPiece?: () => void,
): Promise<Uint8Array> {
  const parts: Uint8Array[] = first ? [first] : [];
  let total = first?.length ?? 0;
  if (total > limit) throw over();
  for (;;) {
    const r = await reader.read();
    if (r.done) break;
    total += r.value.length;
    if (total > limit) {
      reader.cancel().catch(() => undefined);
      throw over();
    }
    parts.push(r.value);
    onPiece?.();
  }
  return concat(parts, total);
}

function concat(parts: Uint8Array[], total: number): Uint8Array {
  if (parts.length === 1 && parts[0].length === total) return parts[0];
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    const n = Math.min(p.length, total - o);
    out.set(p.subarray(0, n), o);
    o += n;
  }
  return out;
}
