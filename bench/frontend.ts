// Front-end benchmark: normalize + chunk + phonemize a 10,000-character Vietnamese text on the warm WebAssembly
// espeak-ng, side by side with the baseline of spawning Debian's `espeak-ng -v vi --ipa` once per chunk, and the
// cold start of the WebAssembly phonemizer measured in fresh processes.
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { chunkText } from '../src/text/chunk';
import { getEspeak } from '../src/text/espeak';
import { normalize } from '../src/text/normalize';
import { EMPTY_DICT, parsePhonemeDict, type PhonemeDict } from '../src/text/phonemeDict';
import { Phonemizer } from '../src/text/phonemize';
import { SeapDict } from '../src/text/sea/seapDict';
import { writeSeap } from '../src/text/sea/seapWriter';
import { seaFrontEndFrom } from '../src/text/sea/seaFrontEnd';

const SENTENCES = [
  'Sáng nay, giá vàng trong nước tăng thêm 150.000 đồng mỗi lượng, lên mức 85,5 triệu đồng.',
  'Theo Tổng cục Thống kê, GDP quý III/2025 tăng 7,4% so với cùng kỳ năm trước.',
  'Nhiệt độ tại Hà Nội dao động từ 25°C đến 32°C, độ ẩm khoảng 80%.',
  'Chuyến bay VN123 cất cánh lúc 08:30 ngày 15/08/2025 từ sân bay Tân Sơn Nhất.',
  'Mọi thắc mắc xin gọi tổng đài 1900 1234 hoặc số 0912 345 678.',
  'Tuyến cao tốc dài 105 km, cho phép chạy tối đa 120km/h.',
  'Học sinh lớp 12 sẽ thi tốt nghiệp THPT vào ngày 26/6.',
  'Chiếc điện thoại mới có bộ nhớ 512GB, màn hình 6,7 inch và pin 5.000mAh.',
  'Dân số TP.HCM năm 2024 đạt khoảng 9,5 triệu người, mật độ 4.500 người/km2.',
  'Hội nghị lần thứ 4 diễn ra trong 2 ngày, với sự tham gia của 1.015 đại biểu.',
  'Bà con nông dân thu hoạch lúa sớm để tránh cơn bão số 3 đang tiến vào đất liền.',
  'Những con đường rợp bóng cây xanh khiến thành phố trở nên yên bình hơn vào buổi chiều.',
  'Ông ấy kể rằng thuở nhỏ, cả nhà thường quây quần bên bếp lửa mỗi tối mùa đông.',
  'Người dân được khuyến cáo hạn chế ra ngoài khi chỉ số tia cực tím ở mức rất cao.',
  'Đội tuyển bóng đá giành chiến thắng 2-1 trong trận đấu tối qua trên sân Mỹ Đình.',
  'Chương trình khuyến mãi giảm giá 50% cho khách hàng đăng ký trước ngày 1/1.',
  'Các nhà khoa học vừa công bố nghiên cứu mới về biến đổi khí hậu ở đồng bằng sông Cửu Long.',
  'Cô giáo nhẹ nhàng nhắc nhở học trò giữ gìn sách vở sạch sẽ và đi học đúng giờ.',
];

