// User-facing sentences of the sea-g2p front-end (v3 models): the SEAP dictionary file and the `--g2p sea` CLI.
import type { MessageTable } from './table';

export const SEA_MESSAGES = {
  seapNotFound: { en: 'The sea-g2p dictionary {0} was not found.', vi: 'Không tìm thấy từ điển sea-g2p {0}.' },
  seapUnreadable: { en: 'The sea-g2p dictionary {0} could not be read: {1}', vi: 'Không đọc được từ điển sea-g2p {0}: {1}' },
  seapBadMagic: { en: 'The file {0} is not a sea-g2p dictionary (it does not start with "SEAP").', vi: 'Tệp {0} không phải từ điển sea-g2p (không bắt đầu bằng "SEAP").' },
  seapBadVersion: { en: 'The sea-g2p dictionary {0} has format version {1}; this build reads versions 1 and 2.', vi: 'Từ điển sea-g2p {0} có phiên bản định dạng {1}; bản này chỉ đọc phiên bản 1 và 2.' },
  seapTruncated: { en: 'The sea-g2p dictionary {0} is truncated or damaged: {1}', vi: 'Từ điển sea-g2p {0} bị cắt cụt hoặc hỏng: {1}' },
  seapFix: { en: 'Load the v3 model again to download sea_g2p.bin afresh, or point --dict (or the vieneu.local.seaG2pDictionary setting) at a complete sea_g2p.bin.', vi: 'Hãy nạp lại mô hình v3 để tải lại sea_g2p.bin, hoặc trỏ --dict (hoặc phần cài đặt vieneu.local.seaG2pDictionary) tới một tệp sea_g2p.bin đầy đủ.' },
  seapDownloadFailed: {
    en: 'The v3 model reads text with sea-g2p, but its dictionary sea_g2p.bin ({0}) could not be fetched: {1}',
    vi: 'Mô hình v3 đọc văn bản bằng sea-g2p, nhưng không lấy được từ điển sea_g2p.bin ({0}) của nó: {1}',
  },
  seapDownloadFix: {
    en: 'Try again when online, or download sea_g2p.bin yourself (sea-g2p 0.9.1 or 0.10.0, 62.8 MB) and set vieneu.local.seaG2pDictionary (CLI: --dict) to that file.',
    vi: 'Hãy thử lại khi có mạng, hoặc tự tải sea_g2p.bin (sea-g2p 0.9.1 hoặc 0.10.0, 62,8 MB) rồi đặt vieneu.local.seaG2pDictionary (CLI: --dict) tới tệp đó.',
  },
  seaTopWordsUnreadable: { en: 'The word list {0} could not be read ({1}).', vi: 'Không đọc được danh sách từ {0} ({1}).' },
  seaTopWordsEmpty: { en: 'The word list {0} holds no words (one word per line expected).', vi: 'Danh sách từ {0} không có từ nào (cần mỗi dòng một từ).' },
  seaTopWordsFix: {
    en: 'Give --en-top-words a text file with one English word per line, such as google-10000-english.txt (what sea-g2p compiles in).',
    vi: 'Hãy đưa cho --en-top-words một tệp văn bản mỗi dòng một từ tiếng Anh, chẳng hạn google-10000-english.txt (danh sách sea-g2p biên dịch sẵn).',
  },
  seapNeedsDict: { en: '--g2p sea needs the sea-g2p dictionary: pass --dict with the path of sea_g2p.bin.', vi: '--g2p sea cần từ điển sea-g2p: hãy truyền --dict với đường dẫn tới sea_g2p.bin.' },
} satisfies MessageTable;
