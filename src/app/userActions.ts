// What a user can ask the extension to do (connect, test, disconnect, load or unload a model, generate the
// notebook, choose, add or clone a voice …), once, for every surface. Each action returns what happened as a
// sentence, or throws a UserError that says what to do; the admin panel shows either in its section, a palette
// command as a notification. No `vscode` here: the VS Code parts an action needs (a save dialog, a file picker,
// settings) come in through ActionHost, so the same code runs under mocha with the real backends.
//
// It lives in src/app/, not src/core/: it depends on the catalogue (local), the notebook generator and the
// remote client, and the core must not depend on those. src/vscode/ depends on it, never the reverse.
import type { BackendManager } from '../core/backendManager';
import { MAX_CLIP_BYTES } from '../core/cloneLimits';
import type { VieneuConfig } from '../core/config';
import { UserError, describeError, isAbortError, type ErrorAction } from '../core/errors';
import { Emitter, type Disposable, type Event } from '../core/events';
import { SECRET_KEYS, type SecretStore } from '../core/secrets';
import { t } from '../core/strings';
import type { BackendId, BackendStatus, ReferenceVoice } from '../core/types';
import type { ClonedVoiceInfo } from '../local/clone/clonedVoiceStore';
import { BUILTIN_VOICE_ID } from '../local/localBackend';

export type Device = 'auto' | 'cpu' | 'gpu';

/** The parts of LocalBackend the actions drive. */
export interface LocalPort {
  readonly status: BackendStatus;
  readonly modelLoaded: boolean;
  loadModel(o: { backbone?: string; codec?: string; device?: Device }, progress: (fraction: number, phase: string) => void, signal?: AbortSignal): Promise<void>;
  unloadModel(): Promise<void>;
  voices(): Array<{ id: string; label?: string; description: string; source: 'preset' | 'custom' }>;
  readonly voiceLicence: { licence?: string };
}

/** The parts of RemoteBackend the actions drive. */
export interface ColabPort {
  readonly status: BackendStatus;
  connect(endpoints: string[], token: string): Promise<{ latencyMs: number; endpoint: string }>;
  testConnection(): Promise<{ latencyMs: number; endpoint: string }>;
  disconnect(): void;
  voices(signal?: AbortSignal): Promise<{ voices: Array<{ id: string; description: string }> }>;
  cloneVoice(audio: Uint8Array, transcript: string, signal?: AbortSignal): Promise<ReferenceVoice>;
  /** upstream's and the v3 notebook's cloning: the clip becomes a named voice of that server. */
  enrolVoice(name: string, audio: Uint8Array, options?: { denoise?: boolean }, signal?: AbortSignal): Promise<{ id: string }>;
}

/**
 * Cloning on this computer (v3 Turbo): where cloned voices are kept, where the graphs are looked for, and the
 * editor's dialogs the clone, delete, export and import flows need.
 */
export interface CloneHost {
  /** The folder of cloned voices (the extension's globalStorage/cloned-voices: never settings or git). */
  dir: string;
  /** Folders that may hold speaker_encoder.onnx and the MOSS encoder. */
  modelRoots(): string[];
  /** A modal question with one button; true when the user pressed it. */
  confirm(message: string, detail: string, yes: string): Promise<boolean>;
  pickAudioFile(): Promise<string | undefined>;
  pickVoicesFile(): Promise<string | undefined>;
  /** Where to export; undefined when the save dialog was cancelled. */
  saveVoicesFile(defaultName: string): Promise<string | undefined>;
}

/** Where a clip is cloned: on this computer (the default, nothing leaves it) or enrolled on the connected server. */
export type CloneWhere = 'local' | 'server';


export interface NotebookPort {
  generate(o: { backbone: string; codec: string; device: 'auto' | 'cuda' | 'cpu'; authToken: string }): { json: string; fileName: string; authToken: string };
  newToken(): string;
}

export interface CustomVoiceRecord {
  id: string;
  codes: number[];
  text: string;
}

