// Both backbone runners on the same generated weights: real llama.cpp and real onnxruntime.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { UserError } from '../../../../src/core/errors';
import { BpeTokenizer } from '../../../../src/local/backbone/bpeTokenizer';
import { autoThreads, bosToPrepend, getSharedLlama, loadGgufBackbone, type GgufBackbone } from '../../../../src/local/backbone/ggufBackbone';
import { loadOnnxBackbone, type OnnxBackbone } from '../../../../src/local/backbone/onnxBackbone';
import { prefillBatchSize } from '../../../../src/local/backbone/prefillBatch';
import { pruneOnnxHead } from '../../../../src/local/backbone/onnxSpeechHead';
import type { Backbone, GenerateOptions } from '../../../../src/local/backbone/types';
import { codecFixtureModel } from '../../../../src/local/fixtures/codecFixture';
import { tokenizerJson } from '../../../../src/local/fixtures/fixtureVocab';
import { qwen2Fixture, TINY_QWEN2, writeQwen2Gguf } from '../../../../src/local/fixtures/qwen2Fixture';
import { writeQwen2Onnx } from '../../../../src/local/fixtures/qwen2Onnx';

const GREEDY: GenerateOptions = { temperature: 0, topK: 50, maxNewTokens: 120 };

function prompt(i: number, codes = 2): string {
  const ref = Array.from({ length: codes }, (_, k) => `<|speech_${(i * 37 + k * 91) % 1024}|>`).join('');
  return `user: Convert the text to speech:<|TEXT_PROMPT_START|>hˈom  nˈaj  tʃˈəː2j  ɗˈɛ6p  kwˈaːɜ. ${i}<|TEXT_PROMPT_END|>\nassistant:<|SPEECH_GENERATION_START|>${ref}`;
}

async function collect(bb: Backbone, tokens: number[], o: GenerateOptions): Promise<number[]> {
  const out: number[] = [];
  for await (const c of bb.generate(tokens, o)) out.push(c);
  return out;
}

