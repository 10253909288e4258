// Tiny v3 Turbo and MOSS codec fixture folders for the v3 tests, written once per process into a temp folder.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { TINY_V3, writeV3Backbone, type V3FixtureConfig } from '../../../../src/local/fixtures/v3/v3BackboneFixture';
import { writeMossCodec } from '../../../../src/local/fixtures/v3/mossCodecFixture';
import { defaultLoaders } from '../../../../src/local/engine/defaultLoaders';
import type { ModelLoaders } from '../../../../src/local/localBackend';

let root: string | undefined;
const made = new Map<string, string>();

export function fixtureRoot(): string {
  if (!root) {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'vieneu-v3-'));
    process.once('exit', () => fs.rmSync(root!, { recursive: true, force: true }));
  }
  return root;
}

/** A v3 backbone folder for this config variant (cached by name). */
export function v3Dir(name = 'v3-turbo', overrides: Partial<V3FixtureConfig> = {}): string {
  let dir = made.get(name);
  if (!dir) {
    dir = path.join(fixtureRoot(), name);
    writeV3Backbone(dir, { ...TINY_V3, ...overrides });
    made.set(name, dir);
  }
  return dir;
}

export function mossDir(): string {
  let dir = made.get('moss');
  if (!dir) {
    dir = path.join(fixtureRoot(), 'moss-codec');
    writeMossCodec(dir);
    made.set('moss', dir);
  }
  return dir;
}

/** A copy of a fixture folder without `file` (or with it replaced by `content`). */
export function brokenCopy(src: string, file: string, content?: string | Buffer): string {
  const dir = fs.mkdtempSync(path.join(fixtureRoot(), 'broken-'));
  for (const f of fs.readdirSync(src)) if (f !== file) fs.copyFileSync(path.join(src, f), path.join(dir, f));
  if (content !== undefined) fs.writeFileSync(path.join(dir, file), content);
  return dir;
}

export const PHONEMES = 'sˈin tʃˈaː2w mˈɔj ŋˈɯə2j, hˈom nˈaj tʃˈəː2j ɗˈɛ6p kwˈaːɜ.';

/** The real loaders, with the phonemes given to the v3 tokenizer recorded in `seen` (what reaches the prompt). */
export function recordingV3Loaders(seen: string[]): ModelLoaders {
  const real = defaultLoaders();
  return {
    ...real,
    async v3(bb, codec, o) {
      const model = await real.v3!(bb, codec, o);
      const tokenize = model.runner.tokenize.bind(model.runner);
      model.runner.tokenize = (phonemes: string) => (seen.push(phonemes), tokenize(phonemes));
      return model;
    },
  };
}
