// Written shorthands a Vietnamese reader expands in their head: abbreviations (TP.HCM, v.v., UBND), Roman
// numerals in headings (Chương IV, Thế kỷ XXI, "II. Phương pháp"), and short all-capital acronyms spelled with
// Vietnamese letter names. Runs before lower-casing: capitals are what tell these apart from words.
import { integerToWords } from './numbers';

/** Longest first, matched case-sensitively at word boundaries. */
const ABBREVIATIONS: ReadonlyArray<[string, string]> = [
  ['TP.HCM', 'thành phố hồ chí minh'],
  ['TP HCM', 'thành phố hồ chí minh'],
  ['Tp.HCM', 'thành phố hồ chí minh'],
  ['TPHCM', 'thành phố hồ chí minh'],
  ['HCMC', 'thành phố hồ chí minh'],
  ['TP.', 'thành phố'],
  ['Tp.', 'thành phố'],
  ['TP', 'thành phố'],
  ['HCM', 'hồ chí minh'],
  ['HN', 'hà nội'],
  ['VN', 'việt nam'],
  ['v.v...', 'vân vân'],
  ['v.v.', 'vân vân'],
  ['v.v', 'vân vân'],
  ['vv.', 'vân vân'],
  ['UBND', 'ủy ban nhân dân'],
  ['HĐND', 'hội đồng nhân dân'],
  ['QĐ', 'quyết định'],
  ['NĐ-CP', 'nghị định chính phủ'],
  ['TT-BGDĐT', 'thông tư bộ giáo dục và đào tạo'],
  ['BGD&ĐT', 'bộ giáo dục và đào tạo'],
  ['BGDĐT', 'bộ giáo dục và đào tạo'],
  ['THPT', 'trung học phổ thông'],
  ['THCS', 'trung học cơ sở'],
  ['ĐH', 'đại học'],
  ['ĐHQG', 'đại học quốc gia'],
  ['CSGT', 'cảnh sát giao thông'],
  ['CMND', 'chứng minh nhân dân'],
  ['CCCD', 'căn cước công dân'],
  ['BHXH', 'bảo hiểm xã hội'],
  ['BHYT', 'bảo hiểm y tế'],
  ['GTVT', 'giao thông vận tải'],
  ['KCN', 'khu công nghiệp'],
  ['CTCP', 'công ty cổ phần'],
  // From sea-g2p's table (tests/test_normalize.py@90292b67 and later): "TS"/"GS" without their dot stay
  // letters (TS is also TypeScript in an editor).
  ['LHQ', 'liên hợp quốc'],
  ['CLB', 'câu lạc bộ'],
  ['HLV', 'huấn luyện viên'],
  ['HĐQT', 'hội đồng quản trị'],
  ['QĐND', 'quân đội nhân dân'],
  ['BCH', 'ban chấp hành'],
  ['v/v', 'về việc'],
  ['V/v', 'về việc'],
  ['TNHH', 'trách nhiệm hữu hạn'],
  ['Cty', 'công ty'],
  ['cty', 'công ty'],
  ['PGS.TS.', 'phó giáo sư tiến sĩ'],
  ['PGS.TS', 'phó giáo sư tiến sĩ'],
  ['GS.TS.', 'giáo sư tiến sĩ'],
  ['GS.TS', 'giáo sư tiến sĩ'],
  ['PGS.', 'phó giáo sư'],
  ['GS.', 'giáo sư'],
  ['ThS.', 'thạc sĩ'],
  ['ThS', 'thạc sĩ'],
  ['TS.', 'tiến sĩ'],
  ['BS.', 'bác sĩ'],
  ['KS.', 'kỹ sư'],
  ['Đ/c', 'đồng chí'],
  ['đ/c', 'địa chỉ'],
  ['SĐT', 'số điện thoại'],
  ['sđt', 'số điện thoại'],
  ['STT', 'số thứ tự'],
  ['stt', 'số thứ tự'],
  ['No.', 'số'],
  ['vs.', 'với'],
  ['vs', 'với'],
  ['&', 'và'],
  ['OK', 'ô kê'],
  ['Ok', 'ô kê'],
  ['ok', 'ô kê'],
  ['TV', 'ti vi'],
  ['USD', 'đô la mỹ'],
  ['VND', 'đồng'],
  ['VNĐ', 'đồng'],
  ['COVID', 'cô vít'],
  ['Covid', 'cô vít'],
  ['AI', 'ây ai'],
  ['IT', 'ai ti'],
  ['PC', 'pi xi'],
  ['CEO', 'xi i âu'],
  ['Wi-Fi', 'oai phai'],
  ['WiFi', 'oai phai'],
  ['wifi', 'oai phai'],
];

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

const WORD_CHAR = '[\\p{L}\\p{N}]';
const ABBR_RE = new RegExp(
  ABBREVIATIONS.map(([k]) => k)
    .sort((a, b) => b.length - a.length)
    .map((k) => `(?<!${WORD_CHAR})${escapeRe(k)}${/[\p{L}\p{N}]$/u.test(k) ? `(?!${WORD_CHAR})` : ''}`)
    .join('|'),
  'gu',
);
const ABBR_MAP = new Map(ABBREVIATIONS);
/** Entries of the table that are Vietnamese spellings of English letter names (kept English for v3). */
const SPELLED_IN_ENGLISH: ReadonlySet<string> = new Set(['AI', 'IT', 'PC', 'CEO', 'TV']);

