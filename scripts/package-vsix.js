// `npm run package [-- --target linux-x64,darwin-arm64,...]`: one VSIX per platform, each carrying only its own
// native binaries (node-llama-cpp's prebuilt llama.cpp, onnxruntime-node), as VS Code asks of native extensions.
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const TARGETS = {
  'linux-x64': { llama: ['linux-x64'], ort: 'linux/x64' },
  'linux-arm64': { llama: ['linux-arm64'], ort: 'linux/arm64' },
  'darwin-arm64': { llama: ['mac-arm64-metal'], ort: 'darwin/arm64' },
  'darwin-x64': { llama: ['mac-x64'], ort: 'darwin/x64' },
  'win32-x64': { llama: ['win-x64'], ort: 'win32/x64' },
  'win32-arm64': { llama: ['win-arm64'], ort: 'win32/arm64' },
};

const arg = process.argv.find((a) => a.startsWith('--target='))?.slice(9) ?? process.argv[process.argv.indexOf('--target') + 1];
const wanted = arg && !arg.startsWith('--') ? arg.split(',') : [`${process.platform}-${process.arch}`];
const out = path.join(ROOT, 'dist', 'vsix');
fs.mkdirSync(out, { recursive: true });

execFileSync(process.execPath, [path.join(ROOT, 'esbuild.js'), '--production'], { stdio: 'inherit' });
const base = fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8');
const version = require(path.join(ROOT, 'package.json')).version;

for (const target of wanted) {
  const t = TARGETS[target];
  if (!t) throw new Error(`unknown target ${target}; known: ${Object.keys(TARGETS).join(', ')}`);
  // A VSIX without its platform's llama.cpp build would install fine and fail at Load Model: refuse instead.
  const llamaVersion = require(path.join(ROOT, 'node_modules/node-llama-cpp/package.json')).version;
  const missing = t.llama.filter((p) => !fs.existsSync(path.join(ROOT, 'node_modules/@node-llama-cpp', p, 'package.json')));
  if (missing.length) {
    console.error(
      `${target}: not packaged — ${missing.map((p) => `@node-llama-cpp/${p}`).join(', ')} is not installed here. ` +
        `Run \`npm install --no-save --force ${missing.map((p) => `@node-llama-cpp/${p}@${llamaVersion}`).join(' ')}\` first (or package on that platform).`,
    );
    process.exitCode = 1;
    continue;
  }
  const lines = [base, '# added for ' + target];
  // Every prebuilt llama.cpp package but this target's (CUDA and Vulkan builds are far too large to ship).
  // (Listed one by one: in vsce a `!` re-include would override every other exclusion.)
  const llamaDir = path.join(ROOT, 'node_modules/@node-llama-cpp');
  for (const p of fs.existsSync(llamaDir) ? fs.readdirSync(llamaDir) : []) {
    if (!t.llama.includes(p)) lines.push(`node_modules/@node-llama-cpp/${p}/**`);
  }
  const ortDir = path.join(ROOT, 'node_modules/onnxruntime-node/bin/napi-v6');
  for (const osName of fs.existsSync(ortDir) ? fs.readdirSync(ortDir) : []) {
    for (const arch of fs.readdirSync(path.join(ortDir, osName))) {
      if (`${osName}/${arch}` !== t.ort) lines.push(`node_modules/onnxruntime-node/bin/napi-v6/${osName}/${arch}/**`);
    }
  }
  const ignoreFile = path.join(os.tmpdir(), `vieneu-vscodeignore-${target}`);
  fs.writeFileSync(ignoreFile, lines.join('\n') + '\n');
  const file = path.join(out, `vieneu-tts-${target}-${version}.vsix`);
  execFileSync(
    process.execPath,
    [require.resolve('@vscode/vsce/vsce'), 'package', '--target', target, '--ignoreFile', ignoreFile, '--allow-missing-repository', '--no-rewrite-relative-links', '--skip-license', '-o', file],
    { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  console.log(`${target}: ${(fs.statSync(file).size / 1e6).toFixed(1)} MB  ${path.relative(ROOT, file)}`);
}
