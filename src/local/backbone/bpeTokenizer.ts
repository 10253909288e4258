// A byte-level BPE tokenizer read from a Hugging Face tokenizer.json (the kind Qwen2-based repos ship), for
// the ONNX runner. Added tokens (<|speech_12|>, <|TEXT_PROMPT_START|>, ...) are matched first, longest
// match wins, and never split; the text between them is NFC-normalized, split by the pre-tokenizer regex,
// mapped to byte characters and merged by rank.
import * as fs from 'fs';

interface TokenizerJson {
  added_tokens?: Array<{ id: number; content: string }>;
  normalizer?: { type?: string; normalizers?: Array<{ type?: string }> } | null;
  pre_tokenizer?: { type?: string; pattern?: { Regex?: string }; pretokenizers?: Array<{ type?: string; pattern?: { Regex?: string } }> } | null;
  model?: { type?: string; vocab?: Record<string, number>; merges?: Array<string | [string, string]> };
}

/** GPT-2's reversible byte → printable-character table of byte-level BPE (shared with the fixture writer). */
export function byteTable(): string[] {
  const bs: number[] = [];
  for (let i = 33; i <= 126; i++) bs.push(i);
  for (let i = 161; i <= 172; i++) bs.push(i);
  for (let i = 174; i <= 255; i++) bs.push(i);
  const map: string[] = new Array(256);
  for (const b of bs) map[b] = String.fromCodePoint(b);
  let n = 0;
  for (let b = 0; b < 256; b++) if (map[b] === undefined) map[b] = String.fromCodePoint(256 + n++);
  return map;
}

const GPT2_PATTERN = "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";

/** Rewrites `(?i:...)` groups (Oniguruma syntax, unsupported by Node 20's RegExp) into explicit letter classes. */
export function portRegex(pattern: string): RegExp {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    if (pattern.startsWith('(?i:', i)) {
      let depth = 1;
      let j = i + 4;
      let inner = '';
      for (; j < pattern.length && depth > 0; j++) {
        const ch = pattern[j];
        if (ch === '\\') {
          inner += ch + pattern[++j];
          continue;
        }
        if (ch === '(') depth++;
        if (ch === ')' && --depth === 0) break;
        inner += ch;
      }
      out += '(?:' + inner.replace(/[a-zA-Z]/g, (ch) => `[${ch.toLowerCase()}${ch.toUpperCase()}]`) + ')';
      i = j;
    } else out += pattern[i];
  }
  return new RegExp(out, 'gu');
}

export class BpeTokenizer {
  private readonly vocab: Map<string, number>;
  private readonly ranks: Map<string, number>;
  private readonly added: Map<string, number>;
  private readonly addedFirst: Set<string>;
  private readonly addedMaxLen: number;
  private readonly split: RegExp;
  private readonly nfc: boolean;
  private readonly bytes = byteTable();
  private readonly cache = new Map<string, number[]>();
  /** id → token text, for the speech-range search and messages. */
  readonly idToToken: string[] = [];

  constructor(json: TokenizerJson) {
    const model = json.model;
    if (!model || model.type !== 'BPE' || !model.vocab) throw new Error('tokenizer.json has no BPE model');
    this.vocab = new Map(Object.entries(model.vocab));
    this.ranks = new Map();
    (model.merges ?? []).forEach((m, i) => this.ranks.set(Array.isArray(m) ? m.join(' ') : m, i));
    this.added = new Map((json.added_tokens ?? []).map((t) => [t.content, t.id]));
    this.addedFirst = new Set([...this.added.keys()].map((k) => k[0]));
    this.addedMaxLen = Math.max(0, ...[...this.added.keys()].map((k) => k.length));
    for (const [k, v] of this.vocab) this.idToToken[v] = k;
    for (const [k, v] of this.added) this.idToToken[v] = k;
    const pre = json.pre_tokenizer;
    const splitPattern = pre?.type === 'Split' ? pre.pattern?.Regex : pre?.pretokenizers?.find((p) => p.type === 'Split')?.pattern?.Regex;
    this.split = portRegex(splitPattern ?? GPT2_PATTERN);
    const norm = json.normalizer;
    this.nfc = norm?.type === 'NFC' || !!norm?.normalizers?.some((n) => n.type === 'NFC');
  }

  static fromFile(path: string): BpeTokenizer {
    return new BpeTokenizer(JSON.parse(fs.readFileSync(path, 'utf8')) as TokenizerJson);
  }

  get size(): number {
    return this.idToToken.length;
  }

  /** Id of an exact token (added or regular). */
  tokenId(piece: string): number | undefined {
    return this.added.get(piece) ?? this.vocab.get(piece);
  }

  encode(text: string): number[] {
    const ids: number[] = [];
    let start = 0;
    for (let i = 0; i < text.length; ) {
      const len = this.addedFirst.has(text[i]) ? this.matchAdded(text, i) : 0;
      if (len > 0) {
        if (i > start) this.encodeText(text.slice(start, i), ids);
        ids.push(this.added.get(text.slice(i, i + len))!);
        i += len;
        start = i;
      } else i++;
    }
    if (start < text.length) this.encodeText(text.slice(start), ids);
    return ids;
  }

  private matchAdded(text: string, at: number): number {
    for (let len = Math.min(this.addedMaxLen, text.length - at); len > 0; len--) {
      if (this.added.has(text.slice(at, at + len))) return len;
    }
    return 0;
  }

  private encodeText(text: string, ids: number[]): void {
    const normalized = this.nfc ? text.normalize('NFC') : text;
    for (const m of normalized.matchAll(this.split)) {
      const word = m[0];
      let pieces = this.cache.get(word);
      if (!pieces) {
        pieces = this.bpe(word);
        if (this.cache.size < 50000) this.cache.set(word, pieces);
      }
      ids.push(...pieces);
    }
  }

  private bpe(word: string): number[] {
    let symbols = [...Buffer.from(word, 'utf8')].map((b) => this.bytes[b]);
    while (symbols.length > 1) {
      let best = -1;
      let bestRank = Infinity;
      for (let i = 0; i < symbols.length - 1; i++) {
        const r = this.ranks.get(`${symbols[i]} ${symbols[i + 1]}`);
        if (r !== undefined && r < bestRank) {
          bestRank = r;
          best = i;
        }
      }
      if (best < 0) break;
      const a = symbols[best];
      const b = symbols[best + 1];
      const merged: string[] = [];
      for (let i = 0; i < symbols.length; i++) {
        if (i < symbols.length - 1 && symbols[i] === a && symbols[i + 1] === b) {
          merged.push(a + b);
          i++;
        } else merged.push(symbols[i]);
      }
      symbols = merged;
    }
    return symbols.map((s) => {
      const id = this.vocab.get(s);
      if (id === undefined) throw new Error(`tokenizer.json lacks the byte-level token ${JSON.stringify(s)}`);
      return id;
    });
  }
}
