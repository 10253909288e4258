// User-facing sentences of the ui area: the admin panel, the player, the status bar and speaking.
// The panel's webview never holds text of its own: the extension sends it these, already localized.
import type { MessageTable } from './table';

export const UI_MESSAGES = {
  // Admin panel: frame
  uiPanelTitle: { en: 'VieNeu TTS Admin', vi: 'Quản trị VieNeu TTS' },
  uiPanelLoading: { en: 'Loading…', vi: 'Đang tải…' },

  // Backend Selection
  uiSecBackend: { en: 'Backend Selection', vi: 'Chọn backend' },
  uiLocalBackend: { en: 'Local Backend', vi: 'Backend cục bộ' },
  uiColabBackend: { en: 'Google Colab Backend', vi: 'Backend Google Colab' },
  uiActiveMode: { en: 'Active Backend Mode', vi: 'Chế độ backend đang dùng' },
  uiModeLocal: { en: 'Local', vi: 'Cục bộ' },
  uiModeColab: { en: 'Google Colab', vi: 'Google Colab' },
  uiStateLabelIdle: { en: 'Not ready', vi: 'Chưa sẵn sàng' },
  uiStateLabelBusy: { en: 'Working', vi: 'Đang xử lý' },
  uiStateLabelReady: { en: 'Ready', vi: 'Sẵn sàng' },
  uiStateLabelError: { en: 'Error', vi: 'Lỗi' },
  uiActiveBadge: { en: 'active', vi: 'đang dùng' },
  uiLatency: { en: 'Latency', vi: 'Độ trễ' },
  uiGpu: { en: 'GPU', vi: 'GPU' },

  // Model Control
  uiSecModel: { en: 'Model Control', vi: 'Điều khiển mô hình' },
  uiBackbone: { en: 'Backbone', vi: 'Mô hình chính (backbone)' },
  uiCodec: { en: 'Codec', vi: 'Codec' },
  uiDevice: { en: 'Device', vi: 'Thiết bị' },
  uiDeviceAuto: { en: 'Auto', vi: 'Tự động' },
  uiDeviceCpu: { en: 'CPU', vi: 'CPU' },
  uiDeviceGpu: { en: 'GPU', vi: 'GPU' },
  uiLoadModel: { en: 'Load Model', vi: 'Tải mô hình' },
  uiCancel: { en: 'Cancel', vi: 'Hủy' },
  uiUnloadModel: { en: 'Unload', vi: 'Gỡ mô hình' },
  uiLicence: { en: 'Licence', vi: 'Giấy phép' },
  uiSize: { en: 'Size', vi: 'Dung lượng' },
  uiSizeUnknown: { en: 'unknown', vi: 'không rõ' },
  uiMegabytes: { en: '{0} MB', vi: '{0} MB' },

  // Colab Configuration
  uiSecColab: { en: 'Colab Configuration', vi: 'Cấu hình Colab' },
  uiStep1: { en: 'Step 1 — Generate the notebook', vi: 'Bước 1 — Tạo notebook' },
  uiStep1Help: { en: 'Pick the models the notebook will load on Colab\'s GPU. The notebook carries a fresh auth token.', vi: 'Chọn các mô hình mà notebook sẽ tải trên GPU của Colab. Notebook mang theo một token xác thực mới.' },
  uiOpenNotebook: { en: 'Open in Notebook Editor', vi: 'Mở trong trình soạn notebook' },
  uiSaveNotebook: { en: 'Save as .ipynb…', vi: 'Lưu thành .ipynb…' },
  uiAuthToken: { en: 'Auth token', vi: 'Token xác thực' },
  uiCopy: { en: 'Copy', vi: 'Sao chép' },
  uiNoTokenYet: { en: 'Generate the notebook to create a token.', vi: 'Hãy tạo notebook để sinh token.' },
  uiStep2: { en: 'Step 2 — Upload and run it on Colab', vi: 'Bước 2 — Tải lên và chạy trên Colab' },
  uiStep2Help1: { en: 'Open colab.research.google.com, choose File → Upload notebook, and pick vieneu_tts_colab.ipynb.', vi: 'Mở colab.research.google.com, chọn Tệp → Tải notebook lên, rồi chọn vieneu_tts_colab.ipynb.' },
  uiStep2Help2: { en: 'Choose Runtime → Change runtime type → T4 GPU, then Runtime → Run all.', vi: 'Chọn Thời gian chạy → Thay đổi loại thời gian chạy → GPU T4, rồi Thời gian chạy → Chạy tất cả.' },
  uiStep2Help3: { en: 'Put your ngrok token in Colab Secrets as NGROK_AUTHTOKEN. The last cell prints the public URL.', vi: 'Đặt token ngrok vào Colab Secrets với tên NGROK_AUTHTOKEN. Ô cuối cùng sẽ in ra URL công khai.' },
  uiStep2Warning: { en: 'Colab\'s terms restrict web services and tunnels on its runtimes; the URL can stop working at any time. Any HTTPS endpoint running the same server works too.', vi: 'Điều khoản của Colab hạn chế dịch vụ web và đường hầm trên runtime; URL có thể ngừng hoạt động bất cứ lúc nào. Mọi endpoint HTTPS chạy cùng máy chủ này đều dùng được.' },
  uiStep3: { en: 'Step 3 — Connect', vi: 'Bước 3 — Kết nối' },
  uiEndpointUrl: { en: 'Endpoint URL', vi: 'URL endpoint' },
  uiEndpointPlaceholder: { en: 'https://xxxx.ngrok-free.app', vi: 'https://xxxx.ngrok-free.app' },
  uiTokenField: { en: 'Token', vi: 'Token' },
  uiTokenStoredPlaceholder: { en: '(stored in secret storage — leave empty to use it)', vi: '(đã lưu trong kho bí mật — để trống để dùng)' },
  uiConnect: { en: 'Connect', vi: 'Kết nối' },
  uiTestConnection: { en: 'Test Connection', vi: 'Kiểm tra kết nối' },
  uiDisconnect: { en: 'Disconnect', vi: 'Ngắt kết nối' },

  // Voices
  uiSecVoices: { en: 'Voices', vi: 'Giọng đọc' },
  uiPresets: { en: 'Preset voices', vi: 'Giọng có sẵn' },
  uiNoPresets: { en: 'Load a model (or connect to Colab) to list its voices.', vi: 'Hãy tải mô hình (hoặc kết nối Colab) để xem danh sách giọng.' },
  uiPreview: { en: 'Preview', vi: 'Nghe thử' },
  uiUse: { en: 'Use', vi: 'Dùng' },
  uiInUse: { en: 'In use', vi: 'Đang dùng' },
  uiCustomVoice: { en: 'Custom voice from codes', vi: 'Giọng tùy chỉnh từ mã' },
  uiVoiceName: { en: 'Name', vi: 'Tên' },
  uiVoiceCodes: { en: 'NeuCodec codes (numbers 0–65535, comma or space separated)', vi: 'Mã NeuCodec (số 0–65535, cách nhau bằng dấu phẩy hoặc khoảng trắng)' },
  uiVoiceTranscript: { en: 'Transcript of the reference clip', vi: 'Lời của đoạn âm thanh mẫu' },
  uiAddVoice: { en: 'Add Voice', vi: 'Thêm giọng' },
  uiCloneVoice: { en: 'Clone from an audio file (Colab)', vi: 'Nhân bản từ tệp âm thanh (Colab)' },
  uiCloneHelp: { en: 'Encoding a new voice needs the PyTorch codec, which runs on the Colab backend.', vi: 'Mã hóa giọng mới cần codec PyTorch, chạy trên backend Colab.' },
  uiCloneNeedsColab: { en: 'Connect to Colab to clone a voice.', vi: 'Hãy kết nối Colab để nhân bản giọng.' },
  uiChooseAudio: { en: 'Choose Audio File and Clone…', vi: 'Chọn tệp âm thanh và nhân bản…' },
  uiVoiceLicence: { en: 'Voice licence', vi: 'Giấy phép giọng' },
  uiCodesEmpty: { en: 'Enter the voice\'s codes.', vi: 'Hãy nhập mã của giọng.' },
  uiCodesNotNumber: { en: '"{0}" is not a whole number.', vi: '"{0}" không phải số nguyên.' },
  uiCodesOutOfRange: { en: '{0} is above 65535, the largest NeuCodec code.', vi: '{0} lớn hơn 65535, mã NeuCodec lớn nhất.' },
  uiNameEmpty: { en: 'Give the voice a name.', vi: 'Hãy đặt tên cho giọng.' },
  uiTranscriptEmpty: { en: 'Enter what the reference clip says.', vi: 'Hãy nhập lời của đoạn âm thanh mẫu.' },
  uiEndpointEmpty: { en: 'Enter the endpoint URL the notebook printed.', vi: 'Hãy nhập URL endpoint mà notebook đã in ra.' },
} satisfies MessageTable;

export type UiMessageId = keyof typeof UI_MESSAGES;
