// Vietnamese text normalizer: turns what is written into what a Vietnamese reader says, lower-case, with only
// letters of the Vietnamese alphabet and the punctuation the phonemizer keeps (. , ! ? ; :).
//
// Modelled on upstream's VietnameseTTSNormalizer (vieneu_utils/normalize_text.py) where it is right, and
// deliberately different where it is wrong; every difference is listed in docs/normalizer-differences.md and
// pinned by test/unit/text/normalize.test.ts. Order matters: links and abbreviations need the original capitals;
// phone numbers, dates and times must be recognised before "." is taken as a thousands separator; units need
// the number next to them; plain numbers come last.
import { expandAbbreviations } from './abbreviations';
import { readDates, readTimes } from './dates';
import { readLinks } from './links';
import { digitsToWords, fractionToWords, integerToWords, ordinalToWords } from './numbers';
import { EMOTION_TAGS } from './sea/emotionTags';
import { AMOUNT_SUFFIX, CURRENCY_AFTER, CURRENCY_BEFORE, PER_WORDS, UNITS } from './units';

export interface NormalizeOptions {
  /**
   * Keep <en>…</en> spans (tags and their words, untouched) for the phonemizer variant that reads them with
   * en-us. Otherwise the tags are removed and their words read as Vietnamese text, as the v1 models expect.
   */
  keepEnTags?: boolean;
  /**
   * The reading VieNeu-TTS v3 was trained on (sea-g2p's normalizer, docs/normalizer-differences.md): implies
   * keepEnTags; currencies become English spans (`$5` → "năm <en>u s d</en>"), acronyms are spelled with English
   * letter names (`GPU` → "<en>g p u</en>"), and the emotion cues [cười] [thở dài] [hắng giọng] (or [chuckle],
   * [sigh], [clear throat], <|emotion_k|>) stay as `<|emotion_k|>` tokens.
   */
  sea?: boolean;
}

export interface NormalizeResult {
  text: string;
  /** Distinct characters that could not be read and were left out (emoji, other scripts, control characters). */
  dropped: string[];
  /** An <en> or </en> without its partner was found (and removed). */
  unbalancedEn: boolean;
}

const VI_LETTERS = 'a-zàáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵđ';
const KEEP_RE = new RegExp(`[${VI_LETTERS}0-9\\s.,!?;:\\uE000-\\uE1FF]`, 'u');
const NUM = '\\d+(?:[.,]\\d+)*';
const NOT_WORD_BEFORE = '(?<![\\p{L}\\p{N}])';
const NOT_WORD_AFTER = '(?![\\p{L}\\p{N}])';
const NOT_NUM_AFTER = '(?![\\p{N}]|[.,]\\p{N})';

const EN_OPEN = '\uE000';
const EN_CLOSE = '\uE001';
const EN_INDEX_BASE = 0xe100;
// [cười] / [chuckle] … (known tags only, checked in the replacer) or an explicit <|emotion_k|>.
const EMOTION_CUE_RE = /\[([^\]]+)\]|<\|emotion_\d+\|>/g;

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
function alternation(keys: Iterable<string>): string {
  return [...keys].sort((a, b) => b.length - a.length).map(escapeRe).join('|');
}

/**
 * Reads one number token as written in Vietnamese text: "." groups thousands, "," marks decimals. English grouping
 * is read where it cannot be Vietnamese (1,000,000; 1,299.99) and, with `english`, after a currency sign written
 * the English way ($20,000 is twenty thousand dollars, not 20 phẩy 000).
 */
export function readNumber(token: string, o: { english?: boolean } = {}): string {
  if (/^\d+$/.test(token)) {
    // Leading zeros or more digits than any amount: a code, said digit by digit (007, 0123, account numbers).
    if ((token.length > 1 && token.startsWith('0')) || token.length > 15) return digitsToWords(token);
    return integerToWords(token);
  }
  let m = /^(\d{1,3}(?:\.\d{3})+)(?:,(\d+))?$/.exec(token);
  if (m) return withFraction(m[1].replace(/\./g, ''), m[2], 'phẩy');
  // English grouping where it is unambiguous: two or more groups (1,000,000), or groups then a decimal point (1,299.99).
  m = /^(\d{1,3}(?:,\d{3}){2,})(?:\.(\d+))?$/.exec(token) ?? /^(\d{1,3}(?:,\d{3})+)\.(\d+)$/.exec(token);
  if (!m && o.english) m = /^(\d{1,3}(?:,\d{3})+)$/.exec(token);
  if (m) return withFraction(m[1].replace(/,/g, ''), m[2], 'chấm');
  m = /^(\d+),(\d+)$/.exec(token);
  if (m) return withFraction(m[1], m[2], 'phẩy');
  m = /^(\d+)\.(\d+)$/.exec(token);
  if (m) return withFraction(m[1], m[2], 'chấm');
  // Anything else (1.2.3 versions, 1,5,7 lists): each part, with its separator said.
  return token
    .split(/([.,])/)
    .map((p) => (p === '.' ? 'chấm' : p === ',' ? ',' : readNumber(p)))
    .join(' ')
    .replace(/ ,/g, ',');
}

