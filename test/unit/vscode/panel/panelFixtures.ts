// Sample panel states and string tables for the protocol and webview tests.
import { UI_MESSAGES } from '../../../../src/core/strings/ui';
import type { PanelState, PanelStrings } from '../../../../src/vscode/panel/protocol';

export function strings(lang: 'en' | 'vi'): PanelStrings {
  return Object.fromEntries(Object.entries(UI_MESSAGES).map(([k, m]) => [k, m[lang]]));
}

export function sampleState(over: Partial<PanelState> = {}): PanelState {
  return {
    active: 'local',
    local: { state: 'ready', detail: 'VieNeu-TTS q4 loaded', info: { engine: 'llama.cpp' } },
    colab: { state: 'idle', detail: 'Not connected' },
    model: {
      backbone: 'pnnbao-ump/VieNeu-TTS-q4-gguf',
      codec: 'neuphonic/neucodec-onnx-decoder-int8',
      device: 'auto',
      backbones: [
        { id: 'pnnbao-ump/VieNeu-TTS-q4-gguf', label: 'VieNeu-TTS 0.5B q4', licence: 'Apache-2.0', sizeMB: 390 },
        { id: 'pnnbao-ump/VieNeu-TTS-0.3B-q4-gguf', label: 'VieNeu-TTS 0.3B q4', licence: 'CC BY-NC 4.0', sizeMB: 0 },
      ],
      notebookBackbones: [
        { id: 'pnnbao-ump/VieNeu-TTS-q4-gguf', label: 'VieNeu-TTS 0.5B q4', licence: 'Apache-2.0', sizeMB: 390 },
        { id: 'pnnbao-ump/VieNeu-TTS', label: 'VieNeu-TTS 0.5B', licence: 'Apache-2.0', sizeMB: 1100 },
      ],
      codecs: [
        { id: 'neuphonic/neucodec-onnx-decoder-int8', label: 'NeuCodec int8', licence: 'see repo', sizeMB: 312 },
        { id: 'neuphonic/neucodec-onnx-decoder', label: 'NeuCodec fp32', licence: 'see repo', sizeMB: 783 },
      ],
      loading: null,
      loaded: true,
    },
    colabConfig: { endpoint: '', hasToken: false, notebookToken: '', busy: false },
    voices: {
      presets: [
        { id: 'binh', label: 'Bình', description: 'north, male', custom: false },
        { id: 'ngoc', label: 'Ngọc', description: 'north, female', custom: false },
      ],
      selected: 'binh',
      canClone: false,
      licence: 'CC BY-NC 4.0',
      cloned: [],
      cloneLocal: { available: false, running: null, enrolHost: '' },
    },
    ...over,
  };
}