/** A deterministic ~10,000-character text of news-like sentences, with paragraph breaks. */
export function benchText(chars = 10_000): string {
  let text = '';
  let i = 0;
  while (text.length < chars) {
    text += SENTENCES[(i * 7) % SENTENCES.length] + (i % 5 === 4 ? '\n' : ' ');
    i++;
  }
  return text.slice(0, chars);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** The product's dictionary when a copy is at hand (../shared/data), else none (every word through espeak-ng). */
function loadDict(): { dict: PhonemeDict; source: string } {
  const candidates = [process.env.VIENEU_PHONEME_DICT, path.resolve(process.cwd(), '../shared/data/phoneme_dict.json')];
  for (const file of candidates) {
    if (file && fs.existsSync(file)) return { dict: parsePhonemeDict(fs.readFileSync(file, 'utf8'), file), source: file };
  }
  return { dict: EMPTY_DICT, source: 'none' };
}

/** One pass of the front-end, with a phonemizer whose word cache is empty (espeak-ng itself stays warm). */
function frontEndPass(text: string, phonemizer: Phonemizer): number {
  let phones = 0;
  for (const chunk of chunkText(text).chunks) phones += phonemizer.phonemize(normalize(chunk.text)).phonemes.length;
  return phones;
}

const COLD_SCRIPT = `
const t0 = performance.now();
import('@echogarden/espeak-ng-emscripten').then(async ({ default: create }) => {
  const mod = await create();
  const w = new mod.eSpeakNGWorker();
  w.set_voice('vi');
  const p = mod.getPointer(w.text_to_phonemes('xin chào', 1));
  mod._free(p);
  process.stdout.write(String(performance.now() - t0));
});`;

/** Import + instantiate + first phonemes in a fresh Node process (what the first "Speak" pays). */
function coldStartMs(): number | undefined {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', COLD_SCRIPT], { cwd: process.cwd(), encoding: 'utf8', timeout: 60000 });
  const ms = Number(r.stdout);
  return r.status === 0 && Number.isFinite(ms) ? ms : undefined;
}

function hasDebianEspeak(): boolean {
  return spawnSync('espeak-ng', ['--version'], { encoding: 'utf8' }).status === 0;
}

const SEA_WORD_RE = /<en>[^\n]*?<\/en>|[\p{L}\p{M}\p{N}']+/gu;

/**
 * sea_g2p.bin from $VIENEU_SEA_DICT, else a synthetic SEAP file of realistic shape (every word of the bench text
 * plus 400,000 filler entries, ~13 MB; the real file is ~53 MB, two more binary-search levels), written once to
 * the temp folder by our writer.
 */
function seaDictFile(text: string): { file: string; synthetic: boolean } {
  const real = process.env.VIENEU_SEA_DICT;
  if (real && fs.existsSync(real)) return { file: real, synthetic: false };
  const file = path.join(os.tmpdir(), 'vieneu-bench-sea-g2p-v1.bin');
  if (fs.existsSync(file)) return { file, synthetic: true };
  const merged = new Map<string, string>();
  for (const chunk of chunkText(text).chunks) {
    for (const m of normalize(chunk.text, { sea: true }).matchAll(SEA_WORD_RE)) {
      for (const w of m[0].replace(/<\/?en>/g, ' ').toLowerCase().split(/\s+/)) if (w) merged.set(w, `ˈ${w}`);
    }
  }
  for (let i = 0; merged.size < 400_000; i++) merged.set(`từ${i.toString(36)}`, `tˈy2 ${i.toString(36)}`);
  const common = new Map<string, [string, string]>();
  for (let i = 0; i < 40_000; i++) common.set(`co${i.toString(36)}`, [`kˈɔ ${i}`, `kˈoʊ ${i}`]);
  fs.writeFileSync(file + '.part', writeSeap({ merged, common }));
  fs.renameSync(file + '.part', file);
  return { file, synthetic: true };
}

async function seaPath(text: string, log: (line: string) => void): Promise<Record<string, number | string | boolean>> {
  const { file, synthetic } = seaDictFile(text);
  const size = fs.statSync(file).size;
  // Memory first, on this process's first load of the file: what the reader keeps is the file as one Buffer.
  const m0 = process.memoryUsage();
  let dict = await SeapDict.load(file);
  const m1 = process.memoryUsage();
  const rssGrowth = m1.rss - m0.rss;
  const bufGrowth = m1.arrayBuffers - m0.arrayBuffers;
  const heapGrowth = m1.heapUsed - m0.heapUsed;
  const loads: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    dict = await SeapDict.load(file);
    loads.push(performance.now() - t0);
  }
  const loadMs = median(loads);

  const pass = () => {
    const fe = seaFrontEndFrom(dict);
    let phones = 0;
    for (const c of fe.split(text)) phones += fe.phonemize(c.text).length;
    return phones;
  };
  for (let i = 0; i < 3; i++) pass();
  const runs: number[] = [];
  let phones = 0;
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    phones = pass();
    runs.push(performance.now() - t0);
  }
  const warmMs = median(runs);
  // G2P alone (the normalizer is shared with the espeak path): the chunks normalized once, phonemized warm.
  const fe = seaFrontEndFrom(dict);
  const chunks = fe.split(text).map((c) => c.text);
  for (const c of chunks) fe.phonemize(c);
  const g2pRuns: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    for (const c of chunks) fe.phonemize(c);
    g2pRuns.push(performance.now() - t0);
  }
  const g2pMs = median(g2pRuns);
  const mb = (n: number) => (n / 1048576).toFixed(1);
  log(`sea-g2p dictionary: ${synthetic ? 'synthetic' : 'real'} ${file} (${mb(size)} MB, ${dict.mergedCount} merged + ${dict.commonCount} common)`);
  log(`sea-g2p load: ${loadMs.toFixed(1)} ms (median of 5); memory of the first load: buffers +${mb(bufGrowth)} MB, JS heap +${mb(heapGrowth)} MB, RSS ${rssGrowth >= 0 ? '+' : ''}${mb(rssGrowth)} MB (RSS moves with the collector) for a ${mb(size)} MB file`);
  log(`warm sea front-end (v3 normalize + chunk + G2P): ${(warmMs / 10).toFixed(2)} ms / 1,000 chars = ${Math.round(phones / (warmMs / 1000))} phoneme chars/s`);
  log(`warm sea G2P alone (normalized chunks): ${(g2pMs / 10).toFixed(2)} ms / 1,000 chars; targets: ≤ 2 ms ${g2pMs / 10 <= 2 ? 'met' : 'NOT met'}, load ≤ 150 ms ${loadMs <= 150 ? 'met' : 'NOT met'}`);
  return {
    sea_ms_per_1000_chars_warm: Number((warmMs / 10).toFixed(2)),
    sea_g2p_ms_per_1000_chars_warm: Number((g2pMs / 10).toFixed(2)),
    sea_phonemes_per_s: Math.round(phones / (warmMs / 1000)),
    sea_dict_load_ms: Number(loadMs.toFixed(1)),
    sea_dict_bytes: size,
    sea_dict_rss_growth_bytes: rssGrowth,
    sea_dict_buffer_growth_bytes: bufGrowth,
    sea_dict_heap_growth_bytes: heapGrowth,
    sea_dict_synthetic: synthetic,
  };
}

