// User-facing sentences of the sea-g2p front-end (v3 models): the SEAP dictionary file and the `--g2p sea` CLI.
import type { MessageTable } from './table';

export const SEA_MESSAGES = {
  seapNotFound: { en: 'The sea-g2p dictionary {0} was not found.', vi: 'Không tìm thấy từ điển sea-g2p {0}.' },
  seapUnreadable: { en: 'The sea-g2p dictionary {0} could not be read: {1}', vi: 'Không đọc được từ điển sea-g2p {0}: {1}' },
  seapBadMagic: { en: 'The file {0} is not a sea-g2p dictionary (it does not start with "SEAP").', vi: 'Tệp {0} không phải từ điển sea-g2p (không bắt đầu bằng "SEAP").' },
  seapBadVersion: { en: 'The sea-g2p dictionary {0} has format version {1}; this build reads versions 1 and 2.', vi: 'Từ điển sea-g2p {0} có phiên bản định dạng {1}; bản này chỉ đọc phiên bản 1 và 2.' },
  seapTruncated: { en: 'The sea-g2p dictionary {0} is truncated or damaged: {1}', vi: 'Từ điển sea-g2p {0} bị cắt cụt hoặc hỏng: {1}' },
  seapFix: { en: 'Download the v3 model\'s files again, or point --dict (or the dictionary setting) at a complete sea_g2p.bin.', vi: 'Hãy tải lại các tệp của mô hình v3, hoặc trỏ --dict (hoặc phần cài đặt từ điển) tới một tệp sea_g2p.bin đầy đủ.' },
  seapNeedsDict: { en: '--g2p sea needs the sea-g2p dictionary: pass --dict with the path of sea_g2p.bin.', vi: '--g2p sea cần từ điển sea-g2p: hãy truyền --dict với đường dẫn tới sea_g2p.bin.' },
} satisfies MessageTable;
