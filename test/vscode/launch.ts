// `npm start`: opens the extension in a real VS Code. Desktop VS Code with --extensionDevelopmentPath when `code`
// is installed; otherwise code-server on 127.0.0.1 in the browser, printing the URL to open.
import { spawn, spawnSync } from 'child_process';
import * as path from 'path';
import { REPO, startCodeServer } from './harness/codeServer';

const workspace = process.argv[2] ? path.resolve(process.argv[2]) : path.join(REPO, 'test/fixtures/sample-workspace');

async function main(): Promise<void> {
  const desktop = !process.env.VIENEU_USE_CODE_SERVER && spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0;
  if (desktop) {
    console.log(`Launching desktop VS Code with the extension from ${REPO}`);
    spawn('code', ['--new-window', `--extensionDevelopmentPath=${REPO}`, workspace], { stdio: 'inherit', detached: true }).unref();
    return;
  }
  const port = Number(process.env.VIENEU_PORT || 8080);
  const cs = await startCodeServer({ port, dataDir: path.join(REPO, '.e2e/dev') });
  const url = cs.url(workspace);
  console.log('\nVieNeu TTS is running in VS Code (code-server) — open this URL in a browser on this machine:\n');
  console.log(`  ${url}\n`);
  console.log('Try: select a paragraph, then F1 → "VieNeu: Speak Selection". Press Ctrl+C here to stop.');
  const stop = () => void cs.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  await new Promise(() => undefined);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
