// Runs every test/e2e/*.e2e.ts scenario against a fresh real VS Code (code-server + Chromium), with the
// extension loaded from this repo, and keeps a screenshot of each step in test-results/screenshots/.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../vscode/harness/browser';
import { REPO, startCodeServer, type CodeServer } from '../vscode/harness/codeServer';
import { Workbench } from './workbench';

export interface E2eContext {
  page: Page;
  wb: Workbench;
  cs: CodeServer;
  workspace: string;
  shot(name: string): Promise<void>;
  log(...a: unknown[]): void;
}

export interface E2eScenario {
  name: string;
  /** User settings for this scenario's VS Code (merged over the harness defaults). */
  settings?: Record<string, unknown>;
  /** Files to create in the workspace: relative path → content. */
  files?: Record<string, string>;
  /** Workbench UI language (code-server --locale), e.g. 'vi'. */
  locale?: string;
  /** VSIX files to install first (built when the scenario runs). */
  install?: () => string[];
  /** Extra Chromium flags. */
  browserArgs?: string[];
  run(ctx: E2eContext): Promise<void>;
}

const SHOTS = path.join(REPO, 'test-results', 'screenshots');

async function runScenario(s: E2eScenario): Promise<boolean> {
  const t0 = Date.now();
  const log = (...a: unknown[]) => console.log(`  [${s.name} ${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'vieneu-e2e-'));
  for (const [rel, content] of Object.entries(s.files ?? {})) {
    fs.mkdirSync(path.dirname(path.join(workspace, rel)), { recursive: true });
    fs.writeFileSync(path.join(workspace, rel), content);
  }
  const cs = await startCodeServer({ settings: s.settings, locale: s.locale, install: s.install?.() });
  const browser = await launchBrowser(s.browserArgs);
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('pageerror', (e) => log('pageerror', e.message));
    // Console errors of every frame (webviews included), printed only if the scenario fails.
    const consoleErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(`${m.location().url.slice(0, 80)}: ${m.text().slice(0, 300)}`);
      if (consoleErrors.length > 30) consoleErrors.shift();
    });
    await page.goto(cs.url(workspace), { waitUntil: 'domcontentloaded' });
    const wb = new Workbench(page);
    await wb.ready();
    fs.mkdirSync(SHOTS, { recursive: true });
    const shot = async (name: string) => {
      await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
      log('screenshot', `test-results/screenshots/${name}.png`);
    };
    try {
      await s.run({ page, wb, cs, workspace, shot, log });
    } catch (e) {
      await page.screenshot({ path: path.join(SHOTS, `FAILED-${s.name.replace(/\W+/g, '-')}.png`) }).catch(() => undefined);
      log(`on screen when it failed:\n${await wb.describe()}\nlast console errors:\n${consoleErrors.join('\n') || '(none)'}`);
      throw e;
    }
    console.log(`  ✔ ${s.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    return true;
  } catch (e) {
    console.log(`  ✖ ${s.name}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return false;
  } finally {
    await browser.close().catch(() => undefined);
    await cs.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  const only = process.argv[2];
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.e2e.js') && (!only || f.includes(only)))
    .sort();
  let passed = 0;
  let failed = 0;
  console.log('UI end-to-end (code-server + Chromium)');
  for (const f of files) {
    const mod = require(path.join(__dirname, f)) as { scenarios: E2eScenario[] };
    for (const s of mod.scenarios) {
      if (await runScenario(s)) passed++;
      else failed++;
    }
  }
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

if (require.main === module) {
  main().then(
    (c) => process.exit(c),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