// Vietnamese names of the Latin letters, for spelling acronyms (GPU → giê pê u).
const LETTER_NAMES: Readonly<Record<string, string>> = {
  A: 'a', B: 'bê', C: 'xê', D: 'đê', Đ: 'đê', E: 'e', F: 'ép', G: 'giê', H: 'hát', I: 'i', J: 'giây', K: 'ca', L: 'e lờ', M: 'em mờ',
  N: 'en nờ', O: 'ô', P: 'pê', Q: 'quy', R: 'e rờ', S: 'ét', T: 'tê', U: 'u', V: 'vê', W: 'vê kép', X: 'ích', Y: 'i dài', Z: 'dét',
};

// An unaccented Vietnamese syllable: optional onset, one to three vowels, optional coda. Capitals that spell one
// are a word in an all-caps heading, not an acronym.
const VI_SYLLABLE_RE = /^(?:ngh|ch|gh|gi|kh|ng|nh|ph|qu|th|tr|[bcdđghklmnprstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?$/;

/** 2-4 capitals (no lower-case letters around) that are not a Roman numeral: spelled letter by letter. */
const ACRONYM_RE = /(?<![\p{L}\p{N}])([A-ZĐ]{2,4})(?![\p{L}\p{N}])/gu;

const ROMAN_RE_SRC = 'M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})';
const ROMAN_WHOLE = new RegExp(`^${ROMAN_RE_SRC}$`);
// Words after which a Roman numeral is a number: chapters, parts, centuries, congresses...
const ROMAN_CONTEXT = '(?:[Cc]hương|[Pp]hần|[Mm]ục|[Tt]ập|[Qq]uyển|[Bb]ài|[Kk]hóa|[Kk]hoá|[Qq]uý|[Đđ]ại hội|[Tt]hế kỷ|[Tt]hế kỉ|[Kk]ỷ|[Cc]hapter|[Pp]art|[Ll]ần thứ|[Tt]hứ)';
const ROMAN_AFTER_WORD_RE = new RegExp(`(${ROMAN_CONTEXT}\\s+)(${ROMAN_RE_SRC})(?![\\p{L}\\p{N}])`, 'gu');
// A heading numbered "IV." or "IV)" at the start of a line. A lone C, D, L or M there is an initial ("C. Mác",
// "M. Gorki"), not heading 100, 500, 50 or 1000.
const ROMAN_HEADING_RE = new RegExp(`^(\\s*)(?![CDLM][.)])(${ROMAN_RE_SRC})([.)])(?=\\s)`, 'gmu');

export function romanToInt(roman: string): number {
  const values: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100, D: 500, M: 1000 };
  let total = 0;
  for (let i = 0; i < roman.length; i++) {
    const v = values[roman[i]];
    const next = values[roman[i + 1]] ?? 0;
    total += v < next ? -v : v;
  }
  return total;
}

function romanWords(roman: string): string | undefined {
  if (!roman || !ROMAN_WHOLE.test(roman)) return undefined;
  const n = romanToInt(roman);
  return n > 0 ? integerToWords(String(n)) : undefined;
}

/**
 * Expands abbreviations, Roman numerals in headings and short acronyms. Case-sensitive: call first. `spell`
 * replaces the Vietnamese letter names of an acronym (the v3 reading spells them in English).
 */
export function expandAbbreviations(text: string, spell?: (letters: string) => string | undefined): string {
  text = text.replace(ROMAN_AFTER_WORD_RE, (all, head: string, roman: string) => {
    const w = romanWords(roman);
    return w ? head + w : all;
  });
  text = text.replace(ROMAN_HEADING_RE, (all, lead: string, roman: string, mark: string) => {
    const w = romanWords(roman);
    return w ? `${lead}${w}${mark}` : all;
  });
  // No padding around the expansion: "COVID-19" must not turn into a negative number; only an abbreviation
  // that ends with its own dot ("TP.") needs a space before the next word.
  text = text.replace(ABBR_RE, (m) => {
    // The v3 reading (spell given) says these in English: letters spelled by `spell`, USD left to the currency rule.
    if (spell && m === 'USD') return m;
    const english = spell && SPELLED_IN_ENGLISH.has(m) ? spell(m) : undefined;
    return (english ?? ABBR_MAP.get(m) ?? m) + (m.endsWith('.') ? ' ' : '');
  });
  text = text.replace(ACRONYM_RE, (all, letters: string) => {
    if (ROMAN_WHOLE.test(letters)) return all; // "XV" alone stays: too ambiguous outside a heading
    if (VI_SYLLABLE_RE.test(letters.toLowerCase())) return all; // "XIN", "CON", "TIN": words in a capitalised heading
    const spelled = spell?.(letters);
    if (spelled !== undefined) return spelled;
    return Array.from(letters)
      .map((c) => LETTER_NAMES[c] ?? c)
      .join(' ');
  });
  return text;
}
