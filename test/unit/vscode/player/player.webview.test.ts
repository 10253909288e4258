// The streaming player page in real Chromium, behind the production HTML and CSP. With autoplay allowed:
// gapless scheduling on the audio clock, sound really flowing through the graph, events in order, stop at
// once. With Chromium's default autoplay policy: the page asks once with a visible button, keeps the chunks
// until the click, then plays, and does not ask again.
import * as assert from 'assert';
import type { Browser, Page } from 'playwright-core';
import { chromiumAvailable, launchChromium, serveWebview, type Harness } from '../../helpers/webviewHarness';
import { encodePcm16, decodePcm16, parseFromPlayer, type ToPlayer } from '../../../../src/vscode/player/protocol';
import { UI_MESSAGES } from '../../../../src/core/strings/ui';

const RATE = 24000;
function tone(seconds: number, amp = 0.5, hz = 440, rate = RATE): Float32Array {
  const out = new Float32Array(Math.round(seconds * rate));
  for (let i = 0; i < out.length; i++) out[i] = amp * Math.sin((2 * Math.PI * hz * i) / rate);
  return out;
}

const PLAYER_STRINGS = {
  uiPlayerIdle: UI_MESSAGES.uiPlayerIdle.en,
  uiPlayerSpeaking: UI_MESSAGES.uiPlayerSpeaking.en,
  uiPlayerGesture: UI_MESSAGES.uiPlayerGesture.en,
  uiPlayerGestureButton: UI_MESSAGES.uiPlayerGestureButton.en,
  uiPlayerStop: UI_MESSAGES.uiPlayerStop.en,
};

