// Numbers read the way a Vietnamese speaker says them: mốt (21), lăm (15, 25), tư (24), lẻ (105),
// "không trăm" inside big numbers (1015), and tỷ nested for anything beyond (nghìn tỷ).

export const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'] as const;

/** Every digit said on its own: phone numbers, codes, long decimals. */
export function digitsToWords(digits: string): string {
  return Array.from(digits)
    .filter((c) => c >= '0' && c <= '9')
    .map((c) => DIGITS[c.charCodeAt(0) - 48])
    .join(' ');
}

/** 0..99 */
function twoDigits(n: number): string {
  if (n < 10) return DIGITS[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  const head = tens === 1 ? 'mười' : `${DIGITS[tens]} mươi`;
  if (ones === 0) return head;
  if (ones === 5) return `${head} lăm`;
  if (tens >= 2 && ones === 1) return `${head} mốt`;
  if (tens >= 2 && ones === 4) return `${head} tư`;
  return `${head} ${DIGITS[ones]}`;
}

/** 0..999; `full` says hundreds even when zero ("không trăm"), as inside a longer number. */
function threeDigits(n: number, full: boolean): string {
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (hundreds === 0 && !full) return twoDigits(rest);
  const head = `${DIGITS[hundreds]} trăm`;
  if (rest === 0) return head;
  if (rest < 10) return `${head} lẻ ${DIGITS[rest]}`;
  return `${head} ${twoDigits(rest)}`;
}

const SCALES = ['', 'nghìn', 'triệu'] as const;
const BILLION = 1_000_000_000n;

/** A non-negative integer below one billion. */
function belowBillion(n: number, leading: boolean): string {
  const groups = [n % 1000, Math.floor(n / 1000) % 1000, Math.floor(n / 1_000_000)];
  const words: string[] = [];
  let top = 2;
  while (top > 0 && groups[top] === 0) top--;
  for (let g = top; g >= 0; g--) {
    const value = groups[g];
    if (value === 0) continue; // an empty group is not said: 1.000.005 → một triệu không trăm lẻ năm
    const isFirst = g === top && leading;
    words.push(threeDigits(value, !isFirst));
    if (SCALES[g]) words.push(SCALES[g]);
  }
  return words.join(' ');
}

/** Any non-negative integer (decimal digits, no separators) in words; tỷ nests: 10^12 → một nghìn tỷ. */
export function integerToWords(digits: string): string {
  const clean = digits.replace(/^0+(?=\d)/, '');
  const n = BigInt(clean);
  if (n === 0n) return DIGITS[0];
  return readBig(n, true);
}

function readBig(n: bigint, leading: boolean): string {
  if (n < BILLION) return belowBillion(Number(n), leading);
  const high = n / BILLION;
  const low = n % BILLION;
  const head = `${readBig(high, leading)} tỷ`;
  if (low === 0n) return head;
  return `${head} ${belowBillion(Number(low), false)}`;
}

/**
 * The fractional part after "phẩy"/"chấm": up to two digits without a leading zero are said as a number
 * (36,5 → ba mươi sáu phẩy năm; 3,14 → ba phẩy mười bốn), anything else digit by digit (3,14159; 2,05).
 */
export function fractionToWords(digits: string): string {
  if (digits.length <= 2 && !digits.startsWith('0')) return twoDigits(Number(digits));
  return digitsToWords(digits);
}

/** Ordinals after "thứ": thứ nhất, thứ tư; the rest are plain numbers. */
export function ordinalToWords(digits: string): string {
  const n = digits.replace(/^0+(?=\d)/, '');
  if (n === '1') return 'nhất';
  if (n === '4') return 'tư';
  return integerToWords(n);
}
