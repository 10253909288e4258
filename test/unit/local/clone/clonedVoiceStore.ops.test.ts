// Rename, export and import of cloned voices on real files: ids survive a rename, names are checked and
// never clash, an export is a voices_v3_turbo.json file the v3 engine's own reader accepts, an import takes
// such a file (ours or upstream's layout) and refuses a bad one whole, and nothing is left half-written.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { UserError } from '../../../../src/core/errors';
import { presetProblems } from '../../../../src/local/clone/clonedVoice';
import type { ClonedVoice } from '../../../../src/local/clone/cloneVoice';
import {
  assertNameFree,
  exportClonedVoice,
  importClonedVoices,
  listClonedVoices,
  loadClonedVoice,
  MAX_IMPORT_BYTES,
  renameClonedVoice,
  saveClonedVoice,
} from '../../../../src/local/clone/clonedVoiceStore';
import { parseV3Voices } from '../../../../src/local/v3/v3Voices';

function voice(seed: number, frames = 30): ClonedVoice {
  return {
    speakerEmbedding: new Float32Array(192).map((_, i) => Math.sin(i * seed + 1) * 1.5),
    codes: Array.from({ length: frames }, (_, f) => Array.from({ length: 16 }, (_, q) => (f * 31 + q * seed) % 1024)),
    seconds: 3.1,
    sourceRate: 22050,
    denoised: false,
  };
}

const SHAPE = { nVq: 16, audioVocab: 1024, speakerDim: 192 };
/** Refused with a UserError matching `re` that says what to do (the name rule's message is itself the rule). */
const refused = (fn: () => unknown, re: RegExp) =>
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof UserError, String(e));
    assert.match(e.message, re);
    assert.ok(e.fix || /must be 1 to 64 characters/.test(e.message), 'says what to do');
    return true;
  });
const leftovers = (dir: string) => fs.readdirSync(dir).filter((n) => !n.endsWith('.json'));

