// The `vieneu normalize` and `vieneu phonemize` commands, run as a user runs them (a child process on the
// compiled CLI entry point, input on stdin or as an argument).
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const MAIN = path.resolve(__dirname, '../../../src/cli/main.js');

function vieneu(args: string[], input?: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [MAIN, ...args], { input: input ?? '', encoding: 'utf8', timeout: 20000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('vieneu normalize / phonemize', function () {
  this.timeout(40000);
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vieneu-cli-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('normalize: one result line per stdin line, empty lines kept', () => {
    const r = vieneu(['normalize'], 'Giá 150.000đ\n\nLúc 08:30, ngày 1/1\n');
    assert.strictEqual(r.code, 0, r.stderr);
    assert.strictEqual(r.stdout, 'giá một trăm năm mươi nghìn đồng\n\nlúc tám giờ ba mươi phút, ngày một tháng một\n');
  });

  it('normalize: one argument, --json', () => {
    const r = vieneu(['normalize', '--json', '25°C']);
    assert.strictEqual(r.code, 0, r.stderr);
    assert.strictEqual(r.stdout, '"hai mươi lăm độ xê"\n');
  });

  it('phonemize: as given unless --normalize, with a dictionary file, JSON shows the trailing space', () => {
    const dictFile = path.join(dir, 'phoneme_dict.json');
    fs.writeFileSync(dictFile, JSON.stringify({ 'chào': 'CHAO ', 'hai': 'HAI ' }));
    const r = vieneu(['phonemize', '--dict', dictFile, '--json'], 'xin chào\n2\n');
    assert.strictEqual(r.code, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as string);
    // "2" was not normalized: espeak-ng read the digit itself, the dictionary's "hai" was not used
    assert.deepStrictEqual(lines, ['sˈin  CHAO ', 'hˈaːɪ ']);
    const n = vieneu(['phonemize', '--dict', dictFile, '--normalize', '--json', '2']);
    assert.strictEqual(JSON.parse(n.stdout), 'HAI ');
  });

  it('phonemize --variant v2026 reads <en> spans', () => {
    const r = vieneu(['phonemize', '--variant', 'v2026', '--normalize', 'Dùng <en>hello</en>, rồi.']);
    assert.strictEqual(r.code, 0, r.stderr);
    assert.strictEqual(r.stdout, 'zˈu2ŋ həlˈoʊ, ɹˈo2j.\n');
  });

  it('errors say what to do and exit non-zero', () => {
    const missing = vieneu(['phonemize', '--dict', path.join(dir, 'nope.json'), 'x']);
    assert.strictEqual(missing.code, 1);
    assert.match(missing.stderr, /not found.*--dict/);
    fs.writeFileSync(path.join(dir, 'bad.json'), '[1,2]');
    const bad = vieneu(['phonemize', '--dict', path.join(dir, 'bad.json'), 'x']);
    assert.strictEqual(bad.code, 1);
    assert.match(bad.stderr, /not a JSON object/);
    const variant = vieneu(['phonemize', '--variant', 'v3', 'x']);
    assert.strictEqual(variant.code, 1);
    assert.match(variant.stderr, /v1-seed, v2026/);
  });
});
