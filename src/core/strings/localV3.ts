// User-facing sentences of the v3 Turbo local engine (src/local/v3), English and Vietnamese side by side.
import type { MessageTable } from './table';

export const LOCAL_V3_MESSAGES = {
  v3MissingFile: {
    en: '{0} is missing from the v3 Turbo folder {1}.',
    vi: 'Thư mục v3 Turbo {1} thiếu tệp {0}.',
  },
  v3BadFile: {
    en: '{0} is not a usable VieNeu-TTS v3 Turbo file ({1}).',
    vi: '{0} không phải tệp VieNeu-TTS v3 Turbo dùng được ({1}).',
  },
  v3Fix: {
    en: 'Download pnnbao-ump/VieNeu-TTS-v3-Turbo again, or choose its onnx_update folder (prefill, decode-step and acoustic graphs, the shared .data file, vieneu_v3_heads.npz, config.json, tokenizer.json).',
    vi: 'Hãy tải lại pnnbao-ump/VieNeu-TTS-v3-Turbo, hoặc chọn thư mục onnx_update của nó (các đồ thị prefill, decode-step, acoustic, tệp .data dùng chung, vieneu_v3_heads.npz, config.json, tokenizer.json).',
  },
  v3CodecMissing: {
    en: '{0} is missing from the MOSS codec folder {1}.',
    vi: 'Thư mục bộ mã hoá MOSS {1} thiếu tệp {0}.',
  },
  v3CodecBad: {
    en: '{0} is not a usable MOSS-Audio-Tokenizer-Nano decoder ({1}).',
    vi: '{0} không phải bộ giải mã MOSS-Audio-Tokenizer-Nano dùng được ({1}).',
  },
  v3CodecFix: {
    en: 'Download OpenMOSS-Team/MOSS-Audio-Tokenizer-Nano-ONNX again and choose its folder (it holds codec_browser_onnx_meta.json).',
    vi: 'Hãy tải lại OpenMOSS-Team/MOSS-Audio-Tokenizer-Nano-ONNX và chọn thư mục của nó (có tệp codec_browser_onnx_meta.json).',
  },
  v3WrongCodec: {
    en: 'The v3 Turbo backbone {0} needs the MOSS-Audio-Tokenizer-Nano codec, but {1} is a NeuCodec decoder (for v1 models).',
    vi: 'Mô hình v3 Turbo {0} cần bộ mã hoá MOSS-Audio-Tokenizer-Nano, nhưng {1} là bộ giải mã NeuCodec (dành cho mô hình v1).',
  },
  v3WrongCodecFix: {
    en: 'Set vieneu.local.codec to OpenMOSS-Team/MOSS-Audio-Tokenizer-Nano-ONNX (or --codec to its folder).',
    vi: 'Hãy đặt vieneu.local.codec thành OpenMOSS-Team/MOSS-Audio-Tokenizer-Nano-ONNX (hoặc --codec trỏ tới thư mục của nó).',
  },
  v3WrongBackbone: {
    en: '{0} is a MOSS codec folder, which only VieNeu-TTS v3 Turbo uses, but the backbone {1} is a v1 model that needs NeuCodec.',
    vi: '{0} là thư mục bộ mã hoá MOSS, chỉ VieNeu-TTS v3 Turbo dùng, nhưng mô hình {1} là mô hình v1 cần NeuCodec.',
  },
  v3WrongBackboneFix: {
    en: 'Choose the v3 Turbo backbone (pnnbao-ump/VieNeu-TTS-v3-Turbo), or set the codec back to a NeuCodec decoder.',
    vi: 'Hãy chọn mô hình v3 Turbo (pnnbao-ump/VieNeu-TTS-v3-Turbo), hoặc đặt lại bộ mã hoá NeuCodec.',
  },
  v3VoicesBroken: {
    en: 'The v3 voice list {0} cannot be read ({1}).',
    vi: 'Không đọc được danh sách giọng v3 {0} ({1}).',
  },
  v3VoicesFix: {
    en: 'Use a voices_v3_turbo.json from VieNeu-TTS (presets with speaker_emb and codes).',
    vi: 'Hãy dùng tệp voices_v3_turbo.json của VieNeu-TTS (các giọng có speaker_emb và codes).',
  },
  v3NoVoices: {
    en: 'The v3 Turbo model has no voices: there is no voices_v3_turbo.json in {0}.',
    vi: 'Mô hình v3 Turbo không có giọng nào: không có tệp voices_v3_turbo.json trong {0}.',
  },
  v3Int8NoVnni: {
    en: 'The int8 v3 Turbo model needs a CPU with VNNI (AVX-512 VNNI or AVX-VNNI); this CPU ({0}) has none, and upstream reports distorted audio on such CPUs.',
    vi: 'Mô hình v3 Turbo int8 cần CPU có VNNI (AVX-512 VNNI hoặc AVX-VNNI); CPU này ({0}) không có, và upstream cho biết âm thanh bị méo trên các CPU như vậy.',
  },
  v3Int8NoVnniFix: {
    en: 'Use the fp32 model (onnx_update), the default.',
    vi: 'Hãy dùng mô hình fp32 (onnx_update), lựa chọn mặc định.',
  },
  v3CliNeedsCodec: {
    en: 'A v3 Turbo backbone needs the MOSS codec folder: add --codec DIR (the folder with codec_browser_onnx_meta.json).',
    vi: 'Mô hình v3 Turbo cần thư mục bộ mã hoá MOSS: hãy thêm --codec DIR (thư mục có codec_browser_onnx_meta.json).',
  },
  v3CliVoice: { en: 'Voice: {0} ({1})', vi: 'Giọng: {0} ({1})' },
  v3CliStopgapG2p: {
    en: 'No sea-g2p dictionary (sea_g2p.bin) in {0}: reading with the v1 phonemizer, which is not what v3 Turbo was trained on. Put sea_g2p.bin in the model folder or give it with --dict.',
    vi: 'Không có từ điển sea-g2p (sea_g2p.bin) trong {0}: đang đọc bằng bộ phiên âm v1, không phải bộ mà v3 Turbo được huấn luyện. Hãy đặt sea_g2p.bin vào thư mục mô hình hoặc chỉ ra bằng --dict.',
  },
} satisfies MessageTable;