function withFraction(intPart: string, frac: string | undefined, sep: string): string {
  const whole = intPart.length > 1 && intPart.startsWith('0') ? digitsToWords(intPart) : integerToWords(intPart);
  return frac === undefined ? whole : `${whole} ${sep} ${fractionToWords(frac)}`;
}

function say(...parts: string[]): string {
  return ` ${parts.filter(Boolean).join(' ')} `;
}

// ---- rules, each a small pass over the text -------------------------------------------------------------

const EN_SPAN_RE = /<en>([\s\S]*?)<\/en>/gi;
const EN_TAG_RE = /<\/?en>/gi;
// C0/C1 controls (not \n) and invisible format characters; built from a string so the source stays printable.
// eslint-disable-next-line no-control-regex -- matching control characters is the point of this pattern
const CONTROL_RE = new RegExp('[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\u200b-\\u200f\\u2028\\u2029\\u2060\\ufeff]', 'g');

// Not inside a code: "B2B", "A1B" are letters and digits, not 2 billion.
const MONEY_UPPER_RE = new RegExp(`(?<!\\p{L})(${NUM})\\s?([MB])${NOT_WORD_AFTER}`, 'gu');
const TEMP_RE = new RegExp(`${NOT_WORD_BEFORE}([-−])?(${NUM})\\s*°\\s*([cf])${NOT_WORD_AFTER}`, 'gu');
const TEMP_WORD_RE = new RegExp(`${NOT_WORD_BEFORE}([-−])?(${NUM})\\s*độ\\s+([cf])${NOT_WORD_AFTER}`, 'gu');
const PHONE_RE = /(?<![\p{L}\p{N}+])(\(\+84\)|\+84|0084|0)[\s.-]?\d{1,4}(?:[\s.-]?\d{2,4}){1,4}(?![\p{N}])/gu;
const CURRENCY_BEFORE_RE = new RegExp(`(${alternation(Object.keys(CURRENCY_BEFORE))})\\s?(${NUM})(?:\\s?(k|tr|triệu|nghìn|ngàn|tỷ|tỉ)${NOT_WORD_AFTER})?`, 'gu');
const AMOUNT_RE = new RegExp(`(${NUM})\\s?(${alternation(Object.keys(AMOUNT_SUFFIX))})${NOT_WORD_AFTER}`, 'gu');
const CURRENCY_AFTER_RE = new RegExp(`(${NUM})\\s?(${alternation(Object.keys(CURRENCY_AFTER))})(?![\\p{L}\\p{N}])`, 'gu');
const PERCENT_RE = new RegExp(`(${NUM})\\s?%`, 'gu');
const UNIT_TOKEN = '[\\p{L}µμΩω]+[23²³]?';
const COMPOUND_RE = new RegExp(`(?<!\\p{L})(${UNIT_TOKEN})/(${UNIT_TOKEN})${NOT_WORD_AFTER}`, 'gu');
const UNIT_RE = new RegExp(`(${NUM})\\s?(${alternation(Object.keys(UNITS))})${NOT_WORD_AFTER}`, 'gu');
const ORDINAL_RE = new RegExp(`(thứ|hạng|lần thứ)\\s+(\\d+)${NOT_NUM_AFTER}`, 'gu');
const RANGE_RE = new RegExp(`(${NUM})\\s?[-–—]\\s?(?=${NUM})`, 'gu');
const NEGATIVE_RE = new RegExp(`(?<![\\p{L}\\p{N}.,])[-−](?=\\d)`, 'gu');
const TIMES_RE = new RegExp(`(${NUM})\\s?[x×*]\\s?(?=${NUM})`, 'gu');
const NUMBER_RE = new RegExp(NUM, 'gu');

