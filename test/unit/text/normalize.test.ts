// Table-driven check of the normalizer: what a Vietnamese reader says for what is written. Every row was read
// and judged by a person; the forms Vietnamese text writes in more than one way are all here (1.000.000; 21, 25, 105, 1015; 3,5;
// 15/08/2025; 1/1; 08:30; 24h; +84 phone numbers; 007; 25°C; 100km/h; 50%; 512GB), together with the cases
// where upstream's normalizer is wrong (see docs/normalizer-differences.md).
import * as assert from 'assert';
import { normalize, normalizeDetailed, readNumber } from '../../../src/text/normalize';
import { integerToWords } from '../../../src/text/numbers';

const CASES: Record<string, Array<[string, string]>> = {
  numbers: [
    ["0", "không"],
    ["1", "một"],
    ["5", "năm"],
    ["10", "mười"],
    ["11", "mười một"],
    ["14", "mười bốn"],
    ["15", "mười lăm"],
    ["19", "mười chín"],
    ["20", "hai mươi"],
    ["21", "hai mươi mốt"],
    ["24", "hai mươi tư"],
    ["25", "hai mươi lăm"],
    ["30", "ba mươi"],
    ["45", "bốn mươi lăm"],
    ["55", "năm mươi lăm"],
    ["99", "chín mươi chín"],
    ["100", "một trăm"],
    ["101", "một trăm lẻ một"],
    ["105", "một trăm lẻ năm"],
    ["110", "một trăm mười"],
    ["115", "một trăm mười lăm"],
    ["121", "một trăm hai mươi mốt"],
    ["124", "một trăm hai mươi tư"],
    ["200", "hai trăm"],
    ["999", "chín trăm chín mươi chín"],
    ["1000", "một nghìn"],
    ["1001", "một nghìn không trăm lẻ một"],
    ["1005", "một nghìn không trăm lẻ năm"],
    ["1010", "một nghìn không trăm mười"],
    ["1015", "một nghìn không trăm mười lăm"],
    ["1100", "một nghìn một trăm"],
    ["1234", "một nghìn hai trăm ba mươi tư"],
    ["2024", "hai nghìn không trăm hai mươi tư"],
    ["10000", "mười nghìn"],
    ["12345", "mười hai nghìn ba trăm bốn mươi lăm"],
    ["100000", "một trăm nghìn"],
    ["100001", "một trăm nghìn không trăm lẻ một"],
    ["999999", "chín trăm chín mươi chín nghìn chín trăm chín mươi chín"],
    ["1000000", "một triệu"],
    ["1000001", "một triệu không trăm lẻ một"],
    ["1200000", "một triệu hai trăm nghìn"],
    ["2500000", "hai triệu năm trăm nghìn"],
    ["1000000000", "một tỷ"],
    ["1234567890", "một tỷ hai trăm ba mươi tư triệu năm trăm sáu mươi bảy nghìn tám trăm chín mươi"],
    ["5000000000000", "năm nghìn tỷ"],
  ],
  thousands: [
    ["1.000", "một nghìn"],
    ["10.000", "mười nghìn"],
    ["150.000", "một trăm năm mươi nghìn"],
    ["1.000.000", "một triệu"],
    ["2.500.000", "hai triệu năm trăm nghìn"],
    ["3.140.159", "ba triệu một trăm bốn mươi nghìn một trăm năm mươi chín"],
    ["1.000.000.000", "một tỷ"],
    ["12.345.678", "mười hai triệu ba trăm bốn mươi lăm nghìn sáu trăm bảy mươi tám"],
  ],
  decimals: [
    ["3,5", "ba phẩy năm"],
    ["0,5", "không phẩy năm"],
    ["36,5", "ba mươi sáu phẩy năm"],
    ["3,14", "ba phẩy mười bốn"],
    ["3,14159", "ba phẩy một bốn một năm chín"],
    ["2,05", "hai phẩy không năm"],
    ["1,5", "một phẩy năm"],
    ["3.14", "ba chấm mười bốn"],
    ["2.5", "hai chấm năm"],
    ["1.234,56", "một nghìn hai trăm ba mươi tư phẩy năm mươi sáu"],
    ["1,000,000", "một triệu"],
    // English grouping then a decimal point cannot be Vietnamese; a single comma group alone stays a decimal.
    ["1,299.5", "một nghìn hai trăm chín mươi chín chấm năm"],
    ["1,299", "một phẩy hai chín chín"],
  ],
  percent: [
    ["50%", "năm mươi phần trăm"],
    ["3,5%", "ba phẩy năm phần trăm"],
    ["100 %", "một trăm phần trăm"],
    ["tăng 12% so với năm ngoái", "tăng mười hai phần trăm so với năm ngoái"],
    ["0,5%", "không phẩy năm phần trăm"],
  ],
  currency: [
    ["150.000 đồng", "một trăm năm mươi nghìn đồng"],
    ["150.000đ", "một trăm năm mươi nghìn đồng"],
    ["20.000 VND", "hai mươi nghìn đồng"],
    ["50k", "năm mươi nghìn"],
    ["2tr", "hai triệu"],
    ["$100", "một trăm đô la"],
    // After a currency sign written the English way, a comma groups thousands.
    ["$20,000", "hai mươi nghìn đô la"],
    ["$1,299.99", "một nghìn hai trăm chín mươi chín chấm chín mươi chín đô la"],
    ["€1,5", "một phẩy năm ơ rô"],
    ["100$", "một trăm đô la"],
    ["€50", "năm mươi ơ rô"],
    ["2.5M", "hai chấm năm triệu"],
    ["10B", "mười tỷ"],
    ["1,5 triệu", "một phẩy năm triệu"],
    ["100 USD", "một trăm đô la mỹ"],
    ["5.000.000 VNĐ", "năm triệu đồng"],
    ["giá 99k một ly", "giá chín mươi chín nghìn một ly"],
  ],
  units: [
    ["1,65m", "một phẩy sáu mươi lăm mét"],
    ["5km", "năm ki lô mét"],
    ["75kg", "bảy mươi lăm ki lô gam"],
    ["500g", "năm trăm gam"],
    ["2l", "hai lít"],
    ["250ml", "hai trăm năm mươi mi li lít"],
    ["220V", "hai trăm hai mươi vôn"],
    ["2,5kW", "hai phẩy năm ki lô oát"],
    ["50Hz", "năm mươi héc"],
    ["512GB", "năm trăm mười hai gi ga bai"],
    ["16MB", "mười sáu mê ga bai"],
    ["1TB", "một tê ra bai"],
    ["100km/h", "một trăm ki lô mét trên giờ"],
    ["450 người/km2", "bốn trăm năm mươi người trên ki lô mét vuông"],
    ["299792km/s", "hai trăm chín mươi chín nghìn bảy trăm chín mươi hai ki lô mét trên giây"],
    ["100 W/m2", "một trăm oát trên mét vuông"],
    ["20.000đ/kg", "hai mươi nghìn đồng trên ki lô gam"],
    ["30m2", "ba mươi mét vuông"],
    ["5m³", "năm mét khối"],
    ["10cm", "mười xen ti mét"],
    ["3mm", "ba mi li mét"],
    ["1000mAh", "một nghìn mi li am pe giờ"],
    ["5 giây", "năm giây"],
    ["100Mbps", "một trăm mê ga bít trên giây"],
    ["3 ha", "ba héc ta"],
    ["m/s", "mét trên giây"],
  ],
  temperature: [
    ["25°C", "hai mươi lăm độ xê"],
    ["-5°C", "âm năm độ xê"],
    ["36,5°C", "ba mươi sáu phẩy năm độ xê"],
    ["100°F", "một trăm độ ép"],
    ["-15 °C", "âm mười lăm độ xê"],
    ["30 độ C", "ba mươi độ xê"],
    ["nhiệt độ 37°", "nhiệt độ ba mươi bảy độ"],
  ],
  time: [
    ["08:30", "tám giờ ba mươi phút"],
    ["8:05", "tám giờ năm phút"],
    ["14:30:45", "mười bốn giờ ba mươi phút bốn mươi lăm giây"],
    ["23:59", "hai mươi ba giờ năm mươi chín phút"],
    ["14h30", "mười bốn giờ ba mươi phút"],
    ["7g30", "bảy giờ ba mươi phút"],
    ["24h", "hai mươi tư giờ"],
    ["8h", "tám giờ"],
    ["0h", "không giờ"],
    ["8h-17h", "tám giờ đến mười bảy giờ"],
    ["lúc 9h sáng", "lúc chín giờ sáng"],
    ["12:00", "mười hai giờ"],
  ],
  dates: [
    ["15/08/2025", "ngày mười lăm tháng tám năm hai nghìn không trăm hai mươi lăm"],
    ["1/1", "ngày một tháng một"],
    ["15/12/25", "ngày mười lăm tháng mười hai năm hai nghìn không trăm hai mươi lăm"],
    ["2025-01-15", "ngày mười lăm tháng một năm hai nghìn không trăm hai mươi lăm"],
    ["ngày 15/12/2025", "ngày mười lăm tháng mười hai năm hai nghìn không trăm hai mươi lăm"],
    ["31/12/1999", "ngày ba mươi mốt tháng mười hai năm một nghìn chín trăm chín mươi chín"],
    ["4/2024", "tháng tư năm hai nghìn không trăm hai mươi tư"],
    ["tháng 4/2024", "tháng tư năm hai nghìn không trăm hai mươi tư"],
    ["30/4", "ngày ba mươi tháng tư"],
    ["1/5/1975", "ngày một tháng năm năm một nghìn chín trăm bảy mươi lăm"],
    // Not a date: the numbers with "trên" for the slashes (sea-g2p reads "32/01" as "ba mươi hai trên không một").
    ["32/13/2020", "ba mươi hai trên mười ba trên hai nghìn không trăm hai mươi"],
    ["123/4", "một trăm hai mươi ba trên bốn"],
    ["tỉ lệ 1/4", "tỉ lệ một trên bốn"],
    ["xác suất là 3/5", "xác suất là ba trên năm"],
    ["phục vụ 24/7", "phục vụ hai mươi tư bảy"],
    // A unit word after a clock time is said once, zeros included (sea-g2p's table); "8g" before a time of day is hours.
    ["10:20 phút", "mười giờ hai mươi phút"],
    ["12:00:00 giây", "mười hai giờ không phút không giây"],
    ["họp lúc 8g sáng", "họp lúc tám giờ sáng"],
    ["gói 500g đường", "gói năm trăm gam đường"],
    // Letters and digits in a code are not money: "2B" in B2B is not 2 billion.
    ["mô hình B2B", "mô hình b hai b"],
    ["vốn 5M", "vốn năm triệu"],
    ["HLV của CLB", "huấn luyện viên của câu lạc bộ"],
    ["chủ tịch HĐQT", "chủ tịch hội đồng quản trị"],
    ["V/v: họp LHQ", "về việc: họp liên hợp quốc"],
    ["15-08-2025", "ngày mười lăm tháng tám năm hai nghìn không trăm hai mươi lăm"],
    ["15.08.2025", "ngày mười lăm tháng tám năm hai nghìn không trăm hai mươi lăm"],
    ["ngày 2/9", "ngày hai tháng chín"],
  ],
  phone: [
    ["0912345678", "không chín một hai ba bốn năm sáu bảy tám"],
    ["0912 345 678", "không chín một hai ba bốn năm sáu bảy tám"],
    ["0912-345-678", "không chín một hai ba bốn năm sáu bảy tám"],
    ["+84 912 345 678", "không chín một hai ba bốn năm sáu bảy tám"],
    ["+84912345678", "không chín một hai ba bốn năm sáu bảy tám"],
    ["(+84) 912 345 678", "không chín một hai ba bốn năm sáu bảy tám"],
    ["028 3822 1234", "không hai tám ba tám hai hai một hai ba bốn"],
    ["Gọi 0987.654.321 nhé", "gọi không chín tám bảy sáu năm bốn ba hai một nhé"],
  ],
  codes: [
    ["007", "không không bảy"],
    ["Mã 007", "mã không không bảy"],
    ["0123", "không một hai ba"],
    ["mã số 00123", "mã số không không một hai ba"],
    ["12345678901234567890", "một hai ba bốn năm sáu bảy tám chín không một hai ba bốn năm sáu bảy tám chín không"],
  ],
  ordinals: [
    ["thứ 2", "thứ hai"],
    ["thứ 4", "thứ tư"],
    ["thứ 1", "thứ nhất"],
    ["lần thứ 3", "lần thứ ba"],
    ["hạng 1", "hạng nhất"],
  ],
  ranges: [
    ["5-10 người", "năm đến mười người"],
    ["từ 1990-2000", "từ một nghìn chín trăm chín mươi đến hai nghìn"],
    ["10–20", "mười đến hai mươi"],
  ],
  abbrev: [
    ["TP.HCM", "thành phố hồ chí minh"],
    ["TP HCM", "thành phố hồ chí minh"],
    ["Tp.HCM", "thành phố hồ chí minh"],
    ["TP. Hà Nội", "thành phố hà nội"],
    ["v.v.", "vân vân"],
    ["UBND", "ủy ban nhân dân"],
    ["THPT Chu Văn An", "trung học phổ thông chu văn an"],
    ["PGS.TS. Nguyễn Văn A", "phó giáo sư tiến sĩ nguyễn văn a"],
    ["ThS. Lê B", "thạc sĩ lê b"],
    ["Cty TNHH", "công ty trách nhiệm hữu hạn"],
    ["BHXH", "bảo hiểm xã hội"],
    ["ĐH Bách Khoa", "đại học bách khoa"],
    ["OK", "ô kê"],
    ["GPU", "giê pê u"],
    ["USB", "u ét bê"],
    ["COVID-19", "cô vít mười chín"],
    ["Wi-Fi", "oai phai"],
    ["AI", "ây ai"],
  ],
  roman: [
    ["Chương IV", "chương bốn"],
    ["Chương IV: Kết luận", "chương bốn: kết luận"],
    ["Thế kỷ XXI", "thế kỷ hai mươi mốt"],
    ["Phần II", "phần hai"],
    ["II. Phương pháp", "hai. phương pháp"],
    ["IX) Kết thúc", "chín kết thúc"],
    ["Đại hội XIII", "đại hội mười ba"],
    ["Quý III", "quý ba"],
    ["Tập 3", "tập ba"],
  ],
  links: [
    ["https://github.com/pnnbao97/VieNeu-TTS", "github chấm com gạch chéo pnnbao chín bảy gạch chéo vieneu gạch ngang tts"],
    ["www.google.com", "vê kép vê kép vê kép chấm google chấm com"],
    ["vnexpress.net", "vnexpress chấm net"],
    ["Email: test.user@example.com", "email: test chấm user a còng example chấm com"],
    ["lien.he@vieneu.vn", "lien chấm he a còng vieneu chấm vn"],
    ["http://localhost:8000/health", "localhost hai chấm tám không không không gạch chéo health"],
  ],
  case: [
    ["XIN CHÀO", "xin chào"],
    ["Hôm Nay Trời Đẹp", "hôm nay trời đẹp"],
  ],
  filter: [
    ["Hôm nay 😀 trời đẹp", "hôm nay trời đẹp"],
    ["中文 xin chào", "xin chào"],
    ["Привет bạn", "bạn"],
    ["café", "café"],
    ["naïve", "naive"],
    ["Ñoño", "nono"],
    ["a_b", "a b"],
  ],
  punct: [
    ["hello... world", "hello, world"],
    ["Chờ đã…", "chờ đã."],
    ["ừ — thì", "ừ, thì"],
    ["Anh ấy nói: \"Xin chào\"", "anh ấy nói: xin chào"],
    ["(ghi chú)", "ghi chú"],
    ["[1] Tài liệu", "một tài liệu"],
    ["Thật sao?!", "thật sao?"],
    ["Tuyệt vời!!!", "tuyệt vời!"],
    ["xin chào , bạn", "xin chào, bạn"],
    ["một,hai", "một, hai"],
    [" , bắt đầu", "bắt đầu"],
    ["kết thúc,", "kết thúc."],
  ],
  symbols: [
    ["A & B", "a và b"],
    ["1 + 2 = 3", "một cộng hai bằng ba"],
    ["3 x 4", "ba nhân bốn"],
    ["#1 trên bảng", "số một trên bảng"],
    ["~100 người", "khoảng một trăm người"],
    ["a/b", "a b"],
  ],
  en: [
    ["Tôi thích <en>machine learning</en>", "tôi thích machine learning"],
  ],
  whitespace: [
    ["  nhiều    khoảng   trắng  ", "nhiều khoảng trắng"],
    ["dòng một", "dòng một"],
  ],
  mixed: [
    ["Giá 2.500.000đ (giảm 50%), mua trước 14h30 ngày 15/12/2025", "giá hai triệu năm trăm nghìn đồng giảm năm mươi phần trăm, mua trước mười bốn giờ ba mươi phút ngày mười lăm tháng mười hai năm hai nghìn không trăm hai mươi lăm"],
    ["Liên hệ: 0912-345-678 hoặc email@example.com", "liên hệ: không chín một hai ba bốn năm sáu bảy tám hoặc email a còng example chấm com"],
    ["Tốc độ 120km/h, trọng lượng 75kg", "tốc độ một trăm hai mươi ki lô mét trên giờ, trọng lượng bảy mươi lăm ki lô gam"],
    ["Nhiệt độ 36,5°C, độ ẩm 80%", "nhiệt độ ba mươi sáu phẩy năm độ xê, độ ẩm tám mươi phần trăm"],
    ["Số pi = 3,14159", "số pi bằng ba phẩy một bốn một năm chín"],
    ["Nhiệt độ -15°C vào mùa đông", "nhiệt độ âm mười lăm độ xê vào mùa đông"],
    ["Điện áp 220V, công suất 2.5kW, tần số 50Hz", "điện áp hai trăm hai mươi vôn, công suất hai chấm năm ki lô oát, tần số năm mươi héc"],
    ["Tôi đi lấy l nước về nhà", "tôi đi lấy l nước về nhà"],
    ["Cần 5l nước cho công thức này", "cần năm lít nước cho công thức này"],
    ["Mật độ dân số 450 người/km2", "mật độ dân số bốn trăm năm mươi người trên ki lô mét vuông"],
    ["Hôm nay 2025-01-15", "hôm nay ngày mười lăm tháng một năm hai nghìn không trăm hai mươi lăm"],
    ["Gọi +84 912 345 678", "gọi không chín một hai ba bốn năm sáu bảy tám"],
    ["Nhiệt độ 25°C lúc 14:30:45", "nhiệt độ hai mươi lăm độ xê lúc mười bốn giờ ba mươi phút bốn mươi lăm giây"],
    ["Ngày 15/12/25", "ngày mười lăm tháng mười hai năm hai nghìn không trăm hai mươi lăm"],
    ["Giá 3.140.159", "giá ba triệu một trăm bốn mươi nghìn một trăm năm mươi chín"],
    ["Năm 2024 có 366 ngày.", "năm hai nghìn không trăm hai mươi tư có ba trăm sáu mươi sáu ngày."],
    ["Lớp 5a có 30 học sinh.", "lớp năm a có ba mươi học sinh."],
    ["Covid19", "covid mười chín"],
    ["iPhone 15 Pro", "iphone mười lăm pro"],
    ["H2O", "h hai o"],
  ],
};

