// The player page's state text in real Chromium: Preparing until the first sound, Speaking while sound plays
// (also after generation ended and after Resume, where it used to say Idle), Paused, then Idle — in English
// and in Vietnamese, with no chunk counter.
import * as assert from 'assert';
import type { Browser, Page } from 'playwright-core';
import { chromiumAvailable, launchChromium, serveWebview, type Harness } from '../../helpers/webviewHarness';
import { encodePcm16, type PlayerStringId, type ToPlayer } from '../../../../src/vscode/player/protocol';
import { UI_MESSAGES } from '../../../../src/core/strings/ui';

const RATE = 24000;
const tone = (seconds: number) => new Float32Array(Math.round(seconds * RATE)).map((_, i) => 0.3 * Math.sin((2 * Math.PI * 440 * i) / RATE));

function strings(lang: 'en' | 'vi'): Record<PlayerStringId, string> {
  const m = UI_MESSAGES;
  return {
    uiPlayerIdle: m.uiPlayerIdle[lang],
    uiPlayerSpeaking: m.uiPlayerSpeaking[lang],
    uiPlayerPreparing: m.uiPreparing[lang],
    uiPlayerPaused: m.uiPlayerPaused[lang],
    uiPlayerGesture: m.uiPlayerGesture[lang],
    uiPlayerGestureButton: m.uiPlayerGestureButton[lang],
    uiPlayerStop: m.uiPlayerStop[lang],
    uiPlayerPause: m.uiPlayerPause[lang],
    uiPlayerResume: m.uiPlayerResume[lang],
  };
}

describe('player webview state text (Chromium)', function () {
  this.timeout(60000);
  let harness: Harness;
  let browser: Browser;

  before(async function () {
    if (!chromiumAvailable()) this.skip();
    harness = await serveWebview('player');
    browser = await launchChromium(['--autoplay-policy=no-user-gesture-required']);
  });
  after(async () => {
    await browser?.close();
    await harness?.close();
  });

  const send = (page: Page, msg: ToPlayer) => page.evaluate((m) => window.postMessage(m, '*'), msg);
  const statusIs = (page: Page, text: string) =>
    page.waitForFunction((t) => document.getElementById('status')?.textContent === t, text, { timeout: 10_000 }).then(() => text);
  const clickPause = (page: Page) => page.click('#pause');

  for (const lang of ['en', 'vi'] as const) {
    it(`${lang}: Preparing → Speaking (also once generation ended and after Resume) → Paused → Idle`, async () => {
      const page = await browser.newPage();
      try {
        await page.goto(harness.url);
        await page.waitForFunction(() => (window as any).__posted.some((m: any) => m.type === 'ready'));
        const s = strings(lang);
        await send(page, { type: 'init', strings: s });
        await statusIs(page, s.uiPlayerIdle);
        await send(page, { type: 'start', id: 1 });
        await statusIs(page, s.uiPlayerPreparing);
        await send(page, { type: 'chunk', id: 1, index: 0, sampleRate: RATE, pcm: encodePcm16(tone(1.5)) });
        // Generation is over at once; the sound goes on for 1.5 s.
        await send(page, { type: 'end', id: 1 });
        await statusIs(page, s.uiPlayerSpeaking);
        assert.doesNotMatch(s.uiPlayerSpeaking, /\d|chunk|đoạn/, 'no chunk counter');
        await clickPause(page);
        await statusIs(page, s.uiPlayerPaused);
        await clickPause(page);
        await statusIs(page, s.uiPlayerSpeaking);
        await statusIs(page, s.uiPlayerIdle); // after the last sound ended
      } finally {
        await page.close();
      }
    });
  }
});
