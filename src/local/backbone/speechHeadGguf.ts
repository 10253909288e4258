// "Speech head" derivation for GGUF backbones. Only the 65,537 speech + end rows of the output head can ever
// be sampled, yet llama.cpp multiplies by every vocabulary row (about 35% of the weights read per token for
// the 0.5B shape). llama.cpp insists that the head and the embedding have one row per vocabulary entry, so
// the derived model keeps a smaller vocabulary: the control tokens, the speech tokens, the template's tokens
// and the text tokens made only of characters a phoneme prompt can contain (IPA, lowercase ASCII, digits,
// punctuation). Prompts get the ORIGINAL vocabulary's tokens: text made only of such characters tokenizes
// the same on the derived vocabulary (every intermediate BPE piece and merge of it survives), the template's
// fixed text is tokenized once at derivation and recorded in the file, and anything else goes to the source
// vocabulary, loaded only then. A prompt with a token the derived model lacks is run on the full model
// instead, so results never change. The derived file is built once per source file and cached.
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { GgufWriter } from '../fixtures/ggufWriter';
import { ggmlTypeRowBytes, readGgufHeader, type GgufHeader, type GgufTensorInfo } from './ggufReader';

export interface SpeechHeadModel {
  path: string;
  /** For each token of the derived model, its id in the source model. */
  sourceIds: Int32Array;
  /** Source id → derived id, −1 where the derived model lacks the token. */
  toDerived: Int32Array;
  sourceVocabSize: number;
  /** Source token ids of the template's fixed text pieces, recorded at derivation. */
  pieces: Map<string, number[]>;
}

/** The source model's tokenizer, needed only while deriving (to keep the template's tokens). */
export type SourceTokenize = (text: string) => number[] | Promise<number[]>;

/** Version of the derivation rules: bump to invalidate cached files when the rules change. */
const DERIVATION_VERSION = 2;

function byteDecoder(): Map<string, number> {
  const bs: number[] = [];
  for (let i = 33; i <= 126; i++) bs.push(i);
  for (let i = 161; i <= 172; i++) bs.push(i);
  for (let i = 174; i <= 255; i++) bs.push(i);
  const map = new Map<string, number>();
  for (const b of bs) map.set(String.fromCodePoint(b), b);
  let n = 0;
  for (let b = 0; b < 256; b++) if (!bs.includes(b)) map.set(String.fromCodePoint(256 + n++), b);
  return map;
}

const PUNCTUATION = new Set([...' \n.,!?;:\'"-()…'].map((c) => c.codePointAt(0)!));
const EXTRA_IPA = new Set([0xe6, 0xe7, 0xf0, 0xf8, 0x127, 0x14b, 0x153, 0x3b2, 0x3b8, 0x3c7]);
/** Lead bytes of UTF-8 sequences of the allowed non-ASCII characters (a token may hold half a character). */
const ALLOWED_LEADS = new Set([0xc3, 0xc4, 0xc5, 0xc9, 0xca, 0xcb, 0xcc, 0xcd, 0xce, 0xcf, 0xe2]);

export function phonemeChar(cp: number): boolean {
  return (
    (cp >= 0x61 && cp <= 0x7a) || (cp >= 0x30 && cp <= 0x39) || PUNCTUATION.has(cp) || (cp >= 0x250 && cp <= 0x36f) || EXTRA_IPA.has(cp)
  );
}

/** Whether a byte-level BPE token's bytes could occur inside a phoneme prompt. */
export function phonemeToken(bytes: Uint8Array): boolean {
  let i = 0;
  while (i < bytes.length && (bytes[i] & 0xc0) === 0x80) i++; // tail of a character cut at the start
  while (i < bytes.length) {
    const b = bytes[i];
    const len = b < 0x80 ? 1 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 0;
    if (len === 0) return false;
    if (i + len > bytes.length) return ALLOWED_LEADS.has(b); // head of a character cut at the end
    const cp = Buffer.from(bytes.subarray(i, i + len)).toString('utf8').codePointAt(0)!;
    if (!phonemeChar(cp)) return false;
    i += len;
  }
  return true;
}

// Named by the template's text, not its token ids, so that a cached file is found without the source
// vocabulary (loading it costs ~75 MB of resident memory on the real vocabulary).
function cacheName(src: string, pieces: readonly string[]): string {
  const st = fs.statSync(src);
  const h = crypto
    .createHash('sha256')
    .update(`${DERIVATION_VERSION}|${path.resolve(src)}|${st.size}|${st.mtimeMs}|${JSON.stringify(pieces)}`)
    .digest('hex')
    .slice(0, 16);
  return `${path.basename(src, '.gguf')}.speech-head-${h}.gguf`;
}

