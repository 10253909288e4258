// The streaming player: PCM16 chunks arrive by postMessage while later ones are still being generated; each
// is scheduled on one Web Audio clock right after the previous one, so chunks join without gaps. Reports
// first audio, each chunk's start (the editor highlights its text) and the end.
//
// Autoplay: a message from the extension is not a user gesture, so Chromium keeps the AudioContext
// suspended until the user has clicked inside this webview once. Then we ask once, with a visible button,
// and keep the chunks waiting; after that click the webview (kept alive with retainContextWhenHidden)
// plays freely. The grant is remembered in the webview state so a reloaded view says why it asks again.
import { decodePcm16, parseToPlayer, type AudioState, type FromPlayer, type PlayerStringId } from '../../src/vscode/player/protocol';

declare function acquireVsCodeApi(): { postMessage(m: unknown): void; getState(): unknown; setState(s: unknown): void };

const vscode = acquireVsCodeApi();
const saved = (vscode.getState() as { granted?: boolean } | undefined) ?? {};
let strings: Partial<Record<PlayerStringId, string>> = {};
const s = (id: PlayerStringId, ...args: Array<string | number>) =>
  (strings[id] ?? '').replace(/\{(\d+)\}/g, (m, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : m));

const post = (m: FromPlayer) => vscode.postMessage(m);

// ---------------------------------------------------------------- audio graph

let ctx: AudioContext | undefined;
let master: GainNode | undefined;
let analyser: AnalyserNode | undefined;
try {
  ctx = new AudioContext({ latencyHint: 'interactive' });
  master = ctx.createGain();
  analyser = ctx.createAnalyser();
  analyser.fftSize = 2048;
  master.connect(ctx.destination);
  master.connect(analyser);
} catch {
  ctx = undefined;
}

const audioState = (): AudioState => (ctx ? (ctx.state as AudioState) : 'unavailable');

/** Lead time before a chunk starts: enough for the audio thread to pick it up, small enough not to be heard. */
const LEAD_S = 0.03;

interface Utterance {
  id: number;
  queue: Array<{ index: number; buffer: AudioBuffer }>;
  sources: Set<AudioBufferSourceNode>;
  /**
   * Chunk-start reports not sent yet, with their start on the audio clock: sent on time, or all at once before
   * 'ended' if the page fell behind. While paused the clock stands still, so they are re-armed on resume.
   */
  pending: Map<number, { at: number; fire: () => void }>;
  timers: number[];
  nextTime: number;
  scheduled: number;
  samples: number;
  ended: boolean;
  firstSent: boolean;
  paused: boolean;
}

let current: Utterance | undefined;
const totals = { chunks: 0, samples: 0, received: 0, rate: 0 };

// ---------------------------------------------------------------- page

const status = document.createElement('div');
status.id = 'status';
status.setAttribute('role', 'status');
status.setAttribute('aria-live', 'polite');
const prompt = document.createElement('div');
prompt.id = 'gesture';
prompt.hidden = true;
const promptText = document.createElement('p');
const promptButton = document.createElement('button');
promptButton.id = 'gesture-button';
prompt.append(promptText, promptButton);
const pauseButton = document.createElement('button');
pauseButton.id = 'pause';
pauseButton.hidden = true;
const stopButton = document.createElement('button');
stopButton.id = 'stop';
stopButton.hidden = true;
const controls = document.createElement('div');
controls.id = 'controls';
controls.append(pauseButton, stopButton);
document.body.append(prompt, status, controls);
const sheet = new CSSStyleSheet();
sheet.replaceSync(`
body { color: var(--vscode-foreground); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); padding: 6px 12px; }
button { color: var(--vscode-button-foreground); background: var(--vscode-button-background); border: 1px solid var(--vscode-button-border, transparent);
  padding: 4px 12px; border-radius: 2px; cursor: pointer; font: inherit; }
button:hover { background: var(--vscode-button-hoverBackground); }
button:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 2px; }
#controls { display: flex; gap: 8px; margin-top: 6px; }
#gesture { border-left: 3px solid var(--vscode-focusBorder); padding: 4px 10px; margin-bottom: 8px; background: var(--vscode-textBlockQuote-background); }
[hidden] { display: none !important; }
`);
document.adoptedStyleSheets = [sheet];