/** What the actions need from the editor: where notebooks open, files are picked, settings are written. */
export interface ActionHost {
  openNotebook(json: string, fileName: string): Promise<void>;
  /** Returns the path written, or undefined when the user cancelled the dialog. */
  saveNotebook(json: string, fileName: string): Promise<string | undefined>;
  copy(text: string): Promise<void>;
  pickAudio(): Promise<Uint8Array | undefined>;
  /** Speaks `text` with the voice, as Speak would. */
  speak(text: string, voiceId: string): Promise<void>;
  setVoice(voiceId: string): Promise<void>;
  setEndpoint(url: string): Promise<void>;
  customVoices(): CustomVoiceRecord[];
  saveCustomVoice(v: CustomVoiceRecord): Promise<void>;
  onModeChanged(id: BackendId): void;
}

export interface ActionDeps {
  manager: BackendManager;
  local: LocalPort;
  colab: ColabPort;
  notebook: NotebookPort;
  secrets: SecretStore;
  config(): VieneuConfig;
  host: ActionHost;
  /** Local cloning; without it the clone, rename, delete, export and import actions say they are unavailable. */
  clone?: CloneHost;
  log?(line: string): void;
}

export interface VoiceChoice {
  id: string;
  label: string;
  description: string;
  custom: boolean;
}

/** What a finished action says to the user. */
export interface Outcome {
  message: string;
}

/** The state the actions keep between calls, for whichever surface draws it. */
export interface ActionsView {
  /** Set while a model download/load runs. */
  loading: { fraction: number; message: string } | undefined;
  colabBusy: boolean;
  /** The auth token of the last generated notebook ('' = none yet). */
  notebookToken: string;
  /** A Colab token is in secret storage (known after the first refresh()). */
  hasToken: boolean;
  /** The Colab server's voices, fetched once per connection. */
  remoteVoices: VoiceChoice[];
  /** Set while a clip is being cloned: progress and a Cancel button. */
  cloning: { fraction: number; message: string } | undefined;
  /** The host of the connected server when it can enrol a clip ('' = it cannot, or none is connected). */
  enrolHost: string;
}

const STAGE_TEXT = { decode: 'cloneStageDecode', trim: 'cloneStageTrim', denoise: 'cloneStageDenoise', speaker: 'cloneStageSpeaker', codes: 'cloneStageCodes' } as const;

type Store = typeof import('../local/clone/clonedVoiceStore');
/** Loaded on first use: the store pulls in the v3 voice reader and the graph constants, not needed at activation. */
const store = (): Store => require('../local/clone/clonedVoiceStore') as Store;

/** What a voice preview says: Vietnamese speech content, whatever the UI language. */
const PREVIEW_TEXT = 'Xin chào, đây là giọng đọc thử của VieNeu.';

/** How long "are the cloning graphs here?" is answered from memory. */
const MODELS_SEEN_MS = 2000;

/** Progress of a model load reaches the surfaces at most this often: a download reports every block. */
const PROGRESS_EVERY_MS = 100;

/** The buttons a failed model load offers: use files already on disk, or look at the settings. */
function loadFailureActions(): ErrorAction[] {
  return [
    { label: t('uiChooseModelsFolder'), command: 'vieneu.chooseModelsFolder' },
    { label: t('uiOpenSettings'), command: 'workbench.action.openSettings', args: ['vieneu.local'] },
  ];
}

export class UserActions implements Disposable {
  private loadRun: { controller: AbortController; fraction: number; message: string } | undefined;
  private colabBusy = false;
  private notebookToken = '';
  private hasToken = false;
  private remoteVoices: VoiceChoice[] = [];
  private cloneRun: { controller: AbortController; fraction: number; message: string } | undefined;
  /** The last listing of the cloned voices folder, and the folder's mtime it was read at. */
  private clonedCache: { stamp: string; list: ClonedVoiceInfo[] } | undefined;
  private modelsSeen: { key: string; at: number; found: boolean } | undefined;
  private readonly changed = new Emitter<{ progress: boolean }>();
  /** Fires when the view changes; `progress` marks a throttled model-load progress step. */
  readonly onDidChange: Event<{ progress: boolean }> = this.changed.event;
  private readonly subs: Disposable[] = [];

