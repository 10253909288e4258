import * as assert from 'assert';
import { babblePrefer, babbleSuspect, countSpeechBursts, isCueOnly, maxExpectedFrames, syllableCount } from '../../../../src/local/v3/frameCap';

describe('v3 Turbo frame cap and babble guard (upstream 3.8)', () => {
  it('counts syllables: one per Vietnamese word, tone marks and length marks do not split', () => {
    assert.strictEqual(syllableCount('kwˈaːɜ'), 1);
    assert.strictEqual(syllableCount('sˈin tʃˈaː2w.'), 2);
    assert.strictEqual(syllableCount('<|emotion_1|> hˈom nˈaj'), 2);
    assert.strictEqual(syllableCount('kɹiːˈeɪt'), 2); // a stress mark after a vowel group starts a syllable
    assert.strictEqual(syllableCount(', .'), 0);
  });

  it('caps short chunks by syllables and longer ones at 24 + 2 per phoneme character', () => {
    assert.strictEqual(maxExpectedFrames('kwˈaːɜ'), 8);
    assert.strictEqual(maxExpectedFrames('sˈin tʃˈaː2w'), 13);
    assert.strictEqual(maxExpectedFrames('hˈom nˈaj tʃˈəː2j ɗˈɛ6p'), 23);
    const long = 'sˈin tʃˈaː2w mˈɔj ŋˈɯə2j, hˈom nˈaj';
    assert.strictEqual(maxExpectedFrames(long), 24 + 2 * [...long].length);
    assert.ok(isCueOnly('<|emotion_1|>'));
    assert.strictEqual(maxExpectedFrames('<|emotion_1|>'), 8);
    // An emotion cue with words: the linear formula only.
    assert.strictEqual(maxExpectedFrames('<|emotion_2|> kwˈaːɜ'), 24 + 2 * [...' kwˈaːɜ'].length);
  });

  const sr = 1000;
  const bursts = (spec: Array<[number, number]>) => {
    const wav = new Float32Array(2000);
    for (const [a, b] of spec) for (let i = a; i < b; i++) wav[i] = 0.5;
    return wav;
  };

  it('counts energy bursts, merging gaps under 60 ms and dropping bursts under 30 ms', () => {
    assert.strictEqual(countSpeechBursts(bursts([[100, 300], [600, 900]]), sr), 2);
    assert.strictEqual(countSpeechBursts(bursts([[100, 300], [340, 500]]), sr), 1);
    assert.strictEqual(countSpeechBursts(bursts([[100, 300], [600, 620]]), sr), 1);
    assert.strictEqual(countSpeechBursts(new Float32Array(500), sr), 0);
  });

  it('suspects more bursts than syllables, or a ≤ 2-syllable chunk that ran into its cap', () => {
    assert.strictEqual(babbleSuspect(bursts([[100, 300], [600, 900]]), sr, 'kwˈaːɜ', 8, 5).suspect, true);
    assert.strictEqual(babbleSuspect(bursts([[100, 300]]), sr, 'kwˈaːɜ', 8, 5).suspect, false);
    assert.strictEqual(babbleSuspect(bursts([[100, 300]]), sr, 'kwˈaːɜ', 8, 7).suspect, true);
    assert.strictEqual(babbleSuspect(bursts([[100, 300]]), sr, 'hˈom nˈaj tʃˈəː2j ɗˈɛ6p', 23, 23).suspect, false);
    const good = { suspect: false, syllables: 1, bursts: 1, frames: 6 };
    assert.ok(babblePrefer(good, { ...good, suspect: true }));
    assert.ok(babblePrefer({ ...good, frames: 5 }, good));
    assert.ok(!babblePrefer({ ...good, bursts: 2 }, good));
  });
});
