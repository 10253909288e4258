// How large an audio clip to clone from may be, wherever it comes in (a picked file, a file dropped on the
// panel, an upload to a server). Shared by the panel's message parser (bundled into the webview) and the user
// actions, so it lives here with no imports: an 8 s WAV at 48 kHz stereo 24-bit is about 2.3 MB, and 50 MB
// leaves room for long lossless recordings while refusing a video or a disk image before it is copied around.
export const MAX_CLIP_BYTES = 50 * 1024 * 1024;
