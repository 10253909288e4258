// The host half of the webview player (WebviewPlayerCore) driving the real player page in Chromium through a
// message channel, as VS Code's webview.postMessage / onDidReceiveMessage would: playback starts while the
// backend is still generating, highlight events map back to the chunks' text ranges, Stop is immediate, a
// backend failure midway is reported.
import * as assert from 'assert';
import type { Browser, Page } from 'playwright-core';
import { chromiumAvailable, launchChromium, serveWebview, type Harness } from '../../helpers/webviewHarness';
import { WebviewPlayerCore, type PlayerChannel } from '../../../../src/vscode/player/webviewPlayerCore';
import { parseFromPlayer, type FromPlayer } from '../../../../src/vscode/player/protocol';
import { abortError, UserError } from '../../../../src/core/errors';
import type { AudioChunk } from '../../../../src/core/types';

const RATE = 24000;
const tone = (s: number): Float32Array => Float32Array.from({ length: Math.round(s * RATE) }, (_, i) => 0.4 * Math.sin((2 * Math.PI * 330 * i) / RATE));

describe('webview player host <-> player page (Chromium)', function () {
  this.timeout(60000);
  let harness: Harness;
  let browser: Browser;
  let page: Page;
  let listeners: Array<(m: FromPlayer) => void>;
  let core: WebviewPlayerCore;

  before(async function () {
    if (!chromiumAvailable()) this.skip();
    harness = await serveWebview('player');
    browser = await launchChromium(['--autoplay-policy=no-user-gesture-required']);
  });
  after(async () => {
    await browser?.close();
    await harness?.close();
  });
  beforeEach(async () => {
    page = await browser.newPage();
    listeners = [];
    let markReady!: () => void;
    const ready = new Promise<void>((r) => (markReady = r));
    await page.exposeFunction('__toHost', (m: unknown) => {
      const msg = parseFromPlayer(m);
      if (msg.type === 'ready') markReady();
      for (const l of [...listeners]) l(msg);
    });
    await page.goto(harness.url);
    const channel: PlayerChannel = {
      post: (msg) => void page.evaluate((x) => window.postMessage(x, '*'), msg),
      onMessage: (l) => {
        listeners.push(l);
        return { dispose: () => (listeners = listeners.filter((x) => x !== l)) };
      },
    };
    core = new WebviewPlayerCore({ ready: async () => (await ready, channel) });
  });
  afterEach(async () => page?.close());

  it('starts playing the first chunk while the next is still being generated, and highlights each chunk', async () => {
    let firstAudioAt = 0;
    let secondYieldedAt = 0;
    async function* gen(): AsyncIterable<AudioChunk> {
      yield { samples: tone(0.3), sampleRate: RATE, textRange: { start: 0, end: 10 } };
      // Generation of chunk 2 "takes" until the page has started sounding chunk 1.
      while (!firstAudioAt) await new Promise((r) => setTimeout(r, 10));
      secondYieldedAt = Date.now();
      yield { samples: tone(0.2), sampleRate: RATE, textRange: { start: 11, end: 25 } };
    }
    const ranges: Array<[number, number, number]> = [];
    const result = await core.play(gen(), new AbortController().signal, {
      onFirstAudio: () => (firstAudioAt = Date.now()),
      onChunkStart: (c, i) => ranges.push([i, c.textRange!.start, c.textRange!.end]),
    });
    assert.ok(firstAudioAt > 0 && secondYieldedAt >= firstAudioAt);
    assert.deepStrictEqual(result, { chunks: 2, samples: Math.round(0.5 * RATE), sampleRate: RATE, stopped: false });
    assert.deepStrictEqual(ranges, [[0, 0, 10], [1, 11, 25]]);
    assert.deepStrictEqual({ ...core.stats }, { utterances: 1, chunksSent: 2, firstAudio: 1, chunkStarts: 2, ended: 1, stopped: 0, gestureNeeded: 0 });
    const probe = await core.probe();
    assert.strictEqual(probe?.received, 2);
    assert.strictEqual(probe?.samples, Math.round(0.5 * RATE));
  });

  it('48 kHz chunks reach the page at 48 kHz and sound for their own duration', async () => {
    const seen: FromPlayer[] = [];
    listeners.push((m) => seen.push(m));
    const at48 = (s: number) => Float32Array.from({ length: Math.round(s * 48000) }, (_, i) => 0.4 * Math.sin((2 * Math.PI * 330 * i) / 48000));
    async function* gen(): AsyncIterable<AudioChunk> {
      yield { samples: at48(0.2), sampleRate: 48000, textRange: { start: 0, end: 4 } };
      yield { samples: at48(0.1), sampleRate: 48000, textRange: { start: 5, end: 9 } };
    }
    const result = await core.play(gen(), new AbortController().signal);
    assert.deepStrictEqual(result, { chunks: 2, samples: 14400, sampleRate: 48000, stopped: false });
    const starts = seen.filter((m): m is Extract<FromPlayer, { type: 'chunkStart' }> => m.type === 'chunkStart');
    assert.strictEqual(starts.length, 2);
    assert.ok(Math.abs(starts[1].at - starts[0].at - 0.2) < 1e-6, `second chunk starts ${starts[1].at - starts[0].at} s after the first`);
  });

  it('Stop resolves at once, silences the page, and the generator is closed', async () => {
    const ac = new AbortController();
    let closed = false;
    async function* gen(): AsyncIterable<AudioChunk> {
      try {
        for (let i = 0; ; i++) {
          if (ac.signal.aborted) throw abortError();
          yield { samples: tone(0.5), sampleRate: RATE, textRange: { start: i, end: i + 1 } };
          await new Promise((r) => setTimeout(r, 100));
        }
      } finally {
        closed = true;
      }
    }
    const playing = core.play(gen(), ac.signal, { onFirstAudio: () => setTimeout(() => ac.abort(), 50) });
    const result = await playing;
    assert.strictEqual(result.stopped, true);
    await new Promise((r) => setTimeout(r, 300));
    assert.ok(closed, 'generation ends when stopped');
    let probe = await core.probe();
    for (let i = 0; i < 20 && probe?.peak !== 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      probe = await core.probe();
    }
    assert.strictEqual(probe?.peak, 0);
  });

  it('a backend failure midway stops the sound and rejects with the backend error', async () => {
    async function* gen(): AsyncIterable<AudioChunk> {
      yield { samples: tone(1), sampleRate: RATE };
      await new Promise((r) => setTimeout(r, 100));
      throw new UserError('Colab connection lost', 'network');
    }
    await assert.rejects(core.play(gen(), new AbortController().signal), /Colab connection lost/);
    let peak = (await core.probe())?.peak;
    for (let i = 0; i < 20 && peak !== 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      peak = (await core.probe())?.peak;
    }
    assert.strictEqual(peak, 0);
  });

  it('Pause holds the sound and the highlights where they are, Resume goes on; the page has its own button too', async () => {
    const chunks = [0.4, 0.4, 0.4];
    async function* gen(): AsyncIterable<AudioChunk> {
      for (const [i, d] of chunks.entries()) yield { samples: tone(d), sampleRate: RATE, textRange: { start: i * 10, end: i * 10 + 9 } };
    }
    await page.evaluate((x) => window.postMessage(x, '*'), { type: 'init', strings: { uiPlayerPaused: 'Paused', uiPlayerPause: 'Pause', uiPlayerResume: 'Resume' } });
    const starts: Array<[number, number]> = [];
    let pausedAt = 0;
    let resumedAt = 0;
    const t0 = Date.now();
    const playing = core.play(gen(), new AbortController().signal, {
      onChunkStart: (_c, i) => starts.push([i, Date.now()]),
      onFirstAudio: () => {
        setTimeout(() => {
          pausedAt = Date.now();
          assert.ok(core.setPaused(true));
          assert.strictEqual(core.paused, true);
          setTimeout(() => {
            resumedAt = Date.now();
            core.setPaused(false);
          }, 1000);
        }, 100);
      },
    });
    // While paused (the resume comes 1 s after the pause): the page says so and its clock is suspended.
    const deadline = Date.now() + 10_000;
    let audio: string | undefined;
    while (Date.now() < deadline && audio !== 'suspended') {
      await new Promise((r) => setTimeout(r, 50));
      if (pausedAt && !resumedAt) audio = (await core.probe())?.audio;
    }
    assert.strictEqual(audio, 'suspended');
    assert.strictEqual(await page.locator('#status').innerText(), 'Paused');
    assert.strictEqual(await page.locator('#pause').innerText(), 'Resume');
    const result = await playing;
    assert.strictEqual(result.stopped, false);
    assert.deepStrictEqual(starts.map(([i]) => i), [0, 1, 2]);
    for (const [i, at] of starts) assert.ok(at < pausedAt || at >= resumedAt, `chunk ${i} started during the pause`);
    assert.ok(Date.now() - t0 >= 1200 + 1000 - 150, `played for ${Date.now() - t0} ms: the pause adds its length`);
    assert.strictEqual(core.paused, false);
    assert.strictEqual(core.setPaused(true), false, 'nothing to pause once it has ended');

    // The page's own button pauses and resumes too, and tells the host.
    const second = core.play(gen(), new AbortController().signal);
    await page.locator('#pause:not([hidden])').click();
    await new Promise((r) => setTimeout(r, 100));
    assert.strictEqual(core.paused, true);
    assert.strictEqual(await page.locator('#pause').getAttribute('aria-pressed'), 'true');
    await page.locator('#pause').click();
    assert.strictEqual((await second).stopped, false);
    assert.strictEqual((await core.probe())?.audio, 'running');
  });
});
