import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { UserError } from '../../../../src/core/errors';
import { loadNeuCodecDecoder, type NeuCodecDecoder } from '../../../../src/local/codec/neucodecDecoder';
import { codeSample, writeCodecFixture } from '../../../../src/local/fixtures/codecFixture';
import { encodeModel, OnnxGraph } from '../../../../src/local/fixtures/onnxWriter';

describe('NeuCodec ONNX decoder runner', function () {
  this.timeout(20000);
  let dir: string;
  let codec: NeuCodecDecoder;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vieneu-codec-'));
    // A 64-frame limit stands in for the real 6000 so splitting is exercised on short inputs.
    writeCodecFixture(path.join(dir, 'codec64.onnx'), { maxFrames: 64, outputName: 'y_hat' });
    codec = await loadNeuCodecDecoder(path.join(dir, 'codec64.onnx'), { maxFrames: 64, marginFrames: 8, threads: 1 });
  });
  after(async () => {
    await codec?.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('turns each code into 480 samples of that code, reading the first output whatever its name', async () => {
    const codes = [0, 1, 4095, 65535, 31337];
    const audio = await codec.decode(codes);
    assert.strictEqual(audio.length, codes.length * 480);
    codes.forEach((c, k) => {
      for (const j of [0, 17, 240, 479]) assert.ok(Math.abs(audio[k * 480 + j] - codeSample(c, j)) < 1e-5, `code ${c} sample ${j}`);
    });
  });

  it('decodes sequences longer than the frame limit in pieces, identical to the frame-by-frame result', async () => {
    const codes = Array.from({ length: 300 }, (_, i) => (i * 7919) % 65536);
    const audio = await codec.decode(codes);
    assert.strictEqual(audio.length, 300 * 480);
    for (let k = 0; k < 300; k++) {
      assert.ok(Math.abs(audio[k * 480 + 100] - codeSample(codes[k], 100)) < 1e-5, `frame ${k}`);
    }
  });

  it('the fixture itself refuses more frames than its limit, like the real decoder', async () => {
    const raw = await loadNeuCodecDecoder(path.join(dir, 'codec64.onnx'), { maxFrames: 1000 });
    try {
      await assert.rejects(raw.decode(new Array(65).fill(3)));
    } finally {
      await raw.dispose();
    }
  });

  it('rejects codes outside 0..65535 with a clear message', async () => {
    await assert.rejects(codec.decode([1, 65536]), (e: unknown) => e instanceof UserError && /65536/.test(e.message));
    await assert.rejects(codec.decode([1, -1]), UserError);
  });

  it('returns empty audio for no codes and honours an aborted signal', async () => {
    assert.strictEqual((await codec.decode([])).length, 0);
    const ac = new AbortController();
    ac.abort();
    await assert.rejects(codec.decode([1, 2, 3], ac.signal), (e: Error) => e.name === 'AbortError');
  });

  it('says plainly when a file is not a NeuCodec decoder', async () => {
    const g = new OnnxGraph('not_a_codec');
    const x = g.input('input_ids', 'INT64', [1, 'n']);
    g.op('Identity', [x], {}, 'y');
    g.output('y', 'INT64', [1, 'n']);
    fs.writeFileSync(path.join(dir, 'other.onnx'), encodeModel(g));
    await assert.rejects(loadNeuCodecDecoder(path.join(dir, 'other.onnx')), (e: unknown) => e instanceof UserError && /not a NeuCodec decoder/.test(e.message) && /input_ids/.test(e.message));

    const g2 = new OnnxGraph('wrong_type');
    const c = g2.input('codes', 'INT64', [1, 1, 'n']);
    g2.op('Cast', [c], { to: { int: 1 } }, 'audio');
    g2.output('audio', 'FLOAT', [1, 1, 'n']);
    fs.writeFileSync(path.join(dir, 'int64.onnx'), encodeModel(g2));
    await assert.rejects(loadNeuCodecDecoder(path.join(dir, 'int64.onnx')), (e: unknown) => e instanceof UserError && /int64, not int32/.test(e.message));

    fs.writeFileSync(path.join(dir, 'garbage.onnx'), Buffer.from('this is not protobuf at all'));
    await assert.rejects(loadNeuCodecDecoder(path.join(dir, 'garbage.onnx')), (e: unknown) => e instanceof UserError && e.code === 'model');
  });
});
