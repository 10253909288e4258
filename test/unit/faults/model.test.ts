// Fault suite, the local model on real llama.cpp and onnxruntime (the generated fixture models): two Speak
// requests at once, a 1 MB selection, the user's --voices file against the model's own voices.json, and a
// corrupt model. In a child: clear messages, bounded time and peak RSS.
import * as assert from 'assert';
import { copyFileSync, mkdtempSync, readFileSync, truncateSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { writeFixtures, type FixtureFiles } from '../../../src/local/fixtures/writeFixtures';
import { runProbe, show, type ProbeResult } from './child';

describe('fault suite: the local model', function () {
  this.timeout(90_000);
  const dir = mkdtempSync(join(tmpdir(), 'vieneu-faults-model-'));
  let fx: FixtureFiles;
  let userVoices: string;
  let model: ProbeResult;
  let base: ProbeResult;

  before(async () => {
    fx = writeFixtures(join(dir, 'fx'));
    // The user's own voices.json: the same preset names as the one beside the backbone, other codes.
    const voices = JSON.parse(readFileSync(fx.voices, 'utf8')) as { presets: Record<string, { codes: number[] }> };
    for (const p of Object.values(voices.presets)) p.codes = p.codes.map((c) => (c + 1) % 16);
    userVoices = join(dir, 'my-voices.json');
    writeFileSync(userVoices, JSON.stringify(voices));
    base = await runProbe(['baseline'], { timeoutMs: 20_000 });
    model = await runProbe(['local-model', fx.gguf, fx.codec, userVoices, fx.dictionary, join(dir, 'cache')], { timeoutMs: 80_000, heapMb: 1024 });
    assert.ok(model.ok, show(model));
    if (process.env.VIENEU_FAULTS_VERBOSE) console.log(JSON.stringify({ base: base.maxRssMb, model: model.maxRssMb, ms: model.ms, facts: model.facts }));
  });

  it('two Speak requests at once: each comes out exactly as it does alone (the model serves one at a time)', () => {
    const f = model.facts!;
    assert.ok((f.soloA as number) > 0 && (f.soloC as number) > 0);
    assert.strictEqual(f.concurrentSameAsSolo, true);
  });

  it('a 1 MB selection: first audio without reading it all, memory bounded, stopped cleanly', () => {
    const f = model.facts!;
    assert.ok((f.hugeChars as number) >= 1 << 20);
    assert.ok((f.hugeSamples as number) > 0);
    // The whole run (load, four requests, the 1 MB text) stays within a model-sized budget above an idle child.
    assert.ok(model.maxRssMb < base.maxRssMb + 400, `peak RSS ${Math.round(model.maxRssMb)} MB vs ${Math.round(base.maxRssMb)} MB idle`);
    // Against a one-sentence request in the same run: a 1 MB text may add one window's split, not the whole
    // text's (several seconds here before the text was split window by window).
    const huge = f.hugeFirstAudioMs as number;
    const short = f.shortFirstAudioMs as number;
    assert.ok(huge < short + 2000, `first audio after ${Math.round(huge)} ms for 1 MB, ${Math.round(short)} ms for one sentence`);
  });

  it('row 10: --voices FILE wins over the voices.json beside the backbone when names match', () => {
    const mine = JSON.parse(readFileSync(userVoices, 'utf8')) as { presets: Record<string, { codes: number[] }> };
    const got = model.facts!.voiceCodes as Record<string, number[]>;
    for (const [id, p] of Object.entries(mine.presets)) assert.deepStrictEqual(got[id], p.codes.slice(0, 4), `voice ${id} came from the model's voices.json`);
  });

  it('a corrupt model (truncated GGUF, garbage with the magic): a clear message from vieneu speak, exit 1', async () => {
    const cut = join(dir, 'cut.gguf');
    copyFileSync(fx.gguf, cut);
    truncateSync(cut, Math.floor(statSync(cut).size / 2));
    const junk = join(dir, 'junk.gguf');
    const head = Buffer.alloc(24);
    head.write('GGUF', 0, 'latin1');
    head.writeUInt32LE(3, 4);
    head.writeBigUInt64LE(1_000_000n, 8);
    head.writeBigUInt64LE(1_000_000n, 16);
    writeFileSync(junk, Buffer.concat([head, Buffer.alloc(4096, 0xff)]));
    for (const [file, re] of [[cut, /cut\.gguf is not a usable GGUF model \(.*(truncated|ends inside)/], [junk, /junk\.gguf is not a usable GGUF model \(/]] as const) {
      const out = join(dir, 'corrupt.wav');
      const r = await runProbe(['cli', 'speak', 'Xin chào.', '--backbone', file, '--codec', fx.codec, '--voices', fx.voices, '--dict', fx.dictionary, '--offline', '--cache', join(dir, 'cache'), '--out', out], { timeoutMs: 30_000 });
      assert.strictEqual(r.facts?.exit, 1, show(r));
      assert.match(r.message ?? '', re);
      assert.ok(r.maxRssMb < base.maxRssMb + 128, `peak RSS ${Math.round(r.maxRssMb)} MB`);
    }
  });
});
