// The Colab backend: a TtsBackend that speaks through a speech server (the notebook on Colab or Kaggle,
// upstream VieNeu-TTS's own server, or any OpenAI-compatible one) found by URL + token. It keeps the
// connection's state honest by polling, with several endpoints it fails over to the next healthy one, in the
// order given, and it cuts the text into the same ≤256-character chunks the local engine speaks, so each
// piece of audio knows its text range and BackendManager's requests are the same for both backends.
import { UserError, abortError } from '../core/errors';
import { Emitter, type Event } from '../core/events';
import { redact } from '../core/secrets';
import { t } from '../core/strings';
import type { AudioChunk, BackendStatus, ReferenceVoice, SynthesisRequest, TtsBackend } from '../core/types';
import { chunkText } from '../text/chunk';
import { textWindows, type TextWindow } from '../text/textWindows';
import { RemoteClient, type ClientOptions, type HealthResult } from './client';
import { HealthPoller } from './healthPoller';
import type { ServerInfo, SpeechRequestBody, Voice, VoiceList } from './protocol';
import { RemoteError, hostOf } from './remoteErrors';

export interface RemoteBackendOptions {
  /** Health check interval (the `vieneu.colab.healthIntervalSeconds` setting), 30 s by default. */
  healthIntervalMs?: number;
  client?: Partial<ClientOptions>;
  /** Streamed PCM (default) or one WAV file per request. */
  streaming?: boolean;
  /** Diagnostics; never receives the token (only redact()ed). */
  log?: (line: string) => void;
}

export interface ConnectionInfo {
  endpoint: string;
  latencyMs: number;
  server: ServerInfo;
}

/** The kind of server and what it can do, as one line for the tooltip and the panel. */
export function describeServer(s: ServerInfo): { kind: string; capabilities: string } {
  const kind = t(s.kind === 'vieneu-notebook' ? 'remoteKindNotebook' : s.kind === 'vieneu-openai' ? 'remoteKindUpstream' : 'remoteKindOpenai');
  const c = s.capabilities;
  const parts = [
    t(c.voices === 'listed' ? 'remoteCapVoicesListed' : 'remoteCapVoicesFixed'),
    t(c.cloning === 'codes' ? 'remoteCapCloneCodes' : c.cloning === 'enrol' ? 'remoteCapCloneEnrol' : 'remoteCapCloneNone'),
    t(c.streaming ? 'remoteCapStreaming' : 'remoteCapNoStreaming'),
    c.gpu || t('remoteCapGpuUnknown'),
    t('remoteCapRate', c.nativeSampleRate / 1000),
  ];
  return { kind, capabilities: parts.join(' · ') };
}

export class RemoteBackend implements TtsBackend {
  readonly id = 'colab' as const;
  private statusValue: BackendStatus = { state: 'idle', detail: t('notConnected') };
  private readonly statusEmitter = new Emitter<BackendStatus>();
  readonly onDidChangeStatus: Event<BackendStatus> = this.statusEmitter.event;
  private readonly lostEmitter = new Emitter<UserError>();
  /** Fired once when a working connection is lost (to tell the user); not again until it came back. */
  readonly onDidLoseConnection: Event<UserError> = this.lostEmitter.event;

  private clients: RemoteClient[] = [];
  private activeIndex = 0;
  private last: ConnectionInfo | undefined;
  private poller: HealthPoller | undefined;
  private generation = 0;
  private connectAttempt = 0;
  private wasConnected = false;
  private readonly log: (line: string) => void;
  private healthIntervalMs: number;

  constructor(private readonly options: RemoteBackendOptions = {}) {
    this.log = options.log ?? (() => undefined);
    this.healthIntervalMs = options.healthIntervalMs ?? 30_000;
  }

  get status(): BackendStatus {
    return this.statusValue;
  }

  /** The endpoint in use, if connected. */
  get connection(): ConnectionInfo | undefined {
    return this.statusValue.state === 'ready' ? this.last : undefined;
  }

  get endpoints(): string[] {
    return this.clients.map((c) => c.endpoint);
  }

  setHealthInterval(ms: number): void {
    this.healthIntervalMs = ms;
    this.poller?.setInterval(ms);
  }