  constructor(private readonly d: ActionDeps) {
    this.subs.push(
      d.manager.onDidChange(() => {
        if (d.colab.status.state !== 'ready' && this.remoteVoices.length > 0) this.remoteVoices = [];
      }),
    );
  }

  get view(): ActionsView {
    return {
      loading: this.loadRun ? { fraction: this.loadRun.fraction, message: this.loadRun.message } : undefined,
      colabBusy: this.colabBusy,
      notebookToken: this.notebookToken,
      hasToken: this.hasToken,
      remoteVoices: this.remoteVoices,
      cloning: this.cloneRun ? { fraction: this.cloneRun.fraction, message: this.cloneRun.message } : undefined,
      enrolHost: this.enrolHost(),
    };
  }

  private enrolHost(): string {
    const s = this.d.colab.status;
    return s.state === 'ready' && s.info?.cloning === 'enrol' ? String(s.info.host ?? s.info.endpoint ?? '') : '';
  }

  /** Re-reads what lives outside memory (is a Colab token stored?). */
  async refresh(): Promise<ActionsView> {
    this.hasToken = !!(await this.d.secrets.get(SECRET_KEYS.colabAuthToken));
    return this.view;
  }

  private fire(progress = false): void {
    this.changed.fire({ progress });
  }

  // ------------------------------------------------------------------ backends

  switchBackend(id: BackendId): Outcome {
    this.d.manager.switchTo(id); // throws the "Cannot switch to …" UserError with its fix
    this.d.host.onModeChanged(id);
    return { message: t('switchedTo', id === 'local' ? t('backendLocal') : t('backendColab')) };
  }

  /**
   * Downloads (if needed) and loads a model. A second call replaces a load in progress; cancelLoad() or the
   * signal stop it and keep the previous state. A failure keeps its message and gains the ways forward.
   */
  async loadModel(
    choice: { backbone: string; codec: string; device: Device },
    o: { progress?(fraction: number, message: string): void; signal?: AbortSignal } = {},
  ): Promise<Outcome & { cancelled: boolean }> {
    this.loadRun?.controller.abort();
    const controller = new AbortController();
    const onAbort = () => controller.abort();
    o.signal?.addEventListener('abort', onAbort, { once: true });
    const mine = { controller, fraction: 0, message: t('uiModelLoadStarting') };
    this.loadRun = mine;
    this.fire();
    let last = 0;
    try {
      await this.d.local.loadModel(choice, (fraction, phase) => {
        mine.fraction = fraction;
        mine.message = phase;
        o.progress?.(fraction, phase);
        const now = Date.now();
        if (now - last > PROGRESS_EVERY_MS) {
          last = now;
          this.fire(true);
        }
      }, controller.signal);
      return { message: t('uiModelLoaded', this.d.local.status.detail), cancelled: false };
    } catch (err) {
      if (isAbortError(err) || controller.signal.aborted) return { message: t('uiModelLoadCancelled'), cancelled: true };
      this.d.log?.(`load model: ${describeError(err)}`);
      throw withLoadFailureActions(err);
    } finally {
      o.signal?.removeEventListener('abort', onAbort);
      if (this.loadRun === mine) this.loadRun = undefined;
      this.modelsSeen = undefined; // a download may have brought the cloning graphs
      this.fire();
    }
  }

  cancelLoad(): void {
    this.loadRun?.controller.abort();
  }

  async unloadModel(): Promise<Outcome> {
    try {
      await this.d.local.unloadModel();
      return { message: t('uiModelUnloaded') };
    } finally {
      this.fire();
    }
  }

  // ------------------------------------------------------------------ Colab

