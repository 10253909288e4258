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
  localFixturesSpeechTokens: {
    en: '--speech-tokens must be a whole number from 2 to 65536.',
    vi: '--speech-tokens phải là số nguyên từ 2 đến 65536.',
  },
  localFixturesUsage: {
    en: 'Give the folder to write the test models into: vieneu fixtures DIR [--real-shape]',
    vi: 'Hãy cho biết thư mục để ghi các mô hình thử: vieneu fixtures DIR [--real-shape]',
  },
  // models: downloads and the cache (engine/assets helper)
  localDownloadInterrupted: { en: 'The download of {0} was interrupted.', vi: 'Việc tải {0} bị gián đoạn.' },
  localDownloadResumeFix: {
    en: 'Try again: it resumes where it stopped.',
    vi: 'Hãy thử lại: việc tải sẽ tiếp tục từ chỗ đã dừng.',
  },
  localDownloadNoNetwork: { en: 'Cannot reach {0} ({1}).', vi: 'Không kết nối được tới {0} ({1}).' },
  localDownloadNoNetworkFix: {
    en: 'Check your internet connection, or download the model files elsewhere and set vieneu.local.modelsPath to their folder.',
    vi: 'Hãy kiểm tra kết nối mạng, hoặc tải tệp mô hình ở nơi khác rồi đặt vieneu.local.modelsPath tới thư mục chứa chúng.',
  },
  localDownloadAuth: {
    en: 'Hugging Face refused access to {0} (HTTP {1}): the repository is gated or private.',
    vi: 'Hugging Face từ chối truy cập {0} (HTTP {1}): kho này bị giới hạn hoặc riêng tư.',
  },
  localDownloadAuthFix: {
    en: 'Accept the model licence on its Hugging Face page, then set your Hugging Face token (in VS Code: "VieNeu: Set Hugging Face Token"; on the command line: HF_TOKEN).',
    vi: 'Hãy chấp nhận giấy phép trên trang Hugging Face của mô hình, rồi đặt token Hugging Face (trong VS Code: "VieNeu: Đặt token Hugging Face"; trên dòng lệnh: HF_TOKEN).',
  },
  localDownloadAuthFixToken: {
    en: 'Your Hugging Face token was refused: check that it is valid and that you accepted the model licence on its page.',
    vi: 'Token Hugging Face của bạn bị từ chối: hãy kiểm tra token còn hiệu lực và bạn đã chấp nhận giấy phép trên trang mô hình.',
  },
  localDownloadNotFound: { en: '{0} was not found on the server (HTTP 404).', vi: 'Không tìm thấy {0} trên máy chủ (HTTP 404).' },
  localDownloadNotFoundFix: {
    en: 'Check the model id in vieneu.local.backbone / vieneu.local.codec, or pick one from the catalogue.',
    vi: 'Hãy kiểm tra mã mô hình trong vieneu.local.backbone / vieneu.local.codec, hoặc chọn một mô hình trong danh mục.',
  },
  localDownloadServer: { en: 'The server answered HTTP {1} for {0}.', vi: 'Máy chủ trả về HTTP {1} cho {0}.' },
  localDownloadLaterFix: { en: 'Try again in a few minutes.', vi: 'Hãy thử lại sau vài phút.' },
  localDownloadDiskFull: {
    en: 'The disk is full: {0} could not be saved in {1}.',
    vi: 'Ổ đĩa đã đầy: không lưu được {0} vào {1}.',
  },
  localDownloadDiskFullFix: {
    en: 'Free some disk space, then try again: the download resumes where it stopped.',
    vi: 'Hãy giải phóng dung lượng ổ đĩa rồi thử lại: việc tải sẽ tiếp tục từ chỗ đã dừng.',
  },
  localDownloadWriteFailed: { en: 'Cannot write into {0} ({1}).', vi: 'Không ghi được vào {0} ({1}).' },
  localDownloadChecksum: {
    en: 'The downloaded {0} does not match its published checksum, so it was deleted.',
    vi: 'Tệp {0} vừa tải không khớp mã kiểm tra đã công bố nên đã bị xoá.',
  },
  localDownloadChecksumFix: {
    en: 'Download it again; if this keeps happening, something between you and Hugging Face alters the file.',
    vi: 'Hãy tải lại; nếu lỗi lặp lại, có thứ gì đó giữa bạn và Hugging Face đang làm thay đổi tệp.',
  },
  localRepoNotFound: {
    en: 'The Hugging Face repository {0} (revision {1}) does not exist.',
    vi: 'Kho Hugging Face {0} (phiên bản {1}) không tồn tại.',
  },
  localListingTimeout: {
    en: 'Hugging Face did not send the file list of {0} within {2} s ({1}).',
    vi: 'Hugging Face không gửi danh sách tệp của {0} trong vòng {2} giây ({1}).',
  },
  localListingBroken: {
    en: 'The file list of {0} from {1} is not the Hugging Face answer expected (it begins "{2}").',
    vi: 'Danh sách tệp của {0} từ {1} không phải câu trả lời Hugging Face mong đợi (nó bắt đầu bằng "{2}").',
  },
  localListingBrokenFix: {
    en: 'A proxy, a login page of the network or a wrong HF_ENDPOINT may be answering instead: check them, then try again.',
    vi: 'Có thể một proxy, trang đăng nhập của mạng hoặc HF_ENDPOINT sai đang trả lời thay: hãy kiểm tra rồi thử lại.',
  },
  localRepoUnsafePath: {
    en: 'The file list of {0} names "{1}", a path outside the model folder, so nothing was downloaded.',
    vi: 'Danh sách tệp của {0} có "{1}", một đường dẫn ra ngoài thư mục mô hình, nên không tải gì cả.',
  },
  localRepoUnsafePathFix: {
    en: 'Use the official repository, or download its files yourself and set vieneu.local.modelsPath to their folder.',
    vi: 'Hãy dùng kho chính thức, hoặc tự tải các tệp rồi đặt vieneu.local.modelsPath tới thư mục chứa chúng.',
  },
  localDownloadTooBig: {
    en: 'The server sent more than the {1} bytes listed for {0}, so the download was stopped and deleted.',
    vi: 'Máy chủ gửi nhiều hơn {1} byte đã liệt kê cho {0}, nên việc tải đã dừng và bị xoá.',
  },
  localRepoMissingFile: { en: 'The repository {0} has no file matching {1}.', vi: 'Kho {0} không có tệp nào khớp {1}.' },
  localModelSpecEmpty: { en: 'No {0} model is configured.', vi: 'Chưa cấu hình mô hình {0}.' },
  localModelPathMissing: { en: 'The model path {0} does not exist.', vi: 'Đường dẫn mô hình {0} không tồn tại.' },
  localModelPathFix: {
    en: 'Give a .gguf or .onnx file, a folder holding one, or a Hugging Face repository id.',
    vi: 'Hãy chỉ định một tệp .gguf hoặc .onnx, một thư mục chứa tệp đó, hoặc mã kho Hugging Face.',
  },
  localModelFolderEmpty: { en: 'The folder {0} has no {1} file.', vi: 'Thư mục {0} không có tệp {1}.' },
  localModelUnknown: {
    en: '"{0}" is neither a known model, a Hugging Face repository id (owner/name) nor an existing path.',
    vi: '"{0}" không phải mô hình đã biết, mã kho Hugging Face (chủ/tên) hay đường dẫn có thật.',
  },
  localModelUnknownFix: {
    en: 'Use a catalogue id such as vieneu-0.5b-q4, a repository id, or a file path.',
    vi: 'Hãy dùng mã trong danh mục như vieneu-0.5b-q4, mã kho, hoặc đường dẫn tệp.',
  },
  localModelNotRunnable: {
    en: '{0} needs PyTorch and cannot run in the local engine.',
    vi: '{0} cần PyTorch và không chạy được trong bộ máy cục bộ.',
  },
  localModelNotRunnableFix: {
    en: 'Pick a GGUF variant (q4 or q8) for local use, or run this one on Google Colab.',
    vi: 'Hãy chọn bản GGUF (q4 hoặc q8) để chạy cục bộ, hoặc chạy bản này trên Google Colab.',
  },
  localModelOffline: { en: '{0} is not downloaded yet and the network is off.', vi: '{0} chưa được tải và mạng đang tắt.' },
  localModelOfflineFix: {
    en: 'Connect to the internet once, or copy the model files into {0}.',
    vi: 'Hãy kết nối mạng một lần, hoặc chép các tệp mô hình vào {0}.',
  },
  localPhaseListing: { en: 'Looking up {0}…', vi: 'Đang tra cứu {0}…' },
  localPhaseDownloading: { en: 'Downloading {0}…', vi: 'Đang tải {0}…' },
  localPhaseDownloaded: { en: '{0} downloaded', vi: 'Đã tải xong {0}' },
  // engine (engine/assets helper)
  localPromptTooLong: {
    en: 'The prompt takes {0} tokens, but the model can only hold {1}.',
    vi: 'Lời nhắc dài {0} token, nhưng mô hình chỉ chứa được {1}.',
  },
  localPromptTooLongFix: {
    en: 'Use a voice with a shorter reference clip (under about 10 seconds).',
    vi: 'Hãy dùng giọng có đoạn ghi âm mẫu ngắn hơn (dưới khoảng 10 giây).',
  },
  // local backend status and loading (engine/assets helper)
  localStatusBuiltin: { en: 'Built-in voice (robotic, espeak-ng)', vi: 'Giọng có sẵn (giọng máy, espeak-ng)' },
  localStatusNoModel: { en: 'No local model loaded', vi: 'Chưa nạp mô hình cục bộ' },
  localStatusModelLoaded: { en: '{0} loaded', vi: 'Đã nạp {0}' },
  localPhasePreparing: { en: 'Preparing…', vi: 'Đang chuẩn bị…' },
  localPhaseLoadingBackbone: { en: 'Loading the speech model…', vi: 'Đang nạp mô hình giọng nói…' },
  localPhaseLoadingCodec: { en: 'Loading the audio decoder…', vi: 'Đang nạp bộ giải mã âm thanh…' },
  localLoadFailed: { en: 'The local model could not be loaded:', vi: 'Không nạp được mô hình cục bộ:' },
  localNotReady: { en: 'No local model is loaded and the built-in voice is off.', vi: 'Chưa nạp mô hình cục bộ và giọng có sẵn đang tắt.' },
  localNotReadyFix: {
    en: 'Load the VieNeu model, or turn on vieneu.local.builtinVoice.',
    vi: 'Hãy nạp mô hình VieNeu, hoặc bật vieneu.local.builtinVoice.',
  },
  localActionLoadModel: { en: 'Load VieNeu model', vi: 'Nạp mô hình VieNeu' },
  localActionSetHfToken: { en: 'Set Hugging Face token', vi: 'Đặt token Hugging Face' },
  localDownloadNoSpace: {
    en: '{0} needs {1} MB but only {2} MB are free in {3}.',
    vi: '{0} cần {1} MB nhưng {3} chỉ còn trống {2} MB.',
  },
} satisfies MessageTable;
