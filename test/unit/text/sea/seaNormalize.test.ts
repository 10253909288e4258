// The structural invariants sea-g2p holds its normalizer to (tests/python/test_invariants.py at commit
// 63a63f36e28ff0708d978221b7b5fd9bc9f0f39d), held by our normalizer in its v3 reading: plain prose keeps every
// word (reduplication included), and normalizing the output again changes nothing.
import * as assert from 'assert';
import { normalize } from '../../../../src/text/normalize';

const WORD_PRESERVING = [
  'ngày ngày vẫn đông khách xếp hàng từ sáng sớm',
  'nhóc ngân ngày ngày năn nỉ anh nam đèo đi chơi',
  'suốt năm năm trời anh ấy vẫn đợi một lời hồi âm',
  'tháng tháng bà đều đóng tiền học cho cháu',
  'tuần tuần đều họp giao ban vào buổi sáng',
  'đêm đêm nghe tiếng sóng vỗ ngoài xa',
  'chiều chiều ra đứng ngõ sau trông về quê mẹ',
  'sáng sáng ông cụ vẫn đi bộ quanh hồ',
  'người người nhà nhà thi đua sản xuất',
  'giờ giờ phút phút đều trôi qua thật chậm',
  'hôm hôm nào cũng thấy chị ấy ngồi đó',
  'mùa mùa lúa chín vàng khắp cánh đồng',
  'cô giáo dặn cả lớp giữ trật tự trong giờ kiểm tra',
  'anh ấy nói rằng sẽ quay lại vào một ngày không xa',
  'bà nội kể chuyện ngày xưa cho các cháu nghe',
  'trời mưa rất to nên cả nhà ở lại thêm một hôm',
  'chúng tôi đi qua những cánh rừng bạt ngàn',
  'giá trị âm âm sẽ thành giá trị dương',
];

const IDEMPOTENT = [
  'cuộc họp lúc 14h30 ngày 15/3 tại phòng 5',
  'nhiệt độ âm 5 độ c và gió cấp 11',
  'chiếc xe biển 51h-123.45 chạy 120 km/h',
  'công thức e = mc² của einstein',
  'nồng độ 10⁻³ mol trên lít',
  'Giá $5 [cười] GPU <en>Hello</en>',
];

describe('v3 normalization: sea-g2p invariants (tests/python/test_invariants.py@63a63f36)', () => {
  it('plain prose keeps every word', () => {
    for (const s of WORD_PRESERVING) assert.deepStrictEqual(normalize(s, { sea: true }).replace(/\.$/, '').split(' '), s.split(' '), s);
  });
  it('normalizing twice changes nothing', () => {
    for (const s of IDEMPOTENT) {
      const once = normalize(s, { sea: true });
      assert.strictEqual(normalize(once, { sea: true }), once, s);
    }
  });
});

describe('v3 normalization: English contractions and comparison signs (sea-g2p tests/test_normalize.py@90292b67)', () => {
  it('keeps the apostrophe inside English words for the v3 G2P ("let\'s" is one dictionary word); v1 splits them as before', () => {
    assert.strictEqual(normalize("I don't know why", { sea: true }), "i don't know why");
    assert.strictEqual(normalize('It’s a beautiful day', { sea: true }), "it's a beautiful day");
    assert.strictEqual(normalize("ký tự 'C'", { sea: true }), 'ký tự xê');
    assert.strictEqual(normalize("I don't know why"), 'i don t know why');
  });

  it('says comparison signs before numbers, ± and ≈, in both readings; leaves markup and arrows alone', () => {
    for (const sea of [true, false]) {
      assert.strictEqual(normalize('Nếu x > 5 và y ≤ 10 thì xấp xỉ ≈ 0.', { sea }), 'nếu x lớn hơn năm và y nhỏ hơn hoặc bằng mười thì xấp xỉ xấp xỉ không.');
      assert.strictEqual(normalize('Nhiệt độ là 30°C ± 2°C.', { sea }), 'nhiệt độ là ba mươi độ xê cộng trừ hai độ xê.');
      assert.strictEqual(normalize('giá >= 10 và < -3', { sea }), 'giá lớn hơn hoặc bằng mười và nhỏ hơn âm ba');
      assert.strictEqual(normalize('<b>đậm</b> a -> b', { sea }), 'b đậm b a b');
    }
  });
});

describe('v3 normalization: a lone capital letter by its name (sea-g2p tests/test_normalize.py@90292b67)', () => {
  it('says a lone capital consonant by its name and drops the dot of an initial; vowels, acronyms, Roman numerals and codes are untouched', () => {
    const cases: Array<[string, string]> = [
      ['chữ B', 'chữ bê'], ["ký tự 'C'", 'ký tự xê'], ['Vitamin G', 'vitamin gờ'], ['L là tên riêng', 'lờ là tên riêng'],
      ['A + B', 'a cộng bê'], ['Anh M. đi bộ', 'anh mờ đi bộ'], ['C. Mác là nhà triết học', 'xê mác là nhà triết học'],
      ['size S', 'size ét'], ['Chương V dài nhất', 'chương năm dài nhất'], ['IV. KẾT LUẬN', 'bốn. kết luận'], ['30 độ C', 'ba mươi độ xê'],
      ['Lớp 10A1', 'lớp mười a một'], ['2.5M', 'hai chấm năm triệu'], ["O'Neil", "o'neil"],
    ];
    for (const [input, want] of cases) assert.strictEqual(normalize(input, { sea: true }), want, input);
    // The v1 reading keeps the letter as written (its phonemizer spells it); only the initial "C." is no longer Roman 100.
    assert.strictEqual(normalize('chữ B'), 'chữ b');
    assert.strictEqual(normalize('C. Mác'), 'c. mác');
  });
});

describe('v3 normalization: pauses as sea-g2p writes them', () => {
  it('":" and ";" are commas, parentheses pause (not at an edge or before a mark), square brackets do not', () => {
    const cases: Array<[string, string]> = [
      ['kết thúc (0h01). Sau đó', 'kết thúc, không giờ một phút. sau đó'],
      ['(Ghi chú) xin chào', 'ghi chú, xin chào'],
      ['xin chào (bạn)', 'xin chào, bạn'],
      ['Email: a@b.com', 'email, <en>a</en> a còng <en>b</en> chấm com'],
      ['Tọa độ (-2.5;0)', 'tọa độ, âm hai chấm năm, không'],
      ['[foo] xin', 'foo xin'],
      ['12:30 nhé', 'mười hai giờ ba mươi phút nhé'],
    ];
    for (const [input, want] of cases) assert.strictEqual(normalize(input, { sea: true }), want, input);
    assert.strictEqual(normalize('Email: a@b.com'), 'email: a a còng b chấm com');
  });
});