  /** Generates the notebook with a fresh token (stored at once) and opens or saves it; undefined = save cancelled. */
  async generateNotebook(o: { backbone: string; codec: string; device: Device; action: 'open' | 'save' }): Promise<Outcome | undefined> {
    try {
      const nb = this.d.notebook.generate({ backbone: o.backbone, codec: o.codec, device: o.device === 'gpu' ? 'cuda' : o.device, authToken: this.d.notebook.newToken() });
      // The notebook and the client must share the token: it goes to secret storage before anything else.
      await this.d.secrets.store(SECRET_KEYS.colabAuthToken, nb.authToken);
      this.notebookToken = nb.authToken;
      this.hasToken = true;
      if (o.action === 'open') {
        await this.d.host.openNotebook(nb.json, nb.fileName);
        return { message: t('uiNotebookOpened', nb.fileName) };
      }
      const where = await this.d.host.saveNotebook(nb.json, nb.fileName);
      return where ? { message: t('uiNotebookSaved', where) } : undefined;
    } finally {
      this.fire();
    }
  }

  /** Copies the last notebook's token; undefined when no notebook was generated yet. */
  async copyToken(): Promise<Outcome | undefined> {
    if (!this.notebookToken) return undefined;
    await this.d.host.copy(this.notebookToken);
    return { message: t('uiTokenCopied') };
  }

  private async colabOp<T>(fn: () => Promise<T>): Promise<T> {
    this.colabBusy = true;
    this.fire();
    try {
      return await fn();
    } finally {
      this.colabBusy = false;
      this.fire();
    }
  }

  /**
   * Connects with the typed token, or the stored one when none is typed (a typed token is stored once the
   * server accepts it), then switches to Colab: connecting is asking to use it.
   */
  connect(endpoint: string, typedToken = ''): Promise<Outcome & { endpoint: string; latencyMs: number }> {
    return this.colabOp(async () => {
      // No token at all is a real case: upstream's own server, Kokoro-FastAPI and openedai-speech are open unless
      // started with a key. One that wants a token answers 401, and the client says it is missing and where to find it.
      const token = typedToken.trim() || (await this.d.secrets.get(SECRET_KEYS.colabAuthToken)) || '';
      // The typed endpoint first, then the configured fallbacks (Kaggle, a self-hosted box) for failover.
      const fallbacks = this.d.config().colab.fallbackEndpoints.filter((e) => e && e !== endpoint);
      const info = await this.d.colab.connect([endpoint, ...fallbacks], token);
      if (typedToken.trim()) await this.d.secrets.store(SECRET_KEYS.colabAuthToken, token);
      this.hasToken = true;
      await this.d.host.setEndpoint(endpoint);
      try {
        const list = await this.d.colab.voices(AbortSignal.timeout(10_000));
        this.remoteVoices = list.voices.map((v) => ({ id: v.id, label: v.id, description: v.description, custom: false }));
      } catch (err) {
        this.d.log?.(`remote voices unavailable: ${describeError(err)}`);
      }
      this.d.manager.switchTo('colab');
      this.d.host.onModeChanged('colab');
      const latencyMs = Math.round(info.latencyMs);
      return { message: t('uiConnectedTo', info.endpoint, latencyMs), endpoint: info.endpoint, latencyMs };
    });
  }

  testConnection(): Promise<Outcome & { endpoint: string; latencyMs: number }> {
    return this.colabOp(async () => {
      const info = await this.d.colab.testConnection();
      const latencyMs = Math.round(info.latencyMs);
      return { message: t('uiTestOk', latencyMs, info.endpoint), endpoint: info.endpoint, latencyMs };
    });
  }

  /** Disconnects; when Colab was in use and Local is ready, speaking goes on with Local. */
  disconnect(): Outcome {
    this.d.colab.disconnect();
    if (this.d.manager.active === 'colab' && !this.d.manager.whyNotReady('local')) {
      this.d.manager.switchTo('local');
      this.d.host.onModeChanged('local');
    }
    this.remoteVoices = [];
    this.fire();
    return { message: t('uiDisconnected') };
  }

