// One bundling script for every entry point: the extension host bundle, the CLI and the webview scripts.
// Native modules and the vscode API stay external: they are resolved at run time from node_modules / the host.
const esbuild = require('esbuild');
const path = require('path');

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

// kissfft-wasm finds its .wasm beside itself through import.meta.url, which a CommonJS bundle does not have.
const nodeExternals = ['vscode', 'node-llama-cpp', 'onnxruntime-node', '@echogarden/espeak-ng-emscripten', '@echogarden/kissfft-wasm'];

/** @type {import('esbuild').BuildOptions[]} */
const builds = [
  {
    // bench.js is for a clone only: .vscodeignore keeps it (and the test helpers it bundles) out of the VSIX.
    entryPoints: { extension: 'src/extension.ts', cli: 'src/cli/main.ts', bench: 'bench/main.ts' },
    outdir: 'dist',
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: nodeExternals,
    sourcemap: !production,
    minify: production,
    logLevel: 'warning',
  },
  {
    entryPoints: { panel: 'webview/panel/main.ts', player: 'webview/player/main.ts' },
    outdir: 'dist/webview',
    bundle: true,
    platform: 'browser',
    target: 'chrome120',
    format: 'iife',
    sourcemap: !production,
    minify: production,
    logLevel: 'warning',
  },
];

/**
 * Writes l10n/bundle.l10n.vi.json (vscode.l10n's Vietnamese bundle, keyed by the English text) from the
 * message tables in src/core/strings, where both languages are declared side by side.
 */
async function writeL10nBundle() {
  const fs = require('fs');
  const r = await esbuild.build({ entryPoints: ['src/core/strings/index.ts'], bundle: true, platform: 'node', format: 'cjs', write: false, logLevel: 'warning' });
  const m = { exports: {} };
  new Function('module', 'exports', 'require', r.outputFiles[0].text)(m, m.exports, require);
  const bundle = {};
  for (const { en, vi } of Object.values(m.exports.MESSAGES)) if (vi) bundle[en] = vi;
  fs.mkdirSync(path.join(__dirname, 'l10n'), { recursive: true });
  fs.writeFileSync(path.join(__dirname, 'l10n', 'bundle.l10n.vi.json'), JSON.stringify(bundle, null, 2) + '\n');
}

async function main() {
  const fs = require('fs');
  await writeL10nBundle();
  const present = builds
    .map((b) => ({ ...b, entryPoints: Object.fromEntries(Object.entries(b.entryPoints).filter(([, f]) => fs.existsSync(path.join(__dirname, f)))) }))
    .filter((b) => Object.keys(b.entryPoints).length > 0);
  if (watch) {
    for (const b of present) await (await esbuild.context(b)).watch();
    console.log('[esbuild] watching');
    return;
  }
  await Promise.all(present.map((b) => esbuild.build(b)));
  // The CLI is an executable: keep its shebang-free bundle runnable as `node dist/cli.js` and via the bin link.
  const cli = path.join(__dirname, 'dist', 'cli.js');
  if (fs.existsSync(cli)) {
    const src = fs.readFileSync(cli, 'utf8');
    if (!src.startsWith('#!')) fs.writeFileSync(cli, '#!/usr/bin/env node\n' + src);
    fs.chmodSync(cli, 0o755);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
