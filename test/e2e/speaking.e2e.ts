// Issue 15 in the real workbench, as a new user meets it with the built-in voice: the status-bar item is there
// from start-up; the walkthrough plays a sample; the first robotic Speak offers the natural voice once;
// Preparing… until the first sound; a partial selection speaks only what is selected; the status bar shows
// "sentence N of M" with Pause/Resume and Stop one click away; the editor title has Stop; the player's text
// follows the sound (Speaking after Resume, not Idle); 10,000 characters start speaking at once.
import * as assert from 'assert';
import type { FrameLocator, Page } from 'playwright-core';
import { benchText } from '../../bench/frontend';
import type { E2eScenario } from './runE2e';
import { DEFAULT_CONFIG } from '../../src/core/config';
import { naturalVoiceMb } from '../../src/app/modelChoices';

/** What the default model downloads (v3 Turbo with its codec and dictionary), as the walkthrough and the offer say. */
const NATURAL_MB = naturalVoiceMb(DEFAULT_CONFIG.local);

// Line 3: two sentences; the second, selected alone (to the end of the document), is long enough to still be sounding
// while it is paused and resumed.
const FIRST = 'Câu đầu rất ngắn. ';
const SECOND =
  'Chúng ta cùng nhau đi dạo quanh hồ Gươm, ngắm những hàng cây xanh rợp bóng, nghe tiếng chim hót, nhìn mặt nước lấp lánh dưới nắng sớm và kể cho nhau nghe những câu chuyện vui buồn của ngày hôm qua, cho đến khi mặt trời lên cao trên những mái nhà cổ.';
const DOC = `# Đi dạo\n\n${FIRST}${SECOND}\n`;

async function player(page: Page, timeout = 30_000): Promise<FrameLocator> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const n = await page.locator('iframe.webview.ready').count();
    for (let i = 0; i < n; i++) {
      const frame = page.frameLocator('iframe.webview.ready').nth(i).frameLocator('iframe#active-frame');
      if ((await frame.locator('#status').count().catch(() => 0)) > 0) return frame;
    }
    if (Date.now() > deadline) throw new Error('the player view did not show');
    await page.waitForTimeout(250);
  }
}

/** Gives the player the one click Chromium may ask for; true when it asked. */
async function allowSound(p: FrameLocator): Promise<boolean> {
  const asked = await p
    .locator('#gesture:not([hidden]) #gesture-button')
    .waitFor({ timeout: 1500 })
    .then(() => true, () => false);
  if (asked) {
    await p.locator('#gesture-button').click();
    await p.locator('#gesture').waitFor({ state: 'hidden', timeout: 10_000 });
  }
  return asked;
}