  // ------------------------------------------------------------------ voices

  /** The voices of the active backend (its presets, then the custom ones), and the one in use. */
  voices(): { presets: VoiceChoice[]; selected: string; licence: string } {
    const c = this.d.config();
    const localVoices: VoiceChoice[] = this.d.local.voices().map((v) => ({ id: v.id, label: v.label ?? v.id, description: v.description, custom: v.source === 'custom' }));
    const custom: VoiceChoice[] = this.d.host.customVoices().map((v) => ({ id: v.id, label: v.id, description: v.text, custom: true }));
    const presets = this.d.manager.active === 'colab' && this.remoteVoices.length > 0 ? this.remoteVoices : localVoices;
    return {
      presets: [...presets, ...custom.filter((v) => !presets.some((p) => p.id === v.id))],
      selected: c.voice || presets[0]?.id || '',
      licence: this.d.local.voiceLicence.licence ?? '',
    };
  }

  /** Everything Choose Voice may offer: the voices above, and espeak-ng's while Local is active and it is on. */
  voiceChoices(): { choices: VoiceChoice[]; selected: string; licence: string } {
    const v = this.voices();
    const withBuiltin = this.d.manager.active === 'local' && this.d.config().local.builtinVoice;
    const builtin = { id: BUILTIN_VOICE_ID, label: BUILTIN_VOICE_ID, description: t('localStatusBuiltin'), custom: false };
    return { choices: withBuiltin ? [...v.presets, builtin] : v.presets, selected: v.selected, licence: v.licence };
  }

  /** Speaks with this voice from now on. Refuses an id the active backend does not have, listing those it has. */
  async chooseVoice(id: string): Promise<Outcome> {
    const { choices } = this.voiceChoices();
    if (choices.length === 0) throw new UserError(t('uiNoVoices'), 'not-ready', t('fixLoadLocal'), [{ label: t('actionLoadModel'), command: 'vieneu.loadLocalModel' }]);
    if (!choices.some((v) => v.id === id)) throw new UserError(t('uiNoSuchVoice', id), 'bad-input', t('uiNoSuchVoiceFix', choices.map((v) => v.id).join(', ')));
    return this.selectVoice(id);
  }

  /** Sets the voice as the panel's Use button does (the panel lists only voices it has). */
  async selectVoice(id: string): Promise<Outcome> {
    await this.d.host.setVoice(id);
    this.fire();
    return { message: t('uiVoiceChosen', id) };
  }

  /** Says a short sentence with a voice (the panel's Preview button). */
  previewVoice(id: string): Promise<void> {
    return this.d.host.speak(PREVIEW_TEXT, id);
  }

  /** Adds a voice from NeuCodec codes typed or pasted by the user ("1,2,3"). */
  async addCustomVoice(name: string, codesText: string, transcript: string): Promise<Outcome> {
    const codes = codesText.split(',').map(Number);
    if (codes.some((c) => !Number.isInteger(c) || c < 0 || c > 65535) || !name.trim() || !transcript.trim()) {
      throw new UserError(t('uiCustomVoiceInvalid'), 'bad-input');
    }
    await this.d.host.saveCustomVoice({ id: name.trim(), codes, text: transcript.trim() });
    this.fire();
    return { message: t('uiVoiceAdded', name.trim()) };
  }

  /**
   * Encodes a picked audio file into a custom voice on the Colab server. `started` says when the upload
   * begins (after the file is picked); undefined when the user closed the file picker.
   */
  async cloneVoice(name: string, transcript: string, started?: (message: string) => void): Promise<Outcome | undefined> {
    if (this.d.colab.status.state !== 'ready') throw new UserError(t('uiCloneNeedsColab'), 'not-ready', t('fixConnectColab'));
    const audio = await this.d.host.pickAudio();
    if (!audio) return undefined;
    started?.(t('uiCloning'));
    const ref = await this.d.colab.cloneVoice(audio, transcript, AbortSignal.timeout(180_000));
    await this.d.host.saveCustomVoice({ id: name.trim(), codes: ref.codes, text: ref.text || transcript });
    this.fire();
    return { message: t('uiVoiceCloned', name.trim(), ref.codes.length) };
  }