export async function run(log: (line: string) => void): Promise<Record<string, number | string | boolean>> {
  const text = benchText();
  const { dict, source } = loadDict();
  log(`text: ${text.length} characters, ${chunkText(text).chunks.length} chunks; dictionary: ${source} (${dict.size} entries)`);

  const espeak = await getEspeak();
  for (let i = 0; i < 3; i++) frontEndPass(text, new Phonemizer(espeak, dict, 'v1-seed')); // JIT warm-up
  const runs: number[] = [];
  let espeakPhones = 0;
  for (let i = 0; i < 7; i++) {
    const phonemizer = new Phonemizer(espeak, dict, 'v1-seed');
    const t0 = performance.now();
    espeakPhones = frontEndPass(text, phonemizer);
    runs.push(performance.now() - t0);
  }
  const warmMs = median(runs);
  const espeakPhonesPerS = espeakPhones / (warmMs / 1000);
  const charsPerS = text.length / (warmMs / 1000);

  // The same pass without a dictionary: the worst case, every word through espeak-ng.
  const noDictRuns: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    frontEndPass(text, new Phonemizer(espeak, EMPTY_DICT, 'v1-seed'));
    noDictRuns.push(performance.now() - t0);
  }
  const noDictMs = median(noDictRuns);

  // Baseline: normalize + chunk the same way, then one `espeak-ng -v vi --ipa` process per chunk.
  let baselineMs = NaN;
  const baseline = hasDebianEspeak();
  if (baseline) {
    const t0 = performance.now();
    for (const chunk of chunkText(text).chunks) {
      execFileSync('espeak-ng', ['-q', '-v', 'vi', '--ipa', normalize(chunk.text)], { encoding: 'utf8' });
    }
    baselineMs = performance.now() - t0;
  }
  const baselineCharsPerS = baseline ? text.length / (baselineMs / 1000) : 0;

  const colds: number[] = [];
  for (let i = 0; i < 3; i++) {
    const c = coldStartMs();
    if (c !== undefined) colds.push(c);
  }
  const coldMs = colds.length ? median(colds) : NaN;

  const speedup = baseline ? charsPerS / baselineCharsPerS : 0;
  log(`warm front-end (dictionary):   ${warmMs.toFixed(1)} ms per 10,000 chars = ${(warmMs / 10).toFixed(2)} ms / 1,000 chars = ${Math.round(charsPerS)} chars/s`);
  log(`warm front-end (no dictionary): ${noDictMs.toFixed(1)} ms per 10,000 chars = ${(noDictMs / 10).toFixed(2)} ms / 1,000 chars`);
  log(baseline ? `baseline (spawn espeak-ng per chunk): ${baselineMs.toFixed(0)} ms = ${Math.round(baselineCharsPerS)} chars/s → speed-up ×${speedup.toFixed(1)}` : 'baseline: Debian espeak-ng not installed, not measured');
  log(`cold start of the WebAssembly phonemizer (fresh process, median of ${colds.length}): ${Number.isFinite(coldMs) ? coldMs.toFixed(0) : 'n/a'} ms`);
  log(`espeak path: ${Math.round(espeakPhonesPerS)} phoneme chars/s`);
  const sea = await seaPath(text, log);
  log(`sea path vs espeak path (both warm, with normalization): ×${(warmMs / 10 / Number(sea.sea_ms_per_1000_chars_warm)).toFixed(1)} faster`);
  log(`targets: ≥ 10× the baseline ${speedup >= 10 ? 'met' : 'NOT met'}; < 20 ms per 1,000 chars ${warmMs / 10 < 20 ? 'met' : 'NOT met'}`);

  return {
    chars_per_s: Math.round(charsPerS),
    baseline_chars_per_s: Math.round(baselineCharsPerS),
    speedup: Number(speedup.toFixed(1)),
    ms_per_1000_chars_warm: Number((warmMs / 10).toFixed(2)),
    cold_start_ms: Number.isFinite(coldMs) ? Math.round(coldMs) : -1,
    ms_per_1000_chars_warm_no_dict: Number((noDictMs / 10).toFixed(2)),
    dictionary_entries: dict.size,
    baseline_measured: baseline,
    text_chars: text.length,
    espeak_phonemes_per_s: Math.round(espeakPhonesPerS),
    ...sea,
  };
}