describe('cloned voice store: rename, export, import', () => {
  let dir: string;
  let store: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vieneu-voice-ops-'));
    store = path.join(dir, 'cloned');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('renames in place: same id and file, new name in the file; a taken or blank name is refused and nothing changes', () => {
    const a = saveClonedVoice(store, 'Giọng A', voice(3), 'a.wav');
    const b = saveClonedVoice(store, 'Giọng B', voice(4), 'b.wav');
    const renamed = renameClonedVoice(store, a.id, '  Giọng Đức Anh ');
    assert.strictEqual(renamed.id, a.id);
    assert.strictEqual(renamed.file, a.file);
    assert.strictEqual(renamed.name, 'Giọng Đức Anh');
    const json = JSON.parse(fs.readFileSync(a.file, 'utf8'));
    assert.deepStrictEqual(Object.keys(json.presets), ['Giọng Đức Anh']);
    assert.strictEqual(json.default_voice, 'Giọng Đức Anh');
    assert.strictEqual(json.meta.source, 'a.wav', 'meta kept');
    assert.deepStrictEqual(loadClonedVoice(store, a.id)?.preset.codes, voice(3).codes);
    // Renaming to its own name in another case is fine; to another voice's name (any case) is not.
    assert.strictEqual(renameClonedVoice(store, a.id, 'giọng đức anh').name, 'giọng đức anh');
    refused(() => renameClonedVoice(store, a.id, 'GIỌNG B'), /already called "GIỌNG B"/);
    refused(() => renameClonedVoice(store, a.id, '   '), /1 to 64 characters/);
    refused(() => renameClonedVoice(store, a.id, 'x'.repeat(65)), /1 to 64 characters/);
    refused(() => renameClonedVoice(store, 'clone:nope', 'Z'), /no cloned voice "clone:nope"/);
    assert.deepStrictEqual(listClonedVoices(store).map((v) => v.name).sort(), ['Giọng B', 'giọng đức anh'].sort());
    assert.strictEqual(listClonedVoices(store).find((v) => v.id === b.id)?.name, 'Giọng B');
    assert.deepStrictEqual(leftovers(store), [], 'no temporary files left');
  });

  it('exports a one-voice voices_v3_turbo.json the v3 reader accepts with the same embedding and codes', () => {
    const a = saveClonedVoice(store, 'Mai', voice(5, 40), 'mai.flac');
    const dest = path.join(dir, 'out', 'voices_v3_turbo.json');
    exportClonedVoice(store, a.id, dest);
    const set = parseV3Voices(JSON.parse(fs.readFileSync(dest, 'utf8')), dest, SHAPE);
    assert.deepStrictEqual(set.voices.map((v) => v.id), ['Mai']);
    assert.strictEqual(set.defaultVoice, 'Mai');
    assert.strictEqual(set.voices[0].frames, 40);
    assert.deepStrictEqual(Array.from(set.voices[0].codes.subarray(16, 32)), voice(5, 40).codes[1]);
    assert.ok(Math.abs(set.voices[0].speakerEmb[7] - Math.sin(36) * 1.5) < 1e-5);
    assert.deepStrictEqual(leftovers(path.dirname(dest)), []);
    refused(() => exportClonedVoice(store, 'clone:gone', dest), /no cloned voice/);
  });

  it('imports an exported voice back after it was deleted, and refuses it while its name is taken', () => {
    const a = saveClonedVoice(store, 'Mai', voice(5), 'mai.wav');
    const dest = path.join(dir, 'mai.json');
    exportClonedVoice(store, a.id, dest);
    refused(() => importClonedVoices(store, dest), /already called "Mai"/);
    fs.rmSync(a.file);
    const [back] = importClonedVoices(store, dest);
    assert.strictEqual(back.name, 'Mai');
    assert.notStrictEqual(back.id, a.id, 'a fresh id');
    assert.deepStrictEqual(loadClonedVoice(store, back.id)?.preset.codes, voice(5).codes);
    assert.deepStrictEqual(presetProblems(loadClonedVoice(store, back.id)!.preset), []);
  });

  it('imports every voice of an upstream-layout file (extra fields, pad frame dropped) into its own file', () => {
    const emb = (k: number) => Array.from({ length: 192 }, (_, i) => Math.cos(i + k));
    const frames = (n: number) => Array.from({ length: n }, (_, f) => Array.from({ length: 16 }, (_, q) => (f + q) % 1024));
    const file = path.join(dir, 'voices_v3_turbo.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        meta: { license: 'Apache-2.0' },
        default_voice: 'Ngọc',
        presets: {
          Ngọc: { description: 'Bắc, nữ', gender: 'female', region: 'north', style: 'tu_nhien', featured: 1, aliases: ['ngoc'], speaker_emb: emb(1), codes: [...frames(12), [455, ...new Array(15).fill(0)]] },
          Bình: { description: 'Nam', gender: 'male', region: 'south', style: 'tin_tuc', speaker_emb: emb(2), codes: frames(9) },
        },
      }),
    );
    const infos = importClonedVoices(store, file);
    assert.deepStrictEqual(infos.map((v) => v.name).sort(), ['Bình', 'Ngọc']);
    assert.strictEqual(infos.find((v) => v.name === 'Ngọc')?.frames, 12, 'the encoder pad frame is dropped as the engine does');
    assert.strictEqual(new Set(infos.map((v) => v.file)).size, 2);
    const binh = JSON.parse(fs.readFileSync(infos.find((v) => v.name === 'Bình')!.file, 'utf8'));
    assert.strictEqual(binh.presets['Bình'].style, 'tin_tuc');
    assert.strictEqual(binh.presets['Bình'].gender, 'male');
    assert.strictEqual(binh.meta.imported, true);
  });

  it('refuses a bad file whole, with a reason and what to do, writing nothing', () => {
    const write = (name: string, body: unknown) => {
      const f = path.join(dir, name);
      fs.writeFileSync(f, typeof body === 'string' ? body : JSON.stringify(body));
      return f;
    };
    const good = { speaker_emb: new Array(192).fill(0.5), codes: [new Array(16).fill(3)] };
    refused(() => importClonedVoices(store, write('a.json', '{"presets": ')), /not valid JSON/);
    refused(() => importClonedVoices(store, write('b.json', { presets: {} })), /holds no voices/);
    refused(() => importClonedVoices(store, write('c.json', { presets: { A: good, B: { ...good, speaker_emb: new Array(191).fill(1) } } })), /speaker_emb must be 192 numbers/);
    refused(() => importClonedVoices(store, write('d.json', { presets: { A: { ...good, codes: [new Array(16).fill(1024)] } } })), /code 0 is 1024, not 0\.\.1023/);
    refused(() => importClonedVoices(store, write('e.json', { presets: { A: { ...good, codes: [new Array(8).fill(1)] } } })), /frame 0 must have 16 codes/);
    refused(() => importClonedVoices(store, write('f.json', { presets: { A: { ...good, codes: [] } } })), /no reference codes/);
    refused(() => importClonedVoices(store, write('g.json', { presets: { A: good, a: good } })), /already called "a"/);
    refused(() => importClonedVoices(store, write('h.json', { presets: { ['x'.repeat(70)]: good } })), /1 to 64 characters/);
    const huge = path.join(dir, 'huge.json');
    fs.writeFileSync(huge, '');
    fs.truncateSync(huge, MAX_IMPORT_BYTES + 1); // sparse: no memory, no disk
    refused(() => importClonedVoices(store, huge), /larger than 50 MB/);
    assert.throws(() => importClonedVoices(store, path.join(dir, 'missing.json')), /Cannot read/);
    assert.deepStrictEqual(listClonedVoices(store), [], 'nothing imported');
    assert.strictEqual(assertNameFree(store, ' Tên '), 'Tên');
  });
});