  // ------------------------------------------------------------------ cloned voices (v3 Turbo, this computer)

  /**
   * The voices cloned on this computer, oldest first. Read again only when the folder changed (its mtime moves
   * with every file written, renamed into place or removed, whichever surface did it).
   */
  clonedVoices(): ClonedVoiceInfo[] {
    const dir = this.d.clone?.dir;
    if (!dir) return [];
    let stamp: string;
    try {
      const st = (require('fs') as typeof import('fs')).statSync(dir);
      stamp = `${st.mtimeMs}:${st.ino}`;
    } catch {
      return [];
    }
    if (this.clonedCache?.stamp !== stamp) this.clonedCache = { stamp, list: store().listClonedVoices(dir) };
    return this.clonedCache.list;
  }

  /**
   * Whether the cloning graphs (speaker encoder, MOSS encoder) are on this computer. The answer is a folder
   * walk, kept for a moment: the panel asks at every state it draws, ten times a second during a download.
   */
  canCloneLocally(): boolean {
    if (!this.d.clone) return false;
    const now = Date.now();
    const roots = this.d.clone.modelRoots();
    // Other folders (the models folder setting changed) are looked at at once, whatever the last answer's age.
    const key = JSON.stringify(roots);
    if (this.modelsSeen && this.modelsSeen.key === key && now - this.modelsSeen.at < MODELS_SEEN_MS) return this.modelsSeen.found;
    const { findCloneModels } = require('../local/clone/cloneModelFiles') as typeof import('../local/clone/cloneModelFiles');
    this.modelsSeen = { key, at: now, found: !!findCloneModels(roots) };
    return this.modelsSeen.found;
  }

  private cloneHost(): CloneHost {
    if (!this.d.clone) throw new UserError(t('cloneCmdNoModels'), 'not-ready', t('cloneCmdNoModelsFix'));
    return this.d.clone;
  }

  /**
   * Clones a voice from an audio file picked now (`source` undefined), a file path, or the bytes of a file
   * dropped on the panel, after the rights reminder. `where` 'server' enrols the clip on the connected server
   * instead (only when it can). Undefined when the user declined the reminder or closed the picker.
   */
  async cloneFromAudio(o: {
    name?: string;
    source?: { file: string } | { bytes: Uint8Array; fileName: string };
    denoise?: boolean;
    where?: CloneWhere;
    /** The reminder was already accepted (the palette command asks it first). */
    agreed?: boolean;
  }): Promise<Outcome | undefined> {
    const host = this.cloneHost();
    const where = o.where ?? 'local';
    if (where === 'server' && !this.enrolHost()) throw new UserError(t('cloneServerCannotEnrol'), 'not-ready', t('cloneServerCannotEnrolFix'));
    if (where === 'local' && this.cloneRun) throw new UserError(t('cloneAlreadyRunning'), 'not-ready', t('cloneAlreadyRunningFix'));
    if (!o.agreed && !(await host.confirm(t('cloneRightsReminder'), where === 'server' ? t('cloneServerPrivacy', this.enrolHost()) : t('cloneCmdPrivacy'), t('cloneCmdAgree')))) return undefined;
    let file: string | undefined;
    let fileName: string;
    let bytes: Uint8Array | undefined;
    if (!o.source) {
      file = await host.pickAudioFile();
      if (!file) return undefined;
      fileName = file;
    } else if ('file' in o.source) {
      file = o.source.file;
      fileName = file;
    } else {
      bytes = o.source.bytes;
      fileName = o.source.fileName;
      if (bytes.byteLength > MAX_CLIP_BYTES) throw new UserError(t('uiCloneTooLarge', fileName, Math.round(MAX_CLIP_BYTES / 1024 / 1024)), 'bad-input', t('cloneAudioTooLongFix'));
    }
    const path = require('path') as typeof import('path');
    const base = path.basename(fileName, path.extname(fileName));
    const { checkVoiceName } = require('../local/clone/clonedVoice') as typeof import('../local/clone/clonedVoice');
    const name = checkVoiceName(o.name?.trim() || base || 'voice');
    if (where === 'server') return this.enrolOnServer(name, bytes ?? this.readClip(file!), !!o.denoise);
    store().assertNameFree(host.dir, name);
    return this.cloneLocally(host, name, file ? { file } : { bytes: bytes!, fileName }, !!o.denoise);
  }

