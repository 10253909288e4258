// Turns every way a request to a synthesis server can fail into a UserError that says what to do. The
// client only ever throws these (or an AbortError when the caller cancelled), so surfaces can show them as is.
import { UserError } from '../core/errors';
import { t } from '../core/strings';

/** Kinds of failure the client retries (before any audio has arrived). */
export function isRetriable(err: unknown): boolean {
  return err instanceof RemoteError && err.retriable;
}

/** A UserError that also knows whether another attempt (or another endpoint) could help. */
export class RemoteError extends UserError {
  constructor(
    message: string,
    code: UserError['code'],
    fix: string | undefined,
    readonly retriable: boolean,
    /** The endpoint is unreachable or not a VieNeu server: worth failing over to another one. */
    readonly endpointDown: boolean,
    options?: { cause?: unknown; retryAfterMs?: number },
  ) {
    super(message, code, fix, [], options);
    this.retryAfterMs = options?.retryAfterMs;
  }

  /** The server asked to be tried again after this long (429 / 503 with Retry-After). */
  readonly retryAfterMs: number | undefined;
}

/**
 * Server text made safe to show: control characters (terminal escape codes), bidi overrides and line breaks
 * become spaces, and it is cut to `max` characters. Every sentence a server sends passes through here.
 */
export function cleanServerText(text: string, max = 300): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]+/g, ' ').replace(/ {2,}/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** When to try again, from a Retry-After header (seconds or an HTTP date), capped; undefined if absent. */
export function retryAfterMs(header: string | null, capMs = 30_000): number | undefined {
  if (!header) return undefined;
  const s = Number(header.trim());
  const ms = Number.isFinite(s) ? s * 1000 : Date.parse(header) - Date.now();
  if (!Number.isFinite(ms)) return undefined;
  return Math.min(Math.max(ms, 0), capMs);
}

/** The host part of a URL, for messages (never the token, which is only ever in a header). */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL']);
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'ECONNABORTED']);

function causeCode(err: unknown): { code?: string; message: string } {
  let e: any = err;
  // undici wraps the system error: TypeError('fetch failed', { cause: Error{ code: 'ECONNREFUSED' } }).
  for (let i = 0; i < 4 && e; i++) {
    if (typeof e.code === 'string' && e.code !== 'ABORT_ERR') return { code: e.code, message: String(e.message ?? e.code) };
    e = e.cause;
  }
  return { message: err instanceof Error ? err.message : String(err) };
}

/** A failure below HTTP: no connection, DNS, TLS, a reset. `midBody`: some of the reply had arrived. */
export function networkError(err: unknown, url: string, midBody = false): RemoteError {
  const host = hostOf(url);
  const { code, message } = causeCode(err);
  if (midBody || (err instanceof Error && /terminated|other side closed/i.test(err.message) && !code)) {
    return new RemoteError(t('remoteDropped', host), 'network', t('remoteFixDropped'), !midBody, true, { cause: err });
  }
  if (code === 'ECONNREFUSED') return new RemoteError(t('remoteRefused', host), 'network', t('remoteFixRefused'), true, true, { cause: err });
  if (code && DNS_CODES.has(code)) return new RemoteError(t('remoteDns', hostOf(url).replace(/:\d+$/, '')), 'network', t('remoteFixDns'), code === 'EAI_AGAIN', true, { cause: err });
  if (code && (code.includes('CERT') || code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL') || code === 'EPROTO')) {
    return new RemoteError(t('remoteTls', host, code), 'network', t('remoteFixTls'), false, true, { cause: err });
  }
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT') {
    return new RemoteError(t('remoteTimeout', host, 10), 'timeout', t('remoteFixTimeout'), true, true, { cause: err });
  }
  if (code && RESET_CODES.has(code)) return new RemoteError(t('remoteDropped', host), 'network', t('remoteFixDropped'), true, true, { cause: err });
  return new RemoteError(t('remoteNetwork', host, code ?? message), 'network', t('remoteFixNetwork'), true, true, { cause: err });
}

export function timeoutError(url: string, seconds: number): RemoteError {
  return new RemoteError(t('remoteTimeout', hostOf(url), Math.round(seconds * 10) / 10), 'timeout', t('remoteFixTimeout'), true, true);
}

/** The server's own sentence from an `{"error": {"message"}}` body, if the body is that. */
function serverMessage(text: string): { code?: string; message?: string } {
  try {
    const j = JSON.parse(text);
    const e = j?.error;
    if (e && typeof e === 'object') return { code: typeof e.code === 'string' ? e.code : undefined, message: typeof e.message === 'string' ? cleanServerText(e.message) : undefined };
    if (typeof e === 'string') return { message: cleanServerText(e) };
    if (typeof j?.detail === 'string') return { message: cleanServerText(j.detail) };
  } catch {
    /* not JSON: handled by the caller */
  }
  return {};
}

function looksLikeHtml(contentType: string, text: string): boolean {
  return /text\/html/i.test(contentType) || /^\s*<(!doctype|html)/i.test(text);
}

