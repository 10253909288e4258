// The admin panel's message protocol, both directions, as types plus runtime validators. The extension host
// (adminPanel.ts) and the webview (webview/panel/main.ts) import this same file, so a renamed field breaks
// the build on both sides; the validators catch what types cannot (a stale webview after an update, a
// hand-crafted message). No `vscode` and no Node APIs here: it is bundled into the browser too.
import type { UiMessageId } from '../../core/strings/ui';
import type { ModelOption } from '../../app/modelChoices';
import { MAX_CLIP_BYTES } from '../../core/cloneLimits';
import { arrayOf, bool, nullable, num, oneOf, optional, parser, recordOf, shape, str, union, type Check } from './validate';

export type BackendId = 'local' | 'colab';
export type Device = 'auto' | 'cpu' | 'gpu';
export type BackendState = 'idle' | 'busy' | 'ready' | 'error';
export type PanelSection = 'backend' | 'model' | 'colab' | 'voices';

export interface BackendView {
  state: BackendState;
  detail: string;
  progress?: number;
  info?: Record<string, string | number | boolean>;
}

export type { ModelOption };

/** A button under a notice: runs a command (only those the host allows, see adminPanel.ts). */
export interface NoticeAction {
  label: string;
  command: string;
  args: string[];
}

export interface VoiceView {
  id: string;
  label: string;
  description: string;
  custom: boolean;
}

/** A voice cloned on this computer, as the panel lists it. */
export interface ClonedVoiceView {
  id: string;
  name: string;
  /** "4.2 s · 105 frames · cleaned up", for the row's second line. */
  detail: string;
}

export { MAX_CLIP_BYTES };

export interface PanelState {
  active: BackendId;
  local: BackendView;
  colab: BackendView;
  model: {
    backbone: string;
    codec: string;
    device: Device;
    /** What Local can run. */
    backbones: ModelOption[];
    /** What the Colab notebook can run: every backbone. */
    notebookBackbones: ModelOption[];
    codecs: ModelOption[];
    /** Set while a download/load runs: the panel shows progress and a Cancel button. */
    loading: null | { fraction: number; message: string };
    loaded: boolean;
  };
  colabConfig: {
    endpoint: string;
    /** A token is in secret storage: Connect may be pressed with the token field empty. */
    hasToken: boolean;
    /** The auth token baked into the last generated notebook, shown with a copy button ('' = none yet). */
    notebookToken: string;
    busy: boolean;
  };
  voices: {
    presets: VoiceView[];
    selected: string;
    /** Cloning runs on the Colab backend: only offered while it is connected. */
    canClone: boolean;
    licence: string;
    /** Voices cloned on this computer (v3 Turbo), with Preview, Use, Rename, Delete and Export. */
    cloned: ClonedVoiceView[];
    cloneLocal: {
      /** The cloning graphs are on this computer: the clone button and the drop zone work. */
      available: boolean;
      /** Set while a clip is being cloned: progress and a Cancel button. */
      running: null | { fraction: number; message: string };
      /** The connected server's host when it can enrol a clip ('' = cloning is on this computer only). */
      enrolHost: string;
    };
  };
}

export type PanelStrings = Partial<Record<UiMessageId, string>>;

/** Extension host -> webview. */
export type ToPanel =
  | { type: 'init'; strings: PanelStrings; state: PanelState }
  | { type: 'state'; state: PanelState }
  /** An empty text clears the section's notice. */
  | { type: 'notice'; section: PanelSection; level: 'info' | 'error'; text: string; fix?: string; actions?: NoticeAction[] };

/** Webview -> extension host. */
export type FromPanel =
  | { type: 'ready' }
  | { type: 'switchBackend'; backend: BackendId }
  | { type: 'loadModel'; backbone: string; codec: string; device: Device }
  | { type: 'cancelLoad' }
  | { type: 'unloadModel' }
  | { type: 'generateNotebook'; backbone: string; codec: string; device: Device; action: 'open' | 'save' }
  | { type: 'copyToken' }
  | { type: 'connect'; endpoint: string; token: string }
  | { type: 'testConnection'; endpoint: string; token: string }
  | { type: 'disconnect' }
  | { type: 'previewVoice'; voice: string }
  | { type: 'selectVoice'; voice: string }
  | { type: 'addCustomVoice'; name: string; codes: string; transcript: string }
  | { type: 'cloneVoice'; name: string; transcript: string }
  | { type: 'openColab' }
  /** Local cloning (v3 Turbo): the host opens the file picker. An empty name takes the file's. */
  | { type: 'cloneAudio'; name: string; denoise: boolean; where: 'local' | 'server' }
  /** A file dropped on the Voices section: its bytes, at most MAX_CLIP_BYTES. */
  | { type: 'cloneAudioBytes'; name: string; denoise: boolean; where: 'local' | 'server'; fileName: string; bytes: Uint8Array }
  | { type: 'cancelClone' }
  | { type: 'renameClonedVoice'; id: string; name: string }
  | { type: 'deleteClonedVoice'; id: string }
  | { type: 'exportClonedVoice'; id: string }
  | { type: 'importClonedVoices' }
  /** A notice's button, or the Backbone list's "Browse for a folder…" entry (vieneu.chooseModelsFolder backbone). */
  | { type: 'runCommand'; command: string; args: string[] };