  private readClip(file: string): Uint8Array {
    const fs = require('fs') as typeof import('fs');
    let size: number;
    try {
      size = fs.statSync(file).size;
    } catch (err) {
      throw new UserError(t('localFileUnreadable', file, (err as Error).message), 'bad-input');
    }
    if (size > MAX_CLIP_BYTES) throw new UserError(t('uiCloneTooLarge', file, Math.round(MAX_CLIP_BYTES / 1024 / 1024)), 'bad-input', t('cloneAudioTooLongFix'));
    return fs.readFileSync(file);
  }

  private async cloneLocally(host: CloneHost, name: string, source: { file: string } | { bytes: Uint8Array; fileName: string }, denoise: boolean): Promise<Outcome> {
    const { findCloneModels } = require('../local/clone/cloneModelFiles') as typeof import('../local/clone/cloneModelFiles');
    const models = findCloneModels(host.modelRoots());
    if (!models) throw new UserError(t('cloneCmdNoModels'), 'not-ready', t('cloneCmdNoModelsFix'));
    const fs = require('fs') as typeof import('fs');
    const os = require('os') as typeof import('os');
    const path = require('path') as typeof import('path');
    const controller = new AbortController();
    const mine = { controller, fraction: 0, message: t('cloneStageDecode') };
    this.cloneRun = mine;
    this.fire();
    // Dropped bytes go through a private temporary file: the decoders read files, and the clip is gone after.
    let tmpDir: string | undefined;
    let file: string;
    if ('file' in source) file = source.file;
    else {
      tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vieneu-clip-'));
      file = path.join(tmpDir, path.basename(source.fileName).replace(/[^\p{L}\p{N}._-]+/gu, '_') || 'clip');
      fs.writeFileSync(file, source.bytes, { mode: 0o600 });
    }
    const stages = denoise ? 5 : 4;
    let done = 0;
    try {
      const { VoiceCloner } = require('../local/clone/cloneVoice') as typeof import('../local/clone/cloneVoice');
      const cloner = await VoiceCloner.load(models, { denoise });
      try {
        const voice = await cloner.cloneFile(file, {
          denoise,
          signal: controller.signal,
          onStage: (s) => {
            mine.message = t(STAGE_TEXT[s]);
            mine.fraction = Math.min(1, done++ / stages);
            this.fire(true);
          },
        });
        const info = store().saveClonedVoice(host.dir, name, voice, 'file' in source ? source.file : source.fileName);
        this.d.log?.(`cloned voice "${info.name}" (${info.frames} frames) into ${info.file}`);
        return { message: t('cloneCmdDone', info.name, info.frames, (info.seconds ?? 0).toFixed(1)) };
      } finally {
        await cloner.dispose();
      }
    } catch (err) {
      if (isAbortError(err) || controller.signal.aborted) return { message: t('cloneCancelled') };
      throw err;
    } finally {
      if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
      if (this.cloneRun === mine) this.cloneRun = undefined;
      this.fire();
    }
  }

