import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { UserError } from '../../../../src/core/errors';
import { loadMossCodec, type MossCodec } from '../../../../src/local/v3/mossCodec';
import { brokenCopy, mossDir } from './fixtureDirs';

function codes(frames: number, seed: number): Int32Array {
  return Int32Array.from({ length: frames * 16 }, (_, i) => (i * 7919 + seed * 104729) % 1024);
}

describe('MOSS-Audio-Tokenizer-Nano streaming decoder', function () {
  this.timeout(30000);
  let codec: MossCodec;
  before(async () => {
    codec = await loadMossCodec(mossDir(), { full: true, threads: 1 });
  });
  after(() => codec?.dispose());

  it('reads 48 kHz, 3840 samples a frame and 16 codebooks from codec_browser_onnx_meta.json', () => {
    assert.strictEqual(codec.sampleRate, 48000);
    assert.strictEqual(codec.samplesPerFrame, 3840);
    assert.strictEqual(codec.quantizers, 16);
  });

  it('streams in uneven groups to exactly the full decode, sample for sample', async () => {
    const all = codes(22, 3);
    const full = await codec.decodeFull(all, 22);
    assert.strictEqual(full.length, 22 * 3840);
    const stream = codec.stream();
    const parts: Float32Array[] = [];
    let at = 0;
    for (const n of [4, 6, 1, 8, 3]) {
      parts.push(await stream.decode(all.subarray(at * 16, (at + n) * 16), n));
      at += n;
    }
    const joined = new Float32Array(full.length);
    let o = 0;
    for (const p of parts) {
      joined.set(p, o);
      o += p.length;
    }
    assert.strictEqual(o, full.length);
    for (let i = 0; i < full.length; i++) if (joined[i] !== full[i]) assert.fail(`sample ${i}: ${joined[i]} vs ${full[i]}`);
  });

  it('needs its state: a fresh stream per group is not the same audio', async () => {
    const all = codes(8, 5);
    const full = await codec.decodeFull(all, 8);
    const second = await codec.stream().decode(all.subarray(4 * 16), 4);
    const same = second.every((v, i) => v === full[4 * 3840 + i]);
    assert.ok(!same, 'the fixture must depend on the previous frame through the cache');
  });

  it('refuses a folder without the streaming decoder, naming the file', async () => {
    const dir = brokenCopy(mossDir(), 'moss_audio_tokenizer_decode_step.onnx');
    await assert.rejects(loadMossCodec(dir), (e: unknown) => e instanceof UserError && e.message.includes('moss_audio_tokenizer_decode_step.onnx') && e.message.includes(dir));
  });

  it('refuses metadata naming a state the graph does not have', async () => {
    const meta = JSON.parse(fs.readFileSync(path.join(mossDir(), 'codec_browser_onnx_meta.json'), 'utf8'));
    meta.streaming_decode.attention_caches[0].cached_keys_input_name = 'attn_keys_renamed_0';
    const dir = brokenCopy(mossDir(), 'codec_browser_onnx_meta.json', JSON.stringify(meta));
    await assert.rejects(loadMossCodec(dir), (e: unknown) => e instanceof UserError && /moss_audio_tokenizer_decode_step\.onnx.*attn_keys_renamed_0/.test(e.message));
    const dir2 = brokenCopy(mossDir(), 'codec_browser_onnx_meta.json', '{"codec_config": {"sample_rate": 48000, "num_quantizers": 16}}');
    await assert.rejects(loadMossCodec(dir2), (e: unknown) => e instanceof UserError && /codec_browser_onnx_meta\.json.*streaming_decode/.test(e.message));
  });
});