describe('backbone runners (llama.cpp and onnxruntime on the same tiny qwen2)', function () {
  this.timeout(30000);
  let dir: string;
  let gguf: GgufBackbone;
  let onnx: OnnxBackbone;
  let pruned: OnnxBackbone;
  let derived: OnnxBackbone;
  const fx = qwen2Fixture(TINY_QWEN2); // F32 weights: no quantization difference between the runners

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vieneu-runners-'));
    writeQwen2Gguf(path.join(dir, 'tiny.gguf'), fx);
    fs.mkdirSync(path.join(dir, 'onnx'));
    writeQwen2Onnx(path.join(dir, 'onnx', 'model.onnx'), fx);
    fs.writeFileSync(path.join(dir, 'onnx', 'tokenizer.json'), JSON.stringify(tokenizerJson(fx.vocab)));
    fs.mkdirSync(path.join(dir, 'pruned'));
    const rows = [...Array.from({ length: fx.vocab.speechCount }, (_, i) => fx.vocab.speechBase + i), fx.vocab.endId];
    writeQwen2Onnx(path.join(dir, 'pruned', 'model.onnx'), fx, { headRows: rows });
    fs.copyFileSync(path.join(dir, 'onnx', 'tokenizer.json'), path.join(dir, 'pruned', 'tokenizer.json'));
    gguf = await loadGgufBackbone(path.join(dir, 'tiny.gguf'), { device: 'cpu', threads: 1 });
    onnx = await loadOnnxBackbone(path.join(dir, 'onnx'), { threads: 1 });
    pruned = await loadOnnxBackbone(path.join(dir, 'pruned'), { threads: 1 });
    derived = await loadOnnxBackbone(path.join(dir, 'onnx'), { threads: 1, speechHeadCacheDir: path.join(dir, 'cache') });
  });
  after(async () => {
    await gguf?.dispose();
    await onnx?.dispose();
    await pruned?.dispose();
    await derived?.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('both find the speech range and the end token', () => {
    for (const bb of [gguf, onnx]) {
      assert.strictEqual(bb.info.speechTokenBase, fx.vocab.speechBase);
      assert.strictEqual(bb.info.speechTokenCount, 1024);
      assert.strictEqual(bb.info.endTokenId, fx.vocab.endId);
      assert.strictEqual(bb.info.vocabSize, fx.vocab.tokens.length);
      assert.strictEqual(bb.tokenId('<|TEXT_PROMPT_START|>'), fx.vocab.specialIds['<|TEXT_PROMPT_START|>']);
      assert.strictEqual(bb.tokenId('<|no_such_token|>'), undefined);
    }
    assert.strictEqual(gguf.info.format, 'gguf');
    assert.strictEqual(onnx.info.format, 'onnx');
    assert.ok(!onnx.prunedHead && pruned.prunedHead);
  });

  it('derive a speech-head ONNX model at load, once, into the cache folder', async () => {
    assert.ok(derived.prunedHead, 'the head was not cut');
    const cached = fs.readdirSync(path.join(dir, 'cache'));
    assert.strictEqual(cached.length, 1);
    const file = path.join(dir, 'cache', cached[0]);
    assert.ok(fs.statSync(file).size < fs.statSync(path.join(dir, 'onnx', 'model.onnx')).size);
    const mtime = fs.statSync(file).mtimeMs;
    const again = await loadOnnxBackbone(path.join(dir, 'onnx'), { threads: 1, speechHeadCacheDir: path.join(dir, 'cache') });
    assert.ok(again.prunedHead);
    assert.strictEqual(fs.statSync(file).mtimeMs, mtime);
    await again.dispose();
    assert.strictEqual(pruneOnnxHead(codecFixtureModel({ maxFrames: 10 }), [1, 2], 65536), undefined, 'no logits MatMul: left alone');
  });

  it('tokenize identically, with special and speech tokens recognised', async () => {
    const texts = [prompt(1, 5), 'Hello, world! 123 4567 don\'t  \n\n  x', 'ɓˈaː6n,  vˈiɛ6t̪  <|speech_7|><|speech_1023|><|im_end|>', '<|speech_1024|> <|speech_'];
    for (const text of texts) {
      const a = await gguf.tokenize(text);
      assert.deepStrictEqual(await onnx.tokenize(text), a, text);
    }
    const t = await gguf.tokenize('<|SPEECH_GENERATION_START|><|speech_12|>');
    assert.deepStrictEqual(t, [fx.vocab.specialIds['<|SPEECH_GENERATION_START|>'], fx.vocab.speechBase + 12]);
  });

  it('put BOS before the prompt when the GGUF says tokenizer.ggml.add_bos_token = true, as llama-cpp-python does', async () => {
    const withBos = path.join(dir, 'bos.gguf');
    writeQwen2Gguf(withBos, fx, { addBosToken: true });
    const bb = await loadGgufBackbone(withBos, { device: 'cpu', threads: 1 });
    try {
      const text = prompt(3);
      const plain = await gguf.tokenize(text);
      assert.deepStrictEqual(await bb.tokenize(text), [fx.vocab.specialIds['<|endoftext|>'], ...plain]);
      assert.notStrictEqual(plain[0], fx.vocab.specialIds['<|endoftext|>'], 'add_bos_token = false: no BOS');
      assert.ok((await collect(bb, await bb.tokenize(text), { ...GREEDY, maxNewTokens: 5 })).length > 0);
    } finally {
      await bb.dispose();
    }
    const meta = (m: Record<string, unknown>) => bosToPrepend(new Map(Object.entries(m)), 100);
    assert.strictEqual(meta({ 'tokenizer.ggml.bos_token_id': 7, 'tokenizer.ggml.model': 'gpt2' }), undefined, 'BPE without the key: no BOS');
    assert.strictEqual(meta({ 'tokenizer.ggml.bos_token_id': 7, 'tokenizer.ggml.model': 'llama' }), 7, 'SentencePiece without the key: BOS');
    assert.strictEqual(meta({ 'tokenizer.ggml.bos_token_id': 700, 'tokenizer.ggml.add_bos_token': true }), undefined, 'an id outside the vocabulary');
  });

  it('produce the same tokens under greedy decoding, and so does the pruned-head ONNX model', async () => {
    let total = 0;
    for (let i = 0; i < 6; i++) {
      const tokens = await gguf.tokenize(prompt(i));
      const a = await collect(gguf, tokens, GREEDY);
      const b = await collect(onnx, tokens, GREEDY);
      const c = await collect(pruned, tokens, GREEDY);
      const d = await collect(derived, tokens, GREEDY);
      assert.deepStrictEqual(b, a, `prompt ${i}`);
      assert.deepStrictEqual(c, a, `pruned, prompt ${i}`);
      assert.deepStrictEqual(d, a, `derived at load, prompt ${i}`);
      total += a.length;
    }
    assert.ok(total > 100, `greedy runs too short to compare (${total} tokens)`);
  });

  it('sample only speech codes, reproducibly for a seed, differently for another seed, and can end', async () => {
    const tokens = await gguf.tokenize(prompt(3));
    for (const bb of [gguf, onnx, pruned]) {
      const o = { temperature: 1, topK: 50, maxNewTokens: 400 };
      const a = await collect(bb, tokens, { ...o, seed: 1 });
      const b = await collect(bb, tokens, { ...o, seed: 1 });
      assert.deepStrictEqual(b, a, bb.info.format);
      const runs = [a];
      for (let s = 2; s < 8; s++) runs.push(await collect(bb, tokens, { ...o, seed: s }));
      assert.ok(runs.some((r) => JSON.stringify(r) !== JSON.stringify(a)), 'seeds make no difference');
      assert.ok(runs.some((r) => r.length < 400), 'never reached the end token');
      const all = runs.flat();
      assert.ok(all.every((c) => Number.isInteger(c) && c >= 0 && c < 1024));
      assert.ok(new Set(all).size > 50, `too few distinct codes: ${new Set(all).size}`);
    }
  });

  it('stop at maxNewTokens', async () => {
    const tokens = await gguf.tokenize(prompt(2));
    for (const bb of [gguf, onnx]) assert.strictEqual((await collect(bb, tokens, { ...GREEDY, maxNewTokens: 7 })).length, 7);
  });

  it('stop right after an abort: no code is yielded once the signal fires', async () => {
    const tokens = await gguf.tokenize(prompt(2));
    for (const bb of [gguf, onnx]) {
      const ac = new AbortController();
      const got: number[] = [];
      await assert.rejects(
        (async () => {
          for await (const c of bb.generate(tokens, { ...GREEDY, signal: ac.signal })) {
            got.push(c);
            if (got.length === 3) ac.abort();
          }
        })(),
        (e: Error) => e.name === 'AbortError',
      );
      assert.strictEqual(got.length, 3, bb.info.format);
      // The runner is usable again afterwards and gives the same result as before.
      assert.deepStrictEqual(await collect(bb, tokens, { ...GREEDY, maxNewTokens: 5 }), (await collect(onnx, tokens, GREEDY)).slice(0, 5));
    }
    const ac = new AbortController();
    ac.abort();
    await assert.rejects(collect(gguf, tokens, { ...GREEDY, signal: ac.signal }), (e: Error) => e.name === 'AbortError');
  });

  it('size prefill batches to the time target (an abort is noticed between them) without changing the result', async () => {
    assert.strictEqual(prefillBatchSize(32, 80, undefined), 32, 'nothing measured yet');
    assert.strictEqual(prefillBatchSize(32, 80, 1), 32, 'a fast machine keeps the largest batch');
    assert.strictEqual(prefillBatchSize(32, 80, 3.4), 23);
    assert.strictEqual(prefillBatchSize(32, 80, 20), 16, 'never below the floor');
    assert.strictEqual(prefillBatchSize(8, 80, 20), 8, 'nor above the largest');
    assert.strictEqual(prefillBatchSize(32, 0, 20), 32, '0 turns it off');
    // A runner whose every batch "takes too long" evaluates the prompt in floor-sized batches: same codes.
    const small = await loadGgufBackbone(path.join(dir, 'tiny.gguf'), { threads: 1, prefillBatch: 64, prefillBatchMs: 1e-6 });
    try {
      const tokens = await small.tokenize(prompt(6, 60));
      assert.ok(tokens.length > 64, `${tokens.length} prompt tokens`);
      assert.deepStrictEqual(await collect(small, tokens, GREEDY), await collect(onnx, tokens, GREEDY));
      assert.strictEqual((small as unknown as { prefillBatchSize(): number }).prefillBatchSize(), 16);
      // The ONNX runner sizes its prefill calls the same way, with the same result.
      const smallOnnx = await loadOnnxBackbone(path.join(dir, 'onnx'), { threads: 1, prefillBatch: 64, prefillBatchMs: 1e-6 });
      try {
        const expected = await collect(onnx, tokens, GREEDY);
        assert.deepStrictEqual(await collect(smallOnnx, tokens, GREEDY), expected, 'first call: one 64-token step, then 16s');
        const other = await small.tokenize(prompt(7, 60));
        assert.deepStrictEqual(await collect(smallOnnx, other, GREEDY), await collect(onnx, other, GREEDY), 'then 16-token steps');
      } finally {
        await smallOnnx.dispose();
      }
    } finally {
      await small.dispose();
    }
  });

  it('decode with one thread fewer than the physical cores unless told, and report the count', async () => {
    assert.deepStrictEqual([0, 1, 2, 4, 8].map(autoThreads), [1, 1, 1, 3, 7]);
    assert.strictEqual(gguf.info.threads, 1, 'asked for 1');
    const auto = await loadGgufBackbone(path.join(dir, 'tiny.gguf'), {});
    try {
      const { llama } = await getSharedLlama('cpu');
      assert.strictEqual(auto.info.threads, autoThreads(llama.cpuMathCores));
    } finally {
      await auto.dispose();
    }
  });

  it('reuse the KV cache of a shared prompt prefix without changing the result', async () => {
    const a = await gguf.tokenize(prompt(4, 6));
    const b = await gguf.tokenize(prompt(4, 9));
    const fresh = await collect(onnx, b, GREEDY);
    await collect(gguf, a, { ...GREEDY, maxNewTokens: 3 });
    const cached = gguf.cachedTokens.length;
    assert.ok(cached >= a.length);
    assert.deepStrictEqual(await collect(gguf, b, GREEDY), fresh);
    await collect(onnx, a, { ...GREEDY, maxNewTokens: 3 });
    assert.deepStrictEqual(await collect(onnx, b, GREEDY), fresh);
  });

  it('refuse a prompt that leaves no room in the context', async () => {
    const long = new Array(2048).fill(fx.vocab.speechBase);
    for (const bb of [gguf, onnx]) {
      await assert.rejects(collect(bb, long, GREEDY), (e: unknown) => e instanceof UserError && /context/.test(e.message));
      await assert.rejects(collect(bb, [], GREEDY), UserError);
    }
  });
});

