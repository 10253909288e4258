// User-facing sentences of voice cloning: reading the audio file, checking the clip, running the graphs, the
// CLI and the command. Add entries as { en, vi }; reference them with t('id').
import type { MessageTable } from './table';

export const CLONE_MESSAGES = {
  // decoding the audio file
  cloneAudioEmpty: { en: '{0} is empty (0 bytes).', vi: '{0} rỗng (0 byte).' },
  cloneAudioUnknownFormat: {
    en: '{0} is not a WAV, FLAC, MP3 or Ogg Vorbis file (whatever its name says).',
    vi: '{0} không phải tệp WAV, FLAC, MP3 hay Ogg Vorbis (dù tên tệp là gì).',
  },
  cloneAudioFormatFix: {
    en: 'Export the recording as WAV, FLAC, MP3 or Ogg Vorbis with an audio editor and try again.',
    vi: 'Hãy xuất bản ghi thành WAV, FLAC, MP3 hoặc Ogg Vorbis bằng một trình sửa âm thanh rồi thử lại.',
  },
  cloneAudioOpus: {
    en: '{0} is Ogg Opus, which cannot be read here; only Ogg Vorbis can.',
    vi: '{0} là Ogg Opus, loại này chưa đọc được; chỉ đọc được Ogg Vorbis.',
  },
  cloneAudioUnsupportedWav: {
    en: '{0} is a WAV file with an encoding that cannot be read here ({1}).',
    vi: '{0} là tệp WAV có kiểu mã hoá chưa đọc được ({1}).',
  },
  cloneAudioWavFix: {
    en: 'Save it as 16-bit or 24-bit PCM WAV (or FLAC) and try again.',
    vi: 'Hãy lưu lại thành WAV PCM 16-bit hoặc 24-bit (hoặc FLAC) rồi thử lại.',
  },
  cloneAudioBadHeader: { en: '{0} has a damaged header ({1}).', vi: 'Phần đầu tệp {0} bị hỏng ({1}).' },
  cloneAudioTruncated: {
    en: '{0} is cut short: its header announces {1} of audio but the file holds only {2}.',
    vi: '{0} bị cắt cụt: phần đầu báo {1} âm thanh nhưng tệp chỉ chứa {2}.',
  },
  cloneAudioCorruptFix: {
    en: 'The file is damaged or still being written; export the recording again.',
    vi: 'Tệp bị hỏng hoặc đang được ghi dở; hãy xuất lại bản ghi.',
  },
  cloneAudioCorrupt: {
    en: '{0} could not be decoded ({1}).',
    vi: 'Không giải mã được {0} ({1}).',
  },
  cloneAudioNoSamples: { en: '{0} holds no audio samples.', vi: '{0} không chứa mẫu âm thanh nào.' },
  cloneAudioTooLong: {
    en: '{0} is longer than {1} (it lasts at least {2}); a voice is cloned from 3 to 8 seconds of speech.',
    vi: '{0} dài hơn {1} (ít nhất {2}); giọng được nhân bản từ 3 đến 8 giây lời nói.',
  },
  cloneAudioTooLongFix: {
    en: 'Cut the few seconds you want into a file of their own and clone from that.',
    vi: 'Hãy cắt vài giây bạn muốn ra một tệp riêng rồi nhân bản từ tệp đó.',
  },
  cloneAudioBadFormatValues: {
    en: '{0} declares {1}, which no recording has.',
    vi: '{0} khai báo {1}, không bản ghi nào như vậy.',
  },
  // checking the clip
  cloneClipSilent: {
    en: 'The recording is silent (its loudest sample is {0} dBFS).',
    vi: 'Bản ghi im lặng (mẫu to nhất chỉ {0} dBFS).',
  },
  cloneClipSilentFix: {
    en: 'Check that the right microphone was recording, then record again.',
    vi: 'Hãy kiểm tra đúng micrô đã ghi chưa rồi ghi lại.',
  },
  cloneClipTooShort: {
    en: 'The recording has only {0} s of sound after its silent edges are trimmed; at least {1} s are needed.',
    vi: 'Bản ghi chỉ còn {0} giây âm thanh sau khi cắt khoảng lặng ở hai đầu; cần ít nhất {1} giây.',
  },
  cloneClipTooShortFix: {
    en: 'Record 3 to 8 seconds of one person speaking clearly.',
    vi: 'Hãy ghi 3 đến 8 giây một người nói rõ ràng.',
  },
  cloneClipClipped: {
    en: 'The recording is distorted: {0}% of its samples are stuck at full scale (clipped).',
    vi: 'Bản ghi bị méo: {0}% số mẫu chạm mức tối đa (bị xén).',
  },
  cloneClipClippedFix: {
    en: 'Record again with the microphone gain turned down, or pick a cleaner clip.',
    vi: 'Hãy giảm độ nhạy micrô rồi ghi lại, hoặc chọn đoạn sạch hơn.',
  },
  // graphs
  cloneModelMissing: { en: 'The {0} model is missing: {1} does not exist.', vi: 'Thiếu mô hình {0}: không có {1}.' },
  cloneModelMissingFix: {
    en: 'Download the v3 Turbo model and the MOSS codec again, or point --backbone / --codec at folders that hold them.',
    vi: 'Hãy tải lại mô hình v3 Turbo và bộ mã MOSS, hoặc trỏ --backbone / --codec tới thư mục chứa chúng.',
  },
  cloneModelBadOutput: {
    en: '{0} returned {1}, not {2}.',
    vi: '{0} trả về {1}, không phải {2}.',
  },
  cloneModelBadOutputFix: {
    en: 'The model file does not match v3 Turbo; download it again.',
    vi: 'Tệp mô hình không khớp v3 Turbo; hãy tải lại.',
  },
  cloneEmbeddingInvalid: {
    en: 'The speaker encoder gave an unusable embedding ({0}).',
    vi: 'Bộ mã hoá người nói cho ra vector không dùng được ({0}).',
  },
  // CLI
  cloneCliUsage: {
    en: 'Give one audio file and a name: vieneu clone AUDIO --name NAME --out voice.json',
    vi: 'Hãy cho một tệp âm thanh và một tên: vieneu clone AUDIO --name NAME --out voice.json',
  },
  cloneCliNoOut: { en: 'Say where to write the voice with --out voice.json.', vi: 'Hãy cho biết nơi ghi giọng bằng --out voice.json.' },
  cloneCliBadName: {
    en: 'The voice name must be 1 to 64 characters, not only spaces.',
    vi: 'Tên giọng phải dài từ 1 đến 64 ký tự và không chỉ gồm dấu cách.',
  },
  cloneCliWrote: {
    en: 'Wrote voice "{0}" to {1} ({2} reference frames, {3} s of speech).',
    vi: 'Đã ghi giọng "{0}" vào {1} ({2} khung tham chiếu, {3} giây lời nói).',
  },
  cloneCliNotFolder: {
    en: '{0} is not a folder with the {1} model files.',
    vi: '{0} không phải thư mục chứa các tệp mô hình {1}.',
  },
  cloneCliNotFolderFix: {
    en: 'Give the folder of a downloaded model (for a try offline: vieneu fixtures DIR, then --backbone DIR/v3-turbo --codec DIR/moss-codec).',
    vi: 'Hãy cho thư mục của mô hình đã tải (để thử ngoại tuyến: vieneu fixtures DIR, rồi --backbone DIR/v3-turbo --codec DIR/moss-codec).',
  },
  cloneStageDecode: { en: 'Reading the recording…', vi: 'Đang đọc bản ghi…' },
  cloneStageTrim: { en: 'Checking and trimming the clip…', vi: 'Đang kiểm tra và cắt đoạn ghi…' },
  cloneStageDenoise: { en: 'Cleaning up background noise…', vi: 'Đang lọc tạp âm nền…' },
  cloneStageSpeaker: { en: 'Measuring the voice…', vi: 'Đang đo đặc trưng giọng…' },
  cloneStageCodes: { en: 'Encoding the reference…', vi: 'Đang mã hoá đoạn tham chiếu…' },
  cloneCmdAgree: { en: 'I have the right to clone this voice', vi: 'Tôi có quyền nhân bản giọng này' },
  cloneCmdPrivacy: {
    en: 'The recording is processed on this computer and never uploaded. The voice is kept in the extension\'s own storage, not in your settings or workspace.',
    vi: 'Bản ghi được xử lý trên máy này và không bao giờ được tải lên. Giọng được lưu trong kho riêng của tiện ích, không nằm trong cài đặt hay thư mục làm việc.',
  },
  cloneCmdOpenLabel: { en: 'Clone this voice', vi: 'Nhân bản giọng này' },
  cloneCmdAudioFilter: { en: 'Audio (WAV, FLAC, MP3, Ogg)', vi: 'Âm thanh (WAV, FLAC, MP3, Ogg)' },
  cloneCmdNamePrompt: { en: 'A name for the cloned voice', vi: 'Tên cho giọng nhân bản' },
  cloneVoiceDescription: { en: 'Cloned on this computer', vi: 'Nhân bản trên máy này' },
  cloneCmdDenoisePrompt: { en: 'Clean up background noise first? (slower)', vi: 'Lọc tạp âm nền trước? (chậm hơn)' },
  cloneCmdDenoiseYes: { en: 'Clean up background noise', vi: 'Lọc tạp âm nền' },
  cloneCmdDenoiseNo: { en: 'Use the recording as it is', vi: 'Dùng nguyên bản ghi' },
  cloneCmdProgressTitle: { en: 'Cloning voice "{0}"', vi: 'Đang nhân bản giọng "{0}"' },
  cloneCmdDone: {
    en: 'Voice "{0}" is ready ({1} reference frames from {2} s of speech).',
    vi: 'Giọng "{0}" đã sẵn sàng ({1} khung tham chiếu từ {2} giây lời nói).',
  },
  cloneCmdNoModels: {
    en: 'Cloning needs the v3 Turbo model (speaker_encoder.onnx) and the MOSS codec (moss_audio_tokenizer_encode.onnx), which are not downloaded.',
    vi: 'Nhân bản giọng cần mô hình v3 Turbo (speaker_encoder.onnx) và bộ mã MOSS (moss_audio_tokenizer_encode.onnx), hiện chưa được tải.',
  },
  cloneCmdNoModelsFix: {
    en: 'Load the v3 Turbo model with "VieNeu: Load Local Model" first, then clone again.',
    vi: 'Hãy tải mô hình v3 Turbo bằng "VieNeu: Tải mô hình cục bộ" trước, rồi nhân bản lại.',
  },
  cloneRightsReminder: {
    en: 'Clone only voices you have the right to use: your own, or someone who has agreed.',
    vi: 'Chỉ nhân bản giọng bạn có quyền dùng: giọng của bạn, hoặc của người đã đồng ý.',
  },
  // the store of cloned voices: rename, delete, export, import (panel and commands)
  cloneStoreNoSuchVoice: { en: 'There is no cloned voice "{0}" (any more).', vi: 'Không (còn) có giọng nhân bản "{0}".' },
  cloneStoreNoSuchVoiceFix: { en: 'It may have been deleted in another window; the list shows the voices there are.', vi: 'Có thể nó đã bị xoá ở cửa sổ khác; danh sách cho thấy các giọng hiện có.' },
  cloneStoreNameTaken: { en: 'A cloned voice is already called "{0}".', vi: 'Đã có giọng nhân bản tên "{0}".' },
  cloneStoreNameTakenFix: { en: 'Choose another name, or rename or delete the existing voice first.', vi: 'Hãy chọn tên khác, hoặc đổi tên hay xoá giọng đang có trước.' },
  cloneImportTooLarge: { en: '{0} is larger than {1} MB: it is not a voices file.', vi: '{0} lớn hơn {1} MB: đây không phải tệp giọng.' },
  cloneImportNotJson: { en: '{0} is not valid JSON ({1}).', vi: '{0} không phải JSON hợp lệ ({1}).' },
  cloneImportEmpty: { en: '{0} holds no voices.', vi: '{0} không chứa giọng nào.' },
  cloneImportTooMany: { en: '{0} holds more than {1} voices.', vi: '{0} chứa hơn {1} giọng.' },
  cloneImportNoCodes: { en: 'Voice "{0}" has no reference codes, so it cannot be used as a cloned voice.', vi: 'Giọng "{0}" không có mã tham chiếu nên không dùng làm giọng nhân bản được.' },
  cloneImportFix: {
    en: 'Import a voices_v3_turbo.json-format file, such as one exported from this panel or written by "vieneu clone".',
    vi: 'Hãy nhập một tệp theo định dạng voices_v3_turbo.json, ví dụ tệp xuất từ bảng này hoặc do "vieneu clone" ghi ra.',
  },
  // cloning from the panel, and on a server (remote enrolment)
  cloneAlreadyRunning: { en: 'A voice is already being cloned.', vi: 'Đang nhân bản một giọng khác.' },
  cloneAlreadyRunningFix: { en: 'Wait for it to finish, or press Cancel, then try again.', vi: 'Hãy chờ xong, hoặc bấm Huỷ, rồi thử lại.' },
  cloneCancelled: { en: 'Cloning cancelled; nothing was kept.', vi: 'Đã huỷ nhân bản; không lưu gì.' },
  cloneRenamed: { en: 'Renamed to "{0}".', vi: 'Đã đổi tên thành "{0}".' },
  cloneDeleteConfirm: { en: 'Delete the cloned voice "{0}"?', vi: 'Xoá giọng nhân bản "{0}"?' },
  cloneDeleteDetail: { en: 'It is removed from this computer; export it first to keep a copy.', vi: 'Giọng sẽ bị xoá khỏi máy này; hãy xuất ra trước nếu muốn giữ một bản.' },
  cloneDeleteYes: { en: 'Delete', vi: 'Xoá' },
  cloneDeleted: { en: 'Deleted the cloned voice "{0}".', vi: 'Đã xoá giọng nhân bản "{0}".' },
  cloneExported: { en: 'Exported "{0}" to {1}.', vi: 'Đã xuất "{0}" ra {1}.' },
  cloneImported: { en: 'Imported {0} voice(s): {1}.', vi: 'Đã nhập {0} giọng: {1}.' },
  cloneExportFilter: { en: 'VieNeu v3 voices (voices_v3_turbo.json)', vi: 'Giọng VieNeu v3 (voices_v3_turbo.json)' },
  cloneWherePrompt: { en: 'Where should the voice be cloned?', vi: 'Nhân bản giọng ở đâu?' },
  cloneWhereServerDetail: { en: 'The recording is uploaded to that server and kept there as one of its voices.', vi: 'Bản ghi được tải lên máy chủ đó và lưu ở đó như một giọng của nó.' },
  cloneServerPrivacy: {
    en: 'The recording is uploaded to {0} and enrolled there as a voice of that server; it is not kept on this computer.',
    vi: 'Bản ghi được tải lên {0} và đăng ký ở đó thành một giọng của máy chủ; không lưu trên máy này.',
  },
  cloneServerCannotEnrol: { en: 'The connected server cannot enrol a voice from a clip.', vi: 'Máy chủ đang kết nối không đăng ký được giọng từ đoạn ghi.' },
  cloneServerCannotEnrolFix: {
    en: 'Clone on this computer instead, or connect to a VieNeu-TTS v3 server (upstream\'s or the v3 notebook\'s).',
    vi: 'Hãy nhân bản trên máy này, hoặc kết nối tới một máy chủ VieNeu-TTS v3 (của upstream hoặc notebook v3).',
  },
  cloneServerDone: { en: 'Voice "{0}" is enrolled on {1}; choose it with Choose Voice while connected.', vi: 'Đã đăng ký giọng "{0}" trên {1}; chọn nó bằng Chọn giọng khi đang kết nối.' },
  cloneServerVoiceDescription: { en: 'Cloned on {0}', vi: 'Nhân bản trên {0}' },
} satisfies MessageTable;