  /**
   * Checks the endpoints in order (finds out what kind of server each is, checks the token, measures the
   * latency) and uses the first that answers. Throws the reason when none does. A working connection stays
   * in place when connecting elsewhere fails: only a success replaces it. Without one, the status says why
   * and later polls keep watching, turning it to Connected on their own once a server (e.g. still loading its
   * model) is ready.
   */
  async connect(endpoints: string[], token: string): Promise<ConnectionInfo> {
    const attempt = ++this.connectAttempt;
    const keep = this.statusValue.state === 'ready' ? this.last : undefined;
    const list = endpoints.map((e) => e.trim()).filter((e) => e.length > 0);
    const refuse = (e: UserError): never => {
      if (keep) {
        this.log(`connect failed, keeping ${hostOf(keep.endpoint)}: ${e.message}`);
        throw e;
      }
      this.generation++;
      this.stopPolling();
      this.clients = [];
      this.last = undefined;
      this.setStatus(e.code === 'config' ? { state: 'idle', detail: t('notConnected') } : { state: 'error', detail: e.message, info: { reason: e.display, code: e.code } });
      throw e;
    };
    if (list.length === 0) refuse(new UserError(t('remoteNoEndpoint'), 'config', t('remoteFixNoEndpoint')));
    // Bad URLs are the user's to fix now: nothing to poll for.
    let clients: RemoteClient[];
    try {
      clients = list.map((e) => new RemoteClient(e, token, this.options.client));
    } catch (err) {
      return refuse(err instanceof UserError ? err : new UserError(String(err), 'internal'));
    }
    this.log(`connecting to ${clients.map((c) => hostOf(c.endpoint)).join(', ')} with token ${redact(token)}`);
    if (!keep) {
      this.generation++;
      this.stopPolling();
      this.clients = clients;
      this.activeIndex = 0;
      this.wasConnected = false;
      this.setStatus({ state: 'busy', detail: t('remoteConnecting') });
    }
    let info: ConnectionInfo;
    try {
      info = await findHealthy(clients, 0, (line) => this.log(line));
    } catch (err) {
      const e = err instanceof UserError ? err : new UserError(String(err), 'internal');
      if (attempt !== this.connectAttempt) throw e;
      if (keep && this.statusValue.state === 'ready') {
        this.log(`connect failed, keeping ${hostOf(keep.endpoint)}: ${e.message}`);
        throw e;
      }
      // Nothing worked before either: this list is the one to watch.
      const gen = ++this.generation;
      this.stopPolling();
      this.clients = clients;
      this.activeIndex = 0;
      this.wasConnected = false;
      this.last = undefined;
      this.setStatus({ state: 'error', detail: e.message, info: { reason: e.display, code: e.code } });
      if (gen === this.generation && !this.isFatal()) this.startPolling();
      throw e;
    }
    if (attempt !== this.connectAttempt) throw abortError();
    this.generation++;
    this.stopPolling();
    this.clients = clients;
    this.activeIndex = clients.findIndex((c) => c.endpoint === info.endpoint);
    this.wasConnected = false;
    this.markConnected(info);
    this.startPolling();
    return info;
  }

  /** One health check of the endpoint in use (or a new search when disconnected); updates the status. */
  async testConnection(): Promise<ConnectionInfo> {
    if (this.clients.length === 0) throw new UserError(t('remoteNoEndpoint'), 'config', t('remoteFixNoEndpoint'));
    const gen = this.generation;
    try {
      const info = await this.findHealthy();
      if (gen === this.generation) {
        this.markConnected(info);
        // Polling stops after a wrong token; a test that works again means watching again.
        if (!this.poller) this.startPolling();
      }
      return info;
    } catch (err) {
      if (gen === this.generation && err instanceof UserError) this.markLost(err);
      throw err;
    }
  }

  /** Stops polling and forgets the endpoints; the status returns to "Not connected". */
  disconnect(): void {
    this.generation++;
    this.connectAttempt++; // a Connect still under way must not connect after this
    this.stopPolling();
    this.clients = [];
    this.last = undefined;
    this.wasConnected = false;
    this.setStatus({ state: 'idle', detail: t('notConnected') });
  }

  async voices(signal?: AbortSignal): Promise<VoiceList> {
    return this.activeClient().voices(signal);
  }

  /** The notebook's cloning: reference codes of the clip come back, to be kept as a custom voice. */
  async cloneVoice(audio: Uint8Array, transcript: string, signal?: AbortSignal): Promise<ReferenceVoice> {
    return this.activeClient().cloneVoice(audio, transcript, signal);
  }

