// sea-g2p's grapheme-to-phoneme step for mixed Vietnamese/English text, in TypeScript, giving the phoneme
// strings VieNeu-TTS v3 was trained on. It follows upstream's src/g2p/mod.rs (pnnbao97/sea-g2p 63a63f36):
//
// - Tokens: an <en>…</en> span (each word English), a word (\w+ with inner apostrophes) or one mark.
// - A word is looked up lower-cased in `merged` (one reading; `<en>` in it means English) or `common` (a
//   Vietnamese and an English reading). A common word takes the language of its nearest Vietnamese or English
//   neighbour in the same clause (. ! ? ; : and brackets end a clause; other marks are not counted in the
//   distance). On a tie real words go English and single letters follow the right neighbour; with no anchor
//   the text's default is Vietnamese if any word is Vietnamese-only, else English.
// - An unknown word is split by dynamic programming into dictionary pieces (see segment()), and failing
//   that read letter by letter.
// - Marks: , . ! ? kept, ; : become ",", ellipses ".", everything else dropped; runs of . or , collapse.
//
// Unicode classes are Rust's: \w = Alphabetic, marks, decimal digits, connector punctuation, join controls;
// \s = White_Space.
import type { SeapDict } from './seapDict';
import { trimWs } from './puncNorm';

const W = '\\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}\\p{Join_Control}';
const WORD = `[${W}]+(?:['’][${W}]+)*`;
const TOKEN_RE = new RegExp(`(<[eE][nN]>[^\\n]*?</[eE][nN]>)|(${WORD})|([^${W}\\p{White_Space}])`, 'gu');
const TAG_CONTENT_RE = new RegExp(`(${WORD})|([^${W}\\p{White_Space}])`, 'gu');
const TAG_STRIP_RE = /<\/?[eE][nN]>/g;
const VI_ACCENTS = new Set('àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ');
const VOWELS = new Set('aeiouyàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ');
const ALPHABETIC = /\p{Alphabetic}/u;
const STOP_PUNCT = new Set('.!?;:()[]{}');
const JUNK_COST = 4;
const CACHE_LIMIT = 10_000;
const MISS_LIMIT = 50_000;
const MAX_WORD = 256;

type Lang = 'vi' | 'en' | 'common' | 'punct';

interface Token {
  lang: Lang;
  content: string;
  /** Resolved phonemes; for a common word, its two readings. */
  phone?: string;
  common?: [vi: string, en: string];
  explicitEn: boolean;
}

/** One step of a segmentation path, linked back to the previous piece (no array copying per candidate). */
interface Piece {
  cost: number;
  top: number;
  count: number;
  len: number;
  phone: string;
  prev: Piece | undefined;
}

export interface SeaG2pOptions {
  /**
   * Common English words that win ties between equally cheap splits of an unknown word ("fine|tune" over
   * "fin|etune"). Upstream compiles google-10000-english plus a few brands into its binary (not into
   * sea_g2p.bin); pass that list for identical splits. Empty by default.
   */
  enTopWords?: ReadonlySet<string>;
}

const stripEn = (p: string) => trimWs(p.includes('<en>') ? p.split('<en>').join('') : p);

function hasVowelAndConsonant(s: string): boolean {
  let v = false;
  let c = false;
  for (const ch of s) {
    const lc = Array.from(ch.toLowerCase())[0] ?? ch;
    if (VOWELS.has(lc)) v = true;
    else if (ALPHABETIC.test(lc)) c = true;
    if (v && c) return true;
  }
  return false;
}

function mapPunct(s: string): string | undefined {
  switch (s) {
    case ',': case '.': case '!': case '?':
      return s;
    case ';': case ':':
      return ',';
    case '\u2026': case '\u2025': case '\u2024':
      return '.';
    default:
      return undefined;
  }
}

function count(s: string, ch: string): number {
  let n = 0;
  for (let i = s.indexOf(ch); i >= 0; i = s.indexOf(ch, i + 1)) n++;
  return n;
}