/**
 * What the user hears, not what the generator did: an utterance is current from 'start' until its last sound
 * ended (generation often ends long before), Preparing until its first chunk is on the audio clock.
 */
function renderStatus(): void {
  status.textContent = !current ? s('uiPlayerIdle') : current.paused ? s('uiPlayerPaused') : current.scheduled === 0 ? s('uiPlayerPreparing') : s('uiPlayerSpeaking');
  status.dataset.state = !current ? 'idle' : current.paused ? 'paused' : current.scheduled === 0 ? 'preparing' : 'speaking';
  stopButton.hidden = !current;
  stopButton.textContent = s('uiPlayerStop');
  pauseButton.hidden = !current;
  pauseButton.textContent = current?.paused ? s('uiPlayerResume') : s('uiPlayerPause');
  pauseButton.setAttribute('aria-pressed', String(!!current?.paused));
  promptText.textContent = s('uiPlayerGesture');
  promptButton.textContent = s('uiPlayerGestureButton');
}

stopButton.addEventListener('click', () => {
  post({ type: 'stopRequested' });
  if (current) stop(current.id);
});

pauseButton.addEventListener('click', () => {
  if (current) void setPaused(current, !current.paused);
});

promptButton.addEventListener('click', async () => {
  // This click is the user activation Chromium wants; resume() now succeeds.
  await ctx?.resume();
  if (audioState() === 'running') {
    prompt.hidden = true;
    asked = false;
    saved.granted = true;
    vscode.setState(saved);
    post({ type: 'gestureGranted' });
    if (current) pump(current);
  }
});

// ---------------------------------------------------------------- playback

let asked = false;

async function ensureRunning(u: Utterance): Promise<boolean> {
  if (!ctx || u.paused) return false;
  if (ctx.state === 'running') return true;
  // resume() stays pending without a user activation: give it a moment, then ask the user once.
  await Promise.race([ctx.resume().catch(() => undefined), new Promise((r) => setTimeout(r, 200))]);
  if (audioState() === 'running') return true;
  if (!asked) {
    asked = true;
    prompt.hidden = false;
    renderStatus();
    promptButton.focus();
    post({ type: 'gestureNeeded', id: u.id });
  }
  return false;
}

function finishIfDone(u: Utterance): void {
  if (current !== u || !u.ended || u.queue.length > 0 || u.sources.size > 0) return;
  // A busy page can run its timers late: every chunk is reported as started before the end is.
  for (const { fire } of [...u.pending.values()]) fire();
  post({ type: 'ended', id: u.id, stopped: false, chunks: u.scheduled, samples: u.samples });
  current = undefined;
  renderStatus();
}

let pumping = false;
async function pump(u: Utterance): Promise<void> {
  if (pumping) return;
  pumping = true;
  try {
    if (!(await ensureRunning(u))) return;
    while (current === u && u.queue.length > 0 && ctx && master) {
      const { index, buffer } = u.queue.shift()!;
      const src = ctx.createBufferSource();
      src.buffer = buffer;
      src.connect(master);
      const at = Math.max(ctx.currentTime + LEAD_S, u.nextTime);
      src.start(at);
      u.nextTime = at + buffer.duration;
      u.sources.add(src);
      u.scheduled++;
      u.samples += buffer.length;
      totals.chunks++;
      totals.samples += buffer.length;
      src.onended = () => {
        u.sources.delete(src);
        finishIfDone(u);
      };
      if (!u.firstSent) {
        u.firstSent = true;
        post({ type: 'firstAudio', id: u.id });
      }
      const delayMs = Math.max(0, (at - ctx.currentTime) * 1000);
      const fire = () => {
        if (!u.pending.delete(index) || current !== u) return;
        post({ type: 'chunkStart', id: u.id, index, at });
      };
      u.pending.set(index, { at, fire });
      u.timers.push(window.setTimeout(fire, delayMs));
    }
    renderStatus();
    finishIfDone(u);
  } finally {
    pumping = false;
    // A chunk that arrived while we awaited resume() is still queued: go round again.
    if (current === u && u.queue.length > 0 && audioState() === 'running' && !u.paused) void pump(u);
  }
}

