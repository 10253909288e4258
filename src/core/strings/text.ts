// User-facing sentences of the text area. Add entries as { en, vi }; reference them with t('id').
import type { MessageTable } from './table';

export const TEXT_MESSAGES = {
  espeakLoadFailed: { en: 'The built-in espeak-ng could not be loaded: {0}', vi: 'Không tải được espeak-ng tích hợp: {0}' },
  espeakLoadFix: { en: 'Reinstall the VieNeu extension; its espeak-ng files are missing or damaged.', vi: 'Hãy cài lại tiện ích VieNeu; các tệp espeak-ng của nó bị thiếu hoặc hỏng.' },
  espeakVoiceMissing: { en: 'espeak-ng has no "{0}" voice.', vi: 'espeak-ng không có giọng "{0}".' },
  dictNotFound: { en: 'The phoneme dictionary {0} was not found.', vi: 'Không tìm thấy từ điển âm vị {0}.' },
  dictFixDownload: { en: 'Download the model assets again, or pass --dict with the path of phoneme_dict.json.', vi: 'Hãy tải lại tài nguyên của mô hình, hoặc truyền --dict với đường dẫn tới phoneme_dict.json.' },
  dictBroken: { en: 'The phoneme dictionary {0} is not a JSON object of word → phonemes: {1}', vi: 'Từ điển âm vị {0} không phải một đối tượng JSON từ → âm vị: {1}' },
  promptMissingTokens: { en: 'The model\'s tokenizer has no special token(s) {0} needed by the "{1}" prompt format.', vi: 'Bộ tách token của mô hình không có token đặc biệt {0} mà định dạng prompt "{1}" cần.' },
  promptFixFormat: { en: 'Choose the prompt format that matches this model in its settings, or use a VieNeu-TTS model.', vi: 'Hãy chọn định dạng prompt đúng với mô hình này trong phần cài đặt, hoặc dùng một mô hình VieNeu-TTS.' },
  promptBadCode: { en: 'Reference code {0} is not a NeuCodec code (0..65535).', vi: 'Mã tham chiếu {0} không phải mã NeuCodec (0..65535).' },
  cliBenchMissing: { en: 'The benchmarks are not part of this build ({0} is missing).', vi: 'Bản dựng này không có phần đo hiệu năng (thiếu {0}).' },
  cliBenchMissingFix: { en: 'Run them from a clone of the repository: npm run bench.', vi: 'Hãy chạy chúng từ một bản sao của kho mã: npm run bench.' },
  cliNoInput: { en: 'No input: give the text as one argument or pipe lines into stdin.', vi: 'Không có đầu vào: hãy đưa văn bản làm một tham số hoặc chuyển các dòng vào stdin.' },
} satisfies MessageTable;
