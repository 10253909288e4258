// Cloning a voice in the admin panel as a person does, in a real VS Code: a recording dropped on the Voices
// section travels to the extension as bytes through VS Code's own webview messaging, the rights reminder comes
// up as a modal dialog, the voice is cloned on this computer with the clone fixtures (the models folder
// setting points at them) and shows in the cloned list; Delete asks first, then the list is empty again.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { FrameLocator, Page } from 'playwright-core';
import { writeCloneFixtures } from '../../src/local/fixtures/cloneFixtures';
import type { E2eScenario } from './runE2e';
import type { Workbench } from './workbench';

const FX = fs.mkdtempSync(path.join(os.tmpdir(), 'vieneu-e2e-clone-'));

async function panelFrame(page: Page, wb: Workbench): Promise<FrameLocator> {
  for (let attempt = 1; ; attempt++) {
    await wb.runCommand('VieNeu: Open Admin Panel');
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      const n = await page.locator('iframe.webview.ready').count();
      for (let i = 0; i < n; i++) {
        const frame = page.frameLocator('iframe.webview.ready').nth(i).frameLocator('iframe#active-frame');
        if ((await frame.locator('#sec-voices').count().catch(() => 0)) > 0) return frame;
      }
      await page.waitForTimeout(250);
    }
    if (attempt >= 3) throw new Error('the admin panel did not show');
  }
}

/** Presses a button of VS Code's modal dialog. */
async function answerDialog(page: Page, button: string): Promise<string> {
  const box = page.locator('.monaco-dialog-box');
  await box.waitFor({ timeout: 15_000 });
  const said = (await box.innerText()).replace(/\s+/g, ' ').trim();
  await box.locator('.monaco-button', { hasText: button }).first().click();
  await box.waitFor({ state: 'hidden', timeout: 10_000 });
  return said;
}

export const scenarios: E2eScenario[] = [
  {
    name: 'admin-panel-clone-dropped-recording',
    settings: { 'vieneu.local.builtinVoice': false, 'vieneu.local.modelsPath': path.join(FX, 'models') },
    async run({ page, wb, shot, log }) {
      try {
        writeCloneFixtures(path.join(FX, 'models'));
        const wav = path.join(FX, 'giong-toi.wav');
        const r = spawnSync('espeak-ng', ['-v', 'vi', '-w', wav, 'Xin chào, hôm nay trời đẹp quá. Tôi là người Việt Nam.']);
        assert.strictEqual(r.status, 0, 'espeak-ng made the recording');
        const panel = await panelFrame(page, wb);
        await panel.locator('#clone-file:not([disabled])').waitFor({ timeout: 20_000 });
        await panel.locator('#no-cloned').waitFor();
        await shot('20-panel-local-clone');

        // Drop the recording on the Voices section, as the browser delivers a file dragged from the desktop.
        const bytes = Array.from(fs.readFileSync(wav));
        await panel.locator('#sec-voices').evaluate((section, b) => {
          const dt = new DataTransfer();
          dt.items.add(new File([new Uint8Array(b)], 'giong-toi.wav', { type: 'audio/wav' }));
          section.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
          section.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
        }, bytes);
        const reminder = await answerDialog(page, 'I have the right to clone this voice');
        log('reminder:', reminder);
        assert.match(reminder, /right to use/);
        assert.match(reminder, /never uploaded/);
        const row = panel.locator('#cloned [data-voice]', { hasText: 'giong-toi' });
        await row.waitFor({ timeout: 60_000 });
        assert.match(await panel.locator('#notice-voices').innerText(), /Voice "giong-toi" is ready/);
        assert.match(await row.innerText(), /s of speech/);
        await shot('21-panel-voice-cloned');

        await row.locator('vscode-button[id^="cloned-delete-"]').click();
        const asked = await answerDialog(page, 'Delete');
        assert.match(asked, /Delete the cloned voice "giong-toi"\?/);
        await panel.locator('#no-cloned').waitFor({ timeout: 15_000 });
        await shot('22-panel-voice-deleted');
      } finally {
        fs.rmSync(FX, { recursive: true, force: true });
      }
    },
  },
];
