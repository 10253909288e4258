import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { UserError } from '../../../../src/core/errors';
import { backboneFamilyOf, checkPairing, codecFamilyOf, requireMossFolder, requireV3Folder, V3_REQUIRED_FILES } from '../../../../src/local/v3/v3Folder';
import { loadV3Runner } from '../../../../src/local/v3/v3Runner';
import { brokenCopy, fixtureRoot, mossDir, v3Dir } from './fixtureDirs';

const named = (...parts: string[]) => (e: unknown) => e instanceof UserError && parts.every((p) => e.message.includes(p)) && !!e.fix;

describe('v3 Turbo folders and pairings', function () {
  this.timeout(30000);

  it('tells the families apart from their files', () => {
    assert.strictEqual(backboneFamilyOf(v3Dir()), 'v3-turbo');
    assert.strictEqual(backboneFamilyOf('/x/model.gguf'), 'v1-gguf');
    assert.strictEqual(backboneFamilyOf('pnnbao-ump/VieNeu-TTS-v3-Turbo'), undefined);
    assert.strictEqual(codecFamilyOf(mossDir()), 'moss');
    assert.strictEqual(codecFamilyOf('/x/neucodec.onnx'), 'neucodec');
  });

  it('names each missing file of a v3 folder and of a codec folder', () => {
    for (const f of V3_REQUIRED_FILES) assert.throws(() => requireV3Folder(brokenCopy(v3Dir(), f)), named(f));
    assert.throws(() => requireMossFolder(brokenCopy(mossDir(), 'codec_browser_onnx_meta.json')), named('codec_browser_onnx_meta.json'));
    assert.throws(() => requireV3Folder(path.join(fixtureRoot(), 'nowhere')), named('nowhere'));
  });

  it('refuses a v3 backbone with NeuCodec and a v1 backbone with the MOSS codec, naming both', () => {
    assert.throws(() => checkPairing('/m/v3', 'v3-turbo', '/m/neucodec.onnx', 'neucodec'), (e: unknown) => named('/m/v3', '/m/neucodec.onnx')(e) && /MOSS-Audio-Tokenizer-Nano-ONNX/.test((e as UserError).fix!));
    assert.throws(() => checkPairing('/m/b.gguf', 'v1-gguf', '/m/moss', 'moss'), named('/m/b.gguf', '/m/moss'));
    checkPairing('/m/v3', 'v3-turbo', '/m/moss', 'moss');
  });

  it('refuses unreadable files with their names', async () => {
    await assert.rejects(loadV3Runner(brokenCopy(v3Dir(), 'vieneu_v3_heads.npz', 'junk')), named('vieneu_v3_heads.npz', 'not a zip'));
    const cfg = JSON.parse(fs.readFileSync(path.join(v3Dir(), 'config.json'), 'utf8'));
    await assert.rejects(loadV3Runner(brokenCopy(v3Dir(), 'config.json', JSON.stringify({ ...cfg, hidden_size: 96 }))), named('vieneu_v3_heads.npz', 'text_emb has shape (419, 64), expected (419, 96)'));
    await assert.rejects(loadV3Runner(brokenCopy(v3Dir(), 'config.json', JSON.stringify({ ...cfg, text_vocab_size: 420 }))), named('vieneu_v3_heads.npz'));
    await assert.rejects(loadV3Runner(brokenCopy(v3Dir(), 'vieneu_decode_step.onnx', 'not onnx')), named('vieneu_decode_step.onnx'));
    await assert.rejects(loadV3Runner(brokenCopy(v3Dir(), 'config.json', JSON.stringify({ ...cfg, num_hidden_layers: 3 }))), named('vieneu_decode_step.onnx', '2 past_k inputs', '3 layers'));
  });
});