  /** Enrols the clip on the connected server; the voice then comes with the server's voice list. */
  private async enrolOnServer(name: string, audio: Uint8Array, denoise: boolean): Promise<Outcome> {
    const host = this.enrolHost();
    const v = await this.colabOp(() => this.d.colab.enrolVoice(name, audio, { denoise }, AbortSignal.timeout(180_000)));
    try {
      const list = await this.d.colab.voices(AbortSignal.timeout(10_000));
      this.remoteVoices = list.voices.map((x) => ({ id: x.id, label: x.id, description: x.description, custom: false }));
    } catch (err) {
      this.d.log?.(`remote voices unavailable: ${describeError(err)}`);
      if (!this.remoteVoices.some((x) => x.id === v.id)) this.remoteVoices = [...this.remoteVoices, { id: v.id, label: v.id, description: t('cloneServerVoiceDescription', host), custom: false }];
    }
    this.fire();
    return { message: t('cloneServerDone', v.id, host) };
  }

  cancelClone(): void {
    this.cloneRun?.controller.abort();
  }

  renameClonedVoice(id: string, name: string): Outcome {
    const info = store().renameClonedVoice(this.cloneHost().dir, id, name);
    this.fire();
    return { message: t('cloneRenamed', info.name) };
  }

  private clonedVoiceOrThrow(id: string) {
    const info = this.clonedVoices().find((v) => v.id === id);
    if (!info) throw new UserError(t('cloneStoreNoSuchVoice', id), 'bad-input', t('cloneStoreNoSuchVoiceFix'));
    return info;
  }

  /** Deletes after the user confirms; undefined when they did not. */
  async deleteClonedVoice(id: string): Promise<Outcome | undefined> {
    const host = this.cloneHost();
    const info = this.clonedVoiceOrThrow(id);
    if (!(await host.confirm(t('cloneDeleteConfirm', info.name), t('cloneDeleteDetail'), t('cloneDeleteYes')))) return undefined;
    store().deleteClonedVoice(host.dir, id);
    // A deleted voice cannot stay the one in use: back to the model's default.
    if (this.d.config().voice === id) await this.d.host.setVoice('');
    this.fire();
    return { message: t('cloneDeleted', info.name) };
  }

  /** Exports as a voices_v3_turbo.json-format file where the user says; undefined when the dialog was cancelled. */
  async exportClonedVoice(id: string): Promise<Outcome | undefined> {
    const host = this.cloneHost();
    const info = this.clonedVoiceOrThrow(id);
    const dest = await host.saveVoicesFile('voices_v3_turbo.json');
    if (!dest) return undefined;
    store().exportClonedVoice(host.dir, id, dest);
    return { message: t('cloneExported', info.name, dest) };
  }

  /** Imports the voices of a picked voices_v3_turbo.json-format file; undefined when the picker was closed. */
  async importClonedVoices(file?: string): Promise<Outcome | undefined> {
    const host = this.cloneHost();
    const picked = file ?? (await host.pickVoicesFile());
    if (!picked) return undefined;
    const infos = store().importClonedVoices(host.dir, picked);
    this.fire();
    return { message: t('cloneImported', infos.length, infos.map((v) => v.name).join(', ')) };
  }

  dispose(): void {
    this.cloneRun?.controller.abort();
    this.loadRun?.controller.abort();
    for (const s of this.subs) s.dispose();
    this.changed.dispose();
  }
}

/**
 * A load that failed on the network, a download or a model path gains "Choose model folder…" and "Open
 * Settings": the two ways on that need no internet. Its own buttons (e.g. Set Hugging Face Token) stay first.
 */
function withLoadFailureActions(err: unknown): unknown {
  const extra = loadFailureActions();
  if (!(err instanceof UserError)) return new UserError(describeError(err), 'model', undefined, extra, { cause: err });
  if (err.code === 'not-ready' || err.code === 'cancelled') return err;
  const actions = [...err.actions, ...extra.filter((a) => !err.actions.some((b) => b.command === a.command))];
  return new UserError(err.message, err.code, err.fix, actions, { cause: err.cause ?? err });
}
