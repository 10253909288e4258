// The HTTP client of a speech server, on Node's own fetch. It speaks three kinds of server (protocol.ts
// ServerKind): the notebook's server.py (notebook-template/openapi.json), upstream VieNeu-TTS's OpenAI speech
// server, and plain OpenAI-compatible ones; probe() tells them apart from what /health and /v1/models answer.
// Every call has a deadline, reads at most a fixed number of bytes, retries only where nothing of the
// answer (no audio) has been used yet, and fails with a UserError that says what to do (see remoteErrors).
// The sample rate of every reply is read from the reply itself (X-Sample-Rate, the WAV header) or, failing
// that, is the documented rate of that kind of server for that request.
import { UserError, abortError, sleep } from '../core/errors';
import { t } from '../core/strings';
import type { AudioChunk, ReferenceVoice } from '../core/types';
import { Pcm16Decoder, decodeWav, type DecodedWav } from './pcm';
import {
  COMMON_HEADERS,
  DEFAULT_SAMPLE_RATE,
  OPENAI_PCM_RATE,
  OPENAI_VOICES,
  PROTOCOL_VERSION,
  ROUTES,
  UPSTREAM_NATIVE_RATE,
  UPSTREAM_ROUTES,
  type EncodedVoice,
  type Health,
  type ModelEntry,
  type OpenAiSpeechBody,
  type ServerInfo,
  type ServerKind,
  type SpeechRequestBody,
  type UpstreamHealth,
  type UpstreamSpeechBody,
  type Voice,
  type VoiceList,
} from './protocol';
import {
  RemoteError,
  badReply,
  cleanServerText,
  hostOf,
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
  /** Stream format asked of servers that offer a choice (upstream's): raw chunked audio or Server-Sent Events. */
  streamFormat: 'audio' | 'sse';
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
  streamFormat: 'audio',
  fetch: (...args) => fetch(...args),
};

const ERROR_BODY_BYTES = 16 * 1024;
/** The longest transcript of a reference clip: the same limit as server.py's `ref_text` for speech. */
export const MAX_TRANSCRIPT_CHARS = 2000;

