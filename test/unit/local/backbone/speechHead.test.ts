import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadGgufBackbone, type GgufBackbone } from '../../../../src/local/backbone/ggufBackbone';
import { readGgufHeader } from '../../../../src/local/backbone/ggufReader';
import { phonemeToken, sourceTokensOnSpeechHead, specialsAreBracketed, type SpeechHeadModel } from '../../../../src/local/backbone/speechHeadGguf';
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

  it('tokenizes without the source vocabulary only when the result is certain to be the same', () => {
    const head = { sourceIds: Int32Array.from([10, 11, 12]), pieces: new Map([['user: Hi', [7, 8]]]) } as unknown as SpeechHeadModel;
    const special = (p: string) => ({ '<|A|>': 100, '<|speech_1|>': 101 })[p];
    const derived = (p: string) => [...p].map((ch) => ({ a: 0, b: 1, ' ': 2 })[ch] ?? 99);
    assert.deepStrictEqual(sourceTokensOnSpeechHead('user: Hi<|A|>ab a<|speech_1|>', head, special, derived), [7, 8, 100, 10, 11, 12, 10, 101]);
    assert.strictEqual(sourceTokensOnSpeechHead('user: Hi<|A|>Ab', head, special, derived), undefined, 'an uppercase letter');
    assert.strictEqual(sourceTokensOnSpeechHead('ab<|B|>', head, special, derived), undefined, 'an unknown special');
    assert.strictEqual(sourceTokensOnSpeechHead('ab<|A', head, special, derived), undefined, 'half a special');
    assert.strictEqual(sourceTokensOnSpeechHead('a', { ...head, sourceIds: Int32Array.from([]) }, special, derived), undefined, 'an id out of range');
    assert.ok(specialsAreBracketed(['a', '<|A|>', '<|speech_1|>'], [1, 3, 4]));
    assert.ok(!specialsAreBracketed(['a', 'ab'], [1, 4]), 'a user-defined token spelled with phoneme characters');
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
    // Phoneme prompts never needed the source vocabulary (it costs ~75 MB resident on the real one).
    assert.strictEqual((head as unknown as { sourceVocab?: unknown }).sourceVocab, undefined);
  });

  it('tokenizes other text on the source vocabulary, loaded on first need, with the same ids', async () => {
    for (const text of ['user: QUIZ [TEXT5] 中<|TEXT_PROMPT_START|>x<|TEXT_PROMPT_END|>', 'Xin chào <|not_a_token|> ˈa', '<|<|speech_3|>']) {
      assert.deepStrictEqual(await head.tokenize(text), await full.tokenize(text), text);
    }
    assert.ok((head as unknown as { sourceVocab?: unknown }).sourceVocab !== undefined);
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

  it('rebuilds when the model file changes and removes the derivations it replaces', async () => {
    const cache = path.join(dir, 'cache');
    const old = head.speechHead!.path;
    fs.writeFileSync(path.join(cache, 'm.speech-head-0000000000000000.gguf'), 'a derivation by older rules');
    fs.writeFileSync(path.join(cache, 'other.speech-head-0000000000000000.gguf'), 'another model: kept');
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(path.join(dir, 'm.gguf'), later, later);
    const again = await loadGgufBackbone(path.join(dir, 'm.gguf'), { threads: 1, speechHeadCacheDir: cache });
    try {
      assert.notStrictEqual(again.speechHead!.path, old);
      assert.deepStrictEqual(fs.readdirSync(cache).sort(), [path.basename(again.speechHead!.path), 'other.speech-head-0000000000000000.gguf'].sort());
    } finally {
      await again.dispose();
    }
  });
});
