// User-facing sentences for the limits that keep hostile or oversized input out: files bigger than their
// format allows, settings out of range, output paths that cannot be written. Add entries as { en, vi }.
import type { MessageTable } from './table';

export const LIMIT_MESSAGES = {
  limitVoiceTooManyCodes: {
    en: '{0} holds {1} voice codes, but a reference can have at most {2} (it is spoken inside the model\'s {2}-token context).',
    vi: '{0} chứa {1} mã giọng, nhưng giọng tham chiếu chỉ được tối đa {2} mã (nó nằm trong ngữ cảnh {2} token của mô hình).',
  },
  limitVoiceCodesOverflow: {
    en: '{0} holds more than {1} voice codes, the most a reference can have (it is spoken inside the model\'s {1}-token context).',
    vi: '{0} chứa hơn {1} mã giọng, mức tối đa của giọng tham chiếu (nó nằm trong ngữ cảnh {1} token của mô hình).',
  },
  limitVoiceFix: {
    en: 'Use a reference of 3 to 15 seconds of speech, made by VieNeu-TTS.',
    vi: 'Hãy dùng đoạn tham chiếu dài 3 đến 15 giây, do VieNeu-TTS tạo.',
  },
  limitCodesFileTooLarge: {
    en: '{0} is {1} bytes, larger than a voice codes file can be ({2} bytes at most).',
    vi: '{0} có {1} byte, lớn hơn mức một tệp mã giọng có thể có (tối đa {2} byte).',
  },
  limitNotAFile: { en: '{0} is not a regular file.', vi: '{0} không phải tệp thông thường.' },
  limitConfigTooLarge: {
    en: 'config.yaml is {0} KB; VieNeu reads at most {1} KB. Fix the file; VieNeu keeps using your settings until then.',
    vi: 'config.yaml có {0} KB; VieNeu chỉ đọc tối đa {1} KB. Hãy sửa tệp; VieNeu vẫn dùng cài đặt của bạn cho tới khi đó.',
  },
  limitConfigUnsafe: {
    en: 'config.yaml was refused: {0}. Fix the file; VieNeu keeps using your settings until then.',
    vi: 'config.yaml bị từ chối: {0}. Hãy sửa tệp; VieNeu vẫn dùng cài đặt của bạn cho tới khi đó.',
  },
  limitConfigDuplicateKey: {
    en: 'config.yaml has the key "{0}" twice (line {1}). Fix the file; VieNeu keeps using your settings until then.',
    vi: 'config.yaml có khóa "{0}" hai lần (dòng {1}). Hãy sửa tệp; VieNeu vẫn dùng cài đặt của bạn cho tới khi đó.',
  },
  limitConfigReloadFailed: {
    en: 'VieNeu could not reload its configuration: {0}',
    vi: 'VieNeu không tải lại được cấu hình: {0}',
  },
  limitThreads: {
    en: '--threads needs a whole number from 0 to {0}, got "{1}".',
    vi: '--threads cần một số nguyên từ 0 đến {0}, nhưng nhận được "{1}".',
  },
  limitOutFolderMissing: {
    en: 'Cannot write {0}: the folder {1} does not exist.',
    vi: 'Không ghi được {0}: thư mục {1} không tồn tại.',
  },
  limitOutNotWritable: { en: 'Cannot write {0}: {1}', vi: 'Không ghi được {0}: {1}' },
  limitOutNotRegular: {
    en: '{0} exists and is not a regular file; VieNeu will not replace it.',
    vi: '{0} đã tồn tại và không phải tệp thông thường; VieNeu sẽ không thay thế nó.',
  },
  limitOutFix: {
    en: 'Give --out a file name in a folder you can write to.',
    vi: 'Hãy cho --out một tên tệp trong thư mục bạn có quyền ghi.',
  },
  limitDiskFull: {
    en: 'The disk is full while writing {0}; nothing was kept.',
    vi: 'Ổ đĩa đầy khi ghi {0}; không giữ lại tệp nào.',
  },
  limitDiskFullFix: { en: 'Free some space and try again.', vi: 'Hãy giải phóng dung lượng rồi thử lại.' },
  limitNothingToRead: {
    en: 'There is nothing to read in this text: it has no letters or digits (only symbols, punctuation or emoji).',
    vi: 'Văn bản này không có gì để đọc: không có chữ hay số (chỉ có ký hiệu, dấu câu hoặc emoji).',
  },
  limitNothingToReadFix: { en: 'Give text with words to read.', vi: 'Hãy đưa văn bản có chữ để đọc.' },
} satisfies MessageTable;
