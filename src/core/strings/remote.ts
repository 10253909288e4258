// User-facing sentences of the remote area (Colab / Kaggle / self-hosted server, notebook generator).
// Add entries as { en, vi }; reference them with t('id').
import type { MessageTable } from './table';

export const REMOTE_MESSAGES = {
  // Status
  remoteConnecting: { en: 'Connecting…', vi: 'Đang kết nối…' },
  remoteConnected: { en: 'Connected ({0} ms, {1})', vi: 'Đã kết nối ({0} ms, {1})' },
  remoteDisconnected: { en: 'Disconnected: {0}', vi: 'Mất kết nối: {0}' },
  remoteCpu: { en: 'CPU', vi: 'CPU' },
  remoteModelLoading: { en: 'Connected, model still loading on the server…', vi: 'Đã kết nối, mô hình vẫn đang được tải trên máy chủ…' },
  remoteFailedOver: { en: 'Switched to {0}: {1} stopped answering.', vi: 'Đã chuyển sang {0}: {1} không còn phản hồi.' },
  remoteNotReady: { en: 'The Colab backend is not connected.', vi: 'Backend Colab chưa được kết nối.' },

  // Setup problems
  remoteNoEndpoint: { en: 'No Colab endpoint is set.', vi: 'Chưa đặt địa chỉ endpoint Colab.' },
  remoteFixNoEndpoint: { en: 'Generate the notebook, run it in Colab, and paste the URL it prints.', vi: 'Hãy tạo notebook, chạy nó trên Colab và dán URL mà nó in ra.' },
  remoteNoToken: { en: 'No auth token is set for the Colab endpoint.', vi: 'Chưa đặt auth token cho endpoint Colab.' },
  remoteFixToken: { en: 'Paste the token that the notebook printed in its banner (it is also shown when the notebook is generated).', vi: 'Hãy dán token mà notebook in ra trong khung thông báo (token cũng được hiện khi tạo notebook).' },
  remoteBadUrl: { en: 'The endpoint "{0}" is not a valid URL.', vi: 'Endpoint "{0}" không phải là URL hợp lệ.' },
  remoteFixUrl: { en: 'Paste the https:// URL that the notebook printed, without any path.', vi: 'Hãy dán URL https:// mà notebook in ra, không kèm đường dẫn nào.' },
  remoteHttpRefused: { en: 'Refusing to send the auth token over plain http:// to {0}.', vi: 'Từ chối gửi auth token qua http:// không mã hoá tới {0}.' },
  remoteFixHttp: { en: 'Use the https:// URL of the tunnel; plain http:// is only allowed to this computer (localhost).', vi: 'Hãy dùng URL https:// của tunnel; http:// chỉ được phép tới chính máy này (localhost).' },

  // Failures, each with what to do
  remoteAuth: { en: 'The server at {0} rejected the auth token.', vi: 'Máy chủ {0} từ chối auth token.' },
  remoteNgrokOffline: { en: 'The tunnel to {0} is offline ({1}).', vi: 'Tunnel tới {0} đang ngoại tuyến ({1}).' },
  remoteFixTunnel: { en: 'Check that the notebook is still running; if it restarted, connect with the new URL it printed.', vi: 'Hãy kiểm tra notebook còn đang chạy; nếu nó đã khởi động lại, hãy kết nối bằng URL mới mà nó in ra.' },
  remoteHtml: { en: 'The server at {0} answered with a web page instead of the VieNeu API (HTTP {1}).', vi: 'Máy chủ {0} trả về một trang web thay vì API VieNeu (HTTP {1}).' },
  remoteNotVieneu: { en: 'There is no VieNeu server at {0} (HTTP {1} for {2}).', vi: 'Không có máy chủ VieNeu tại {0} (HTTP {1} cho {2}).' },
  remoteRefused: { en: 'Nothing is listening at {0} (connection refused).', vi: 'Không có gì đang lắng nghe tại {0} (kết nối bị từ chối).' },
  remoteFixRefused: { en: 'Run the notebook\'s server cell again, or check the address and port.', vi: 'Hãy chạy lại ô máy chủ của notebook, hoặc kiểm tra địa chỉ và cổng.' },
  remoteDns: { en: 'The host {0} could not be found.', vi: 'Không tìm thấy máy chủ {0}.' },
  remoteFixDns: { en: 'Check the URL for typos; an ngrok or cloudflared URL changes every time the notebook restarts.', vi: 'Hãy kiểm tra lỗi chính tả trong URL; URL ngrok hoặc cloudflared thay đổi mỗi lần notebook khởi động lại.' },
  remoteTimeout: { en: 'The server at {0} did not answer within {1} s.', vi: 'Máy chủ {0} không phản hồi trong {1} giây.' },
  remoteFixTimeout: { en: 'The runtime may be busy, asleep or disconnected: look at the notebook, then Test Connection again.', vi: 'Runtime có thể đang bận, đang ngủ hoặc đã ngắt: hãy xem notebook rồi bấm Test Connection lại.' },
  remoteLoading: { en: 'The model is still loading on the server.', vi: 'Mô hình vẫn đang được tải trên máy chủ.' },
  remoteFixLoading: { en: 'Wait until the notebook prints its banner with the URL and token, then Test Connection again.', vi: 'Hãy đợi notebook in khung thông báo có URL và token, rồi bấm Test Connection lại.' },
  remoteModelFailed: { en: 'The model failed to load on the server: {0}', vi: 'Mô hình không tải được trên máy chủ: {0}' },
  remoteFixModelFailed: { en: 'Read the notebook\'s output, fix the backbone or codec in its first cell, and run it again.', vi: 'Hãy đọc kết quả của notebook, sửa backbone hoặc codec ở ô đầu tiên rồi chạy lại.' },
  remoteNetwork: { en: 'The connection to {0} failed: {1}.', vi: 'Kết nối tới {0} thất bại: {1}.' },
  remoteFixNetwork: { en: 'Check your internet connection and that the notebook is still running.', vi: 'Hãy kiểm tra kết nối internet và notebook còn đang chạy.' },
  remoteTls: { en: 'The secure connection to {0} failed: {1}.', vi: 'Kết nối bảo mật tới {0} thất bại: {1}.' },
  remoteFixTls: { en: 'Use the https:// URL the tunnel printed; self-signed certificates are not accepted.', vi: 'Hãy dùng URL https:// mà tunnel in ra; chứng chỉ tự ký không được chấp nhận.' },
  remoteDropped: { en: 'The connection to {0} dropped in the middle of the reply.', vi: 'Kết nối tới {0} bị ngắt giữa chừng khi đang nhận dữ liệu.' },
  remoteFixDropped: { en: 'The notebook may have stopped or restarted: check it, then try again.', vi: 'Notebook có thể đã dừng hoặc khởi động lại: hãy kiểm tra rồi thử lại.' },
  remoteServerError: { en: 'The server failed (HTTP {0}): {1}', vi: 'Máy chủ gặp lỗi (HTTP {0}): {1}' },
  remoteFixServerError: { en: 'Look at the notebook\'s output for details, then try again.', vi: 'Hãy xem kết quả của notebook để biết chi tiết rồi thử lại.' },
  remoteRejected: { en: 'The server refused the request: {0}', vi: 'Máy chủ từ chối yêu cầu: {0}' },
  remoteTooLarge: { en: 'The request is too large for the server: {0}', vi: 'Yêu cầu quá lớn đối với máy chủ: {0}' },
  remoteFixTooLarge: { en: 'Speak a shorter selection, or use a shorter reference clip.', vi: 'Hãy đọc một đoạn chọn ngắn hơn, hoặc dùng đoạn âm thanh mẫu ngắn hơn.' },
  remoteInvalidJson: { en: 'The server at {0} sent a reply that is not valid JSON.', vi: 'Máy chủ {0} gửi phản hồi không phải JSON hợp lệ.' },
  remoteBadReply: { en: 'The server at {0} sent an unexpected reply: {1}.', vi: 'Máy chủ {0} gửi phản hồi không như mong đợi: {1}.' },
  remoteFixNotVieneu: { en: 'Check that the URL points to a VieNeu server (the notebook, or server.py on your own machine).', vi: 'Hãy kiểm tra URL trỏ tới một máy chủ VieNeu (notebook, hoặc server.py trên máy của bạn).' },
  remoteTooMuchData: { en: 'The server at {0} sent more data than allowed ({1}).', vi: 'Máy chủ {0} gửi nhiều dữ liệu hơn mức cho phép ({1}).' },
  remoteTruncatedAudio: { en: 'The audio from {0} is incomplete: {1}.', vi: 'Âm thanh từ {0} không đầy đủ: {1}.' },
  remoteFixRetry: { en: 'Try again; if it keeps happening, restart the notebook.', vi: 'Hãy thử lại; nếu vẫn xảy ra, hãy khởi động lại notebook.' },
  remoteProtocol: { en: 'The server at {0} speaks protocol {1}; this extension speaks {2}.', vi: 'Máy chủ {0} dùng giao thức {1}; tiện ích này dùng giao thức {2}.' },
  remoteFixProtocol: { en: 'Generate a new notebook with this version of the extension and run it.', vi: 'Hãy tạo notebook mới bằng phiên bản tiện ích này và chạy nó.' },
  remoteAllFailed: { en: 'None of the {0} endpoints answered. First: {1}', vi: 'Không endpoint nào trong {0} endpoint phản hồi. Endpoint đầu tiên: {1}' },

  // Notebook generator
  notebookBadOption: { en: 'Notebook option {0} must be {1}, not "{2}".', vi: 'Tuỳ chọn notebook {0} phải là {1}, không phải "{2}".' },
  notebookTemplateMissing: { en: 'The notebook template was not found ({0}).', vi: 'Không tìm thấy mẫu notebook ({0}).' },
  notebookFixReinstall: { en: 'Reinstall the extension; its notebook-template folder is missing or damaged.', vi: 'Hãy cài lại tiện ích; thư mục notebook-template bị thiếu hoặc hỏng.' },
  notebookWritten: { en: 'Wrote {0} for {1}.', vi: 'Đã ghi {0} cho {1}.' },
  notebookTokenLine: { en: 'Auth token (keep it secret; the extension needs it to connect): {0}', vi: 'Auth token (giữ bí mật; tiện ích cần nó để kết nối): {0}' },
} satisfies MessageTable;
