// Driving VS Code's workbench like a person: command palette, notifications, status bar, quick picks, webviews.
import type { FrameLocator, Page } from 'playwright-core';

export class Workbench {
  constructor(readonly page: Page) {}

  async ready(): Promise<void> {
    await this.page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
    await this.page.locator('.statusbar').waitFor({ timeout: 30_000 });
  }

  /**
   * Runs a command from the palette by its title. Right after start the palette can open before the extension's
   * commands are registered and does not refresh; and an editor that is still opening (a notebook) can take focus
   * back and close the palette between typing and Enter. So: retry until the row with this title is the focused
   * one, press Enter, and check that the palette closed because of it.
   */
  async runCommand(title: string): Promise<void> {
    const widget = this.page.locator('.quick-input-widget');
    const input = widget.locator('input');
    const focusedRow = widget.locator('.quick-input-list .monaco-list-row.focused', { hasText: title });
    for (let attempt = 1; ; attempt++) {
      try {
        // Escape only to close a palette left open by a failed attempt: in an editor it would clear the
        // selection, and Speak Selection would then read the whole paragraph instead of what was selected.
        if (await widget.isVisible().catch(() => false)) await this.page.keyboard.press('Escape');
        await this.page.keyboard.press('F1');
        await input.waitFor({ state: 'visible', timeout: 15_000 });
        await input.fill('>' + title);
        await focusedRow.first().waitFor({ timeout: 3000 });
        await this.page.keyboard.press('Enter');
        // Accepted: the palette closes, or the command opens its own quick pick in the same widget.
        await this.page.waitForFunction(
          (typed) => {
            const w = document.querySelector<HTMLElement>('.quick-input-widget');
            const input = w?.querySelector('input');
            return !w || w.style.display === 'none' || w.offsetParent === null || !input || input.value !== typed;
          },
          '>' + title,
          { timeout: 3000 },
        );
        return;
      } catch (e) {
        if (attempt >= 20) throw new Error(`could not run "${title}" from the palette: ${(e as Error).message}\n${await this.describe()}`);
      }
    }
  }

  /** What is on screen, in words, for a failure message (CI keeps the log, not the screenshots). */
  async describe(): Promise<string> {
    const texts = async (sel: string) =>
      (await this.page.locator(sel).allInnerTexts().catch(() => [] as string[])).map((t) => t.replace(/\s+/g, ' ').trim()).filter(Boolean);
    return [
      `tabs: ${(await texts('.tab')).join(' | ')}`,
      `active tab: ${(await texts('.tab.active')).join(' | ')}`,
      `quick input visible: ${await this.page.locator('.quick-input-widget').isVisible().catch(() => false)}`,
      `notifications: ${(await texts('.notification-toast')).join(' | ')}`,
      `dialogs: ${(await texts('.monaco-dialog-box')).join(' | ')}`,
      `webview frames: ${await this.page.locator('iframe.webview').count()} (${await this.page.locator('iframe.webview.ready').count()} ready)`,
      `focused element: ${await this.page.evaluate(() => { const a = document.activeElement; return a ? `${a.tagName}.${a.className}` : 'none'; }).catch(() => '?')}`,
    ].join('\n');
  }

  /** Waits for a notification toast containing `text` and returns its full text. */
  async notification(text: string | RegExp, timeout = 30_000): Promise<string> {
    const toast = this.page.locator('.notification-toast', { hasText: text }).first();
    await toast.waitFor({ timeout });
    return (await toast.innerText()).trim();
  }

  async clearNotifications(): Promise<void> {
    await this.runCommand('Notifications: Clear All Notifications');
  }

  statusItem(id: string) {
    // Status bar entries carry the id given to createStatusBarItem as `<extension>.<id>` in their element id.
    return this.page.locator(`.statusbar-item[id$="${id}"]`).first();
  }

  async openFile(name: string): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await input.fill(name);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 15_000 });
    await this.page.keyboard.press('Enter');
    await this.page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: 15_000 });
  }

  /** Selects one line of the active editor with the keyboard, as a person would (Go to Line, Home, Shift+End). */
  async selectLine(line: number): Promise<void> {
    await this.page.locator('.monaco-editor .view-lines').first().click();
    await this.page.keyboard.press('Control+G');
    await this.page.keyboard.type(String(line));
    await this.page.keyboard.press('Enter');
    await this.page.keyboard.press('Home');
    await this.page.keyboard.press('Shift+End');
  }

  /** Selects from `line`:`column` (1-based) to the end of the document with the keyboard (Shift+End stops at a wrap). */
  async selectToEnd(line: number, column: number): Promise<void> {
    await this.page.locator('.monaco-editor .view-lines').first().click();
    await this.page.keyboard.press('Control+G');
    await this.page.keyboard.type(`${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await this.page.keyboard.press('Control+Shift+End');
  }

  /**
   * Records every text an element takes from now on, with the page's clock (a MutationObserver in the page),
   * so a state that lasts a few hundred milliseconds (Preparing…) is seen even if no screenshot catches it.
   */
  async recordTexts(selector: string, key: string): Promise<() => Promise<Array<{ text: string; at: number }>>> {
    await this.page.evaluate(
      ([sel, k]) => {
        const w = window as unknown as Record<string, Array<{ text: string; at: number }>>;
        w[k] = [];
        const note = () => {
          const text = (document.querySelector(sel) as HTMLElement | null)?.innerText?.trim() ?? '';
          if (text && w[k].at(-1)?.text !== text) w[k].push({ text, at: Date.now() });
        };
        new MutationObserver(note).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
      },
      [selector, key] as const,
    );
    return () => this.page.evaluate((k) => (window as unknown as Record<string, Array<{ text: string; at: number }>>)[k], key);
  }

  /** The inner frame of the webview whose tab or view is visible (iframe.webview → iframe#active-frame). */
  webview(): FrameLocator {
    return this.page.frameLocator('iframe.webview.ready').last().frameLocator('iframe#active-frame');
  }
}
