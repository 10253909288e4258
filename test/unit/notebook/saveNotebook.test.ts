// Saving the token-bearing notebook into a workspace: 0600 (also over an existing 0644 file), never
// half-written, and kept out of git by one .gitignore line in the right .gitignore, added once.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { addToGitignore, gitignoreEntry, isIgnored, writePrivateFile } from '../../../src/notebook/saveNotebook';

describe('saving the token-bearing notebook', () => {
  let root: string;
  beforeEach(() => (root = fs.mkdtempSync(path.join(os.tmpdir(), 'vieneu-save-'))));
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('writes 0600, also over an existing world-readable file, and leaves no temporary file', () => {
    const file = path.join(root, 'nb.ipynb');
    fs.writeFileSync(file, 'old', { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    writePrivateFile(file, '{"token": "x"}');
    assert.equal(fs.readFileSync(file, 'utf8'), '{"token": "x"}');
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    assert.deepEqual(fs.readdirSync(root), ['nb.ipynb']);
  });

  it('a write that fails leaves the old file and no temporary file', () => {
    const file = path.join(root, 'missing-folder', 'nb.ipynb');
    assert.throws(() => writePrivateFile(file, 'x'), /ENOENT/);
    assert.deepEqual(fs.readdirSync(root), []);
  });

  it('adds one anchored line to the .gitignore of the git work tree holding the file, once', () => {
    fs.mkdirSync(path.join(root, 'repo', '.git'), { recursive: true });
    fs.mkdirSync(path.join(root, 'repo', 'notebooks'));
    fs.writeFileSync(path.join(root, 'repo', '.gitignore'), 'node_modules');
    const file = path.join(root, 'repo', 'notebooks', 'vieneu_tts_colab.ipynb');
    assert.deepEqual(gitignoreEntry(file, root), { gitignore: path.join(root, 'repo', '.gitignore'), line: '/notebooks/vieneu_tts_colab.ipynb' });
    assert.equal(isIgnored(file, root), false);
    addToGitignore(file, root);
    addToGitignore(file, root);
    assert.equal(fs.readFileSync(path.join(root, 'repo', '.gitignore'), 'utf8'), 'node_modules\n# VieNeu notebook: holds an auth token\n/notebooks/vieneu_tts_colab.ipynb\n');
    assert.equal(isIgnored(file, root), true);
  });

  it('without a git work tree: the workspace folder\'s .gitignore, created', () => {
    const file = path.join(root, 'nb.ipynb');
    addToGitignore(file, root);
    assert.equal(fs.readFileSync(path.join(root, '.gitignore'), 'utf8'), '# VieNeu notebook: holds an auth token\n/nb.ipynb\n');
  });
});
