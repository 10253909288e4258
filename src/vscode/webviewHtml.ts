// The HTML shell of our webviews: a strict Content-Security-Policy with a per-load nonce, one bundled script,
// nothing remote. Shared by the admin panel and the player, and by the Chromium tests that load the same page.
// No `vscode` import: the caller passes webview.cspSource and the asWebviewUri() of the script.
import { randomBytes } from 'crypto';

export interface WebviewHtmlOptions {
  /** webview.cspSource: the origin local resources are served from. */
  cspSource: string;
  /** webview.asWebviewUri(dist/webview/<name>.js).toString() */
  scriptUri: string;
  title: string;
  lang: string;
  nonce?: string;
  /** Extra directives, e.g. media-src for the player (blob: is not needed: Web Audio plays from memory). */
  extraCsp?: string[];
  /** For the test page only: scripts that must run before the bundle (the acquireVsCodeApi stub). */
  preludeScriptUris?: string[];
}

export function makeNonce(): string {
  return randomBytes(18).toString('base64').replace(/[^A-Za-z0-9]/g, '');
}

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function contentSecurityPolicy(cspSource: string, nonce: string, extra: string[] = []): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    // Lit adopts constructable stylesheets, which CSP allows without 'unsafe-inline'.
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    ...extra,
  ].join('; ');
}

export function webviewHtml(o: WebviewHtmlOptions): string {
  const nonce = o.nonce ?? makeNonce();
  const scripts = [...(o.preludeScriptUris ?? []), o.scriptUri]
    .map((src) => `<script nonce="${nonce}" src="${escapeAttr(src)}"></script>`)
    .join('\n  ');
  return `<!DOCTYPE html>
<html lang="${escapeAttr(o.lang)}">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${escapeAttr(contentSecurityPolicy(o.cspSource, nonce, o.extraCsp))}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <title>${escapeAttr(o.title)}</title>
</head>
<body>
  ${scripts}
</body>
</html>`;
}