describe('player webview (Chromium)', function () {
  this.timeout(60000);
  let harness: Harness;

  before(async function () {
    if (!chromiumAvailable()) this.skip();
    harness = await serveWebview('player');
  });
  after(async () => harness?.close());

  async function open(browser: Browser): Promise<Page> {
    const page = await browser.newPage();
    await page.goto(harness.url);
    await page.waitForFunction(() => (window as any).__posted.some((m: any) => m.type === 'ready'));
    await send(page, { type: 'init', strings: PLAYER_STRINGS });
    return page;
  }
  const send = (page: Page, msg: ToPlayer) => page.evaluate((m) => window.postMessage(m, '*'), msg);
  const posted = async (page: Page) => {
    const all = (await page.evaluate(() => (window as any).__posted)) as unknown[];
    return all.map((m) => parseFromPlayer(m)); // everything the page posts is valid protocol
  };
  // A function, not a string: the page's CSP (rightly) forbids eval.
  const waitFor = async (page: Page, type: string, timeout = 10000) =>
    page.waitForFunction((t) => (window as any).__posted.some((m: any) => m.type === t), type, { timeout });
  const probe = async (page: Page) => {
    const n = (await posted(page)).length;
    await send(page, { type: 'probe' });
    await page.waitForFunction((k) => (window as any).__posted.length > k, n);
    return (await posted(page)).filter((m) => m.type === 'stats').at(-1) as Extract<ReturnType<typeof parseFromPlayer>, { type: 'stats' }>;
  };

  describe('autoplay allowed (--autoplay-policy=no-user-gesture-required)', () => {
    let browser: Browser;
    before(async () => {
      browser = await launchChromium(['--autoplay-policy=no-user-gesture-required']);
    });
    after(async () => browser?.close());

    it('PCM16 base64 round-trips within one quantization step', () => {
      const x = tone(0.01, 0.9);
      const y = decodePcm16(encodePcm16(x));
      assert.strictEqual(y.length, x.length);
      // Encoding scales positives by 32767 and decoding by 32768: within 1.5 steps, not exactly one.
      for (let i = 0; i < x.length; i++) assert.ok(Math.abs(x[i] - y[i]) <= 1.5 / 32767, `sample ${i}`);
      assert.strictEqual(encodePcm16(new Float32Array([0, 1, -1])), Buffer.from(new Int16Array([0, 32767, -32768]).buffer).toString('base64'));
    });

    it('plays chunks gaplessly on the audio clock, reports first audio, each chunk start in order, and the end', async () => {
      const page = await open(browser);
      assert.strictEqual((await posted(page))[0].type, 'ready');
      assert.deepStrictEqual((await posted(page))[0], { type: 'ready', audio: 'running', granted: false });
      await send(page, { type: 'start', id: 1 });
      // The first chunk lasts long enough that the others arrive while it plays even on a loaded machine (a
      // chunk that arrives after the sound ran out starts late, by design, and that is not what this checks).
      const lens = [1.0, 0.1, 0.3];
      for (let i = 0; i < lens.length; i++) {
        await send(page, { type: 'chunk', id: 1, index: i, sampleRate: RATE, pcm: encodePcm16(tone(lens[i])) });
        if (i === 0) await waitFor(page, 'firstAudio'); // later chunks arrive while the first plays
      }
      // Sound flows through the graph while playing (polled: a loaded machine may start the output late).
      let peak = 0;
      for (let i = 0; i < 20 && peak <= 0.2; i++) peak = Math.max(peak, (await probe(page)).peak);
      assert.ok(peak > 0.2, `sound should flow through the graph while playing (peak ${peak})`);
      await send(page, { type: 'end', id: 1 });
      await waitFor(page, 'ended');
      const msgs = await posted(page);
      const kinds = msgs.filter((m) => m.type !== 'stats').map((m) => m.type);
      assert.deepStrictEqual(kinds, ['ready', 'firstAudio', 'chunkStart', 'chunkStart', 'chunkStart', 'ended']);
      const starts = msgs.filter((m): m is Extract<typeof m, { type: 'chunkStart' }> => m.type === 'chunkStart');
      assert.deepStrictEqual(starts.map((m) => m.index), [0, 1, 2]);
      // Gapless: each chunk starts exactly where the previous one ends on the audio clock.
      for (let i = 1; i < starts.length; i++) assert.ok(Math.abs(starts[i].at - (starts[i - 1].at + lens[i - 1])) < 1e-6, `gap before chunk ${i}`);
      assert.deepStrictEqual(msgs.at(-1), { type: 'ended', id: 1, stopped: false, chunks: 3, samples: Math.round(1.4 * RATE) });
      await page.close();
    });

    it('plays 48 kHz chunks (v3) at their own rate, gaplessly, and 24 kHz ones beside them', async () => {
      const page = await open(browser);
      await send(page, { type: 'start', id: 7 });
      // The first chunk outlasts the sending of the others, even on a loaded machine (an underrun starts late by design).
      const parts: Array<[number, number]> = [[1.0, 48000], [0.15, 48000], [0.1, 24000], [0.12, 48000]];
      for (let i = 0; i < parts.length; i++) {
        const [seconds, rate] = parts[i];
        await send(page, { type: 'chunk', id: 7, index: i, sampleRate: rate, pcm: encodePcm16(tone(seconds, 0.5, 440, rate)) });
      }
      let peak = 0;
      for (let i = 0; i < 20 && peak <= 0.2; i++) peak = Math.max(peak, (await probe(page)).peak);
      assert.ok(peak > 0.2, `sound flows (peak ${peak})`);
      await send(page, { type: 'end', id: 7 });
      await waitFor(page, 'ended');
      const msgs = await posted(page);
      const starts = msgs.filter((m): m is Extract<typeof m, { type: 'chunkStart' }> => m.type === 'chunkStart');
      assert.deepStrictEqual(starts.map((m) => m.index), [0, 1, 2, 3]);
      // Each chunk lasts its own duration: a 48 kHz chunk played as 24 kHz would last twice as long.
      for (let i = 1; i < starts.length; i++) assert.ok(Math.abs(starts[i].at - (starts[i - 1].at + parts[i - 1][0])) < 1e-6, `gap before chunk ${i}`);
      const samples = parts.reduce((n, [sec, rate]) => n + Math.round(sec * rate), 0);
      assert.deepStrictEqual(msgs.at(-1), { type: 'ended', id: 7, stopped: false, chunks: 4, samples });
      await page.close();
    });

    it('stops at once: sound goes silent, the end is reported as stopped, late chunks are dropped', async () => {
      const page = await open(browser);
      await send(page, { type: 'start', id: 7 });
      for (let i = 0; i < 8; i++) await send(page, { type: 'chunk', id: 7, index: i, sampleRate: RATE, pcm: encodePcm16(tone(0.5)) });
      await waitFor(page, 'chunkStart');
      let peak = 0;
      for (let i = 0; i < 20 && peak <= 0.2; i++) peak = Math.max(peak, (await probe(page)).peak);
      assert.ok(peak > 0.2, `playing before the stop (peak ${peak})`);
      await send(page, { type: 'stop', id: 7 });
      await waitFor(page, 'ended', 2000);
      const ended = (await posted(page)).find((m) => m.type === 'ended');
      assert.strictEqual(ended && ended.type === 'ended' && ended.stopped, true);
      await send(page, { type: 'chunk', id: 7, index: 8, sampleRate: RATE, pcm: encodePcm16(tone(0.5)) });
      // The analyser holds the last 2048 frames (85 ms at 24 kHz): within a few render quanta it reads silence.
      let after = await probe(page);
      for (let i = 0; i < 20 && after.peak !== 0; i++) {
        await page.waitForTimeout(100);
        after = await probe(page);
      }
      assert.strictEqual(after.peak, 0, 'silence after stop');
      assert.strictEqual((await posted(page)).filter((m) => m.type === 'firstAudio').length, 1);
      await page.close();
    });

    it('the Stop button in the player asks the extension to stop generation too', async () => {
      const page = await open(browser);
      await send(page, { type: 'start', id: 3 });
      await send(page, { type: 'chunk', id: 3, index: 0, sampleRate: RATE, pcm: encodePcm16(tone(2)) });
      await waitFor(page, 'firstAudio');
      await page.locator('#stop').click();
      await waitFor(page, 'ended');
      const kinds = (await posted(page)).map((m) => m.type);
      assert.ok(kinds.indexOf('stopRequested') >= 0 && kinds.indexOf('stopRequested') < kinds.indexOf('ended'));
      await page.close();
    });

    it('reports a chunk it cannot decode instead of failing silently', async () => {
      const page = await open(browser);
      await send(page, { type: 'start', id: 4 });
      await send(page, { type: 'chunk', id: 4, index: 0, sampleRate: RATE, pcm: '!!!not base64' });
      await waitFor(page, 'error');
      const err = (await posted(page)).find((m) => m.type === 'error');
      assert.match(err && err.type === 'error' ? err.message : '', /Could not decode audio chunk 0/);
      await page.close();
    });
  });

  describe("Chromium's default autoplay policy (a gesture is needed)", () => {
    let browser: Browser;
    before(async () => {
      browser = await launchChromium();
    });
    after(async () => browser?.close());

    it('asks once with a visible button, holds the audio until the click, then plays and never asks again', async () => {
      // Playwright's evaluate() runs with userGesture: true, which would grant the page the very activation this
      // test is about. Every interaction except the click goes through CDP with userGesture: false.
      const page = await browser.newPage();
      const cdp = await page.context().newCDPSession(page);
      const ev = async (expression: string) =>
        (await cdp.send('Runtime.evaluate', { expression, returnByValue: true, userGesture: false })).result.value;
      const sendQuiet = (m: ToPlayer) => ev(`window.postMessage(${JSON.stringify(m)}, '*')`);
      const kinds = async (): Promise<string[]> => JSON.parse(await ev('JSON.stringify(window.__posted)')).map((m: unknown) => parseFromPlayer(m).type);
      const until = async (pred: (k: string[]) => boolean) => {
        for (let i = 0; i < 100; i++) {
          if (pred(await kinds())) return;
          await new Promise((r) => setTimeout(r, 100));
        }
        assert.fail(`timed out; posted: ${(await kinds()).join(', ')}`);
      };
      await page.goto(harness.url);
      await until((k) => k.includes('ready'));
      await sendQuiet({ type: 'init', strings: PLAYER_STRINGS });
      assert.deepStrictEqual(JSON.parse(await ev('JSON.stringify(window.__posted[0])')), { type: 'ready', audio: 'suspended', granted: false });
      await sendQuiet({ type: 'start', id: 1 });
      await sendQuiet({ type: 'chunk', id: 1, index: 0, sampleRate: RATE, pcm: encodePcm16(tone(0.2)) });
      await until((k) => k.includes('gestureNeeded'));
      const button = page.locator('#gesture-button');
      const visible = "(() => { const b = document.getElementById('gesture-button'); return !!b && b.offsetParent !== null; })()";
      assert.strictEqual(await ev(visible), true);
      assert.strictEqual(await ev("document.getElementById('gesture-button').textContent"), PLAYER_STRINGS.uiPlayerGestureButton);
      // The button has focus, so a keyboard user answers with Enter as well.
      assert.strictEqual(await ev('document.activeElement && document.activeElement.id'), 'gesture-button');
      await sendQuiet({ type: 'chunk', id: 1, index: 1, sampleRate: RATE, pcm: encodePcm16(tone(0.2)) });
      await sendQuiet({ type: 'end', id: 1 });
      await new Promise((r) => setTimeout(r, 300));
      assert.ok(!(await kinds()).includes('firstAudio'), 'nothing may play before the gesture');
      assert.strictEqual(await ev('navigator.userActivation.hasBeenActive'), false, 'the test itself must not have activated the page');

      await button.click();
      await until((k) => k.includes('ended'));
      assert.strictEqual(await ev(visible), false);
      assert.deepStrictEqual(await kinds(), ['ready', 'gestureNeeded', 'gestureGranted', 'firstAudio', 'chunkStart', 'chunkStart', 'ended']);
      assert.deepStrictEqual(JSON.parse(await ev("sessionStorage.getItem('vscode-state')")), { granted: true });

      await sendQuiet({ type: 'start', id: 2 });
      await sendQuiet({ type: 'chunk', id: 2, index: 0, sampleRate: RATE, pcm: encodePcm16(tone(0.1)) });
      await sendQuiet({ type: 'end', id: 2 });
      await until((k) => k.filter((x) => x === 'ended').length === 2);
      assert.strictEqual((await kinds()).filter((k) => k === 'gestureNeeded').length, 1);
      await page.close();
    });
  });
});
