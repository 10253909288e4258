// A stand-in for plain OpenAI-compatible speech servers, written from the OpenAI speech API's documented wire
// (../shared/facts/speech-servers.md §2): no health route, GET /v1/models, POST /v1/audio/speech with `pcm` at
// 24 kHz s16le mono streamed in chunks or a WAV, errors as {"error": {...}}, Bearer keys. Two flavours:
// `openai` (a key, fixed voice names, no voices route) and `kokoro` (no key, GET /v1/audio/voices
// {"voices": [...]}). Audio is a tone: 0.2 s per input word at 200 + 20 * (voice index) Hz.
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface OpenAiStandinOptions {
  flavour: 'openai' | 'kokoro';
  apiKey?: string;
  /** Requests answered 429 with Retry-After before the first one that succeeds. */
  busyFirst?: number;
  chunkMs?: number;
  chunks?: number;
  /** Send the X-Sample-Rate header (OpenAI does not; the documented 24 kHz applies). */
  rateHeader?: boolean;
}

export const OPENAI_STANDIN_RATE = 24000;
const OPENAI_FIXED = ['alloy', 'ash', 'coral', 'echo', 'nova'];
const KOKORO_VOICES = ['af_bella', 'af_sky', 'am_adam'];

export function standinTone(words: number, voiceIndex: number, rate = OPENAI_STANDIN_RATE): Int16Array {
  const n = Math.round(words * 0.2 * rate);
  const f = 200 + 20 * voiceIndex;
  const out = new Int16Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.trunc(0.5 * Math.sin((2 * Math.PI * f * i) / rate) * 32767);
  return out;
}

export class OpenAiStandin {
  readonly requests: Array<{ method: string; path: string; auth?: string; body?: unknown }> = [];
  private readonly sockets = new Set<Socket>();
  private busyLeft: number;
  private constructor(
    private readonly server: http.Server,
    readonly opts: OpenAiStandinOptions,
  ) {
    this.busyLeft = opts.busyFirst ?? 0;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  get voices(): string[] {
    return this.opts.flavour === 'kokoro' ? KOKORO_VOICES : OPENAI_FIXED;
  }

  static async start(opts: OpenAiStandinOptions): Promise<OpenAiStandin> {
    const server = http.createServer();
    const self = new OpenAiStandin(server, opts);
    server.on('request', (req, res) => void self.handle(req, res));
    server.on('connection', (s) => {
      self.sockets.add(s);
      s.on('close', () => self.sockets.delete(s));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return self;
  }

  /** Every connection cut at once, as a server process killed mid-reply would leave them. */
  kill(): void {
    for (const s of this.sockets) s.destroy();
    this.server.close();
  }

  stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    return new Promise((r) => this.server.close(() => r()));
  }

  private error(res: http.ServerResponse, status: number, message: string, type: string, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify({ error: { message, type, param: null, code: null } }));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const path = (req.url ?? '/').split('?')[0];
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = raw;
    }
    this.requests.push({ method: req.method ?? 'GET', path, auth: req.headers.authorization, body });
    const key = this.opts.apiKey;
    if (key && req.headers.authorization !== `Bearer ${key}`) {
      return this.error(res, 401, 'Incorrect API key provided: sk-wr****ng. You can find your API key at https://platform.openai.com/account/api-keys.', 'invalid_request_error');
    }
    if (req.method === 'GET' && path === '/v1/models') {
      const ids = this.opts.flavour === 'kokoro' ? ['kokoro', 'tts-1'] : ['gpt-4o', 'tts-1', 'tts-1-hd', 'gpt-4o-mini-tts'];
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ object: 'list', data: ids.map((id) => ({ id, object: 'model', created: 0, owned_by: 'standin' })) }));
    }
    if (req.method === 'GET' && path === '/v1/audio/voices' && this.opts.flavour === 'kokoro') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ voices: KOKORO_VOICES }));
    }
    if (req.method === 'POST' && path === '/v1/audio/speech') return this.speech(body as Record<string, unknown>, res);
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ detail: 'Not Found' }));
  }

  private async speech(body: Record<string, unknown> | undefined, res: http.ServerResponse): Promise<void> {
    if (!body || typeof body.input !== 'string' || !body.input) return this.error(res, 400, "Missing required parameter: 'input'.", 'invalid_request_error');
    if (typeof body.model !== 'string') return this.error(res, 400, "Missing required parameter: 'model'.", 'invalid_request_error');
    const voice = this.voices.indexOf(String(body.voice));
    if (voice < 0) return this.error(res, 400, `Invalid value for 'voice': '${String(body.voice)}'.`, 'invalid_request_error');
    const format = body.response_format ?? 'mp3';
    if (format !== 'pcm' && format !== 'wav') return this.error(res, 400, `This stand-in only makes pcm and wav, not ${String(format)}.`, 'invalid_request_error');
    if (this.busyLeft > 0) {
      this.busyLeft--;
      return this.error(res, 429, 'Rate limit reached for requests. Please try again in 1s.', 'requests', { 'retry-after': '1' });
    }
    const pcm = standinTone(body.input.split(/\s+/).filter(Boolean).length, voice);
    const bytes = Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength);
    const headers: Record<string, string> = { 'content-type': format === 'wav' ? 'audio/wav' : 'audio/pcm' };
    if (this.opts.rateHeader) headers['x-sample-rate'] = String(OPENAI_STANDIN_RATE);
    res.writeHead(200, headers);
    if (format === 'wav') {
      // OpenAI's streamed WAV claims an unknown length.
      const h = Buffer.alloc(44);
      h.write('RIFF', 0);
      h.writeUInt32LE(0xffffffff, 4);
      h.write('WAVEfmt ', 8);
      h.writeUInt32LE(16, 16);
      h.writeUInt16LE(1, 20);
      h.writeUInt16LE(1, 22);
      h.writeUInt32LE(OPENAI_STANDIN_RATE, 24);
      h.writeUInt32LE(OPENAI_STANDIN_RATE * 2, 28);
      h.writeUInt16LE(2, 32);
      h.writeUInt16LE(16, 34);
      h.write('data', 36);
      h.writeUInt32LE(0xffffffff, 40);
      res.write(h);
    }
    const n = this.opts.chunks ?? 3;
    const per = Math.ceil(bytes.length / n / 2) * 2;
    for (let o = 0; o < bytes.length; o += per) {
      if (this.opts.chunkMs) await new Promise((r) => setTimeout(r, this.opts.chunkMs));
      if (res.destroyed) return;
      res.write(bytes.subarray(o, o + per));
    }
    res.end();
  }
}
