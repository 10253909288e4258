// Speech-head derivation for ONNX backbones: the same idea as speechHeadGguf.ts, simpler because onnxruntime
// does not tie the head to the vocabulary. The MatMul that makes `logits` gets a weight with only the speech
// columns then the end column, so `logits` has speech count + 1 entries and the runner samples them directly.
// Works on models whose head weight is an inline float32 initializer (as the fixtures and small exports have);
// anything else (external data, a shared transposed embedding, quantized heads) is left as it is.
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { ProtoMessage, tensorProto } from '../fixtures/onnxWriter';

interface Field {
  field: number;
  wire: number;
  /** For length-delimited fields: the payload range; for varints: the value in `value`. */
  start: number;
  end: number;
  /** Range of the whole field, tag included. */
  from: number;
  value: number;
}

function readVarint(b: Buffer, pos: number): [number, number] {
  let result = 0;
  let shift = 0;
  for (;;) {
    if (pos >= b.length) throw new Error('truncated varint');
    const byte = b[pos++];
    result += (byte & 0x7f) * 2 ** shift;
    if (!(byte & 0x80)) return [result, pos];
    shift += 7;
    if (shift > 63) throw new Error('varint too long');
  }
}

function fields(b: Buffer, start: number, end: number): Field[] {
  const out: Field[] = [];
  let pos = start;
  while (pos < end) {
    const from = pos;
    const [tag, p1] = readVarint(b, pos);
    const field = Math.floor(tag / 8);
    const wire = tag & 7;
    pos = p1;
    if (wire === 0) {
      const [value, p2] = readVarint(b, pos);
      out.push({ field, wire, start: pos, end: p2, from, value });
      pos = p2;
    } else if (wire === 2) {
      const [len, p2] = readVarint(b, pos);
      out.push({ field, wire, start: p2, end: p2 + len, from, value: len });
      pos = p2 + len;
    } else if (wire === 5) {
      out.push({ field, wire, start: pos, end: pos + 4, from, value: 0 });
      pos += 4;
    } else if (wire === 1) {
      out.push({ field, wire, start: pos, end: pos + 8, from, value: 0 });
      pos += 8;
    } else throw new Error(`unsupported protobuf wire type ${wire}`);
    if (pos > end) throw new Error('field runs past its message');
  }
  return out;
}

const str = (b: Buffer, f: Field) => b.toString('utf8', f.start, f.end);

function packedOrPlainInts(b: Buffer, fs_: Field[], field: number): number[] {
  const out: number[] = [];
  for (const f of fs_.filter((x) => x.field === field)) {
    if (f.wire === 0) out.push(f.value);
    else for (let p = f.start; p < f.end; ) {
      const [v, np] = readVarint(b, p);
      out.push(v);
      p = np;
    }
  }
  return out;
}

/** Re-encodes a length-delimited field with a new payload. */
function lengthField(field: number, payload: Buffer): Buffer {
  return new ProtoMessage().bytes(field, payload).encode();
}

/**
 * Returns a copy of the model whose head keeps `rows` (vocabulary ids) in that order, or undefined when the
 * head is not a plain inline float32 MatMul weight of `vocabSize` columns.
 */
export function pruneOnnxHead(model: Buffer, rows: readonly number[], vocabSize: number): Buffer | undefined {
  const top = fields(model, 0, model.length);
  const graphField = top.find((f) => f.field === 7 && f.wire === 2);
  if (!graphField) return undefined;
  const graph = fields(model, graphField.start, graphField.end);
  let weightName: string | undefined;
  for (const n of graph.filter((f) => f.field === 1 && f.wire === 2)) {
    const nf = fields(model, n.start, n.end);
    const outputs = nf.filter((f) => f.field === 2).map((f) => str(model, f));
    const op = nf.find((f) => f.field === 4);
    if (outputs.includes('logits') && op && str(model, op) === 'MatMul') {
      const inputs = nf.filter((f) => f.field === 1).map((f) => str(model, f));
      weightName = inputs[1];
    }
  }
  if (!weightName) return undefined;
  let replaced: { field: Field; bytes: Buffer } | undefined;
  for (const init of graph.filter((f) => f.field === 5 && f.wire === 2)) {
    const tf = fields(model, init.start, init.end);
    const name = tf.find((f) => f.field === 8);
    if (!name || str(model, name) !== weightName) continue;
    const dims = packedOrPlainInts(model, tf, 1);
    const type = tf.find((f) => f.field === 2)?.value;
    const raw = tf.find((f) => f.field === 9);
    if (type !== 1 || !raw || dims.length !== 2 || dims[1] !== vocabSize) return undefined;
    const [d, v] = dims;
    if (raw.end - raw.start !== d * v * 4) return undefined;
    const src = Buffer.from(model.subarray(raw.start, raw.end));
    const out = new Float32Array(d * rows.length);
    for (let k = 0; k < d; k++) {
      for (let j = 0; j < rows.length; j++) out[k * rows.length + j] = src.readFloatLE((k * v + rows[j]) * 4);
    }
    replaced = { field: init, bytes: lengthField(5, tensorProto(weightName, 'FLOAT', [d, rows.length], out).encode()) };
  }
  if (!replaced) return undefined;
  // Rebuild the graph: the new weight, and the logits output's last dimension.
  const parts: Buffer[] = [];
  for (const f of graph) {
    if (f === replaced.field) parts.push(replaced.bytes);
    else if (f.field === 12 && f.wire === 2 && str(model, fields(model, f.start, f.end).find((x) => x.field === 1)!) === 'logits') {
      const shape = new ProtoMessage()
        .message(1, new ProtoMessage().string(2, 'batch_size'))
        .message(1, new ProtoMessage().string(2, 'sequence_length'))
        .message(1, new ProtoMessage().int(1, rows.length));
      const tensorType = new ProtoMessage().int(1, 1).message(2, shape);
      const vi = new ProtoMessage().string(1, 'logits').message(2, new ProtoMessage().message(1, tensorType));
      parts.push(lengthField(12, vi.encode()));
    } else parts.push(model.subarray(f.from, f.end));
  }
  const graphBytes = Buffer.concat(parts);
  const modelParts: Buffer[] = [];
  for (const f of top) modelParts.push(f === graphField ? lengthField(7, graphBytes) : model.subarray(f.from, f.end));
  return Buffer.concat(modelParts);
}

/**
 * The cached speech-head copy of an ONNX backbone, built on first use; undefined when the model's head
 * cannot be cut this way (the runner then uses the model as it is).
 */
export function deriveOnnxSpeechHead(modelPath: string, cacheDir: string, rows: readonly number[], vocabSize: number): string | undefined {
  const st = fs.statSync(modelPath);
  const key = crypto
    .createHash('sha256')
    .update(`1|${path.resolve(modelPath)}|${st.size}|${st.mtimeMs}|${rows.length}|${rows[0]}|${rows[rows.length - 1]}`)
    .digest('hex')
    .slice(0, 16);
  const out = path.join(cacheDir, `${path.basename(modelPath, '.onnx')}.speech-head-${key}.onnx`);
  if (fs.existsSync(out)) return out;
  if (fs.existsSync(`${modelPath}_data`) || fs.existsSync(`${modelPath}.data`) || st.size > 1.8 * 2 ** 30) return undefined;
  const pruned = pruneOnnxHead(fs.readFileSync(modelPath), rows, vocabSize);
  if (!pruned) return undefined;
  fs.mkdirSync(cacheDir, { recursive: true });
  fs.writeFileSync(`${out}.partial`, pruned);
  fs.renameSync(`${out}.partial`, out);
  return out;
}
