// Loads one of our webview bundles in real Chromium (Debian's, through playwright-core) on a static page that
// has the very HTML and CSP the extension serves, with acquireVsCodeApi stubbed: what the page posts is
// recorded in window.__posted, its state goes to sessionStorage (so a reload shows what getState restores),
// and CSP violations are collected in window.__csp.
import * as http from 'http';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { AddressInfo } from 'net';
import { webviewHtml } from '../../../src/vscode/webviewHtml';

export const CHROMIUM = process.env.CHROME || '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];

const ROOT = path.resolve(__dirname, '../../../..');

const STUB = `(() => {
  window.__posted = [];
  window.__csp = [];
  window.__errors = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
  window.addEventListener('error', (e) => window.__errors.push(String(e.message)));
  let acquired = false;
  window.acquireVsCodeApi = () => {
    if (acquired) throw new Error('acquireVsCodeApi called twice');
    acquired = true;
    return {
      postMessage: (m) => { window.__posted.push(JSON.parse(JSON.stringify(m))); if (window.__toHost) window.__toHost(m); },
      getState: () => { const s = sessionStorage.getItem('vscode-state'); return s ? JSON.parse(s) : undefined; },
      setState: (s) => { sessionStorage.setItem('vscode-state', JSON.stringify(s)); return s; },
    };
  };
  // VS Code puts its theme variables on <html> the same way (CSSOM, so CSP allows it).
  const theme = { '--vscode-foreground': 'rgb(11, 22, 33)', '--vscode-editor-background': 'rgb(250, 240, 230)',
    '--vscode-font-family': 'sans-serif', '--vscode-font-size': '13px' };
  for (const [k, v] of Object.entries(theme)) document.documentElement.style.setProperty(k, v);
})();`;

export interface Harness {
  url: string;
  close(): Promise<void>;
}

/** Bundles webview/<name>/main.ts with esbuild (as esbuild.js does) and serves it behind the production HTML. */
export async function serveWebview(name: 'panel' | 'player', extraCsp?: string[]): Promise<Harness> {
  const esbuild = await import('esbuild');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `vieneu-${name}-`));
  await esbuild.build({
    entryPoints: [path.join(ROOT, 'webview', name, 'main.ts')],
    outfile: path.join(dir, `${name}.js`),
    bundle: true,
    platform: 'browser',
    target: 'chrome120',
    format: 'iife',
    logLevel: 'error',
  });
  fs.writeFileSync(path.join(dir, 'stub.js'), STUB);
  let origin = '';
  const server = http.createServer((req, res) => {
    const file = (req.url ?? '/').split('?')[0];
    if (file === '/' || file === '/index.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(webviewHtml({ cspSource: origin, scriptUri: `${origin}/${name}.js`, preludeScriptUris: [`${origin}/stub.js`], title: name, lang: 'en', extraCsp }));
      return;
    }
    const p = path.join(dir, path.basename(file));
    if (!fs.existsSync(p)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/javascript' });
    res.end(fs.readFileSync(p));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}/`,
    close: async () => {
      await new Promise<void>((r) => server.close(() => r()));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launchChromium(extraArgs: string[] = []) {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_ARGS, ...extraArgs] });
}

export const chromiumAvailable = () => fs.existsSync(CHROMIUM);