/** True when path a beats b: cheaper; then more common English words; then longer pieces from the end; then fewer. */
function better(a: Piece, b: Piece): boolean {
  if (a.cost !== b.cost) return a.cost < b.cost;
  if (a.top !== b.top) return a.top > b.top;
  for (let x: Piece | undefined = a, y: Piece | undefined = b; x && y; x = x.prev, y = y.prev) {
    if (x.len !== y.len) return x.len > y.len;
  }
  return a.count < b.count;
}

function phonesOf(p: Piece): string {
  const out: string[] = [];
  for (let x: Piece | undefined = p; x; x = x.prev) out.push(x.phone);
  return out.reverse().join(' ');
}

export class SeaG2p {
  private readonly merged = new Map<string, string>();
  private readonly common = new Map<string, [string, string]>();
  private readonly missMerged = new Set<string>();
  private readonly missCommon = new Set<string>();
  private readonly segments = new Map<string, string | undefined>();
  private readonly prefixes = new Map<string, boolean>();
  private readonly topWords: ReadonlySet<string>;

  constructor(readonly dict: SeapDict, options: SeaG2pOptions = {}) {
    this.topWords = options.enTopWords ?? new Set();
  }

  private lookupMerged(word: string): string | undefined {
    const hit = this.merged.get(word);
    if (hit !== undefined || this.missMerged.has(word)) return hit;
    const v = this.dict.lookupMerged(word);
    if (v === undefined) {
      if (this.missMerged.size < MISS_LIMIT) this.missMerged.add(word);
    } else {
      if (this.merged.size >= CACHE_LIMIT) this.merged.clear();
      this.merged.set(word, v);
    }
    return v;
  }

  private lookupCommon(word: string): [string, string] | undefined {
    const hit = this.common.get(word);
    if (hit !== undefined || this.missCommon.has(word)) return hit;
    const v = this.dict.lookupCommon(word);
    if (v === undefined) {
      if (this.missCommon.size < MISS_LIMIT) this.missCommon.add(word);
    } else {
      if (this.common.size >= CACHE_LIMIT / 2) this.common.clear();
      this.common.set(word, v);
    }
    return v;
  }

  private hasPrefix(prefix: string): boolean {
    let v = this.prefixes.get(prefix);
    if (v === undefined) {
      if (this.prefixes.size >= CACHE_LIMIT) this.prefixes.clear();
      this.prefixes.set(prefix, (v = this.dict.hasKeyWithPrefix(prefix)));
    }
    return v;
  }

  /** A piece's phonemes in the given language context. */
  private resolvePiece(segment: string, lang: Lang): string | undefined {
    const lw = segment.toLowerCase();
    const m = this.lookupMerged(lw);
    if (m !== undefined) return stripEn(m);
    const c = this.lookupCommon(lw);
    if (!c) return undefined;
    const [vi, en] = c;
    if (lang === 'en' && en) return stripEn(en);
    return vi ? trimWs(vi) : stripEn(en);
  }

  /** Letter by letter: each character's dictionary reading, or the character itself. */
  private charFallback(content: string, lang: Lang): string {
    let out = '';
    for (const c of content) {
      const cl = c.toLowerCase();
      const m = this.lookupMerged(cl);
      if (m !== undefined) {
        out += stripEn(m);
        continue;
      }
      const cm = this.lookupCommon(cl);
      if (cm) {
        const [v, e] = cm;
        out += stripEn(lang === 'en' && e ? e : v ? v : e);
        continue;
      }
      out += cl;
    }
    return out;
  }

