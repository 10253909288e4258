import * as assert from 'assert';
import { normalize } from '../../../../src/text/normalize';
import { SeapDict } from '../../../../src/text/sea/seapDict';
import { writeSeap } from '../../../../src/text/sea/seapWriter';
import { SeaG2p } from '../../../../src/text/sea/seaG2p';
import { seaFrontEndFrom, splitForSea } from '../../../../src/text/sea/seaFrontEnd';
import { emotionToken, SeaPhonemizer } from '../../../../src/text/sea/seaPhonemizer';
import type { FrontEnd } from '../../../../src/local/engine/types';

const DICT = SeapDict.fromBuffer(
  writeSeap({
    merged: {
      xin: 'sˈin', 'chào': 'tʃˈaː2w', 'tôi': 't̪ˈoj', 'đi': 'ɗˈi', 'học': 'hˈɔ6k', 'một': 'mˈo6t̪', 'trăm': 'tʃˈam', 'hai': 'hˈaːj',
      'mươi': 'mˈyəj', 'lăm': 'lˈam', 'năm': 'nˈam', 'giá': 'zˈaːɜ', 'là': 'lˌaː2', 'phần': 'fˈə2n', 'ba': 'bˈaː', 'bốn': 'bˈoɜn',
      'nghìn': 'ŋˈi2n', 'không': 'xˌoŋ', 'chấm': 'tʃˈəɜm', 'ngày': 'ŋˈa2j', 'tháng': 'tˈaːɜŋ', 'tư': 't̪ˈy', 'mười': 'mˈyə2j',
      s: '<en>ˈɛs', d: '<en>dˈiː', g: '<en>dʒˈiː', p: '<en>pˈiː', hello: '<en>həlˈoʊ', world: '<en>wˈɜːld', bank: '<en>bˈæŋk',
      vin: '<en>vˈɪn', 'viet': '<en>vjˈɛt', in: '<en>ˈɪn', 'hôm': 'hˈom', nay: 'nˈaj', euro: '<en>jˈʊɹɹoʊ', 'thở': 'tˈəː4', 'dài': 'zˈaː2j',
    },
    common: { u: ['ˈu', 'jˈuː'], a: ['ˈaː', 'ˈeɪ'] },
  }),
  'frontend.bin',
);

describe('sea-g2p G2P behaviour', () => {
  const g2p = new SeaG2p(DICT);

  it('segments an unknown word into dictionary pieces, longest real words first', () => {
    assert.strictEqual(g2p.phonemize('vietinbank'), 'vjˈɛt ˈɪn bˈæŋk');
    assert.strictEqual(g2p.phonemize('VinBank'), 'vˈɪn bˈæŋk');
  });

  it('spells up to three unknown letters inside a word, and falls back letter by letter', () => {
    assert.strictEqual(g2p.phonemize('gpbank'), 'dʒˈiːpˈiː bˈæŋk');
    assert.strictEqual(g2p.phonemize('qqqq'), 'q qqq'); // equal cost: the longer final piece wins
    assert.strictEqual(g2p.phonemize('123'), '123');
  });

  it('reads mixed Vietnamese/English clauses and <en> spans', () => {
    assert.strictEqual(g2p.phonemize('xin chào <en>hello world</en>, tôi đi học.'), 'sˈin tʃˈaː2w həlˈoʊ wˈɜːld, t̪ˈoj ɗˈi hˈɔ6k.');
    assert.strictEqual(g2p.phonemize('<EN>Hello</EN> world'), 'həlˈoʊ wˈɜːld');
    assert.strictEqual(g2p.phonemize('tôi “đi” (học) – hello…'), 't̪ˈoj ɗˈi hˈɔ6k həlˈoʊ.');
  });

  it('keeps Vietnamese marks and drops the rest; empty and punctuation-only text', () => {
    assert.strictEqual(g2p.phonemize(''), '');
    assert.strictEqual(g2p.phonemize('   \n'), '');
    assert.strictEqual(g2p.phonemize('...'), '.');
    assert.strictEqual(g2p.phonemize('xin; chào: tôi!?'), 'sˈin, tʃˈaː2w, t̪ˈoj!?');
    assert.strictEqual(g2p.phonemize('"()[]{}-'), '');
  });
});