export const scenarios: E2eScenario[] = [
  {
    name: 'speaking-state-built-in-voice',
    files: { 'di-dao.md': DOC, 'dai.md': benchText(10_000) },
    async run({ page, wb, shot, log }) {
      // 5: the backend item shows from start-up, before any command ran (onStartupFinished).
      const backend = wb.statusItem('vieneu.backend');
      await backend.waitFor({ timeout: 60_000 });
      log('status bar at start-up:', (await backend.innerText()).trim());
      assert.match(await backend.innerText(), /VieNeu: Local · ready/);
      await shot('20-status-bar-at-startup');

      // 5: the walkthrough, with the natural voice's size and licence.
      await wb.runCommand('Welcome: Open Walkthrough...');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Get started with VieNeu TTS' }).first().waitFor({ timeout: 15_000 });
      await page.keyboard.type('VieNeu');
      await page.keyboard.press('Enter');
      const walkthrough = page.locator('.gettingStartedContainer');
      await walkthrough.locator('text=Hear the built-in voice').first().waitFor({ timeout: 20_000 });
      await shot('21-walkthrough');
      await walkthrough.locator('text=Download the natural voice').first().click();
      await walkthrough.locator(`text=/about ${NATURAL_MB} MB/`).first().waitFor({ timeout: 10_000 });
      assert.match(await walkthrough.innerText(), /Apache-2\.0/);
      await shot('22-walkthrough-natural-voice');
      await walkthrough.locator('text=Hear the built-in voice').first().click();
      const recordSpeaking = await wb.recordTexts('.statusbar-item[id$="vieneu.speaking"]', '__speaking');
      await walkthrough.getByRole('button', { name: 'Play a sample' }).click();

      // 2 + 5: Preparing… until the first sound; the robotic voice's one offer of the natural voice.
      // The player's frame is looked up each time: frames come and go (the walkthrough's, the editor's).
      const status = async () => (await player(page)).locator('#status');
      const asked = await allowSound(await player(page));
      log(asked ? 'player asked for the click' : 'player played without asking');
      const offer = await wb.notification(/This is the basic robotic voice/);
      log('offer:', offer.replace(/\s+/g, ' '));
      assert.match(offer, new RegExp(`Download the natural VieNeu voice \\(${NATURAL_MB} MB\\)\\?`));
      assert.match(offer, /Download/);
      await shot('23-natural-voice-offer');
      await page.locator('.notification-toast', { hasText: /robotic voice/ }).getByRole('button', { name: 'Not now' }).click();
      await (await status()).filter({ hasText: /^Idle/ }).waitFor({ timeout: 60_000 });
      const speakingTexts = (await recordSpeaking()).map((e) => e.text);
      log('status bar while the sample played:', speakingTexts.join(' → '));
      assert.match(speakingTexts[0], /Preparing…/, 'Preparing… comes first');
      assert.ok(speakingTexts.some((t) => /sentence 1 of 3/.test(t)), 'then the sentence being heard');

      // 9: a partial selection (the second sentence of line 3 only) through the palette, which keeps it.
      await wb.openFile('di-dao.md');
      await wb.selectToEnd(3, FIRST.length + 1);
      const recordPartial = await wb.recordTexts('.statusbar-item[id$="vieneu.speaking"]', '__partial');
      await wb.runCommand('VieNeu: Speak Selection');
      const item = wb.statusItem('vieneu.speaking');
      await page.waitForFunction((el) => /sentence 1 of 1/.test(el?.textContent ?? ''), await item.elementHandle(), { timeout: 30_000 });
      log('status bar, partial selection:', (await item.innerText()).trim());
      // 4: Stop in the editor title while speaking; Stop beside the state in the status bar.
      const titleStop = page.locator('.editor-actions [aria-label*="Stop Speaking"]').first();
      await titleStop.waitFor({ timeout: 10_000 });
      assert.ok(await wb.statusItem('vieneu.stop').isVisible());
      await (await status()).filter({ hasText: /^Speaking…$/ }).waitFor({ timeout: 10_000 });
      await shot('24-partial-selection-speaking');

      // 4 + 3: Pause from the status bar, Resume from the status bar; the player says Speaking again, not Idle.
      await item.click();
      await page.waitForFunction((el) => /Paused · sentence 1 of 1/.test(el?.textContent ?? ''), await item.elementHandle(), { timeout: 10_000 });
      await (await status()).filter({ hasText: /^Paused/ }).waitFor({ timeout: 10_000 });
      await shot('25-paused');
      await item.click();
      await page.waitForFunction((el) => /^\s*VieNeu: sentence 1 of 1/.test(el?.textContent ?? ''), await item.elementHandle(), { timeout: 10_000 });
      await (await status()).filter({ hasText: /^Speaking…$/ }).waitFor({ timeout: 10_000 });
      await shot('26-resumed');
      // Stop from the editor title: the status-bar items and the title button go away, the player is idle.
      await titleStop.click();
      await item.waitFor({ state: 'hidden', timeout: 10_000 });
      await titleStop.waitFor({ state: 'hidden', timeout: 10_000 });
      await (await status()).filter({ hasText: /^Idle/ }).waitFor({ timeout: 10_000 });
      const partialTexts = (await recordPartial()).map((e) => e.text);
      log('status bar during the partial selection:', partialTexts.join(' → '));
      assert.ok(!partialTexts.some((t) => /of 2/.test(t)), 'never the whole paragraph');
      await shot('27-stopped-from-editor-title');

      // 2: 10,000 characters speak from their first sentence; Stop from the status bar.
      await wb.openFile('dai.md');
      await page.locator('.monaco-editor .view-lines').first().click();
      await page.keyboard.press('Control+A');
      const recordLong = await wb.recordTexts('.statusbar-item[id$="vieneu.speaking"]', '__long');
      await wb.runCommand('VieNeu: Speak Selection');
      await page.waitForFunction((el) => /sentence \d+ of \d{2,}/.test(el?.textContent ?? ''), await item.elementHandle(), { timeout: 60_000 });
      const long = await recordLong();
      log(`10,000 characters, status bar: ${long.map((e) => `${e.text} (+${e.at - long[0].at} ms)`).join(' → ')}`);
      assert.match(long[0].text, /Preparing…/);
      await (await status()).filter({ hasText: /^Speaking…$/ }).waitFor({ timeout: 10_000 });
      await shot('28-long-text-speaking');
      await wb.statusItem('vieneu.stop').click();
      await item.waitFor({ state: 'hidden', timeout: 10_000 });
      await shot('29-long-text-stopped');
    },
  },
];
