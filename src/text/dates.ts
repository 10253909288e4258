// Dates and times in words. Runs on lower-cased text whose numbers are still digits; a pattern that does not
// hold a valid date or time (day 1-31, month 1-12, hour 0-23/24, minute and second 0-59) is left alone for
// the number rules.
import { integerToWords } from './numbers';

const NOT_DIGIT_BEFORE = '(?<![\\p{L}\\p{N}.,/:-])';
const NOT_DIGIT_AFTER = '(?![\\p{N}]|[.,/:-]\\p{N})';

function validDay(d: number): boolean {
  return d >= 1 && d <= 31;
}
function validMonth(m: number): boolean {
  return m >= 1 && m <= 12;
}

/** "tháng tư" is how April is said; every other month is its number. */
function monthWords(m: number): string {
  return m === 4 ? 'tư' : integerToWords(String(m));
}

function fullYear(y: string): string {
  if (y.length === 2) return (Number(y) < 50 ? '20' : '19') + y;
  return y;
}

function dateWords(d: number, m: number, y?: string): string {
  const head = `ngày ${integerToWords(String(d))} tháng ${monthWords(m)}`;
  return y === undefined ? head : `${head} năm ${integerToWords(fullYear(y))}`;
}

const ISO_RE = new RegExp(`(?:ngày\\s+)?${NOT_DIGIT_BEFORE}(\\d{4})-(\\d{1,2})-(\\d{1,2})${NOT_DIGIT_AFTER}`, 'gu');
const DMY_RE = new RegExp(`(?:ngày\\s+)?${NOT_DIGIT_BEFORE}(\\d{1,2})([/.-])(\\d{1,2})\\2(\\d{4}|\\d{2})${NOT_DIGIT_AFTER}`, 'gu');
const MY_RE = new RegExp(`(?:tháng\\s+)?${NOT_DIGIT_BEFORE}(\\d{1,2})/(\\d{4})${NOT_DIGIT_AFTER}`, 'gu');
const DM_RE = new RegExp(`(?:ngày\\s+)?${NOT_DIGIT_BEFORE}(\\d{1,2})/(\\d{1,2})${NOT_DIGIT_AFTER}`, 'gu');

const FRACTION_LEAD_RE = new RegExp(`((?:tỉ lệ|tỷ lệ|tỉ số|tỷ số|xác suất|phân số|chiếm|bằng)(?:\\s+là)?\\s+)${NOT_DIGIT_BEFORE}(\\d{1,3})/(\\d{1,3})${NOT_DIGIT_AFTER}`, 'gu');

/** dd/mm/yyyy, dd-mm-yyyy, dd.mm.yyyy, dd/mm/yy, yyyy-mm-dd, mm/yyyy and dd/mm, with or without "ngày". */
export function readDates(text: string): string {
  text = text.replace(ISO_RE, (all, y: string, m: string, d: string) =>
    validDay(+d) && validMonth(+m) ? dateWords(+d, +m, y) : all,
  );
  text = text.replace(DMY_RE, (all, d: string, _sep: string, m: string, y: string) =>
    validDay(+d) && validMonth(+m) ? dateWords(+d, +m, y) : all,
  );
  text = text.replace(MY_RE, (all, m: string, y: string) =>
    validMonth(+m) ? `tháng ${monthWords(+m)} năm ${integerToWords(y)}` : all,
  );
  // After a word that announces a ratio ("tỉ lệ 1/4", "xác suất là 3/5") a d/m is a fraction, as sea-g2p reads it.
  text = text.replace(FRACTION_LEAD_RE, (_all, lead: string, a: string, b: string) => `${lead}${a} trên ${b}`);
  text = text.replace(DM_RE, (all, d: string, m: string) => {
    if (d === '24' && m === '7') return '24 7'; // "24/7" means around the clock, not the 24th of July
    return validDay(+d) && validMonth(+m) ? dateWords(+d, +m) : all;
  });
  return text;
}

// Dates are read first, so a hyphen before a time is a range (8h-17h), not part of a date.
const TIME_BEFORE = '(?<![\\p{L}\\p{N}.,/:])';
// A unit word written after a clock time ("10:20 phút", "12:00:00 giây") is said by the time itself, once.
const UNIT_AFTER = '(\\s+(?:phút|giây)(?![\\p{L}\\p{N}]))?';
const HMS_RE = new RegExp(`${TIME_BEFORE}(\\d{1,2}):(\\d{2}):(\\d{2})${NOT_DIGIT_AFTER}${UNIT_AFTER}`, 'gu');
const HM_RE = new RegExp(`${TIME_BEFORE}(\\d{1,2})(?::|h|g)(\\d{2})(?:p|ph|')?${NOT_DIGIT_AFTER}(?![\\p{L}])${UNIT_AFTER}`, 'gu');
const H_RE = new RegExp(`${TIME_BEFORE}(\\d{1,2})\\s?(?:h|giờ)(?![\\p{L}\\p{N}])`, 'gu');
// "8g sáng": "g" is grams except before a time of day.
const G_DAYTIME_RE = new RegExp(`${TIME_BEFORE}(\\d{1,2})\\s?g(?=\\s+(?:sáng|trưa|chiều|tối|đêm)(?![\\p{L}]))`, 'gu');
const TIME_RANGE_RE = /(giờ|phút)\s*[-–—]\s*(?=\p{L})/gu;

/** `full`: every part said, zeros too (the text named the unit: "12:00:00 giây"). */
function timeWords(h: number, m?: number, s?: number, full = false): string {
  let out = `${integerToWords(String(h))} giờ`;
  if (m !== undefined && (full || m > 0 || (s !== undefined && s > 0))) out += ` ${integerToWords(String(m))} phút`;
  if (s !== undefined && (full || s > 0)) out += ` ${integerToWords(String(s))} giây`;
  return out;
}

/** HH:MM:SS, HH:MM, 14h30, 7g30 and 8h / 24h (not 8g: that is grams) (hours up to 24); "8h-17h" becomes "tám giờ đến mười bảy giờ". */
export function readTimes(text: string): string {
  text = text.replace(HMS_RE, (all, h: string, m: string, s: string, unit?: string) =>
    +h <= 24 && +m <= 59 && +s <= 59 ? timeWords(+h, +m, +s, !!unit) : all,
  );
  text = text.replace(HM_RE, (all, h: string, m: string, unit?: string) => (+h <= 24 && +m <= 59 ? timeWords(+h, +m, undefined, !!unit) : all));
  text = text.replace(H_RE, (all, h: string) => (+h <= 24 ? timeWords(+h) : all));
  text = text.replace(G_DAYTIME_RE, (all, h: string) => (+h <= 24 ? timeWords(+h) : all));
  return text.replace(TIME_RANGE_RE, '$1 đến ');
}