  /**
   * Splits an unknown (lower-case) word into pieces at least cost: a real dictionary word costs 1; a short piece
   * read as a spelled-out entry (two stresses in ≤ 4 letters, or two primary stresses) or up to three letters
   * spelled one by one cost 4 + length. A piece is not extended past a prefix no dictionary key starts with
   * (only dictionary words can be longer than three letters), which keeps a 100,000-letter "word" linear.
   */
  private segment(word: string, lang: Lang): string | undefined {
    const key = `${word}_${lang}`;
    if (this.segments.has(key)) return this.segments.get(key);
    const chars = Array.from(word);
    const n = chars.length;
    const dp: Array<Piece | undefined> = new Array(n + 1);
    const root: Piece = { cost: 0, top: 0, count: 0, len: 0, phone: '', prev: undefined };
    for (let i = 0; i < n; i++) {
      const base = i === 0 ? root : dp[i];
      if (!base) continue;
      let segment = '';
      for (let j = i + 1; j <= n; j++) {
        segment += chars[j - 1];
        const segLen = j - i;
        let phone: string | undefined;
        let cost = 1;
        if (hasVowelAndConsonant(segment)) {
          phone = this.resolvePiece(segment, lang);
          if (phone !== undefined) {
            const primary = count(phone, 'ˈ');
            const total = primary + count(phone, 'ˌ');
            if ((segLen <= 4 && total >= 2) || primary >= 2) cost = JUNK_COST + segLen;
          }
        }
        if (phone === undefined && segLen <= 3) {
          const spelled = this.charFallback(segment, lang);
          if (trimWs(spelled)) {
            phone = spelled;
            cost = JUNK_COST + segLen;
          }
        }
        if (phone !== undefined) {
          const cand: Piece = {
            cost: base.cost + cost,
            top: base.top + (this.topWords.has(segment) ? 1 : 0),
            count: base.count + 1,
            len: segLen,
            phone,
            prev: base === root ? undefined : base,
          };
          const old = dp[j];
          if (!old || better(cand, old)) dp[j] = cand;
        }
        // Past three letters only dictionary words can extend a piece: stop when no key starts like this one.
        if (segLen >= 3 && !this.hasPrefix(segment)) break;
      }
    }
    const result = n > 0 && dp[n] ? phonesOf(dp[n]!) : n === 0 ? '' : undefined;
    if (this.segments.size >= 5_000) this.segments.clear();
    this.segments.set(key, result);
    return result;
  }

  /**
   * An unknown word: segmented, else spelled. Tie-breaking compares whole paths, quadratic in the word's length,
   * so a "word" longer than any real one (a pasted hash, 256+ letters) is read in 256-letter runs; upstream
   * would take minutes on it.
   */
  private readUnknown(content: string, lang: Lang): string {
    const chars = Array.from(content);
    if (chars.length <= MAX_WORD) return this.segment(content.toLowerCase(), lang) ?? this.charFallback(content, lang);
    const parts: string[] = [];
    for (let i = 0; i < chars.length; i += MAX_WORD) parts.push(this.readUnknown(chars.slice(i, i + MAX_WORD).join(''), lang));
    return parts.join(' ');
  }

  private tokenize(text: string): Token[] {
    const tokens: Token[] = [];
    for (const m of text.matchAll(TOKEN_RE)) {
      if (m[1] !== undefined) {
        const content = trimWs(m[1].replace(TAG_STRIP_RE, ''));
        for (const s of content.matchAll(TAG_CONTENT_RE)) {
          if (s[1] !== undefined) {
            const lw = s[1].toLowerCase();
            let phone: string | undefined;
            const mm = this.lookupMerged(lw);
            if (mm !== undefined) phone = stripEn(mm);
            else {
              const c = this.lookupCommon(lw);
              if (c && c[1]) phone = stripEn(c[1]);
            }
            tokens.push({ lang: 'en', content: s[1], phone, explicitEn: true });
          } else {
            tokens.push({ lang: 'punct', content: s[2], phone: s[2], explicitEn: true });
          }
        }
      } else if (m[2] !== undefined) {
        const word = m[2];
        const lw = word.toLowerCase();
        const mm = this.lookupMerged(lw);
        if (mm !== undefined) {
          tokens.push({ lang: mm.includes('<en>') ? 'en' : 'vi', content: word, phone: stripEn(mm), explicitEn: false });
          continue;
        }
        const c = this.lookupCommon(lw);
        if (c) {
          tokens.push({ lang: 'common', content: word, common: [trimWs(c[0]), stripEn(c[1])], explicitEn: false });
          continue;
        }
        let accent = false;
        for (const ch of lw) if (VI_ACCENTS.has(ch)) accent = true;
        tokens.push({ lang: accent ? 'vi' : 'en', content: word, explicitEn: false });
      } else {
        tokens.push({ lang: 'punct', content: m[3], phone: m[3], explicitEn: false });
      }
    }
    return tokens;
  }