interface CurrencyTables {
  before: Readonly<Record<string, string>>;
  after: Readonly<Record<string, string>>;
}

// v3 (sea-g2p) currencies the model was trained to hear in English: English spans, behind one private-use
// character each until the end of normalization.
const SEA_CURRENCY_SPANS: Readonly<Record<string, string>> = { '\uE010': '<en>u s d</en>', '\uE011': '<en>euro</en>', '\uE012': '<en>pound</en>' };
const SEA_CURRENCY_EN: Readonly<Record<string, string>> = { '$': '\uE010', usd: '\uE010', '€': '\uE011', eur: '\uE011', '£': '\uE012' };
const pickSea = (table: Readonly<Record<string, string>>) => Object.fromEntries(Object.entries(table).map(([k, v]) => [k, SEA_CURRENCY_EN[k] ?? v]));
const SEA_CURRENCY: CurrencyTables = { before: pickSea(CURRENCY_BEFORE), after: pickSea(CURRENCY_AFTER) };

function readCurrencyAndUnits(text: string, cur: CurrencyTables = { before: CURRENCY_BEFORE, after: CURRENCY_AFTER }): string {
  // km/h, người/km2, đ/kg: both sides must be units (or a word that is measured per unit).
  text = text.replace(COMPOUND_RE, (all, a: string, b: string) => {
    const left = UNITS[a] ?? cur.after[a] ?? (PER_WORDS.has(a) ? a : undefined);
    const right = UNITS[b] ?? (PER_WORDS.has(b) ? cur.after[b] ?? b : undefined);
    if (!left || !right || (!UNITS[a] && !UNITS[b])) return all;
    return say(left, 'trên', right);
  });
  text = text.replace(CURRENCY_BEFORE_RE, (_all, sym: string, n: string, amount?: string) =>
    say(readNumber(n, { english: true }), amount ? AMOUNT_SUFFIX[amount] ?? amount.replace('ngàn', 'nghìn') : '', cur.before[sym]),
  );
  text = text.replace(AMOUNT_RE, (_all, n: string, suffix: string) => say(readNumber(n), AMOUNT_SUFFIX[suffix]));
  text = text.replace(CURRENCY_AFTER_RE, (_all, n: string, c: string) => say(readNumber(n), cur.after[c]));
  text = text.replace(PERCENT_RE, (_all, n: string) => say(readNumber(n), 'phần trăm'));
  text = text.replace(UNIT_RE, (_all, n: string, unit: string) => say(readNumber(n), UNITS[unit]));
  return text;
}