describe('backbone runners refuse bad model files with a clear message', function () {
  this.timeout(30000);
  let dir: string;
  before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vieneu-badmodels-'))));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const isModelError = (re: RegExp) => (e: unknown) => e instanceof UserError && e.code === 'model' && re.test(e.message);

  it('a file that is not GGUF, and a truncated GGUF', async () => {
    fs.writeFileSync(path.join(dir, 'garbage.gguf'), 'definitely not a model');
    await assert.rejects(loadGgufBackbone(path.join(dir, 'garbage.gguf')), isModelError(/not a usable GGUF model.*GGUF/));
    const fx = qwen2Fixture({ ...TINY_QWEN2, speechTokens: 32 });
    writeQwen2Gguf(path.join(dir, 'full.gguf'), fx);
    const bytes = fs.readFileSync(path.join(dir, 'full.gguf'));
    fs.writeFileSync(path.join(dir, 'cut.gguf'), bytes.subarray(0, bytes.length - 1000));
    await assert.rejects(loadGgufBackbone(path.join(dir, 'cut.gguf')), isModelError(/truncated/));
    fs.writeFileSync(path.join(dir, 'header.gguf'), bytes.subarray(0, 5000));
    await assert.rejects(loadGgufBackbone(path.join(dir, 'header.gguf')), isModelError(/not a usable GGUF model/));
  });

  it('a GGUF language model without VieNeu speech tokens', async () => {
    const fx = qwen2Fixture({ ...TINY_QWEN2, speechTokens: 0 });
    writeQwen2Gguf(path.join(dir, 'plain.gguf'), fx);
    await assert.rejects(loadGgufBackbone(path.join(dir, 'plain.gguf')), isModelError(/architecture qwen2.*not a VieNeu-TTS backbone/));
  });

  it('a GGUF whose tensors llama.cpp cannot use (missing layer weights)', async () => {
    const fx = qwen2Fixture({ ...TINY_QWEN2, speechTokens: 32 });
    writeQwen2Gguf(path.join(dir, 'missing.gguf'), { ...fx, tensors: fx.tensors.filter((t) => t.name !== 'blk.1.ffn_up.weight') });
    await assert.rejects(loadGgufBackbone(path.join(dir, 'missing.gguf'), { threads: 1 }), isModelError(/llama.cpp could not load/));
  });

  it('an ONNX folder without tokenizer.json, a non-decoder ONNX file, and a folder without a model', async () => {
    fs.mkdirSync(path.join(dir, 'o1'));
    const fx = qwen2Fixture({ ...TINY_QWEN2, speechTokens: 32, layers: 1 });
    writeQwen2Onnx(path.join(dir, 'o1', 'model.onnx'), fx);
    await assert.rejects(loadOnnxBackbone(path.join(dir, 'o1')), (e: unknown) => e instanceof UserError && /tokenizer.json/.test(e.message));
    fs.writeFileSync(path.join(dir, 'o1', 'tokenizer.json'), JSON.stringify(tokenizerJson(fx.vocab)));
    fs.mkdirSync(path.join(dir, 'o2'));
    fs.writeFileSync(path.join(dir, 'o2', 'model.onnx'), codecFixtureModel({ maxFrames: 10 }));
    fs.copyFileSync(path.join(dir, 'o1', 'tokenizer.json'), path.join(dir, 'o2', 'tokenizer.json'));
    await assert.rejects(loadOnnxBackbone(path.join(dir, 'o2')), isModelError(/past_key_values/));
    fs.mkdirSync(path.join(dir, 'o3'));
    await assert.rejects(loadOnnxBackbone(path.join(dir, 'o3')), isModelError(/model.onnx/));
    await assert.rejects(loadOnnxBackbone(path.join(dir, 'nowhere')), isModelError(/nowhere/));
    await assert.rejects(loadGgufBackbone(path.join(dir, 'nowhere.gguf')), isModelError(/nowhere/));
    const ok = await loadOnnxBackbone(path.join(dir, 'o1'));
    assert.strictEqual(ok.info.speechTokenCount, 32);
    await ok.dispose();
  });
});