  /** upstream's cloning (capabilities.cloning === 'enrol'): the clip becomes a named voice of that server. */
  async enrolVoice(name: string, audio: Uint8Array, options: { denoise?: boolean; description?: string } = {}, signal?: AbortSignal): Promise<Voice> {
    return this.activeClient().enrolVoice(name, audio, options, signal);
  }

  /**
   * Speaks the text chunk by chunk (the same ≤256-character chunks as the local engine), one request each,
   * every piece of audio carrying the text range it speaks. Throws "not connected" at once.
   */
  synthesize(request: SynthesisRequest, signal: AbortSignal): AsyncIterable<AudioChunk> {
    const client = this.activeClient();
    // The first window is cut now (so an empty text goes as one request, as before); the rest as speech
    // reaches them, so a 1 MB selection does not block the extension host while all of it is chunked.
    const windows = textWindows(request.text);
    const first = windows.next().value ?? { start: 0, text: '' };
    const firstPieces = chunkText(first.text).chunks;
    if (firstPieces.length === 0 && first.text.length === request.text.length) return this.run(client, toBody(request), signal);
    return this.runPieces(client, request, first, firstPieces, windows, signal);
  }

  private async *runPieces(
    client: RemoteClient,
    request: SynthesisRequest,
    firstWindow: TextWindow,
    firstPieces: ReturnType<typeof chunkText>['chunks'],
    windows: Iterator<TextWindow>,
    signal: AbortSignal,
  ): AsyncGenerator<AudioChunk> {
    // Later pieces go to whichever endpoint the earlier ones ended on (after a failover, the healthy one).
    let current = client;
    for (let w: TextWindow | undefined = firstWindow; w; w = windows.next().value ?? undefined) {
      const pieces = w === firstWindow ? firstPieces : chunkText(w.text).chunks;
      for (const piece of pieces) {
        const range = { start: piece.range.start + w.start, end: piece.range.end + w.start };
        for await (const a of this.run(current, toBody({ ...request, text: piece.text }), signal, (c) => (current = c))) {
          yield a.textRange ? a : { ...a, textRange: range };
        }
      }
    }
  }

  private async *run(first: RemoteClient, body: SpeechRequestBody, signal: AbortSignal, onSwitch?: (c: RemoteClient) => void): AsyncGenerator<AudioChunk> {
    let client = first;
    for (let hop = 0; ; hop++) {
      let yielded = false;
      try {
        if (this.options.streaming === false) {
          const wav = await client.speechWav(body, signal);
          yielded = true;
          yield { samples: wav.samples, sampleRate: wav.sampleRate };
        } else {
          for await (const chunk of client.speechStream(body, signal)) {
            yielded = true;
            yield chunk;
          }
        }
        return;
      } catch (err) {
        if (signal.aborted) throw abortError();
        const down = err instanceof RemoteError && err.endpointDown;
        if (down) void this.poller?.checkNow();
        // Fail over only before any audio was played: the listener must never hear a sentence twice.
        if (!down || yielded || hop >= this.clients.length - 1) throw err;
        const next = await this.nextHealthy(client).catch(() => undefined);
        if (!next) throw err;
        this.log(`synthesis failed on ${hostOf(client.endpoint)}; retrying on ${hostOf(next.endpoint)}`);
        client = next;
        onSwitch?.(next);
      }
    }
  }

  dispose(): void {
    this.generation++;
    this.connectAttempt++;
    this.stopPolling();
    this.statusEmitter.dispose();
    this.lostEmitter.dispose();
  }

  // --- internals ---------------------------------------------------------------------------------------

  private activeClient(): RemoteClient {
    const c = this.clients[this.activeIndex];
    if (!c || this.statusValue.state !== 'ready') {
      throw new UserError(t('remoteNotReady'), 'not-ready', t('fixConnectColab'), [
        { label: t('actionConnectColab'), command: 'vieneu.connectColab' },
      ]);
    }
    return c;
  }

  /** The active endpoint first, then the others in order; the first healthy one becomes active. */
  private async findHealthy(): Promise<ConnectionInfo> {
    const clients = this.clients;
    const info = await findHealthy(clients, this.activeIndex, (line) => this.log(line));
    if (clients === this.clients) this.activeIndex = clients.findIndex((c) => c.endpoint === info.endpoint);
    return info;
  }

  private async nextHealthy(failed: RemoteClient): Promise<RemoteClient | undefined> {
    const start = this.clients.indexOf(failed);
    for (let k = 1; k < this.clients.length; k++) {
      const i = (start + k) % this.clients.length;
      try {
        const r = await this.clients[i].health();
        this.activeIndex = i;
        this.markConnected(toInfo(this.clients[i], r), failed.endpoint);
        return this.clients[i];
      } catch {
        /* try the next one */
      }
    }
    return undefined;
  }