function readNumbers(text: string): string {
  text = text.replace(/#\s?(?=\d)/g, ' số ');
  text = text.replace(ORDINAL_RE, (_all, head: string, n: string) => say(head, ordinalToWords(n)));
  text = text.replace(RANGE_RE, '$1 đến ');
  text = text.replace(TIMES_RE, '$1 nhân ');
  text = text.replace(NEGATIVE_RE, ' âm ');
  text = text.replace(/(\d)\s?\+\s?(?=\d)/g, '$1 cộng ');
  text = text.replace(/(\d)\s?=\s?(?=\d)/g, '$1 bằng ');
  // A "/" between numbers that no date, unit or ratio rule took ("123/4", "32/01") is "trên", not a silent gap.
  text = text.replace(/(\d)\s?\/\s?(?=\d)/g, '$1 trên ');
  return text.replace(NUMBER_RE, (n) => say(readNumber(n)));
}

const INNER_APOSTROPHE = '\uE013';
/**
 * A consonant letter standing alone ("chữ B", "Vitamin G", "Anh M. đi bộ", "A + B") is said by its name in
 * sea-g2p's reading (tests/test_normalize.py@90292b67: "bê", "gờ", "mờ", "lờ", "dét", "xê"); the dot of an
 * initial goes. Vowels read as themselves; acronyms and Roman numerals were read before this.
 */
const SEA_LETTER_NAMES: Readonly<Record<string, string>> = {
  B: 'bê', C: 'xê', D: 'dê', Đ: 'đê', F: 'ép', G: 'gờ', H: 'hát', J: 'gi', K: 'ca', L: 'lờ', M: 'mờ', N: 'nờ', P: 'pê',
  Q: 'qui', R: 'rờ', S: 'ét', T: 'tê', V: 'vê', W: 'vê kép', X: 'ích', Z: 'dét',
};
const SINGLE_CAPITAL_RE = /(^|[^\p{L}\p{N}_.-])([BCDĐFGHJKLMNPQRSTVWXZ])(?:\.(?=\s+\p{L}))?(?![\p{L}\p{N}_-]|['’]\p{L}|\.[\p{L}\p{N}])/gu;
const COMPARISONS: Readonly<Record<string, string>> = {
  '<=': 'nhỏ hơn hoặc bằng', '≤': 'nhỏ hơn hoặc bằng', '>=': 'lớn hơn hoặc bằng', '≥': 'lớn hơn hoặc bằng', '<': 'nhỏ hơn', '>': 'lớn hơn',
};

/**
 * Comparison signs before a number ("x > 5", "y ≤ 10") are words, as sea-g2p reads them; elsewhere (markup,
 * arrows in code) "<" and ">" stay symbols. "±" and "≈" are always words. They used to vanish in silence.
 */
function readComparisons(text: string): string {
  return text
    .replace(/(^|\s)(<=|>=|[≤≥<>])(?=\s*[-+−]?\d)/g, (_all, pre: string, op: string) => `${pre} ${COMPARISONS[op]} `)
    .replace(/±/g, ' cộng trừ ')
    .replace(/≈/g, ' xấp xỉ ');
}

function seaPauses(text: string): string {
  return text
    .replace(/\s*\)\s*(?=[.,!?;:]|\n|$)/g, ' ') // a closing parenthesis before a mark or an end adds no pause
    .replace(/(^|\n)\s*\(\s*/g, '$1') // nor an opening one at the start of a line
    .replace(/\s*[()]\s*/g, ', ')
    .replace(/[:;]/g, ',');
}

function readSymbols(text: string): string {
  return text
    .replace(/\s*(?:\.{2,}|…)\s*/g, ', ') // an ellipsis is a pause, not the end of a sentence
    .replace(/\s+[-–—]+\s+|[–—]+/g, ', ') // a dash between words is a pause
    .replace(/[()[\]{}"“”«»„`´']/g, ' ')
    .replace(/&/g, ' và ')
    .replace(/\+/g, ' cộng ')
    .replace(/=/g, ' bằng ')
    .replace(/%/g, ' phần trăm ')
    .replace(/@/g, ' a còng ')
    .replace(/~/g, ' khoảng ')
    .replace(/°/g, ' độ ')
    .replace(/[-/\\|_*^#<>]/g, ' ');
}

/** Folds Latin letters with foreign diacritics (ñ, ç, ü, ø) to their base letter; keeps Vietnamese letters. */
function foldForeign(ch: string): string {
  const base = ch.normalize('NFD').replace(/\p{M}/gu, '');
  const special: Record<string, string> = { ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', ł: 'l', ı: 'i' };
  if (special[ch]) return special[ch];
  return /^[a-z]+$/.test(base) ? base : '';
}

function filterCharacters(text: string, dropped: Set<string>): string {
  let out = '';
  for (const ch of text) {
    if (KEEP_RE.test(ch)) {
      out += ch;
      continue;
    }
    const folded = foldForeign(ch);
    if (folded) {
      out += folded;
      continue;
    }
    dropped.add(ch);
    out += ' ';
  }
  return out;
}

function tidyPunctuation(text: string): string {
  return (
    text
      .replace(/\s+([.,!?;:])/g, '$1') // no space before a mark
      .replace(/([.,!?;:])[.,!?;:]+/g, '$1') // "?!", "!!!", ",." → the first mark
      .replace(/([.,!?;:])(?=[^\s.,!?;:])/g, '$1 ') // a space after a mark
      .replace(/^[\s.,!?;:]+/, '') // nothing to pause for at the start
      .replace(/,\s*$/, '.')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/** Normalizes and says what was left out. Never throws on any string. */
export function normalizeDetailed(input: string, options: NormalizeOptions = {}): NormalizeResult {
  const dropped = new Set<string>();
  let text = String(input ?? '').normalize('NFC').replace(/\r\n?/g, '\n').replace(/\t/g, ' ');
  text = text.replace(CONTROL_RE, (c) => {
    dropped.add(`U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
    return ' ';
  });
  text = text.replace(/[\uE000-\uE1FF]/g, (c) => {
    dropped.add(c);
    return ' ';
  });

  // Spans kept verbatim behind a placeholder: <en> spans (v2026 and v3), and for v3 the emotion cues and the
  // English currency and letter-name spans it writes itself. Stray tags are removed.
  const kept: string[] = [];
  const keep = (verbatim: string) => {
    kept.push(verbatim);
    return ` ${EN_OPEN}${String.fromCharCode(EN_INDEX_BASE + kept.length - 1)}${EN_CLOSE} `;
  };
  const keepEnTags = options.keepEnTags || options.sea;
  if (options.sea) {
    text = text.replace(EMOTION_CUE_RE, (all, tag: string | undefined) => {
      const k = tag === undefined ? undefined : EMOTION_TAGS[tag.trim().toLowerCase()];
      if (tag !== undefined && k === undefined) return all;
      return keep(tag === undefined ? all : `<|emotion_${k}|>`);
    });
  }
  text = text.replace(EN_SPAN_RE, (_all, inner: string) => {
    if (!keepEnTags) return ` ${inner} `;
    return keep(`<en>${inner.replace(/\s+/g, ' ').trim()}</en>`);
  });
  let unbalancedEn = false;
  text = text.replace(EN_TAG_RE, () => {
    unbalancedEn = true;
    return ' ';
  });
  const seaCurrency = options.sea ? SEA_CURRENCY : undefined;
  const seaSpell = options.sea ? (letters: string) => (letters.includes('Đ') ? undefined : keep(`<en>${Array.from(letters.toLowerCase()).join(' ')}</en>`)) : undefined;

  text = readLinks(text, options.sea ? keep : undefined);
  text = expandAbbreviations(text, seaSpell);
  text = text.replace(MONEY_UPPER_RE, (_all, n: string, s: string) => say(readNumber(n), s === 'M' ? 'triệu' : 'tỷ'));
  if (options.sea) text = text.replace(SINGLE_CAPITAL_RE, (_all, pre: string, c: string) => `${pre}${SEA_LETTER_NAMES[c]}`);
  text = text.toLowerCase();
  // sea-g2p reads "don't", "let's" as one English word (its dictionary has them): the v3 reading keeps the
  // apostrophe between letters, which readSymbols would otherwise turn into a space.
  if (options.sea) text = text.replace(/(\p{L})['’](?=\p{L})/gu, `$1${INNER_APOSTROPHE}`);
  text = readComparisons(text);

  const temperature = (_all: string, minus: string | undefined, n: string, scale: string) =>
    say(minus ? 'âm' : '', readNumber(n), 'độ', scale === 'c' ? 'xê' : 'ép');
  text = text.replace(TEMP_RE, temperature).replace(TEMP_WORD_RE, temperature);

  text = text.replace(PHONE_RE, (all, prefix: string) => {
    let digits = all.replace(/\D/g, '');
    if (prefix !== '0') digits = '0' + digits.replace(/^(?:0084|84)/, '');
    return digits.length >= 10 && digits.length <= 11 ? say(digitsToWords(digits)) : all;
  });

  text = readDates(text);
  text = readTimes(text);
  text = readCurrencyAndUnits(text, seaCurrency);
  text = readNumbers(text);
  // sea-g2p pauses at parentheses and writes ":" and ";" as "," (its table: "kết thúc (0h01)." → "kết thúc,
  // không giờ không một phút."); the v3 model was trained on those commas. Square brackets are cue syntax
  // ("[cười]"): other [tags] stay words without a pause.
  if (options.sea) text = seaPauses(text);
  text = readSymbols(text);
  text = filterCharacters(text, dropped);
  text = tidyPunctuation(text);

  if (options.sea) text = text.replace(/[\uE010-\uE012]/g, (c) => SEA_CURRENCY_SPANS[c]).replace(/\uE013/g, "'");
  if (kept.length > 0) {
    text = text.replace(/\uE000([\uE100-\uE1FF])\uE001/g, (_all, idx: string) => kept[idx.charCodeAt(0) - EN_INDEX_BASE] ?? '');
  }
  return { text, dropped: [...dropped], unbalancedEn };
}

/** The normalized text alone. */
export function normalize(input: string, options: NormalizeOptions = {}): string {
  return normalizeDetailed(input, options).text;
}