  private propagate(tokens: Token[]): void {
    const n = tokens.length;
    const fallback: Lang = tokens.some((t) => t.lang === 'vi') ? 'vi' : 'en';
    const isStop = (t: Token) => STOP_PUNCT.has(t.content);
    let i = 0;
    while (i < n) {
      if (tokens[i].lang !== 'common') {
        i++;
        continue;
      }
      const start = i;
      while (i < n && tokens[i].lang === 'common') i++;
      const end = i - 1;
      let left: Lang | undefined;
      let leftDist = 999;
      for (let l = start - 1, d = 0; l >= 0; l--) {
        if (isStop(tokens[l])) break;
        if (tokens[l].lang === 'punct') continue;
        d++;
        if (tokens[l].lang === 'vi' || tokens[l].lang === 'en') {
          left = tokens[l].lang;
          leftDist = d;
          break;
        }
      }
      let right: Lang | undefined;
      let rightDist = 999;
      for (let r = end + 1, d = 0; r < n; r++) {
        if (isStop(tokens[r])) break;
        if (tokens[r].lang === 'punct') continue;
        d++;
        if (tokens[r].lang === 'vi' || tokens[r].lang === 'en') {
          right = tokens[r].lang;
          rightDist = d;
          break;
        }
      }
      let lang: Lang;
      if (left && right) {
        if (rightDist < leftDist) lang = right;
        else if (leftDist < rightDist) lang = left;
        else {
          let bareLetters = true;
          for (let k = start; k <= end; k++) if (Array.from(tokens[k].content).length !== 1) bareLetters = false;
          lang = !bareLetters && (left === 'en' || right === 'en') ? 'en' : right;
        }
      } else lang = left ?? right ?? fallback;
      for (let k = start; k <= end; k++) tokens[k].lang = lang;
    }
  }

  /** Phonemes of normalized text (no punc_norm: see SeaPhonemizer for the full v3 rule). */
  phonemize(input: string): string {
    const text = input.includes('\u2019') || input.includes('\u2018') ? input.replace(/[\u2018\u2019]/g, "'") : input;
    const tokens = this.tokenize(text);
    this.propagate(tokens);
    const out: string[] = [];
    for (const t of tokens) {
      if (t.lang === 'punct') {
        const p = mapPunct(t.content);
        if (p !== undefined) out.push(p);
        continue;
      }
      let phone: string;
      if (t.common) {
        phone = t.lang === 'en' ? t.common[1] : t.common[0];
        if (t.lang === 'en' && !t.explicitEn && t.content.toLowerCase() === 'a') phone = 'ɐ';
      } else if (t.phone !== undefined) {
        phone = t.lang === 'en' && !t.explicitEn && t.content.toLowerCase() === 'a' ? 'ɐ' : t.phone;
      } else {
        phone = this.readUnknown(t.content, t.lang);
      }
      out.push(trimWs(phone));
    }
    let joined = out
      .join(' ')
      .replace(/ \./g, '.')
      .replace(/ ,/g, ',')
      .replace(/ !/g, '!')
      .replace(/ \?/g, '?')
      .replace(/ ;/g, ';')
      .replace(/ :/g, ':');
    while (joined.includes('..')) joined = joined.replace(/\.\./g, '.');
    while (joined.includes(',,')) joined = joined.replace(/,,/g, ',');
    return joined;
  }
}