/** A URL for messages: user:password@ removed even when the text does not parse as a URL. */
export function withoutCredentials(text: string): string {
  return text.replace(/\/\/[^/?#@\s]*@/g, '//');
}

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
  const shown = cleanServerText(withoutCredentials(text), 200);
  try {
    url = new URL(text);
  } catch {
    throw new UserError(t('remoteBadUrl', shown), 'bad-input', t('remoteFixUrl'));
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UserError(t('remoteBadUrl', shown), 'bad-input', t('remoteFixUrl'));
  // A password in the URL would end up in every message, the status line and the log; the token or API key
  // field is where it belongs.
  if (url.username || url.password) throw new UserError(t('remoteCredentialsInUrl', url.host), 'bad-input', t('remoteFixCredentialsInUrl'));
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
  /** The kind of server whose auth advice a 401 gets (during the probe, before `info` is set). */
  kind?: ServerKind;
}


export interface HealthResult {
  server: ServerInfo;
  latencyMs: number;
}

/** A loosely read reply of the probe: status, type and text, JSON parsed when it is JSON. */
interface LooseReply {
  status: number;
  type: string;
  text: string;
  json: unknown;
}

const AUTH_FIX: Record<ServerKind, () => string> = {
  'vieneu-notebook': () => t('remoteFixToken'),
  'vieneu-openai': () => t('remoteFixApiKeyUpstream'),
  openai: () => t('remoteFixApiKeyOpenai'),
};

/** Model ids OpenAI-shaped servers use for speech, in order of preference. */
const SPEECH_MODEL_IDS = ['tts-1', 'gpt-4o-mini-tts', 'tts-1-hd', 'kokoro'];

export class RemoteClient {
  readonly endpoint: string;
  private readonly opts: ClientOptions;
  private readonly authHeader: string | undefined;
  private info: ServerInfo | undefined;
  /** The plain OpenAI-shaped server lists voices at /v1/audio/voices (Kokoro) or not at all (OpenAI). */
  private openAiVoicesRoute = true;
  private defaultOpenAiVoice: string = OPENAI_VOICES[0];

  /**
   * `token` may be empty: upstream's server without VIENEU_API_KEY and Kokoro-FastAPI need none. A server that
   * wants one then answers 401, which says so.
   */
  constructor(endpoint: string, token: string, options: Partial<ClientOptions> = {}) {
    this.endpoint = normalizeEndpoint(endpoint);
    const tok = token.trim();
    if (/\s/.test(tok)) throw new UserError(t('remoteTokenHasSpaces'), 'auth', t('remoteFixToken'));
    this.authHeader = tok ? `Bearer ${tok}` : undefined;
    this.opts = { ...DEFAULT_CLIENT_OPTIONS, ...options };
  }

  /** What probe() found; undefined before the first successful probe. */
  get server(): ServerInfo | undefined {
    return this.info;
  }

  private get kind(): ServerKind {
    return this.info?.kind ?? 'vieneu-notebook';
  }

  private errorContext(kind: ServerKind = this.kind) {
    return { authFix: AUTH_FIX[kind](), noToken: !this.authHeader };
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
        const headers: Record<string, string> = { ...COMMON_HEADERS };
        if (this.authHeader) headers.Authorization = this.authHeader;
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
          throw httpError(res.status, res.headers.get('content-type') ?? '', text, url, path, { ...this.errorContext(o.kind), retryAfter: res.headers.get('retry-after') });
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
        // A busy server (429) says when to come back; otherwise back off exponentially.
        const wait = e instanceof RemoteError && e.retryAfterMs !== undefined ? e.retryAfterMs : this.opts.backoffMs * 2 ** attempt;
        await sleep(wait, o.signal);
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
      if (/text\/html/i.test(type) || /^\s*</.test(text)) throw httpError(res.status, 'text/html', text.slice(0, ERROR_BODY_BYTES), url, path, this.errorContext(o.kind));
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

  /** Any reply, read loosely (the probe decides what a 404 or a web page means). */
  private async loose(path: string, o: OpenOptions): Promise<LooseReply> {
    const url = this.url(path);
    const { res, ex, reader } = await this.open(path, o);
    try {
      const bytes = await readAll(reader, this.opts.maxJsonBytes, () => tooMuchData(url, this.opts.maxJsonBytes));
      const text = new TextDecoder().decode(bytes);
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      return { status: res.status, type: res.headers.get('content-type') ?? '', text, json };
    } catch (err) {
      reader.cancel().catch(() => undefined);
      throw ex.fail(err, url, true);
    } finally {
      ex.close();
    }
  }

  /**
   * Finds out which kind of server answers (from /health and /v1/models, never from the URL), checks the
   * token or key, and returns what it can do. `latencyMs` is the round trip of the first request.
   */
  async probe(signal?: AbortSignal): Promise<HealthResult> {
    const started = performance.now();
    const o = { method: 'GET' as const, timeoutMs: this.opts.healthTimeoutMs, signal };
    const url = this.url(ROUTES.health);
    const h = await this.loose(ROUTES.health, { ...o, passStatus: [503, 404, 405, 401, 403] });
    const latencyMs = performance.now() - started;
    const body = h.json as Record<string, unknown> | undefined;
    if (h.status === 401 || h.status === 403) {
      // Only the notebook's server guards /health, with its own error code; OpenAI guards every path.
      const code = (body?.error as { code?: unknown } | undefined)?.code;
      throw httpError(h.status, h.type, h.text.slice(0, ERROR_BODY_BYTES), url, ROUTES.health, this.errorContext(code === 'unauthorized' ? 'vieneu-notebook' : 'openai'));
    }
    if (h.status !== 404 && h.status !== 405 && (h.json === undefined || /text\/html/i.test(h.type))) {
      if (/^\s*</.test(h.text) || /text\/html/i.test(h.type)) throw httpError(h.status, 'text/html', h.text.slice(0, ERROR_BODY_BYTES), url, ROUTES.health);
      throw invalidJson(url);
    }
    // A tunnel's "offline" page comes as a 404 too: say the tunnel is down, not "no health route".
    if (/ERR_NGROK_\d+|error\s*1033/i.test(h.text)) throw httpError(h.status, h.type, h.text.slice(0, ERROR_BODY_BYTES), url, ROUTES.health);
    if (body && typeof body === 'object' && typeof body.model_loaded === 'boolean') {
      this.info = notebookInfo(this.checkNotebookHealth(h.status, body, url));
    } else if (body && typeof body === 'object' && (body.status === 'ok' || body.status === 'error') && ('backend' in body || 'max_streams' in body)) {
      this.info = await this.upstreamInfo(h.status, body as unknown as UpstreamHealth, signal);
    } else {
      this.info = await this.openAiInfo(signal);
    }
    return { server: this.info, latencyMs };
  }

  /** The notebook's health rules: protocol version, loading, failed. */
  private checkNotebookHealth(status: number, value: Record<string, unknown>, url: string): Health {
    const h = value as Partial<Health>;
    if (typeof h.status !== 'string') {
      if (status === 503) throw httpError(503, 'application/json', JSON.stringify(value), url, ROUTES.health);
      throw badReply(url, 'a health reply without "status" and "model_loaded"');
    }
    if (typeof h.protocol === 'number' && h.protocol !== PROTOCOL_VERSION) {
      throw new RemoteError(t('remoteProtocol', new URL(url).host, h.protocol, PROTOCOL_VERSION), 'server', t('remoteFixProtocol'), false, true);
    }
    if (status === 503 || h.status !== 'ready') {
      if (h.status === 'error') throw new RemoteError(t('remoteModelFailed', cleanServerText(String(h.error ?? 'unknown error'))), 'model', t('remoteFixModelFailed'), false, true);
      throw new RemoteError(t('remoteLoading'), 'not-ready', t('remoteFixLoading'), false, false);
    }
    return h as Health;
  }

  private upstreamDown(h: UpstreamHealth): RemoteError {
    return new RemoteError(t('remoteModelFailed', cleanServerText(String(h.error ?? 'status "error"'))), 'model', t('remoteFixUpstreamDown'), false, true);
  }

  /** upstream's server: /health is open, so /v1/models (which needs the key) checks the key as well. */
  private async upstreamInfo(status: number, h: UpstreamHealth, signal?: AbortSignal): Promise<ServerInfo> {
    if (status === 503 || h.status === 'error') throw this.upstreamDown(h);
    const { value } = await this.json(UPSTREAM_ROUTES.models, { method: 'GET', timeoutMs: this.opts.healthTimeoutMs, signal, kind: 'vieneu-openai' });
    const entries = modelEntries(value);
    const m = entries.find((e) => Array.isArray(e.sample_rates) || Array.isArray(e.stream_formats)) ?? entries[0];
    const native = positiveRate(m?.sample_rate) ?? positiveRate(h.sample_rate) ?? UPSTREAM_NATIVE_RATE;
    const backend = cleanServerText(String(m?.backend ?? h.backend ?? ''), 40);
    return {
      kind: 'vieneu-openai',
      model: m?.id ?? 'vieneu-v3-turbo',
      capabilities: {
        voices: 'listed',
        cloning: 'enrol',
        streaming: true,
        sse: (m?.stream_formats ?? []).includes('sse'),
        // upstream serves the GPU with its PyTorch backend and the CPU with ONNX.
        gpu: backend === 'pytorch' ? 'GPU' : backend === 'onnx' ? 'CPU' : '',
        nativeSampleRate: native,
        sampleRates: (m?.sample_rates ?? []).filter((r) => positiveRate(r) !== undefined),
      },
      backbone: cleanServerText(m?.id ?? 'vieneu-v3-turbo', 80),
      codec: '',
      device: backend,
      version: '',
      upstream: h,
    };
  }

  /** Any other server: OpenAI's shape. /v1/models checks the key; /v1/audio/voices may list voices. */
  private async openAiInfo(signal?: AbortSignal): Promise<ServerInfo> {
    const o = { method: 'GET' as const, timeoutMs: this.opts.healthTimeoutMs, signal, kind: 'openai' as const };
    const models = await this.loose(UPSTREAM_ROUTES.models, { ...o, passStatus: [404, 405] });
    const entries = models.status === 200 ? modelEntries(models.json) : [];
    if (models.status === 200 && models.json === undefined) throw invalidJson(this.url(UPSTREAM_ROUTES.models));
    const upstreamEntry = entries.find((e) => Array.isArray(e.sample_rates) && Array.isArray(e.stream_formats));
    if (upstreamEntry) {
      // upstream's server behind something that hides /health: its /v1/models still says what it is.
      return this.upstreamInfo(200, { status: 'ok', backend: upstreamEntry.backend, sample_rate: upstreamEntry.sample_rate }, signal);
    }
    const voices = await this.loose('/v1/audio/voices', { ...o, passStatus: [404, 405, 422] });
    this.openAiVoicesRoute = voices.status === 200 && voices.json !== undefined;
    if (models.status !== 200 && !this.openAiVoicesRoute) {
      throw httpError(models.status, models.type, models.text.slice(0, ERROR_BODY_BYTES), this.url(UPSTREAM_ROUTES.models), UPSTREAM_ROUTES.models);
    }
    const ids = entries.map((e) => e.id);
    const model = SPEECH_MODEL_IDS.find((id) => ids.includes(id)) ?? ids.find((id) => /tts|speech|kokoro/i.test(id)) ?? ids[0] ?? 'tts-1';
    const listed = this.openAiVoicesRoute ? voiceItems(voices.json) : [];
    this.defaultOpenAiVoice = listed[0]?.id ?? OPENAI_VOICES[0];
    return {
      kind: 'openai',
      model: cleanServerText(model, 80),
      capabilities: { voices: this.openAiVoicesRoute ? 'listed' : 'fixed', cloning: 'none', streaming: true, sse: false, gpu: '', nativeSampleRate: OPENAI_PCM_RATE, sampleRates: [] },
      backbone: cleanServerText(model, 80),
      codec: '',
      device: '',
      version: '',
    };
  }

  /**
   * The periodic check of a server already probed (its kind's cheapest authenticated-enough request), or a
   * probe when none has succeeded yet.
   */
  async health(signal?: AbortSignal): Promise<HealthResult> {
    if (!this.info) return this.probe(signal);
    const started = performance.now();
    const o = { method: 'GET' as const, timeoutMs: this.opts.healthTimeoutMs, signal };
    const url = this.url(ROUTES.health);
    if (this.info.kind === 'vieneu-notebook') {
      const { status, value } = await this.json(ROUTES.health, { ...o, passStatus: [503] });
      const health = this.checkNotebookHealth(status, (value ?? {}) as Record<string, unknown>, url);
      this.info = notebookInfo(health);
    } else if (this.info.kind === 'vieneu-openai') {
      const { status, value } = await this.json(ROUTES.health, { ...o, passStatus: [503] });
      const h = (value ?? {}) as UpstreamHealth;
      if (status === 503 || h.status !== 'ok') throw this.upstreamDown(h);
      this.info = { ...this.info, upstream: h };
    } else {
      await this.json(this.openAiVoicesRoute ? '/v1/audio/voices' : UPSTREAM_ROUTES.models, o);
    }
    return { server: this.info, latencyMs: performance.now() - started };
  }

  async voices(signal?: AbortSignal): Promise<VoiceList> {
    const o = { method: 'GET' as const, timeoutMs: this.opts.healthTimeoutMs, signal };
    if (this.kind === 'vieneu-openai') {
      const { value } = await this.json(UPSTREAM_ROUTES.voices, o);
      const data = (value as { data?: unknown })?.data;
      if (!Array.isArray(data)) throw badReply(this.url(UPSTREAM_ROUTES.voices), 'a voice list without "data"');
      return { voices: voiceItems(value), default: null };
    }
    if (this.kind === 'openai') {
      if (!this.openAiVoicesRoute) return { voices: OPENAI_VOICES.map((id) => ({ id, description: '' })), default: OPENAI_VOICES[0] };
      const { value } = await this.json('/v1/audio/voices', o);
      const voices = voiceItems(value);
      return { voices, default: voices[0]?.id ?? null };
    }
    const { value } = await this.json(ROUTES.voices, o);
    const v = value as VoiceList;
    if (!v || !Array.isArray(v.voices) || !v.voices.every((x) => x && typeof x.id === 'string')) {
      throw badReply(this.url(ROUTES.voices), 'a voice list without "voices"');
    }
    return {
      voices: v.voices.map((x) => ({ id: cleanServerText(x.id, 100), description: cleanServerText(String(x.description ?? ''), 200) })),
      default: typeof v.default === 'string' ? cleanServerText(v.default, 100) : null,
    };
  }

  /** The request body this kind of server understands, for the notebook protocol's body. */
  private wireBody(body: SpeechRequestBody, format: 'pcm' | 'wav', stream: boolean): SpeechRequestBody | UpstreamSpeechBody | OpenAiSpeechBody {
    const info = this.info;
    if (!info || (info.kind === 'vieneu-notebook' && !(body.ref_codes && info.capabilities.cloning === 'enrol'))) return { ...body, response_format: format, stream };
    // Reference codes are the notebook's v1 cloning; these servers clone by enrolling a clip under a name.
    if (body.ref_codes) throw new UserError(t('remoteNoCodeVoices', hostOf(this.endpoint)), 'bad-input', t(info.capabilities.cloning === 'enrol' ? 'remoteFixEnrolVoice' : 'remoteFixPresetVoice'));
    if (info.kind === 'vieneu-openai') {
      const b: UpstreamSpeechBody = { model: info.model, input: body.input, response_format: format, stream_format: this.opts.streamFormat, sample_rate: info.capabilities.nativeSampleRate };
      if (body.voice) b.voice = body.voice;
      if (body.temperature !== undefined) b.temperature = body.temperature;
      if (body.top_k !== undefined) b.top_k = body.top_k;
      return b;
    }
    const b: OpenAiSpeechBody = { model: info.model, input: body.input, voice: body.voice ?? this.defaultOpenAiVoice, response_format: format };
    if (body.speed !== undefined && body.speed !== 1) b.speed = body.speed;
    return b;
  }

  /** The documented rate of a reply that does not state its own: what that kind of server sends for it. */
  private documentedRate(): number {
    const info = this.info;
    if (!info) return DEFAULT_SAMPLE_RATE;
    if (info.kind === 'vieneu-notebook') return positiveRate(info.health?.sample_rate) ?? DEFAULT_SAMPLE_RATE;
    if (info.kind === 'vieneu-openai') return info.capabilities.nativeSampleRate; // the rate we asked for
    return OPENAI_PCM_RATE;
  }

  /** POSTs a speech request; the first body bytes are read inside the retry loop (audio is retried only before them). */
  private openSpeech(payload: SpeechRequestBody | UpstreamSpeechBody | OpenAiSpeechBody, signal?: AbortSignal) {
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
    const opened = await this.openSpeech(this.wireBody(body, 'pcm', true), signal);
    const { res, ex, reader } = opened;
    let finished = opened.done;
    try {
      const sse = /^text\/event-stream/i.test(res.headers.get('content-type') ?? '');
      if (!sse) checkAudioType(res, url);
      const sampleRate = sampleRateOf(res) ?? this.documentedRate();
      const decoder = new Pcm16Decoder();
      const events = sse ? new SseAudioReader(url) : undefined;
      let total = 0;
      let piece = opened.first;
      while (!finished) {
        if (piece) {
          total += piece.length;
          if (total > this.opts.maxAudioBytes) throw tooMuchData(url, this.opts.maxAudioBytes);
          const samples = decoder.push(events ? events.push(piece) : piece);
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
      if (events) events.finish(sampleRate);
    } finally {
      ex.close();
      if (!finished) reader.cancel().catch(() => undefined);
    }
  }

  /** The whole speech as one WAV file, read up to maxAudioBytes and checked to be complete. */
  async speechWav(body: SpeechRequestBody, signal?: AbortSignal): Promise<DecodedWav> {
    const url = this.url(ROUTES.speech);
    const opened = await this.openSpeech(this.wireBody(body, 'wav', false), signal);
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
        // The rate is the WAV header's: the reply says it, whatever kind of server sent it.
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
    if (this.kind !== 'vieneu-notebook' || this.info?.capabilities.cloning === 'enrol') {
      throw new UserError(t('remoteNoCodeVoices', hostOf(this.endpoint)), 'bad-input', t(this.info?.capabilities.cloning === 'enrol' ? 'remoteFixEnrolVoice' : 'remoteFixPresetVoice'));
    }
    const text = transcript.trim();
    if (!text) throw new UserError(t('remoteRejected', 'the transcript of the reference audio is empty'), 'bad-input');
    if (text.length > MAX_TRANSCRIPT_CHARS) throw new UserError(t('remoteTranscriptTooLong', MAX_TRANSCRIPT_CHARS), 'bad-input', t('remoteFixTranscriptTooLong'));
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

  /**
   * Voice cloning on upstream's server and the notebook's v3 Turbo server: the clip (3–8 s) is enrolled under
   * `name` (POST /v1/voices, multipart, the same fields on both)
   * and is a voice of that server process from then on. Returns the voice id to speak with.
   */
  async enrolVoice(name: string, audio: Uint8Array, options: { denoise?: boolean; description?: string } = {}, signal?: AbortSignal): Promise<Voice> {
    if (this.info?.capabilities.cloning !== 'enrol') throw new UserError(t('remoteNoEnrol', hostOf(this.endpoint)), 'bad-input', t('remoteFixPresetVoice'));
    const id = name.trim();
    if (!/^[\p{L}\p{N}][\p{L}\p{N} ._-]{0,63}$/u.test(id)) throw new UserError(t('remoteBadVoiceName', cleanServerText(id, 80)), 'bad-input', t('remoteFixVoiceName'));
    if (audio.length > this.opts.maxUploadBytes) throw new UserError(t('remoteTooLarge', `${audio.length} bytes`), 'bad-input', t('remoteFixTooLarge'));
    const type = sniffAudioType(audio);
    const ext = { 'audio/wav': 'wav', 'audio/flac': 'flac', 'audio/ogg': 'ogg', 'audio/mpeg': 'mp3' }[type] ?? 'wav';
    const form = new FormData();
    form.set('name', id);
    form.set('file', new Blob([new Uint8Array(audio)], { type }), `reference.${ext}`);
    form.set('denoise', String(options.denoise ?? true));
    if (options.description) form.set('description', options.description);
    // FormData sets its own multipart boundary: no content type of ours.
    const { value } = await this.json(UPSTREAM_ROUTES.voices, { method: 'POST', body: form as unknown as string, timeoutMs: this.opts.firstByteTimeoutMs, signal });
    const v = value as { id?: unknown; description?: unknown };
    if (!v || typeof v.id !== 'string') throw badReply(this.url(UPSTREAM_ROUTES.voices), 'no voice id');
    return { id: cleanServerText(v.id, 100), description: cleanServerText(String(v.description ?? ''), 200) };
  }
}

function notebookInfo(h: Health): ServerInfo {
  const clean = (x: unknown, n = 120) => cleanServerText(String(x ?? ''), n);
  return {
    kind: 'vieneu-notebook',
    model: 'vieneu-tts',
    capabilities: {
      voices: 'listed',
      cloning: h.cloning === 'codes' || h.cloning === 'enrol' || h.cloning === 'none' ? h.cloning : h.can_clone === true ? 'codes' : 'none',
      streaming: true,
      sse: false,
      gpu: h.gpu ? clean(h.gpu.name, 60) : h.device === 'cpu' ? 'CPU' : '',
      nativeSampleRate: positiveRate(h.sample_rate) ?? DEFAULT_SAMPLE_RATE,
      sampleRates: [],
    },
    backbone: clean(h.backbone),
    codec: clean(h.codec),
    device: clean(h.device, 20),
    version: clean(h.version, 40),
    health: h,
  };
}

function positiveRate(x: unknown): number | undefined {
  const n = Number(x);
  return Number.isInteger(n) && n >= 1000 && n <= 192000 ? n : undefined;
}

function modelEntries(value: unknown): ModelEntry[] {
  const data = (value as { data?: unknown })?.data;
  if (!Array.isArray(data)) return [];
  return data.filter((e): e is ModelEntry => !!e && typeof e === 'object' && typeof (e as ModelEntry).id === 'string');
}

/** Voice lists in the shapes servers send: {voices: [...]}, {data: [...]}; items as strings or {id|name}. */
function voiceItems(value: unknown): Voice[] {
  const v = value as { voices?: unknown; data?: unknown } | unknown[] | null;
  const list = Array.isArray(v) ? v : Array.isArray(v?.voices) ? v.voices : Array.isArray(v?.data) ? v.data : [];
  const out: Voice[] = [];
  for (const item of list) {
    if (typeof item === 'string') out.push({ id: cleanServerText(item, 100), description: '' });
    else if (item && typeof item === 'object') {
      const o = item as { id?: unknown; name?: unknown; description?: unknown; gender?: unknown };
      const id = typeof o.id === 'string' ? o.id : typeof o.name === 'string' ? o.name : undefined;
      if (id === undefined) continue;
      const description = [o.description, o.gender].filter((x) => typeof x === 'string' && x).join(' · ');
      out.push({ id: cleanServerText(id, 100), description: cleanServerText(description, 200) });
    }
  }
  return out;
}

/**
 * Server-Sent Events of upstream's `stream_format: "sse"`: `data: {"type":"speech.audio.delta","audio":b64}`
 * events, then `speech.audio.done` with the usage. push() returns the PCM bytes of the events completed so far.
 */
class SseAudioReader {
  private text = '';
  private readonly utf8 = new TextDecoder();
  private done: { sample_rate?: number } | undefined;

  constructor(private readonly url: string) {}

  push(bytes: Uint8Array): Uint8Array {
    this.text += this.utf8.decode(bytes, { stream: true });
    const parts: Uint8Array[] = [];
    let end: number;
    while ((end = this.text.search(/\r?\n\r?\n/)) >= 0) {
      const event = this.text.slice(0, end);
      this.text = this.text.slice(this.text.indexOf('\n', end + 1) + 1);
      const data = event.split(/\r?\n/).filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trimStart()).join('\n');
      if (!data) continue;
      let msg: { type?: string; audio?: unknown; usage?: { sample_rate?: number } };
      try {
        msg = JSON.parse(data);
      } catch {
        throw badReply(this.url, 'an event that is not JSON');
      }
      if (msg.type === 'speech.audio.delta' && typeof msg.audio === 'string') parts.push(Buffer.from(msg.audio, 'base64'));
      else if (msg.type === 'speech.audio.done') this.done = msg.usage ?? {};
      else if (msg.type === 'error' || (msg as { error?: unknown }).error) throw badReply(this.url, `an error event: ${cleanServerText(JSON.stringify(msg), 200)}`);
    }
    return concat(parts, parts.reduce((n, p) => n + p.length, 0));
  }

  /** The stream must have ended with its "done" event, at the rate the audio was played at. */
  finish(sampleRate: number): void {
    if (!this.done) throw truncatedAudio(this.url, 'the stream ended before its "done" event');
    const rate = this.done.sample_rate;
    if (rate !== undefined && rate !== sampleRate) throw badReply(this.url, `audio at ${rate} Hz announced as ${sampleRate} Hz`);
  }
}

function checkAudioType(res: Response, url: string): void {
  const type = res.headers.get('content-type') ?? '';
  if (!/^audio\//i.test(type)) throw badReply(url, `"${type || 'no content type'}" where audio was expected`);
}

/** The rate the reply states in its X-Sample-Rate header, if it does. */
function sampleRateOf(res: Response): number | undefined {
  return positiveRate(res.headers.get('x-sample-rate') ?? undefined);
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