describe('sea-g2p front-end for v3', () => {
  const fe: FrontEnd = seaFrontEndFrom(DICT);

  it('phonemizes numbers after the v3 normalization, with punc_norm', async () => {
    const [chunk] = await fe.split('Giá 125 USD');
    assert.strictEqual(chunk.text, 'giá một trăm hai mươi lăm <en>u s d</en>');
    assert.strictEqual(await fe.phonemize(chunk.text), 'zˈaːɜ mˈo6t̪ tʃˈam hˈaːj mˈyəj lˈam jˈuː ˈɛs dˈiː.');
    assert.strictEqual(await fe.phonemizeReference('Giá 25%'), 'zˈaːɜ hˈaːj mˈyəj lˈam fˈə2n tʃˈam.');
  });

  it('passes the emotion cues through as <|emotion_k|> tokens', async () => {
    const chunks = await fe.split('Xin chào [cười] tôi đi học. [thở dài] [hắng giọng]');
    assert.strictEqual(chunks.length, 1);
    assert.strictEqual(chunks[0].text, 'xin chào <|emotion_1|> tôi đi học. <|emotion_2|> <|emotion_3|>');
    assert.strictEqual(await fe.phonemize(chunks[0].text), 'sˈin tʃˈaː2w <|emotion_1|> t̪ˈoj ɗˈi hˈɔ6k. <|emotion_2|> <|emotion_3|>.');
    const p = new SeaPhonemizer(DICT);
    assert.strictEqual(p.phonemize('[chuckle] xin chào'), '<|emotion_1|> sˈin tʃˈaː2w.');
    assert.strictEqual(p.phonemize('xin chào [sigh], tôi đi học hôm nay [clear throat]'), 'sˈin tʃˈaː2w <|emotion_2|>, t̪ˈoj ɗˈi hˈɔ6k hˈom nˈaj <|emotion_3|>.');
    assert.strictEqual(p.phonemize('tôi [không rõ] đi'), 't̪ˈoj xˌoŋ ɹõ ɗˈi.'.replace('ɹõ', 'rõ'));
    assert.strictEqual(emotionToken('[ Thở dài ]'), '<|emotion_2|>');
    assert.strictEqual(emotionToken('<|emotion_5|>'), '<|emotion_5|>');
    assert.strictEqual(emotionToken('[ho]'), undefined);
  });

  it('the v1 normalization is unchanged by the v3 option', () => {
    assert.strictEqual(normalize('Giá $5 [cười] GPU'), 'giá năm đô la cười giê pê u');
    assert.strictEqual(normalize('Giá $5 [cười] GPU', { sea: true }), 'giá năm <en>u s d</en> <|emotion_1|> <en>g p u</en>');
    assert.strictEqual(normalize('20€ và 3 eur', { sea: true }), 'hai mươi <en>euro</en> và ba <en>euro</en>');
    // The rows of docs/normalizer-differences.md, "The v3 reading": [input, v1, v3].
    const rows: Array<[string, string, string]> = [
      ['$100', 'một trăm đô la', 'một trăm <en>u s d</en>'],
      ['100$', 'một trăm đô la', 'một trăm <en>u s d</en>'],
      ['100 USD', 'một trăm đô la mỹ', 'một trăm <en>u s d</en>'],
      ['10£', 'mười bảng anh', 'mười <en>pound</en>'],
      ['USD', 'đô la mỹ', '<en>u s d</en>'],
      ['AI và IT', 'ây ai và ai ti', '<en>a i</en> và <en>i t</en>'],
      ['CPU', 'xê pê u', '<en>c p u</en>'],
      ['<|emotion_2|> xin', 'emotion hai xin', '<|emotion_2|> xin'],
      ['[foo] xin', 'foo xin', 'foo xin'],
      ['24 người', 'hai mươi tư người', 'hai mươi tư người'],
      ['Hello <en>Good morning</en>', 'hello good morning', 'hello <en>Good morning</en>'],
      // Addresses: the v3 forms are the G2P inputs of sea-g2p's tests/python/test_phonemize.py@63a63f36.
      ['support@example.com', 'support a còng example chấm com', '<en>support</en> a còng <en>example</en> chấm com'],
      ['https://vieneu.io', 'vieneu chấm io', '<en>https</en> <en>vieneu</en> chấm <en>i o</en>'],
      ['www.google.com', 'vê kép vê kép vê kép chấm google chấm com', '<en>www</en> chấm <en>google</en> chấm com'],
      [
        'http://localhost:8080/api/v2?lang=vi#top',
        'localhost hai chấm tám không tám không gạch chéo api gạch chéo v hai hỏi lang bằng vi thăng top',
        '<en>http</en> <en>localhost</en> hai chấm tám không tám không gạch <en>api</en> gạch <en>v</en> hai hỏi <en>lang</en> bằng <en>v i</en> thăng <en>top</en>',
      ],
      ['admin_v2@server.ai', 'admin gạch dưới v hai a còng server chấm ai', '<en>admin</en> gạch dưới <en>v</en> hai a còng <en>server</en> chấm <en>ai</en>'],
      ['ftp://example.org/data.zip', 'example chấm org gạch chéo data chấm zip', '<en>f t p</en> <en>example</en> chấm o rờ gờ gạch <en>data</en> chấm <en>zip</en>'],
    ];
    for (const [input, v1, v3] of rows) {
      assert.strictEqual(normalize(input), v1, input);
      assert.strictEqual(normalize(input, { sea: true }), v3, input);
    }
  });

  it('empty and punctuation-only text give no chunk; chunks keep their source ranges', () => {
    assert.deepStrictEqual(splitForSea(''), []);
    assert.deepStrictEqual(splitForSea(' ... !!! '), []);
    const text = 'Xin chào. '.repeat(60);
    const chunks = splitForSea(text);
    assert.ok(chunks.length > 1);
    for (const c of chunks) assert.ok(c.start >= 0 && c.end <= text.length && c.start < c.end && c.text.length <= 256 * 1.5);
  });

  it('phonemizes a 1 MB text without blowing up memory', () => {
    const g2p = new SeaG2p(DICT);
    const unit = 'xin chào, tôi đi học hôm nay vietinbank qqq <en>hello</en> một trăm. ';
    const text = unit.repeat(Math.ceil(1_000_000 / unit.length));
    const before = process.memoryUsage().heapUsed;
    const out = g2p.phonemize(text);
    const grown = process.memoryUsage().heapUsed - before;
    assert.ok(out.startsWith('sˈin tʃˈaː2w, t̪ˈoj ɗˈi hˈɔ6k hˈom nˈaj vjˈɛt ˈɪn bˈæŋk qqq həlˈoʊ mˈo6t̪ tʃˈam. sˈin'));
    assert.ok(grown < 400 * 1024 * 1024, `heap grew ${Math.round(grown / 1e6)} MB`);
    // One pathological 200,000-letter "word" stays linear (pieces are bounded by the longest key).
    assert.strictEqual(g2p.phonemize('q'.repeat(200_000)).length > 0, true);
  });
});