  private markConnected(info: ConnectionInfo, failedOver?: string): void {
    const previous = this.last?.endpoint;
    this.last = info;
    this.wasConnected = true;
    const server = info.server;
    const gpu = server.capabilities.gpu || t('remoteCpu');
    const latency = Math.round(info.latencyMs);
    const described = describeServer(server);
    const infoFacts: Record<string, string | number | boolean> = {
      endpoint: info.endpoint,
      host: hostOf(info.endpoint),
      latencyMs: latency,
      gpu,
      serverKind: server.kind,
      serverKindLabel: described.kind,
      capabilities: described.capabilities,
      voices: server.capabilities.voices,
      cloning: server.capabilities.cloning,
      streaming: server.capabilities.streaming,
      sampleRate: server.capabilities.nativeSampleRate,
      model: server.model,
      backbone: server.backbone,
      codec: server.codec,
      device: server.device,
      serverVersion: server.version,
      endpoints: this.clients.length,
    };
    if (server.health?.gpu) infoFacts.gpuMemoryGb = server.health.gpu.memory_total_gb;
    const from = failedOver ?? (previous && previous !== info.endpoint ? previous : undefined);
    if (from) infoFacts.failover = t('remoteFailedOver', hostOf(info.endpoint), hostOf(from));
    this.setStatus({ state: 'ready', detail: t('remoteConnected', latency, server.capabilities.gpu ? gpu : described.kind), info: infoFacts });
  }

  private markLost(err: UserError): void {
    const detail = t('remoteDisconnected', err.message);
    this.setStatus({ state: 'error', detail, info: { reason: err.display, code: err.code } });
    if (this.wasConnected) {
      this.wasConnected = false;
      this.lostEmitter.fire(err);
    }
  }

  private isFatal(): boolean {
    // Polling cannot fix a wrong token: the user must act first.
    return this.statusValue.state === 'error' && this.statusValue.info?.code === 'auth';
  }

  private startPolling(): void {
    this.stopPolling();
    const gen = this.generation;
    this.poller = new HealthPoller(async () => {
      if (gen !== this.generation) return;
      try {
        const info = await this.findHealthy();
        if (gen === this.generation) this.markConnected(info);
      } catch (err) {
        if (gen === this.generation && err instanceof UserError) this.markLost(err);
      }
    }, this.healthIntervalMs);
    this.poller.start();
  }

  private stopPolling(): void {
    this.poller?.stop();
    this.poller = undefined;
  }

  private setStatus(s: BackendStatus): void {
    const same = s.state === this.statusValue.state && s.detail === this.statusValue.detail && s.info?.endpoint === this.statusValue.info?.endpoint;
    this.statusValue = s;
    if (!same) this.statusEmitter.fire(s);
  }
}

function toInfo(client: RemoteClient, r: HealthResult): ConnectionInfo {
  return { endpoint: client.endpoint, latencyMs: r.latencyMs, server: r.server };
}

/** `clients` from index `from` on, wrapping; the first healthy one's connection, or why none is. */
async function findHealthy(clients: RemoteClient[], from: number, log: (line: string) => void): Promise<ConnectionInfo> {
  const order = clients.map((_, i) => (from + i) % clients.length);
  const errors: UserError[] = [];
  for (const i of order) {
    try {
      return toInfo(clients[i], await clients[i].health());
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      log(`health of ${hostOf(clients[i].endpoint)} failed: ${err.message}`);
      errors.push(err);
    }
  }
  if (errors.length === 1) throw errors[0];
  throw new UserError(t('remoteAllFailed', errors.length, errors[0].message), errors[0].code, errors[0].fix);
}

/** The protocol's request body for a backend request (OpenAI fields + VieNeu options). */
export function toBody(r: SynthesisRequest): SpeechRequestBody {
  const body: SpeechRequestBody = { model: 'vieneu-tts', input: r.text };
  if (r.reference) {
    body.ref_codes = r.reference.codes;
    body.ref_text = r.reference.text;
  } else if (r.voice) {
    body.voice = r.voice;
  }
  if (r.speed !== undefined) body.speed = r.speed;
  if (r.temperature !== undefined) body.temperature = r.temperature;
  if (r.topK !== undefined) body.top_k = r.topK;
  return body;
}
