// Web addresses and e-mail addresses said the way people read them out: the scheme is dropped, "." is
// "chấm", "@" is "a còng", "/" is "gạch chéo", and digits are said one by one.
import { digitsToWords } from './numbers';

const URL_RE = /\b(?:https?:\/\/|ftp:\/\/|www\.)[^\s<>"'()[\]{}]+[^\s<>"'()[\]{}.,;:!?]/giu;
// Bare domains are recognised only with a common top-level domain, so "v.v." or "a.b" in prose stay prose.
const DOMAIN_RE = /(?<![\p{L}\p{N}@.])[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.(?:com|net|org|vn|io|dev|edu|gov|info|app|ai)(?:\/[^\s<>"'()[\]{}]*[^\s<>"'()[\]{}.,;:!?])?(?![\p{L}\p{N}])/giu;
const EMAIL_RE = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+(?![\p{L}\p{N}])/gu;

const SYMBOL_WORDS: Readonly<Record<string, string>> = {
  '.': 'chấm',
  '@': 'a còng',
  '/': 'gạch chéo',
  '-': 'gạch ngang',
  _: 'gạch dưới',
  ':': 'hai chấm',
  '?': 'hỏi',
  '=': 'bằng',
  '&': 'và',
  '#': 'thăng',
  '%': 'phần trăm',
  '+': 'cộng',
  '~': 'ngã',
};

/**
 * The v3 (sea-g2p) reading of an address: its words as English spans (`<en>github</en>`), one- and two-letter
 * pieces spelled (`<en>v n</en>`), "com" and "org" said the Vietnamese way, "/" said "gạch", and the scheme kept
 * (`<en>https</en>`), as in sea-g2p's tests. `keep` protects a span from the rest of normalization.
 */
export type KeepSpan = (verbatim: string) => string;

const SEA_WORDS: Readonly<Record<string, string>> = { com: 'com', org: 'o rờ gờ' };
const SEA_SPELLED: ReadonlySet<string> = new Set(['ftp']);

function seaWord(word: string, keep: KeepSpan): string {
  const w = word.toLowerCase();
  if (SEA_WORDS[w]) return SEA_WORDS[w];
  const spelled = (w.length <= 2 && w !== 'ai') || SEA_SPELLED.has(w);
  return keep(`<en>${spelled ? Array.from(w).join(' ') : w}</en>`).trim();
}

function sayAddress(address: string, keep?: KeepSpan): string {
  const words: string[] = [];
  for (const piece of address.match(/\p{N}+|\p{L}+|[^\p{L}\p{N}]/gu) ?? []) {
    if (/^\p{N}+$/u.test(piece)) words.push(digitsToWords(piece));
    else if (keep && /^\p{L}+$/u.test(piece)) words.push(seaWord(piece, keep));
    else if (keep && piece === '/') words.push('gạch');
    else if (/^w{3}$/i.test(piece)) words.push('vê kép vê kép vê kép');
    else if (/^\p{L}+$/u.test(piece)) words.push(piece.toLowerCase());
    else if (SYMBOL_WORDS[piece]) words.push(SYMBOL_WORDS[piece]);
  }
  return ` ${words.join(' ')} `;
}

/** Reads URLs, e-mail addresses and bare domains; with `keep`, the v3 (sea-g2p) reading. */
export function readLinks(text: string, keep?: KeepSpan): string {
  text = text.replace(URL_RE, (url) => {
    const scheme = /^(https?|ftp):\/\//i.exec(url)?.[1];
    const bare = url.replace(/^(?:https?|ftp):\/\//i, '').replace(/\/+$/, '');
    return (keep && scheme ? ` ${seaWord(scheme, keep)} ` : '') + sayAddress(bare, keep);
  });
  text = text.replace(EMAIL_RE, (mail) => sayAddress(mail, keep));
  return text.replace(DOMAIN_RE, (domain) => sayAddress(domain, keep));
}
