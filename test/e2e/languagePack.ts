// Packs test/fixtures/vi-language-pack into a VSIX: with it installed, `--locale vi` switches the workbench to
// Vietnamese (VS Code's own strings stay English; the extension's come from package.nls.vi.json and l10n/).
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REPO } from '../vscode/harness/codeServer';

export function viLanguagePackVsix(): string {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vieneu-lp-')), 'vi-language-pack.vsix');
  execFileSync(process.execPath, [require.resolve('@vscode/vsce/vsce'), 'package', '--allow-missing-repository', '--skip-license', '-o', out], {
    cwd: path.join(REPO, 'test/fixtures/vi-language-pack'),
    stdio: 'ignore',
  });
  return out;
}
