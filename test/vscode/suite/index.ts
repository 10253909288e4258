// Entry point VS Code calls inside the extension host (extensionTestsPath): runs every *.test.js here.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  // Sorted: commands.test.js runs first, so its activation measurement sees a cold extension.
  // VIENEU_SUITES=localV3,panel runs only those files (while working on one; CI runs them all).
  const only = (process.env.VIENEU_SUITES ?? '').split(',').filter(Boolean);
  const files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js') && (only.length === 0 || only.some((o) => f.startsWith(`${o}.`)))).sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} extension-host test(s) failed`)) : resolve()));
  });
}
