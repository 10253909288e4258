// Starts a real VS Code (code-server, installed by test/vscode/install-tools.sh) on 127.0.0.1 with a throw-away
// user-data folder, and stops it with its whole process group (extension host, watchers, ptys).
import { spawn, spawnSync, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';

export const REPO = path.resolve(__dirname, '../../../..');
export const CODE_SERVER = path.join(REPO, '.e2e/tools/node_modules/code-server/out/node/entry.js');

export interface CodeServer {
  port: number;
  base: string;
  userData: string;
  /** URL that opens `folder` with this repo loaded as the extension under development. */
  url(folder: string, extra?: Array<[string, string]>): string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

/**
 * Writes languagepacks.json, which VS Code's server reads at start to resolve --locale, from the language packs
 * installed in `extensionsDir` (the CLI install does not write it; a running server would, too late).
 */
function registerLanguagePacks(userData: string, extensionsDir: string): void {
  const packs: Record<string, { hash: string; extensions: unknown[]; translations: Record<string, string>; label: string }> = {};
  for (const dir of fs.existsSync(extensionsDir) ? fs.readdirSync(extensionsDir) : []) {
    const manifestFile = path.join(extensionsDir, dir, 'package.json');
    if (!fs.existsSync(manifestFile)) continue;
    const m = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
    for (const l of m.contributes?.localizations ?? []) {
      const id = `${m.publisher}.${m.name}`.toLowerCase();
      const p = (packs[l.languageId] ??= { hash: id + m.version, extensions: [], translations: {}, label: l.localizedLanguageName ?? l.languageName });
      p.extensions.push({ extensionIdentifier: { id }, version: m.version });
      for (const tr of l.translations) p.translations[tr.id] = path.join(extensionsDir, dir, tr.path);
    }
  }
  fs.writeFileSync(path.join(userData, 'languagepacks.json'), JSON.stringify(packs));
}

export async function startCodeServer(
  opts: {
    settings?: Record<string, unknown>;
    env?: Record<string, string>;
    port?: number;
    /** UI language of the workbench, e.g. 'vi' (code-server's --locale; needs a language pack, see install). */
    locale?: string;
    /** VSIX files installed into this VS Code before it starts. */
    install?: string[];
    /** Keep user data (settings, secrets, downloaded models) here across runs instead of a throw-away folder. */
    dataDir?: string;
  } = {},
): Promise<CodeServer> {
  if (!fs.existsSync(CODE_SERVER)) throw new Error(`code-server is not installed: run bash test/vscode/install-tools.sh`);
  const port = opts.port ?? (await freePort());
  const tmp = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'vieneu-cs-'));
  fs.mkdirSync(tmp, { recursive: true });
  const userData = path.join(tmp, 'user-data');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  const settingsFile = path.join(userData, 'User', 'settings.json');
  if (!opts.dataDir || !fs.existsSync(settingsFile)) fs.writeFileSync(
    settingsFile,
    JSON.stringify({
      'workbench.startupEditor': 'none',
      'security.workspace.trust.enabled': false,
      'telemetry.telemetryLevel': 'off',
      'update.mode': 'none',
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'workbench.tips.enabled': false,
      'chat.disableAIFeatures': true,
      ...opts.settings,
    }),
  );
  const args = [
    CODE_SERVER,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--user-data-dir', userData,
    '--extensions-dir', path.join(tmp, 'extensions'),
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override', '--ignore-last-opened',
    '--config', path.join(tmp, 'config.yaml'),
    ...(opts.locale ? ['--locale', opts.locale] : []),
  ];
  const home = path.join(tmp, 'home');
  fs.mkdirSync(home, { recursive: true });
  for (const vsix of opts.install ?? []) {
    const r = spawnSync(process.execPath, [CODE_SERVER, '--user-data-dir', userData, '--extensions-dir', path.join(tmp, 'extensions'), '--install-extension', vsix], {
      encoding: 'utf8',
      env: { ...process.env, HOME: home },
    });
    if (r.status !== 0) throw new Error(`could not install ${vsix}: ${r.stdout}${r.stderr}`);
  }
  if (opts.locale) registerLanguagePacks(userData, path.join(tmp, 'extensions'));
  const child: ChildProcess = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
    // code-server writes into HOME/XDG folders: keep them inside the throw-away folder.
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), XDG_DATA_HOME: path.join(home, '.local/share'), ...opts.env },
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`code-server did not start:\n${output.slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  const authority = `127.0.0.1:${port}`;
  return {
    port,
    base,
    userData,
    url(folder, extra = []) {
      const payload = [['extensionDevelopmentPath', `vscode-remote://${authority}${REPO}`], ...extra];
      return `${base}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    },
    async stop() {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        /* gone */
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* gone */
      }
      if (!opts.dataDir) fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}