/** Older derivations of the same model (earlier rules, an older copy of the file) only take disk space. */
function removeStaleDerivations(cacheDir: string, src: string, keep: string): void {
  const prefix = `${path.basename(src, '.gguf')}.speech-head-`;
  for (const name of fs.readdirSync(cacheDir)) {
    if (name.startsWith(prefix) && name.endsWith('.gguf') && path.join(cacheDir, name) !== keep) {
      fs.rmSync(path.join(cacheDir, name), { force: true });
    }
  }
}

function rowTensor(t: GgufTensorInfo, vocab: number): boolean {
  return (t.name === 'token_embd.weight' || t.name === 'output.weight') && t.dims.length === 2 && t.dims[1] === vocab;
}

/** Which source tokens the derived model keeps, in source order. */
function keptTokens(header: GgufHeader, extraKeep: readonly number[]): Int32Array {
  const tokens = header.metadata.get('tokenizer.ggml.tokens') as string[];
  const types = (header.metadata.get('tokenizer.ggml.token_type') as number[] | undefined) ?? [];
  const byteLevel = header.metadata.get('tokenizer.ggml.model') === 'gpt2';
  const decode = byteDecoder();
  const extra = new Set(extraKeep);
  const kept: number[] = [];
  tokens.forEach((tok, id) => {
    const type = types[id] ?? 1;
    let keep = type === 3 || type === 4 || extra.has(id); // control, user-defined (speech), template
    if (!keep && type === 1 && byteLevel) {
      const bytes = Uint8Array.from([...tok], (ch) => decode.get(ch) ?? 0xff);
      keep = phonemeToken(bytes);
    }
    if (keep) kept.push(id);
  });
  return Int32Array.from(kept);
}

function mapping(sourceIds: Int32Array, vocab: number): Int32Array {
  const toDerived = new Int32Array(vocab).fill(-1);
  sourceIds.forEach((old, i) => (toDerived[old] = i));
  return toDerived;
}

/**
 * Returns the derived model for `src`, building it into `cacheDir` unless a cached copy exists.
 * Two loads racing on a cold cache both build it; the atomic rename makes the second simply replace the first.
 * `pieces` are the template's fixed text pieces (no special tokens): their source tokens must survive, and
 * `tokenizeSource` (called only when building) gives them.
 */
