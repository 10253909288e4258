import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { presetProblems } from '../../../../src/local/clone/clonedVoice';
import { findCloneModels } from '../../../../src/local/clone/cloneModelFiles';
import { deleteClonedVoice, listClonedVoices, loadClonedVoice, saveClonedVoice } from '../../../../src/local/clone/clonedVoiceStore';
import type { ClonedVoice } from '../../../../src/local/clone/cloneVoice';
import { writeCloneFixtures } from '../../../../src/local/fixtures/cloneFixtures';

function voice(seed: number): ClonedVoice {
  return {
    speakerEmbedding: new Float32Array(192).map((_, i) => Math.sin(i * seed) * 1.5),
    codes: Array.from({ length: 30 }, (_, f) => Array.from({ length: 16 }, (_, q) => (f * 31 + q * seed) % 1024)),
    seconds: 2.4,
    sourceRate: 44100,
    denoised: seed % 2 === 0,
  };
}

describe('cloned voice store (one voices_v3_turbo.json file per voice)', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vieneu-voices-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('saves, lists (again after a "restart": a fresh read of the folder), loads and deletes', () => {
    const a = saveClonedVoice(path.join(dir, 'cloned'), 'Giọng Đức Anh', voice(3), '/home/me/ghi âm.wav');
    const b = saveClonedVoice(path.join(dir, 'cloned'), 'Giọng Đức Anh', voice(4), 'b.flac');
    assert.match(a.id, /^clone:giong-duc-anh-[0-9a-f]{8}$/);
    assert.notStrictEqual(a.id, b.id, 'the same name twice makes two voices');
    const listed = listClonedVoices(path.join(dir, 'cloned'));
    assert.deepStrictEqual(listed.map((v) => v.id).sort(), [a.id, b.id].sort());
    assert.strictEqual(listed[0].frames, 30);
    const loaded = loadClonedVoice(path.join(dir, 'cloned'), a.id);
    assert.strictEqual(loaded?.name, 'Giọng Đức Anh');
    assert.deepStrictEqual(presetProblems(loaded!.preset), []);
    assert.ok(Math.abs(loaded!.preset.speaker_emb[5] - Math.fround(Math.sin(15) * 1.5)) < 1e-6);
    assert.ok(deleteClonedVoice(path.join(dir, 'cloned'), a.id));
    assert.ok(!deleteClonedVoice(path.join(dir, 'cloned'), a.id));
    assert.deepStrictEqual(listClonedVoices(path.join(dir, 'cloned')).map((v) => v.id), [b.id]);
  });

  it('lists nothing for a missing folder and skips damaged or invalid files', () => {
    assert.deepStrictEqual(listClonedVoices(path.join(dir, 'none')), []);
    saveClonedVoice(dir, 'Tốt', voice(5), 'x.wav');
    fs.writeFileSync(path.join(dir, 'broken.json'), '{"presets": ');
    fs.writeFileSync(path.join(dir, 'zeros.json'), JSON.stringify({ default_voice: 'z', presets: { z: { speaker_emb: new Array(192).fill(0), codes: [new Array(16).fill(1)] } } }));
    assert.deepStrictEqual(listClonedVoices(dir).map((v) => v.name), ['Tốt']);
  });

  it('finds the cloning graphs in a model cache that nests folders', () => {
    assert.strictEqual(findCloneModels([dir]), undefined);
    const files = writeCloneFixtures(path.join(dir, 'models', 'snapshots', 'abc'));
    const found = findCloneModels([path.join(dir, 'empty'), path.join(dir, 'models')]);
    assert.strictEqual(found?.speakerEncoder, files.speakerEncoder);
    assert.strictEqual(found?.mossEncoder, files.mossEncode);
    assert.strictEqual(found?.denoiser, files.denoiser);
  });
});
