// The admin panel as a person uses it: open it from the palette, generate the notebook (it opens in the
// notebook editor), fill in Step 3 with the URL of the real notebook server and press Connect, see the status
// bar turn to Colab, then speak a selection and give the player the one click Chromium's autoplay policy asks.
import * as assert from 'assert';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import type { E2eScenario } from './runE2e';
import type { Workbench } from './workbench';
import { PythonServer } from '../unit/remote/serverProcess';

const DOC = '# Thời tiết\n\nHôm nay trời đẹp quá. Chúng ta đi dạo nhé! Ngày mai có lẽ trời sẽ mưa, nhớ mang ô.\n';

/** The inner frame of whichever webview (panel or player) contains `selector`. */
async function webviewWith(page: Page, selector: string, timeout = 30_000): Promise<FrameLocator> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const outer = page.locator('iframe.webview.ready');
    const n = await outer.count();
    for (let i = 0; i < n; i++) {
      const frame = page.frameLocator('iframe.webview.ready').nth(i).frameLocator('iframe#active-frame');
      if ((await frame.locator(selector).count().catch(() => 0)) > 0) return frame;
    }
    if (Date.now() > deadline) throw new Error(`no webview shows ${selector}`);
    await page.waitForTimeout(250);
  }
}

/** Opens (or brings back) the admin panel from the palette and returns its page once it shows. */
async function openPanel(page: Page, wb: Workbench): Promise<FrameLocator> {
  for (let attempt = 1; ; attempt++) {
    await wb.runCommand('VieNeu: Open Admin Panel');
    try {
      return await webviewWith(page, '#sec-backend', 15_000);
    } catch (e) {
      if (attempt >= 3) throw e;
    }
  }
}

async function text(l: Locator): Promise<string> {
  return ((await l.textContent()) ?? '').trim();
}

let server: PythonServer | undefined;

export const scenarios: E2eScenario[] = [
  {
    name: 'admin-panel-colab-and-speak',
    settings: { 'vieneu.local.builtinVoice': false },
    files: { 'thoi-tiet.md': DOC },
    async run({ page, wb, shot, log }) {
      try {
        await wb.openFile('thoi-tiet.md');
        let panel = await openPanel(page, wb);
        await panel.locator('#local-state').waitFor();
        assert.strictEqual(await text(panel.locator('#sec-colab-h')), 'Colab Configuration');
        await shot('10-admin-panel');

        // Step 1: generate the notebook; it opens in the notebook editor under the name Step 2 tells to upload
        // (its first cell, rendered in the notebook's own webview, says it runs on Colab: see the screenshot).
        await panel.locator('#nb-open').click();
        await page.locator('.tab.active', { hasText: 'vieneu_tts_colab.ipynb' }).waitFor({ timeout: 30_000 });
        await page.locator('.notebook-editor .cell-list-container').first().waitFor({ timeout: 30_000 });
        // The generated cells, not an empty notebook (the first one, rendered Markdown, says it runs on Colab).
        await page.waitForFunction(() => document.querySelectorAll('.notebook-editor .monaco-list-row').length >= 3, undefined, { timeout: 30_000 });
        await page.waitForTimeout(2000); // Markdown cells render in the notebook's own webview, a moment later
        log('notebook editor open');
        await shot('11-notebook-editor');

        // Back to the panel: the token is shown; the real server starts with it (as the notebook would on Colab).
        panel = await openPanel(page, wb);
        const token = await text(panel.locator('#nb-token'));
        assert.ok(token.length >= 32, `token shown: ${token}`);
        server = await PythonServer.start({ token, env: { VIENEU_STANDIN_CHUNKS: '4', VIENEU_STANDIN_CHUNK_S: '0.2' } });
        log('server.py on', server.url);

        // Step 3, typed as a person would; the token field stays empty (the stored token is used).
        await panel.locator('#endpoint input').fill(server.url);
        await panel.locator('#connect').click();
        await panel.locator('#colab-state', { hasText: /^Ready$/ }).waitFor({ timeout: 30_000 });
        assert.match(await panel.locator('#colab-facts').innerText(), /Latency\s+\d+ ms/);
        const item = wb.statusItem('vieneu.backend');
        await page.waitForFunction(
          (el) => /Colab · \d+ ms/.test(el?.textContent ?? ''),
          await item.elementHandle(),
          { timeout: 15_000 },
        );
        log('status bar:', (await item.innerText()).trim());
        await shot('12-colab-connected');

        // Choose Voice from the keyboard lists the Colab server's voices.
        await wb.runCommand('VieNeu: Choose Voice');
        const voiceRows = page.locator('.quick-input-list .monaco-list-row');
        await voiceRows.first().waitFor({ timeout: 10_000 });
        log('voices offered:', (await voiceRows.allInnerTexts()).map((x) => x.replace(/\s+/g, ' ').trim()).join(' | '));
        await shot('12b-choose-voice');
        await page.keyboard.press('Escape');

        // Speak the selection through the webview player. (Keyboard focus is inside the panel: click the tab.)
        await page.locator('.tab', { hasText: 'thoi-tiet.md' }).first().click();
        await wb.selectLine(3);
        await wb.runCommand('VieNeu: Speak Selection');
        const player = await webviewWith(page, '#status', 30_000);
        // Whether Chromium wants the click depends on where the workbench got its user activation (webview
        // frames carry allow="autoplay"): click when asked, carry on when not. Both paths are unit-tested.
        const asked = await player
          .locator('#gesture:not([hidden]) #gesture-button')
          .waitFor({ timeout: 1500 })
          .then(() => true, () => false);
        log(asked ? 'player asked for the click' : 'player allowed to play without asking');
        if (asked) {
          await shot('13-player-asks-for-click');
          await player.locator('#gesture-button').click();
          await player.locator('#gesture').waitFor({ state: 'hidden', timeout: 10_000 });
        }
        await player.locator('#status', { hasText: /Speaking/ }).waitFor({ timeout: 15_000 });
        await page.locator('.monaco-editor .view-overlays [class*="ced-"], .monaco-editor .view-overlays .findMatch').first().waitFor({ timeout: 5000 }).catch(() => log('no highlight decoration found in the DOM'));
        await shot('14-speaking-highlighted');
        await player.locator('#status', { hasText: /Idle/ }).waitFor({ timeout: 60_000 });
        log('played to the end');

        // A second utterance plays without asking again.
        await wb.runCommand('VieNeu: Speak Selection');
        await player.locator('#status', { hasText: /Speaking/ }).waitFor({ timeout: 15_000 });
        assert.ok(!(await player.locator('#gesture-button').isVisible()));
        await wb.runCommand('VieNeu: Stop Speaking');
        await player.locator('#status', { hasText: /Idle/ }).waitFor({ timeout: 10_000 });
        await shot('15-stopped');
      } finally {
        await server?.stop();
        server = undefined;
      }
    },
  },
];