export async function deriveSpeechHeadGguf(
  src: string,
  cacheDir: string,
  pieces: readonly string[],
  tokenizeSource: () => Promise<SourceTokenize>,
): Promise<SpeechHeadModel> {
  fs.mkdirSync(cacheDir, { recursive: true });
  const out = path.join(cacheDir, cacheName(src, pieces));
  const header = readGgufHeader(src);
  const vocab = (header.metadata.get('tokenizer.ggml.tokens') as string[]).length;
  if (fs.existsSync(out)) {
    try {
      const meta = readGgufHeader(out).metadata;
      const ids = meta.get('vieneu.speech_head.source_ids');
      const recorded = JSON.parse(String(meta.get('vieneu.speech_head.pieces'))) as Record<string, number[]>;
      if (Array.isArray(ids) && pieces.every((p) => Array.isArray(recorded[p]))) {
        const sourceIds = Int32Array.from(ids as number[]);
        return { path: out, sourceIds, toDerived: mapping(sourceIds, vocab), sourceVocabSize: vocab, pieces: new Map(Object.entries(recorded)) };
      }
    } catch {
      // A damaged cache file is rebuilt below.
    }
  }
  const tokenize = await tokenizeSource();
  const pieceIds = new Map<string, number[]>();
  for (const p of pieces) pieceIds.set(p, [...(await tokenize(p))]);
  const extraKeep = [...pieceIds.values()].flat();
  const sourceIds = keptTokens(header, extraKeep);
  const toDerived = mapping(sourceIds, vocab);
  const w = new GgufWriter(header.alignment);
  const tokens = header.metadata.get('tokenizer.ggml.tokens') as string[];
  const keptSet = new Set(Array.from(sourceIds, (id) => tokens[id]));
  for (const [key, value] of header.metadata) {
    const { type, array } = header.metadataTypes.get(key)!;
    if (key === 'tokenizer.ggml.merges') {
      const merges = (value as string[]).filter((m) => {
        const [a, b] = m.split(' ');
        return keptSet.has(a) && keptSet.has(b) && keptSet.has(a + b);
      });
      w.addRaw(key, type, true, merges);
    } else if (array && Array.isArray(value) && value.length === vocab && key.startsWith('tokenizer.ggml.')) {
      w.addRaw(key, type, true, Array.from(sourceIds, (id) => value[id]));
    } else if (/^tokenizer\.ggml\.\w+_token_id$/.test(key)) {
      const mapped = toDerived[Number(value)];
      if (mapped >= 0) w.addRaw(key, type, false, mapped);
    } else w.addRaw(key, type, array, value);
  }
  w.add('vieneu.speech_head.source', 'STRING', path.basename(src));
  w.addArray('vieneu.speech_head.source_ids', 'INT32', Array.from(sourceIds));
  w.add('vieneu.speech_head.pieces', 'STRING', JSON.stringify(Object.fromEntries(pieceIds)));

  const fd = fs.openSync(src, 'r');
  try {
    for (const t of header.tensors) {
      if (rowTensor(t, vocab)) {
        const rowBytes = ggmlTypeRowBytes(t.type, t.dims[0]);
        if (rowBytes === undefined) throw new Error(`${t.name} has a ggml type (${t.type}) this step cannot slice`);
        w.addEncodedTensor(t.name, [t.dims[0], sourceIds.length], t.type, rowBytes * sourceIds.length, function* () {
          const block = 4096;
          const buf = Buffer.alloc(rowBytes * block);
          let k = 0;
          for (let r0 = 0; r0 < vocab && k < sourceIds.length; r0 += block) {
            const rows = Math.min(block, vocab - r0);
            if (sourceIds[k] >= r0 + rows) continue;
            fs.readSync(fd, buf, 0, rows * rowBytes, t.offset + r0 * rowBytes);
            const parts: Buffer[] = [];
            while (k < sourceIds.length && sourceIds[k] < r0 + rows) {
              const r = sourceIds[k++] - r0;
              parts.push(Buffer.from(buf.subarray(r * rowBytes, (r + 1) * rowBytes)));
            }
            yield Buffer.concat(parts);
          }
        });
      } else {
        if (t.size < 0) throw new Error(`${t.name} has a ggml type (${t.type}) of unknown size`);
        w.addEncodedTensor(t.name, t.dims, t.type, t.size, function* () {
          const chunk = Buffer.alloc(1 << 22);
          for (let done = 0; done < t.size; ) {
            const n = fs.readSync(fd, chunk, 0, Math.min(chunk.length, t.size - done), t.offset + done);
            if (n <= 0) throw new Error(`${src} ended while copying ${t.name}`);
            yield Buffer.from(chunk.subarray(0, n));
            done += n;
          }
        });
      }
    }
    // Asynchronous so a first load inside the extension host does not freeze it for the seconds this takes.
    await w.writeAsync(out);
  } finally {
    fs.closeSync(fd);
  }
  removeStaleDerivations(cacheDir, src, out);
  return { path: out, sourceIds, toDerived, sourceVocabSize: vocab, pieces: pieceIds };
}

/** Special tokens as prompts write them (llama.cpp matches them before tokenizing the text between). */
const SPECIAL_TEXT = /<\|[^<>|]*\|>/g;

/**
 * The SOURCE token ids of `text`, computed without the source vocabulary: special tokens by lookup, the
 * template's pieces from the recorded ids, phoneme text on the derived vocabulary. Undefined when that is not
 * guaranteed to match the source tokenizer (other characters, an unknown special): the caller then uses the
 * source vocabulary. `specialId` gives the source id of a control or user-defined token's text;
 * `tokenizeDerived` tokenizes special-free text on the derived model.
 */
export function sourceTokensOnSpeechHead(
  text: string,
  head: SpeechHeadModel,
  specialId: (piece: string) => number | undefined,
  tokenizeDerived: (piece: string) => readonly number[],
): number[] | undefined {
  const out: number[] = [];
  const addText = (piece: string): boolean => {
    if (!piece) return true;
    const known = head.pieces.get(piece);
    if (known) {
      out.push(...known);
      return true;
    }
    for (const ch of piece) if (!phonemeChar(ch.codePointAt(0)!)) return false;
    for (const id of tokenizeDerived(piece)) {
      if (!(id >= 0 && id < head.sourceIds.length)) return false;
      out.push(head.sourceIds[id]);
    }
    return true;
  };
  let last = 0;
  for (const m of text.matchAll(SPECIAL_TEXT)) {
    const id = specialId(m[0]);
    if (id === undefined || !addText(text.slice(last, m.index))) return undefined;
    out.push(id);
    last = m.index + m[0].length;
  }
  return addText(text.slice(last)) ? out : undefined;
}

/**
 * Whether the derived vocabulary can tokenize phoneme text as the source would: false if some special token
 * is spelled only with phoneme characters, since llama.cpp would match it inside phoneme text.
 */
export function specialsAreBracketed(tokens: readonly string[], types: readonly number[]): boolean {
  for (let id = 0; id < tokens.length; id++) {
    if (types[id] !== 3 && types[id] !== 4) continue;
    if ([...tokens[id]].every((ch) => phonemeChar(ch.codePointAt(0)!))) return false;
  }
  return true;
}
