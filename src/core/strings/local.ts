// User-facing sentences of the local area. Add entries as { en, vi }; reference them with t('id').
import type { MessageTable } from './table';

export const LOCAL_MESSAGES = {
  // voices (engine/assets helper)
  localVoiceBadCode: {
    en: '{0}: code number {1} is "{2}", but NeuCodec codes are whole numbers from 0 to 65535.',
    vi: '{0}: mã thứ {1} là "{2}", nhưng mã NeuCodec phải là số nguyên từ 0 đến 65535.',
  },
  localVoiceCodesFix: {
    en: 'Use a voice codes file made by VieNeu-TTS (.pt, .npy or a JSON list of codes).',
    vi: 'Hãy dùng tệp mã giọng do VieNeu-TTS tạo (.pt, .npy hoặc danh sách mã JSON).',
  },
  localVoiceNoCodes: { en: '{0} holds no voice codes.', vi: '{0} không chứa mã giọng nào.' },
  localVoicePtBroken: {
    en: '{0} is not a readable PyTorch codes file ({1}).',
    vi: '{0} không phải tệp mã PyTorch đọc được ({1}).',
  },
  localVoiceNpyBroken: { en: '{0} is not a readable NumPy codes file ({1}).', vi: '{0} không phải tệp mã NumPy đọc được ({1}).' },
  localVoiceJsonBroken: { en: '{0} is not a readable JSON codes file ({1}).', vi: '{0} không phải tệp mã JSON đọc được ({1}).' },
  localVoiceUnknownFormat: {
    en: '{0} is neither a PyTorch zip nor a NumPy file, although its name says so.',
    vi: '{0} không phải tệp zip PyTorch hay tệp NumPy, dù tên tệp cho thấy như vậy.',
  },
  localVoicesJsonBroken: { en: 'The voice list {0} cannot be read ({1}).', vi: 'Không đọc được danh sách giọng {0} ({1}).' },
  localVoicesJsonFix: {
    en: 'Download the model again, or point --voices to a voices.json from the model repository.',
    vi: 'Hãy tải lại mô hình, hoặc trỏ --voices tới tệp voices.json của kho mô hình.',
  },
  localFileUnreadable: { en: 'Cannot read {0}: {1}', vi: 'Không đọc được {0}: {1}' },
  localVoiceNoTranscript: {
    en: 'The voice "{0}" has no transcript.',
    vi: 'Giọng "{0}" không có lời thoại mẫu.',
  },
  localVoiceTranscriptFix: {
    en: 'Add the exact words spoken in the reference clip as its text.',
    vi: 'Hãy thêm đúng lời được nói trong đoạn ghi âm mẫu làm văn bản của giọng.',
  },
  localNoVoices: { en: 'The loaded model has no voices.', vi: 'Mô hình đã nạp không có giọng nào.' },
  localNoVoicesFix: {
    en: 'Load a model whose repository has a voices.json, or add a custom voice (codes and transcript).',
    vi: 'Hãy nạp mô hình có tệp voices.json, hoặc thêm giọng tùy chỉnh (mã và lời thoại).',
  },
  localUnknownVoice: { en: 'There is no voice "{0}". Voices: {1}.', vi: 'Không có giọng "{0}". Các giọng: {1}.' },
  // backbone runners, codec, fixtures (runners helper)
  localBackboneNotGguf: {
    en: '{0} is not a usable GGUF model ({1}).',
    vi: '{0} không phải mô hình GGUF dùng được ({1}).',
  },
  localBackboneNotOnnx: {
    en: '{0} is not a usable ONNX backbone ({1}).',
    vi: '{0} không phải mô hình ONNX dùng được ({1}).',
  },
  localBackboneNotVieneu: {
    en: '{0} (architecture {1}) has no VieNeu speech tokens: it is not a VieNeu-TTS backbone.',
    vi: '{0} (kiến trúc {1}) không có token giọng nói của VieNeu: đây không phải mô hình VieNeu-TTS.',
  },
  localBackboneFix: {
    en: 'Choose a VieNeu-TTS backbone (.gguf, or an ONNX folder with tokenizer.json), or download it again.',
    vi: 'Hãy chọn mô hình VieNeu-TTS (.gguf, hoặc thư mục ONNX có tokenizer.json), hoặc tải lại.',
  },
  localBackboneLoadFailed: { en: 'llama.cpp could not load {0}: {1}', vi: 'llama.cpp không nạp được {0}: {1}' },
  localBackboneNoTokenizer: {
    en: 'There is no tokenizer.json next to {0}.',
    vi: 'Không có tệp tokenizer.json cạnh {0}.',
  },
  localBackboneNoTokenizerFix: {
    en: "Put the model repository's tokenizer.json in the same folder as the model.",
    vi: 'Hãy đặt tệp tokenizer.json của kho mô hình vào cùng thư mục với mô hình.',
  },
  localBackboneContextFull: {
    en: 'The prompt ({0} tokens) leaves no room in the model context of {1} tokens.',
    vi: 'Lời nhắc ({0} token) không còn chỗ trong ngữ cảnh {1} token của mô hình.',
  },
  localBackboneContextFullFix: {
    en: 'Use a shorter reference voice or shorter text chunks.',
    vi: 'Hãy dùng giọng mẫu ngắn hơn hoặc chia văn bản thành đoạn ngắn hơn.',
  },
  localCodecNotDecoder: {
    en: '{0} is not a NeuCodec decoder: {1}.',
    vi: '{0} không phải bộ giải mã NeuCodec: {1}.',
  },
  localCodecFix: {
    en: 'Choose the model file of neuphonic/neucodec-onnx-decoder (or its int8 variant).',
    vi: 'Hãy chọn tệp mô hình của neuphonic/neucodec-onnx-decoder (hoặc bản int8).',
  },
  localCodecBadCode: {
    en: 'Code {0} at position {1} is outside NeuCodec\'s range 0..65535.',
    vi: 'Mã {0} ở vị trí {1} nằm ngoài khoảng 0..65535 của NeuCodec.',
  },
  localFixturesWrote: { en: 'Wrote {0} ({1})', vi: 'Đã ghi {0} ({1})' },
  localFixturesUsage: {
    en: 'Give the folder to write the test models into: vieneu fixtures DIR [--real-shape]',
    vi: 'Hãy cho biết thư mục để ghi các mô hình thử: vieneu fixtures DIR [--real-shape]',
  },
} satisfies MessageTable;