const backendId = oneOf('local', 'colab');
const device = oneOf('auto', 'cpu', 'gpu');
const section = oneOf('backend', 'model', 'colab', 'voices');
const backendView = shape({
  state: oneOf('idle', 'busy', 'ready', 'error'),
  detail: str,
  progress: optional(num),
  info: optional(recordOf((v, p) => (['string', 'number', 'boolean'].includes(typeof v) ? undefined : `${p} must be a string, number or boolean`))),
});
const modelOption = shape({ id: str, label: str, licence: str, sizeMB: num, codec: optional(str) });
const voiceView = shape({ id: str, label: str, description: str, custom: bool });
const clonedVoiceView = shape({ id: str, name: str, detail: str });

/** The bytes of a dropped clip: a Uint8Array (how VS Code hands over a transferred buffer), not empty, not huge. */
const clipBytes: Check = (v, p) => {
  if (!(v instanceof Uint8Array)) return `${p} must be the bytes of the file`;
  if (v.byteLength === 0) return `${p} is empty: the dropped file has no content`;
  if (v.byteLength > MAX_CLIP_BYTES) return `${p} is ${(v.byteLength / 1024 / 1024).toFixed(1)} MB, more than the ${MAX_CLIP_BYTES / 1024 / 1024} MB a clip may be`;
  return undefined;
};
const cloneWhere = oneOf('local', 'server');

export const checkPanelState: Check = shape({
  active: backendId,
  local: backendView,
  colab: backendView,
  model: shape({
    backbone: str,
    codec: str,
    device,
    backbones: arrayOf(modelOption),
    notebookBackbones: arrayOf(modelOption),
    codecs: arrayOf(modelOption),
    loading: nullable(shape({ fraction: num, message: str })),
    loaded: bool,
  }),
  colabConfig: shape({ endpoint: str, hasToken: bool, notebookToken: str, busy: bool }),
  voices: shape({
    presets: arrayOf(voiceView),
    selected: str,
    canClone: bool,
    licence: str,
    cloned: arrayOf(clonedVoiceView),
    cloneLocal: shape({ available: bool, running: nullable(shape({ fraction: num, message: str })), enrolHost: str }),
  }),
});

const checkToPanel = union({
  init: { strings: recordOf(str), state: checkPanelState },
  state: { state: checkPanelState },
  notice: { section, level: oneOf('info', 'error'), text: str, fix: optional(str), actions: optional(arrayOf(shape({ label: str, command: str, args: arrayOf(str) }))) },
});

const modelChoice = { backbone: str, codec: str, device };
const checkFromPanel = union({
  ready: {},
  switchBackend: { backend: backendId },
  loadModel: modelChoice,
  cancelLoad: {},
  unloadModel: {},
  generateNotebook: { ...modelChoice, action: oneOf('open', 'save') },
  copyToken: {},
  connect: { endpoint: str, token: str },
  testConnection: { endpoint: str, token: str },
  disconnect: {},
  previewVoice: { voice: str },
  selectVoice: { voice: str },
  addCustomVoice: { name: str, codes: str, transcript: str },
  cloneVoice: { name: str, transcript: str },
  openColab: {},
  cloneAudio: { name: str, denoise: bool, where: cloneWhere },
  cloneAudioBytes: { name: str, denoise: bool, where: cloneWhere, fileName: str, bytes: clipBytes },
  cancelClone: {},
  renameClonedVoice: { id: str, name: str },
  deleteClonedVoice: { id: str },
  exportClonedVoice: { id: str },
  importClonedVoices: {},
  runCommand: { command: str, args: arrayOf(str) },
});

/** Validates a message the webview received; throws TypeError naming the first bad field. */
export const parseToPanel = parser<ToPanel>(checkToPanel, 'message to panel');
/** Validates a message the extension received from the webview. */
export const parseFromPanel = parser<FromPanel>(checkFromPanel, 'message from panel');

/**
 * Parses the codes of a custom voice as typed or pasted by a person: numbers separated by commas, spaces or
 * newlines, optionally wrapped in [ ] (a JSON list). Returns the problem instead of throwing, for the form.
 */
export function parseVoiceCodes(text: string): { codes: number[] } | { problem: 'empty' | 'notNumber' | 'outOfRange'; at?: string } {
  const body = text.trim().replace(/^\[/, '').replace(/\]$/, '');
  const parts = body.split(/[\s,]+/).filter((x) => x !== '');
  if (parts.length === 0) return { problem: 'empty' };
  const codes: number[] = [];
  for (const p of parts) {
    if (!/^\d+$/.test(p)) return { problem: 'notNumber', at: p };
    const n = Number(p);
    // NeuCodec has a single FSQ codebook of 65,536 entries.
    if (n > 65535) return { problem: 'outOfRange', at: p };
    codes.push(n);
  }
  return { codes };
}
