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

function sayAddress(address: string): string {
  const words: string[] = [];
  for (const piece of address.match(/\p{N}+|\p{L}+|[^\p{L}\p{N}]/gu) ?? []) {
    if (/^\p{N}+$/u.test(piece)) words.push(digitsToWords(piece));
    else if (/^w{3}$/i.test(piece)) words.push('vê kép vê kép vê kép');
    else if (/^\p{L}+$/u.test(piece)) words.push(piece.toLowerCase());
    else if (SYMBOL_WORDS[piece]) words.push(SYMBOL_WORDS[piece]);
  }
  return ` ${words.join(' ')} `;
}

export function readLinks(text: string): string {
  text = text.replace(URL_RE, (url) => {
    const bare = url.replace(/^(?:https?|ftp):\/\//i, '').replace(/\/+$/, '');
    return sayAddress(bare);
  });
  text = text.replace(EMAIL_RE, (mail) => sayAddress(mail));
  return text.replace(DOMAIN_RE, (domain) => sayAddress(domain));
}