/**
 * An answer with an error status (or an HTML page where JSON or audio was expected). `text` is at most the
 * first few kilobytes of the body.
 */
export interface HttpErrorContext {
  /** What to do about a rejected token or key: differs between the notebook, upstream's server and OpenAI. */
  authFix?: string;
  /** No token or key was sent at all. */
  noToken?: boolean;
  /** The Retry-After header of the reply. */
  retryAfter?: string | null;
}

export function httpError(status: number, contentType: string, text: string, url: string, path: string, ctx: HttpErrorContext = {}): RemoteError {
  const host = hostOf(url);
  const ngrok = /ERR_NGROK_\d+/.exec(text);
  if (ngrok) return new RemoteError(t('remoteNgrokOffline', host, ngrok[0]), 'network', t('remoteFixTunnel'), false, true);
  // Cloudflare's quick tunnels answer 530 "Error 1033" once the cloudflared process is gone.
  if (status === 530 || /error\s*1033|Argo Tunnel error|Cloudflare Tunnel error/i.test(text)) {
    return new RemoteError(t('remoteNgrokOffline', host, `HTTP ${status}`), 'network', t('remoteFixTunnel'), false, true);
  }
  const server = serverMessage(text);
  if (status === 401 || status === 403) {
    return new RemoteError(t(ctx.noToken ? 'remoteAuthMissing' : 'remoteAuth', host), 'auth', ctx.authFix ?? t('remoteFixToken'), false, false);
  }
  if (status === 429) {
    const wait = retryAfterMs(ctx.retryAfter ?? null);
    return new RemoteError(t('remoteBusy', host, server.message ?? `HTTP ${status}`), 'server', t('remoteFixBusy'), true, false, { retryAfterMs: wait ?? 1000 });
  }
  // The endpoint was pasted with a path (…/docs, …/v1): the server is there, the address is not.
  const prefix = endpointPath(url, path);
  if (status === 404 && prefix) return new RemoteError(t('remoteWrongPath', host, prefix), 'bad-input', t('remoteFixWrongPath', `${new URL(url).origin}`), false, false);
  if (status === 503 && server.code === 'model_loading') return new RemoteError(t('remoteLoading'), 'not-ready', t('remoteFixLoading'), false, false);
  if (status === 503 && server.code === 'model_failed') return new RemoteError(t('remoteModelFailed', server.message ?? ''), 'model', t('remoteFixModelFailed'), false, true);
  if (looksLikeHtml(contentType, text)) {
    return new RemoteError(t('remoteHtml', host, status), 'server', t('remoteFixNotVieneu'), status >= 500, true);
  }
  if (status === 404 || status === 405) return new RemoteError(t('remoteNotVieneu', host, status, path), 'server', t('remoteFixUrl'), false, true);
  if (status === 413) return new RemoteError(t('remoteTooLarge', server.message ?? `HTTP ${status}`), 'bad-input', t('remoteFixTooLarge'), false, false);
  if (status >= 400 && status < 500) return new RemoteError(t('remoteRejected', server.message ?? `HTTP ${status}`), 'bad-input', undefined, false, false);
  const detail = server.message ?? (cleanServerText(text, 200) || 'no details');
  // 500 / 502 / 503 / 504 from a gateway or a crashed request: worth another try.
  return new RemoteError(t('remoteServerError', status, detail), 'server', t('remoteFixServerError'), status !== 501, status === 502 || status === 504);
}

/** The path the user's endpoint URL carried before the protocol's route ('' when it had none). */
function endpointPath(url: string, route: string): string {
  try {
    const p = new URL(url).pathname;
    const prefix = p.endsWith(route) ? p.slice(0, p.length - route.length) : p;
    return prefix.replace(/\/+$/, '');
  } catch {
    return '';
  }
}

export function badReply(url: string, what: string): RemoteError {
  return new RemoteError(t('remoteBadReply', hostOf(url), what), 'server', t('remoteFixNotVieneu'), false, true);
}

export function invalidJson(url: string): RemoteError {
  return new RemoteError(t('remoteInvalidJson', hostOf(url)), 'server', t('remoteFixNotVieneu'), false, true);
}

export function tooMuchData(url: string, limitBytes: number): RemoteError {
  return new RemoteError(t('remoteTooMuchData', hostOf(url), formatBytes(limitBytes)), 'server', t('remoteFixNotVieneu'), false, false);
}

export function truncatedAudio(url: string, what: string): RemoteError {
  return new RemoteError(t('remoteTruncatedAudio', hostOf(url), what), 'server', t('remoteFixRetry'), false, false);
}

export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}

/**
 * For surfaces (admin panel, notifications, CLI): any error from the remote area as one sentence with its fix.
 * `code` lets a surface pick a button (auth → "Set token", network → "Open notebook").
 */
export function describeRemoteError(err: unknown): { message: string; fix?: string; code: UserError['code']; display: string } {
  if (err instanceof UserError) return { message: err.message, fix: err.fix, code: err.code, display: err.display };
  const message = err instanceof Error ? err.message : String(err);
  return { message, code: 'internal', display: `Unexpected error: ${message}` };
}
