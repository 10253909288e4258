// `vieneu phonemize --g2p sea` through the real CLI entry point, on a SEAP file written by our writer.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { writeSeap } from '../../../src/text/sea/seapWriter';

const MAIN = path.resolve(__dirname, '../../../src/cli/main.js');

function cli(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [MAIN, ...args], { input: input ?? '', encoding: 'utf8', timeout: 20000, env: { ...process.env, LANG: 'C' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('vieneu phonemize --g2p sea', () => {
  let dir: string;
  let dict: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vieneu-sea-cli-'));
    dict = path.join(dir, 'sea_g2p.bin');
    fs.writeFileSync(dict, writeSeap({ merged: { xin: 'sˈin', 'chào': 'tʃˈaː2w', good: '<en>ɡˈʊd', morning: '<en>mˈɔːɹnɪŋ', 'giá': 'zˈaːɜ', 'năm': 'nˈam', u: '<en>jˈuː', s: '<en>ˈɛs', d: '<en>dˈiː' } }));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints sea-g2p phonemes per line (punc_norm applied), --normalize uses the v3 reading, --json quotes', () => {
    const r = cli(['phonemize', '--g2p', 'sea', '--dict', dict], 'xin chào <en>Good morning</en>\nxin chào\n');
    assert.strictEqual(r.code, 0, r.err);
    assert.strictEqual(r.out, 'sˈin tʃˈaː2w ɡˈʊd mˈɔːɹnɪŋ.\nsˈin tʃˈaː2w.\n');
    const n = cli(['phonemize', '--g2p', 'sea', '--dict', dict, '--normalize', '--json', 'Giá 5 USD [cười]']);
    assert.strictEqual(n.code, 0, n.err);
    assert.strictEqual(n.out, '"zˈaːɜ nˈam jˈuː ˈɛs dˈiː <|emotion_1|>."\n');
  });

  it('needs --dict, and names a missing or wrong file', () => {
    assert.match(cli(['phonemize', '--g2p', 'sea', 'x']).err, /needs the sea-g2p dictionary/);
    assert.match(cli(['phonemize', '--g2p', 'sea', '--dict', path.join(dir, 'nope.bin'), 'x']).err, /nope\.bin was not found/);
    const json = path.join(dir, 'phoneme_dict.json');
    fs.writeFileSync(json, '{}');
    const r = cli(['phonemize', '--g2p', 'sea', '--dict', json, 'x']);
    assert.notStrictEqual(r.code, 0);
    assert.match(r.err, /phoneme_dict\.json is not a sea-g2p dictionary/);
    assert.match(cli(['phonemize', '--g2p', 'xyz', 'x']).err, /Unknown --g2p/);
  });

  it('--en-top-words breaks ties between splits of an unknown word as sea-g2p\'s built-in list does', () => {
    const tie = path.join(dir, 'tie.bin');
    fs.writeFileSync(tie, writeSeap({ merged: { fin: '<en>fˈɪn', etune: '<en>ɪtjˈuːn', fine: '<en>fˈaɪn', tune: '<en>tˈuːn' } }));
    const top = path.join(dir, 'google-10000-english.txt');
    // Upstream's generator keeps lower-cased, letters-only words of two letters or more.
    fs.writeFileSync(top, 'the\nFINE\n\ntune\na\n3d\n');
    const plain = cli(['phonemize', '--g2p', 'sea', '--dict', tie, 'finetune']);
    assert.strictEqual(plain.out, 'fˈɪn ɪtjˈuːn.\n', plain.err);
    const ranked = cli(['phonemize', '--g2p', 'sea', '--dict', tie, '--en-top-words', top, 'finetune']);
    assert.strictEqual(ranked.out, 'fˈaɪn tˈuːn.\n', ranked.err);
    assert.match(cli(['phonemize', '--g2p', 'sea', '--dict', tie, '--en-top-words', path.join(dir, 'none.txt'), 'x']).err, /none\.txt could not be read \(ENOENT\)/);
    fs.writeFileSync(path.join(dir, 'empty.txt'), '1\n\n');
    assert.match(cli(['phonemize', '--g2p', 'sea', '--dict', tie, '--en-top-words', path.join(dir, 'empty.txt'), 'x']).err, /holds no words/);
  });
});
