// Saving a generated notebook, which holds the auth token, into the user's workspace: written only for its
// owner (0600, as the CLI writes it), never half-written (a temporary file renamed into place), and kept out of
// git on request by a line in the .gitignore of the folder it is saved in or above.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Writes `text` to `file` with mode 0600, through a temporary file in the same folder renamed into place. */
export function writePrivateFile(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    fs.writeFileSync(tmp, text, { mode: 0o600 });
    fs.renameSync(tmp, file);
    // An existing file keeps its mode through rename on some systems: make sure.
    fs.chmodSync(file, 0o600);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}

/** The nearest folder from `file` up to `root` (inclusive) that is a git work tree, or `root`. */
function gitRoot(file: string, root: string): string {
  let dir = path.dirname(file);
  const top = path.resolve(root);
  for (;;) {
    if (fs.existsSync(path.join(dir, '.git'))) return dir;
    if (path.resolve(dir) === top || path.dirname(dir) === dir) return top;
    dir = path.dirname(dir);
  }
}

/** The .gitignore line for `file` (relative to its git root, `/`-separated, anchored) and that .gitignore. */
export function gitignoreEntry(file: string, root: string): { gitignore: string; line: string } {
  const base = gitRoot(file, root);
  const rel = path.relative(base, file).split(path.sep).join('/');
  return { gitignore: path.join(base, '.gitignore'), line: `/${rel}` };
}

/** True when the .gitignore already has exactly that line (or the file's bare name). */
export function isIgnored(file: string, root: string): boolean {
  const { gitignore, line } = gitignoreEntry(file, root);
  if (!fs.existsSync(gitignore)) return false;
  const lines = fs.readFileSync(gitignore, 'utf8').split(/\r?\n/).map((l) => l.trim());
  return lines.includes(line) || lines.includes(line.slice(1)) || lines.includes(path.basename(file));
}

/** Adds the file's line to the .gitignore (created if missing) unless it is there; returns the .gitignore. */
export function addToGitignore(file: string, root: string): string {
  const { gitignore, line } = gitignoreEntry(file, root);
  if (isIgnored(file, root)) return gitignore;
  const before = fs.existsSync(gitignore) ? fs.readFileSync(gitignore, 'utf8') : '';
  const sep = before === '' || before.endsWith('\n') ? '' : '\n';
  fs.appendFileSync(gitignore, `${sep}# VieNeu notebook: holds an auth token\n${line}\n`);
  return gitignore;
}
