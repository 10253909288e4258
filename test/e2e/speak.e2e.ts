// A Vietnamese writer's first minute: open a document, select text, Speak Selection from the palette,
// then the status-bar switch.
import * as assert from 'assert';
import { viLanguagePackVsix } from './languagePack';
import type { E2eScenario } from './runE2e';

const DOC = '# Thời tiết\n\nHôm nay trời đẹp quá. Chúng ta đi dạo nhé!\n';

export const scenarios: E2eScenario[] = [
  {
    name: 'speak-selection-with-no-backend',
    // The built-in voice off and nothing loaded: Speak Selection must say what to do.
    settings: { 'vieneu.local.builtinVoice': false },
    files: { 'thoi-tiet.md': DOC },
    async run({ page, wb, shot, log }) {
      await wb.openFile('thoi-tiet.md');
      await wb.selectLine(3);
      await wb.runCommand('VieNeu: Speak Selection');
      const text = await wb.notification(/No VieNeu backend is ready/);
      log('notification:', text.split('\n')[0]);
      assert.match(text, /Load a local model or connect to Colab/);
      await shot('01-speak-no-backend');

      const item = wb.statusItem('vieneu.backend');
      await item.waitFor({ timeout: 15_000 });
      const label = await item.innerText();
      log('status bar:', label);
      assert.match(label, /VieNeu: Local/);
      await item.click();
      const rows = page.locator('.quick-input-list .monaco-list-row');
      await rows.filter({ hasText: 'Colab' }).first().waitFor({ timeout: 10_000 });
      const colabRow = await rows.filter({ hasText: 'Colab' }).first().innerText();
      assert.match(colabRow, /Not connected/);
      await shot('02-status-bar-switch');
      await page.keyboard.type('Colab');
      await page.keyboard.press('Enter');
      const refusal = await wb.notification(/Cannot switch to Colab: Not connected to Colab backend/);
      assert.match(refusal, /notebook/);
      await shot('03-switch-refused');
    },
  },
  {
    name: 'vietnamese-ui',
    // A Vietnamese workbench: command titles from package.nls.vi.json, messages from the l10n bundle.
    locale: 'vi',
    install: () => [viLanguagePackVsix()],
    settings: { 'vieneu.local.builtinVoice': false },
    files: { 'thoi-tiet.md': DOC },
    async run({ wb, shot, log }) {
      await wb.openFile('thoi-tiet.md');
      await wb.selectLine(3);
      await wb.runCommand('VieNeu: Đọc phần đã chọn');
      const text = await wb.notification(/Chưa có backend VieNeu nào sẵn sàng/);
      log('notification:', text.replace(/\s+/g, ' '));
      assert.match(text, /Tải mô hình/);
      assert.match(await wb.statusItem('vieneu.backend').innerText(), /VieNeu: Cục bộ · chưa sẵn sàng/);
      await shot('04-vietnamese-ui');
    },
  },
];