describe('normalize: table', () => {
  const total = Object.values(CASES).reduce((n, rows) => n + rows.length, 0);
  it(`has at least 200 cases (${total})`, () => assert.ok(total >= 200));
  for (const [category, rows] of Object.entries(CASES)) {
    describe(category, () => {
      for (const [input, want] of rows) {
        it(`${JSON.stringify(input)} → ${want}`, () => assert.strictEqual(normalize(input), want));
      }
    });
  }
});

describe('normalize: properties', () => {
  it('is idempotent on its own output', () => {
    for (const rows of Object.values(CASES)) {
      for (const [, out] of rows) assert.strictEqual(normalize(out), out, out);
    }
  });

  it('outputs only lower-case Vietnamese letters, spaces and . , ! ? ; :', () => {
    const allowed = /^[a-zàáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵđ .,!?;:]*$/;
    for (const rows of Object.values(CASES)) for (const [input] of rows) assert.match(normalize(input), allowed, input);
  });

  it('reads every integer up to 10^6 without leftover digits, and big ones with tỷ nesting', () => {
    for (let n = 0; n <= 1_000_000; n += 997) assert.doesNotMatch(integerToWords(String(n)), /\d|undefined/);
    assert.strictEqual(integerToWords('1000000000000'), 'một nghìn tỷ');
    assert.strictEqual(integerToWords('2000001000'), 'hai tỷ không trăm lẻ một nghìn');
    assert.strictEqual(readNumber('1.2.3'), 'một chấm hai chấm ba');
  });

  it('reports what it dropped: emoji, other scripts, control characters', () => {
    const r = normalizeDetailed('Xin 😀 chào 中 Я\u0007!');
    assert.strictEqual(r.text, 'xin chào!');
    assert.deepStrictEqual(r.dropped.sort(), ['U+0007', 'я', '中', '😀'].sort());
  });

  it('keeps <en> spans verbatim for the v2026 phonemizer and unwraps them for v1', () => {
    assert.strictEqual(normalize('Tôi thích <en>Machine  Learning</en> lắm.', { keepEnTags: true }), 'tôi thích <en>Machine Learning</en> lắm.');
    assert.strictEqual(normalize('Tôi thích <en>Machine Learning</en> lắm.'), 'tôi thích machine learning lắm.');
    const bad = normalizeDetailed('mở <en>không đóng', { keepEnTags: true });
    assert.strictEqual(bad.text, 'mở không đóng');
    assert.strictEqual(bad.unbalancedEn, true);
  });

  it('never throws on hostile input and stays linear on 100,000 characters', () => {
    for (const s of ['', '   ', '\u0000\u0001', '<en></en>', '</en><en>', '.'.repeat(1000), '9'.repeat(500), '°°°', '$$$', '%%%', '1/1/1/1/1']) {
      assert.strictEqual(typeof normalize(s), 'string');
    }
    const big = 'Giá 150.000đ lúc 08:30 ngày 15/08/2025, gọi 0912 345 678. '.repeat(1800);
    assert.ok(big.length > 100_000);
    const out = normalize(big);
    assert.doesNotMatch(out, /\d/);
  });
});
