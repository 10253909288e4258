// User-facing sentences of the core and the extension shell: backend switching, speaking, configuration.
import type { MessageTable } from './table';

export const CORE_MESSAGES = {
  // Backend switching: the original tool's words, kept because its users search for them
  cannotSwitchColab: { en: 'Cannot switch to Colab: Not connected to Colab backend.', vi: 'Không thể chuyển sang Colab: Chưa kết nối tới backend Colab.' },
  cannotSwitchLocal: { en: 'Cannot switch to Local: No local model loaded.', vi: 'Không thể chuyển sang Local: Chưa tải mô hình cục bộ.' },
  // Speaking on a Colab that is not there
  speakColabStopped: { en: 'The Colab server stopped answering ({0}).', vi: 'Máy chủ Colab đã ngừng trả lời ({0}).' },
  speakColabUnavailable: { en: 'Colab cannot speak: {0}.', vi: 'Colab không đọc được: {0}.' },
  speakColabNotConnected: { en: 'Colab is not connected.', vi: 'Chưa kết nối Colab.' },
  fixColabStopped: { en: 'Check that the notebook still runs in Colab, then connect again.', vi: 'Hãy kiểm tra notebook vẫn đang chạy trên Colab, rồi kết nối lại.' },
  fixSpeakWithLocal: { en: 'The Local voice is ready: speak with it, or connect to Colab again.', vi: 'Giọng cục bộ đã sẵn sàng: hãy đọc bằng nó, hoặc kết nối lại Colab.' },
  actionSpeakWithLocal: { en: 'Speak with Local', vi: 'Đọc bằng giọng cục bộ' },
  actionAlwaysFallBack: { en: 'Always fall back to Local…', vi: 'Luôn chuyển sang cục bộ…' },
  fellBackToLocal: { en: '{0} VieNeu speaks with Local instead.', vi: '{0} VieNeu đọc bằng giọng cục bộ thay thế.' },
  fixConnectColab: { en: 'Generate the Colab notebook, run it, then connect with its URL and token.', vi: 'Tạo notebook Colab, chạy nó, rồi kết nối bằng URL và token mà nó in ra.' },
  fixLoadLocal: { en: 'Run "VieNeu: Load Local Model" or enable the built-in voice.', vi: 'Chạy "VieNeu: Tải mô hình cục bộ" hoặc bật giọng tích hợp sẵn.' },
  switchedTo: { en: 'VieNeu: now speaking with the {0} backend.', vi: 'VieNeu: đang đọc bằng backend {0}.' },
  noBackendReady: { en: 'No VieNeu backend is ready. Load a local model or connect to Colab.', vi: 'Chưa có backend VieNeu nào sẵn sàng. Hãy tải mô hình cục bộ hoặc kết nối Colab.' },
  backendNotReady: { en: 'The {0} backend is not ready: {1}', vi: 'Backend {0} chưa sẵn sàng: {1}' },

  // Names
  backendLocal: { en: 'Local', vi: 'Cục bộ' },
  backendColab: { en: 'Colab', vi: 'Colab' },
  stateIdle: { en: 'not ready', vi: 'chưa sẵn sàng' },
  stateBusy: { en: 'working', vi: 'đang xử lý' },
  stateReady: { en: 'ready', vi: 'sẵn sàng' },
  stateError: { en: 'error', vi: 'lỗi' },
  notConnected: { en: 'Not connected', vi: 'Chưa kết nối' },

  // Actions offered in messages
  actionSwitch: { en: 'Switch backend', vi: 'Chuyển backend' },
  activeMarker: { en: 'active', vi: 'đang dùng' },
  switchTitle: { en: 'VieNeu: Switch Backend', vi: 'VieNeu: Chuyển backend' },
  switchPlaceholder: { en: 'Where should speech be made?', vi: 'Tạo giọng nói ở đâu?' },
  actionLoadModel: { en: 'Load Model', vi: 'Tải mô hình' },
  actionConnectColab: { en: 'Connect to Colab', vi: 'Kết nối Colab' },
  actionOpenPanel: { en: 'Open Admin Panel', vi: 'Mở bảng quản trị' },
  actionOpenConfig: { en: 'Open config.yaml', vi: 'Mở config.yaml' },

  // Speaking
  nothingToSpeak: { en: 'Nothing to speak: select some text, or put the cursor in a paragraph.', vi: 'Không có gì để đọc: hãy chọn văn bản hoặc đặt con trỏ trong một đoạn.' },
  noEditor: { en: 'Open a text editor first: VieNeu reads the selection of the active editor.', vi: 'Hãy mở một trình soạn thảo văn bản trước: VieNeu đọc phần được chọn của trình soạn thảo đang hoạt động.' },
  speaking: { en: 'Speaking with {0}…', vi: 'Đang đọc bằng {0}…' },
  stopped: { en: 'Stopped speaking.', vi: 'Đã dừng đọc.' },
  savedAudio: { en: 'Saved {0} ({1} s of audio).', vi: 'Đã lưu {0} ({1} giây âm thanh).' },
  savingAudio: { en: 'VieNeu: writing audio…', vi: 'VieNeu: đang ghi âm thanh…' },

  // Configuration
  configYamlBroken: { en: 'config.yaml is not valid YAML at line {0}, column {1}: {2}. Fix the file; VieNeu keeps using your settings until then and never rewrites it.', vi: 'config.yaml không phải YAML hợp lệ ở dòng {0}, cột {1}: {2}. Hãy sửa tệp; VieNeu vẫn dùng cài đặt của bạn cho tới khi đó và không bao giờ ghi đè tệp.' },
  configYamlShape: { en: 'config.yaml: {0}. Fix the file; VieNeu keeps using your settings until then.', vi: 'config.yaml: {0}. Hãy sửa tệp; VieNeu vẫn dùng cài đặt của bạn cho tới khi đó.' },
  configUnreadable: { en: 'config.yaml could not be read: {0}', vi: 'Không đọc được config.yaml: {0}' },

  // Secrets
  secretStored: { en: 'Stored in VS Code secret storage.', vi: 'Đã lưu trong kho bí mật của VS Code.' },
} satisfies MessageTable;