describe('backbone runners with the real speech vocabulary size (65,536 speech tokens)', function () {
  this.timeout(30000);
  let dir: string;
  before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vieneu-65k-'))));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('find all 65,536 codes (a GGUF header over 1 MB) and sample codes across the range', async () => {
    const fx = qwen2Fixture({ ...TINY_QWEN2, speechTokens: 65536, weightType: 'Q8_0', layers: 1 });
    writeQwen2Gguf(path.join(dir, 'big.gguf'), fx);
    fs.mkdirSync(path.join(dir, 'onnx'));
    fs.writeFileSync(path.join(dir, 'onnx', 'tokenizer.json'), JSON.stringify(tokenizerJson(fx.vocab)));
    const tok = BpeTokenizer.fromFile(path.join(dir, 'onnx', 'tokenizer.json'));
    const bb = await loadGgufBackbone(path.join(dir, 'big.gguf'), { threads: 1 });
    try {
      assert.strictEqual(bb.info.speechTokenCount, 65536);
      const text = prompt(1) + '<|speech_65535|><|speech_40000|>';
      const tokens = await bb.tokenize(text);
      assert.deepStrictEqual(tok.encode(text), tokens);
      assert.deepStrictEqual(tokens.slice(-2), [fx.vocab.speechBase + 65535, fx.vocab.speechBase + 40000]);
      const codes = await collect(bb, tokens, { temperature: 1, topK: 50, maxNewTokens: 60, seed: 5 });
      assert.ok(codes.length > 0 && codes.every((c) => c >= 0 && c < 65536));
      assert.ok(codes.some((c) => c >= 1024), 'codes above the tiny range are reachable');
    } finally {
      await bb.dispose();
    }
  });
});
