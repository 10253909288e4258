import * as assert from 'assert';
import { UserError } from '../../../../src/core/errors';
import { CATALOGUE, familyOf, findModel } from '../../../../src/local/models/catalogue';
import { cpuFlags, hasVnni } from '../../../../src/local/v3/cpuFeatures';
import { chooseV3Precision, v3Precisions } from '../../../../src/local/v3/precision';
import { V3_REQUIRED_FILES } from '../../../../src/local/v3/v3Folder';

const cpuinfo = (flags: string) => `processor\t: 0\nmodel name\t: Test CPU\nflags\t\t: ${flags}\n\nprocessor\t: 1\n`;

describe('v3 Turbo precision, VNNI and catalogue entries', () => {
  it('reads VNNI from /proc/cpuinfo flags (AVX-512 VNNI or AVX-VNNI)', () => {
    assert.strictEqual(hasVnni(cpuinfo('fpu sse2 avx2 fma')), false);
    assert.strictEqual(hasVnni(cpuinfo('avx2 avx512f avx512_vnni')), true);
    assert.strictEqual(hasVnni(cpuinfo('avx2 avx_vnni')), true);
    assert.ok(cpuFlags(cpuinfo('a b'))!.has('b'));
  });

  it('runs fp32 (onnx_update) by default and refuses int8 without VNNI, saying why', () => {
    assert.strictEqual(chooseV3Precision(undefined, false).v3?.subfolder, 'onnx_update');
    assert.strictEqual(chooseV3Precision('int8', true, 'X').v3?.subfolder, 'onnx_int8');
    assert.throws(() => chooseV3Precision('int8', false, 'Old CPU 3000'), (e: unknown) => e instanceof UserError && e.message.includes('Old CPU 3000') && /VNNI/.test(e.message) && /fp32/.test(e.fix!));
    const offer = v3Precisions(false, 'Old CPU');
    assert.deepStrictEqual(offer.map((o) => o.offered), [true, false]);
    assert.match(offer[1].reason!, /VNNI/);
  });

  it('describes the v3 repositories as data: every graph file of the precision folder, the MOSS codec, the encoder', () => {
    for (const id of ['vieneu-v3-turbo', 'vieneu-v3-turbo-int8']) {
      const e = findModel(id)!;
      assert.strictEqual(familyOf(e), 'v3-turbo');
      const names = e.files.filter((f) => !f.optional).map((f) => f.pattern.split('/').pop());
      assert.deepStrictEqual([...names].sort(), [...V3_REQUIRED_FILES].sort());
      assert.ok(e.files.filter((f) => !f.optional).every((f) => f.pattern.startsWith(`${e.v3!.subfolder}/`)));
    }
    assert.strictEqual(findModel('pnnbao-ump/VieNeu-TTS-v3-Turbo')?.id, 'vieneu-v3-turbo');
    assert.strictEqual(findModel('OpenMOSS-Team/MOSS-Audio-Tokenizer-Nano-ONNX')?.codec?.sampleRate, 48000);
    assert.strictEqual(familyOf(findModel('vieneu-0.5b-q4')!), 'v1-gguf');
    assert.ok(CATALOGUE.some((e) => e.kind === 'encoder' && e.files[0].pattern === 'speaker_encoder.onnx'));
  });
});
