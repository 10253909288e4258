// Runs the mocha suite in test/vscode/suite inside a real VS Code extension host (code-server + Chromium).
// code-server has no --extensionDevelopmentPath, but its workbench reads a `payload` query parameter; when the
// tests end VS Code calls window.codeAutomationExit(code), which we receive through Playwright.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { format } from 'util';
import { launchBrowser } from './browser';
import { REPO, startCodeServer } from './codeServer';

async function main(): Promise<number> {
  const t0 = Date.now();
  const log = (...a: unknown[]) => console.log(`[vscode-tests ${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'vieneu-ws-'));
  fs.writeFileSync(path.join(workspace, 'bai-viet.md'), '# Bài viết\n\nHôm nay trời đẹp quá. Chúng ta đi dạo nhé!\n\nĐoạn thứ hai.\n');
  const cs = await startCodeServer();
  log('code-server up on port', cs.port);
  const browser = await launchBrowser();
  let code = 1;
  try {
    const page = await browser.newPage();
    const done = new Promise<number>((resolve) => void page.exposeFunction('codeAutomationExit', (c: number) => resolve(c)));
    // The workbench logs its own chatter through the same channel; keep the test reporter's lines only.
    const noise = /^(Resolv|Creating a socket|Updating additional|\[Service Worker\]|ChatSessionStore|getaddrinfo|\s+at |Extension host)/;
    await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
      // Mocha's reporter logs printf-style ("%d passing (%s)"): format as Node's console would.
      const line = format(...(args as [unknown, ...unknown[]]));
      if (process.env.VERBOSE || !noise.test(line)) console.log(line);
    });
    if (process.env.VERBOSE) page.on('console', (m) => console.log('[browser]', m.text()));
    const testsPath = `vscode-remote://127.0.0.1:${cs.port}${path.join(REPO, 'out/test/vscode/suite/index.js')}`;
    await page.goto(cs.url(workspace, [['extensionTestsPath', testsPath]]));
    const limit = Number(process.env.TEST_TIMEOUT_MS || 300_000);
    code = await Promise.race([done, new Promise<number>((r) => setTimeout(() => (log('TIMEOUT'), r(124)), limit))]);
    log('extension host tests exit code', code);
  } finally {
    await browser.close().catch(() => undefined);
    await cs.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  }
  return code;
}

main().then(
  (c) => process.exit(c),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