/**
 * Pause stops the audio clock (suspend): scheduled chunks hold their place, later ones wait in the queue and
 * generation goes on in the extension. Resume restarts the clock and re-arms the highlight reports.
 */
async function setPaused(u: Utterance, paused: boolean): Promise<void> {
  if (current !== u || u.paused === paused || !ctx) return;
  u.paused = paused;
  if (paused) {
    for (const t of u.timers) clearTimeout(t);
    u.timers = [];
    await ctx.suspend().catch(() => undefined);
  } else {
    // Without a user activation resume() stays pending: do not wait on it; pump() asks for the click if needed.
    await Promise.race([ctx.resume().catch(() => undefined), new Promise((r) => setTimeout(r, 200))]);
    if (current !== u) return;
    for (const { at, fire } of u.pending.values()) u.timers.push(window.setTimeout(fire, Math.max(0, (at - ctx.currentTime) * 1000)));
    void pump(u);
  }
  post({ type: 'paused', id: u.id, paused });
  renderStatus();
}

function stop(id: number): void {
  const u = current;
  if (!u || u.id !== id) return;
  for (const src of u.sources) {
    src.onended = null;
    try {
      src.stop();
    } catch {
      // already stopped
    }
    src.disconnect();
  }
  for (const t of u.timers) clearTimeout(t);
  current = undefined;
  // A paused utterance left the clock suspended: the next one must find it running.
  if (u.paused) void ctx?.resume().catch(() => undefined);
  post({ type: 'ended', id, stopped: true, chunks: u.scheduled, samples: u.samples });
  renderStatus();
}

function peak(): number {
  if (!analyser) return 0;
  const data = new Float32Array(analyser.fftSize);
  analyser.getFloatTimeDomainData(data);
  let p = 0;
  for (const x of data) p = Math.max(p, Math.abs(x));
  return p;
}

window.addEventListener('message', (event: MessageEvent) => {
  let msg;
  try {
    msg = parseToPlayer(event.data);
  } catch (err) {
    console.error('[vieneu player]', (err as Error).message);
    return;
  }
  switch (msg.type) {
    case 'init':
      strings = msg.strings;
      renderStatus();
      break;
    case 'start':
      if (current) stop(current.id);
      current = { id: msg.id, queue: [], sources: new Set(), pending: new Map(), timers: [], nextTime: 0, scheduled: 0, samples: 0, ended: false, firstSent: false, paused: false };
      renderStatus();
      break;
    case 'chunk': {
      const u = current;
      if (!u || u.id !== msg.id) return; // a chunk of a stopped utterance, still in flight
      if (!ctx) {
        post({ type: 'error', id: msg.id, message: 'Web Audio is not available in this webview.' });
        return;
      }
      try {
        const samples = decodePcm16(msg.pcm);
        if (samples.length === 0) return;
        // AudioBuffers may have their own rate: Web Audio resamples to the device rate while playing.
        const buffer = ctx.createBuffer(1, samples.length, msg.sampleRate);
        buffer.copyToChannel(samples as Float32Array<ArrayBuffer>, 0);
        u.queue.push({ index: msg.index, buffer });
        totals.received++;
        totals.rate = buffer.sampleRate;
      } catch (err) {
        post({ type: 'error', id: msg.id, message: `Could not decode audio chunk ${msg.index}: ${(err as Error).message}` });
        return;
      }
      void pump(u);
      break;
    }
    case 'end':
      if (current?.id === msg.id) {
        current.ended = true;
        finishIfDone(current);
      }
      break;
    case 'stop':
      stop(msg.id);
      break;
    case 'pause':
      if (current?.id === msg.id) void setPaused(current, msg.paused);
      break;
    case 'probe':
      post({ type: 'stats', audio: audioState(), chunks: totals.chunks, samples: totals.samples, received: totals.received, rate: totals.rate, peak: peak() });
      break;
  }
});

renderStatus();
post({ type: 'ready', audio: audioState(), granted: !!saved.granted });
