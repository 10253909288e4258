import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadGgufBackbone, type GgufBackbone } from '../../../../src/local/backbone/ggufBackbone';
import { readGgufHeader } from '../../../../src/local/backbone/ggufReader';
import { phonemeToken } from '../../../../src/local/backbone/speechHeadGguf';
import type { Backbone, GenerateOptions } from '../../../../src/local/backbone/types';
import { qwen2Fixture, TINY_QWEN2, writeQwen2Gguf } from '../../../../src/local/fixtures/qwen2Fixture';

const GREEDY: GenerateOptions = { temperature: 0, topK: 50, maxNewTokens: 100 };

async function collect(bb: Backbone, tokens: number[], o: GenerateOptions): Promise<number[]> {
  const out: number[] = [];
  for await (const c of bb.generate(tokens, o)) out.push(c);
  return out;
}

describe('speech-head GGUF (output head cut to the tokens a phoneme prompt can use)', function () {
  this.timeout(30000);
  let dir: string;
  let full: GgufBackbone;
  let head: GgufBackbone;
  // 3000 filler "text" tokens stand in for Qwen's vocabulary: the derivation must drop them.
  const fx = qwen2Fixture({ ...TINY_QWEN2, fillerTokens: 3000 });

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vieneu-speechhead-'));
    writeQwen2Gguf(path.join(dir, 'm.gguf'), fx);
    full = await loadGgufBackbone(path.join(dir, 'm.gguf'), { threads: 1 });
    head = await loadGgufBackbone(path.join(dir, 'm.gguf'), { threads: 1, speechHeadCacheDir: path.join(dir, 'cache') });
  });
  after(async () => {
    await full?.dispose();
    await head?.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps byte pieces of IPA text and drops other text tokens', () => {
    const b = (s: string) => Uint8Array.from(Buffer.from(s, 'utf8'));
    assert.ok(phonemeToken(b(' kwˈaːɜ.')));
    assert.ok(phonemeToken(b('tʃ')));
    assert.ok(phonemeToken(b('ɗˈɛ6p, ')));
    assert.ok(phonemeToken(b('ˈ').subarray(0, 1)), 'the first byte of an IPA character');
    assert.ok(!phonemeToken(b('Hello')));
    assert.ok(!phonemeToken(b('中')));
    assert.ok(!phonemeToken(b('[TEXT12]')));
  });

  it('builds a smaller model with the speech tokens and the source ids recorded', () => {
    const sh = head.speechHead!;
    assert.ok(sh, 'no derived model was built');
    assert.ok(sh.sourceIds.length < fx.vocab.tokens.length - 3000, `${sh.sourceIds.length} tokens kept`);
    assert.strictEqual(sh.toDerived[fx.vocab.speechBase + 1023], sh.toDerived[fx.vocab.speechBase] + 1023);
    assert.ok(sh.toDerived[fx.vocab.endId] >= 0);
    const h = readGgufHeader(sh.path);
    const embd = h.tensors.find((t) => t.name === 'token_embd.weight')!;
    assert.deepStrictEqual(embd.dims, [64, sh.sourceIds.length]);
    assert.ok(fs.statSync(sh.path).size < fs.statSync(path.join(dir, 'm.gguf')).size / 2);
  });

  it('gives the same tokenization and the same greedy codes as the full model', async () => {
    let total = 0;
    for (let i = 0; i < 6; i++) {
      const text = `user: Convert the text to speech:<|TEXT_PROMPT_START|>hˈom  nˈaj  tʃˈəː2j  ɗˈɛ6p  kwˈaːɜ. ${i} <|TEXT_PROMPT_END|>\nassistant:<|SPEECH_GENERATION_START|><|speech_${i * 37}|><|speech_${i * 91}|>`;
      const tokens = await full.tokenize(text);
      assert.deepStrictEqual(await head.tokenize(text), tokens);
      const a = await collect(full, tokens, GREEDY);
      assert.deepStrictEqual(await collect(head, tokens, GREEDY), a, `prompt ${i}`);
      total += a.length;
    }
    assert.ok(total > 80);
  });

  it('runs a prompt holding a dropped token on the full model, with the same result', async () => {
    const tokens = await full.tokenize('user: QUIZ [TEXT5] 中<|TEXT_PROMPT_START|>x<|TEXT_PROMPT_END|><|SPEECH_GENERATION_START|><|speech_3|>');
    assert.ok(tokens.some((id) => head.speechHead!.toDerived[id] < 0), 'the prompt should hold a dropped token');
    assert.deepStrictEqual(await collect(head, tokens, GREEDY), await collect(full, tokens, GREEDY));
  });

  it('reuses the cached derived file on the next load', async () => {
    const file = head.speechHead!.path;
    const before = fs.statSync(file).mtimeMs;
    const again = await loadGgufBackbone(path.join(dir, 'm.gguf'), { threads: 1, speechHeadCacheDir: path.join(dir, 'cache') });
    try {
      assert.strictEqual(again.speechHead!.path, file);
      assert.strictEqual(fs.statSync(file).mtimeMs, before);
      assert.strictEqual(fs.readdirSync(path.join(dir, 'cache')).length, 1);
    } finally {
      await again.dispose();
    }
  });
});
