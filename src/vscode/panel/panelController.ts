// What the admin panel does, without VS Code: turns the panel's requests into calls on the backends, the
// notebook generator and secret storage, and keeps the panel's picture (PanelState) current. The webview host
// (adminPanel.ts) supplies the VS Code parts through PanelHost; tests supply fakes and the real backends.
import type { BackendManager } from '../../core/backendManager';
import { UserError, describeError, isAbortError } from '../../core/errors';
import type { Disposable } from '../../core/events';
import { SECRET_KEYS, type SecretStore } from '../../core/secrets';
import { t } from '../../core/strings';
import { UI_MESSAGES } from '../../core/strings/ui';
import type { VieneuConfig } from '../../core/config';
import type { ReferenceVoice, BackendStatus } from '../../core/types';
import type { FromPanel, ModelOption, PanelSection, PanelState, PanelStrings, ToPanel, VoiceView, Device } from './protocol';

/** The parts of LocalBackend the panel drives. */
export interface LocalPort {
  readonly status: BackendStatus;
  readonly modelLoaded: boolean;
  loadModel(o: { backbone?: string; codec?: string; device?: Device }, progress: (fraction: number, phase: string) => void, signal?: AbortSignal): Promise<void>;
  unloadModel(): Promise<void>;
  voices(): Array<{ id: string; description: string; source: 'preset' | 'custom' }>;
  readonly voiceLicence: { licence?: string };
}

/** The parts of RemoteBackend the panel drives. */
export interface ColabPort {
  readonly status: BackendStatus;
  connect(endpoints: string[], token: string): Promise<{ latencyMs: number; endpoint: string }>;
  testConnection(): Promise<{ latencyMs: number; endpoint: string }>;
  disconnect(): void;
  voices(signal?: AbortSignal): Promise<{ voices: Array<{ id: string; description: string }> }>;
  cloneVoice(audio: Uint8Array, transcript: string, signal?: AbortSignal): Promise<ReferenceVoice>;
}

export interface NotebookPort {
  generate(o: { backbone: string; codec: string; device: 'auto' | 'cuda' | 'cpu'; authToken: string }): { json: string; fileName: string; authToken: string };
  newToken(): string;
}

export interface CustomVoiceRecord {
  id: string;
  codes: number[];
  text: string;
}

/** The VS Code side: where notebooks open, files are picked, settings are written. */
export interface PanelHost {
  post(msg: ToPanel): void;
  openNotebook(json: string): Promise<void>;
  /** Returns the path written, or undefined when the user cancelled the dialog. */
  saveNotebook(json: string, fileName: string): Promise<string | undefined>;
  copy(text: string): Promise<void>;
  pickAudio(): Promise<Uint8Array | undefined>;
  previewVoice(voiceId: string): Promise<void>;
  setVoice(voiceId: string): Promise<void>;
  setEndpoint(url: string): Promise<void>;
  customVoices(): CustomVoiceRecord[];
  saveCustomVoice(v: CustomVoiceRecord): Promise<void>;
  onModeChanged(id: 'local' | 'colab'): void;
}

export interface PanelDeps {
  manager: BackendManager;
  local: LocalPort;
  colab: ColabPort;
  notebook: NotebookPort;
  secrets: SecretStore;
  config(): VieneuConfig;
  host: PanelHost;
  /** Model choices: catalogue entries with licence and size. */
  backbones: ModelOption[];
  codecs: ModelOption[];
  log?(line: string): void;
}

export class PanelController implements Disposable {
  private loading: { controller: AbortController; fraction: number; message: string } | undefined;
  private colabBusy = false;
  private notebookToken = '';
  private hasToken = false;
  private remoteVoices: VoiceView[] = [];
  private readonly subs: Disposable[] = [];

  constructor(private readonly d: PanelDeps) {
    this.subs.push(
      d.manager.onDidChange(() => {
        // Remote voices are fetched once per connection; forget them when it goes.
        if (d.colab.status.state !== 'ready') this.remoteVoices = [];
        this.push();
      }),
    );
  }

  /** Every UI string the panel shows, localized by the extension's localizer. */
  strings(): PanelStrings {
    const out: PanelStrings = {};
    for (const id of Object.keys(UI_MESSAGES) as Array<keyof typeof UI_MESSAGES>) {
      // Placeholders stay for the webview to fill.
      out[id] = t(id, '{0}', '{1}', '{2}');
    }
    return out;
  }

  async state(): Promise<PanelState> {
    this.hasToken = !!(await this.d.secrets.get(SECRET_KEYS.colabAuthToken));
    return this.snapshot();
  }

  private snapshot(): PanelState {
    const c = this.d.config();
    const m = this.d.manager.state;
    const localVoices: VoiceView[] = this.d.local.voices().map((v) => ({ id: v.id, label: v.id, description: v.description, custom: v.source === 'custom' }));
    const custom: VoiceView[] = this.d.host.customVoices().map((v) => ({ id: v.id, label: v.id, description: v.text, custom: true }));
    const presets = m.active === 'colab' && this.remoteVoices.length > 0 ? this.remoteVoices : localVoices;
    const selected = c.voice || presets[0]?.id || '';
    return {
      active: m.active,
      local: view(m.statuses.local),
      colab: view(m.statuses.colab),
      model: {
        backbone: c.local.backbone,
        codec: c.local.codec,
        device: c.local.device,
        backbones: this.d.backbones,
        codecs: this.d.codecs,
        loading: this.loading ? { fraction: this.loading.fraction, message: this.loading.message } : null,
        loaded: this.d.local.modelLoaded,
      },
      colabConfig: { endpoint: c.colab.endpoint, hasToken: this.hasToken, notebookToken: this.notebookToken, busy: this.colabBusy },
      voices: {
        presets: [...presets, ...custom.filter((v) => !presets.some((p) => p.id === v.id))],
        selected,
        canClone: m.statuses.colab.state === 'ready',
        licence: this.d.local.voiceLicence.licence ?? '',
      },
    };
  }

  private push(): void {
    this.d.host.post({ type: 'state', state: this.snapshot() });
  }

  private notice(section: PanelSection, level: 'info' | 'error', text: string, fix?: string): void {
    this.d.host.post({ type: 'notice', section, level, text, ...(fix ? { fix } : {}) });
  }

  private fail(section: PanelSection, err: unknown): void {
    if (isAbortError(err)) return;
    if (err instanceof UserError) this.notice(section, 'error', err.message, err.fix);
    else this.notice(section, 'error', describeError(err));
    this.d.log?.(`panel ${section}: ${describeError(err)}`);
  }

  /** Handles one validated message from the webview. Never throws: failures become notices in their section. */
  async handle(msg: FromPanel): Promise<void> {
    switch (msg.type) {
      case 'ready':
        this.d.host.post({ type: 'init', strings: this.strings(), state: await this.state() });
        return;
      case 'switchBackend': {
        const why = this.d.manager.whyNotReady(msg.backend);
        if (why && this.d.manager.active !== msg.backend) {
          this.push(); // puts the radio back where it was
          this.notice('backend', 'error', why.message, why.fix);
          return;
        }
        this.d.manager.switchTo(msg.backend);
        this.d.host.onModeChanged(msg.backend);
        this.notice('backend', 'info', t('switchedTo', msg.backend === 'local' ? t('backendLocal') : t('backendColab')));
        this.push();
        return;
      }
      case 'loadModel':
        return this.loadModel(msg);
      case 'cancelLoad':
        this.loading?.controller.abort();
        return;
      case 'unloadModel':
        try {
          await this.d.local.unloadModel();
          this.notice('model', 'info', t('uiModelUnloaded'));
        } catch (err) {
          this.fail('model', err);
        }
        this.push();
        return;
      case 'generateNotebook':
        return this.generateNotebook(msg);
      case 'copyToken':
        if (this.notebookToken) {
          await this.d.host.copy(this.notebookToken);
          this.notice('colab', 'info', t('uiTokenCopied'));
        }
        return;
      case 'connect':
        return this.connect(msg.endpoint, msg.token);
      case 'testConnection':
        return this.colabOp(async () => {
          const info = await this.d.colab.testConnection();
          this.notice('colab', 'info', t('uiTestOk', Math.round(info.latencyMs), info.endpoint));
        });
      case 'disconnect':
        this.d.colab.disconnect();
        if (this.d.manager.active === 'colab' && !this.d.manager.whyNotReady('local')) {
          this.d.manager.switchTo('local');
          this.d.host.onModeChanged('local');
        }
        this.notice('colab', 'info', t('uiDisconnected'));
        this.push();
        return;
      case 'previewVoice':
        try {
          await this.d.host.previewVoice(msg.voice);
        } catch (err) {
          this.fail('voices', err);
        }
        return;
      case 'selectVoice':
        await this.d.host.setVoice(msg.voice);
        this.push();
        return;
      case 'addCustomVoice': {
        const codes = msg.codes.split(',').map(Number);
        if (codes.some((c) => !Number.isInteger(c) || c < 0 || c > 65535) || !msg.name.trim() || !msg.transcript.trim()) {
          this.notice('voices', 'error', t('uiCustomVoiceInvalid'));
          return;
        }
        await this.d.host.saveCustomVoice({ id: msg.name.trim(), codes, text: msg.transcript.trim() });
        this.notice('voices', 'info', t('uiVoiceAdded', msg.name.trim()));
        this.push();
        return;
      }
      case 'cloneVoice':
        return this.cloneVoice(msg.name, msg.transcript);
    }
  }

  private async loadModel(msg: { backbone: string; codec: string; device: Device }): Promise<void> {
    this.loading?.controller.abort();
    const controller = new AbortController();
    const mine = { controller, fraction: 0, message: t('uiModelLoadStarting') };
    this.loading = mine;
    this.push();
    let last = 0;
    try {
      await this.d.local.loadModel({ backbone: msg.backbone, codec: msg.codec, device: msg.device }, (fraction, phase) => {
        mine.fraction = fraction;
        mine.message = phase;
        // Progress arrives per downloaded block: a few updates a second are plenty for a bar.
        const now = Date.now();
        if (now - last > 100) {
          last = now;
          this.push();
        }
      }, controller.signal);
      this.notice('model', 'info', t('uiModelLoaded', this.d.local.status.detail));
    } catch (err) {
      if (isAbortError(err) || controller.signal.aborted) this.notice('model', 'info', t('uiModelLoadCancelled'));
      else this.fail('model', err);
    } finally {
      if (this.loading === mine) this.loading = undefined;
      this.push();
    }
  }

  private async generateNotebook(msg: { backbone: string; codec: string; device: Device; action: 'open' | 'save' }): Promise<void> {
    try {
      const token = this.d.notebook.newToken();
      const nb = this.d.notebook.generate({ backbone: msg.backbone, codec: msg.codec, device: msg.device === 'gpu' ? 'cuda' : msg.device, authToken: token });
      // The notebook and the client must share the token: it goes to secret storage at once.
      await this.d.secrets.store(SECRET_KEYS.colabAuthToken, nb.authToken);
      this.notebookToken = nb.authToken;
      this.hasToken = true;
      if (msg.action === 'open') {
        await this.d.host.openNotebook(nb.json);
        this.notice('colab', 'info', t('uiNotebookOpened'));
      } else {
        const where = await this.d.host.saveNotebook(nb.json, nb.fileName);
        if (where) this.notice('colab', 'info', t('uiNotebookSaved', where));
      }
    } catch (err) {
      this.fail('colab', err);
    }
    this.push();
  }

  private async colabOp(fn: () => Promise<void>): Promise<void> {
    this.colabBusy = true;
    this.push();
    try {
      await fn();
    } catch (err) {
      this.fail('colab', err);
    } finally {
      this.colabBusy = false;
      this.push();
    }
  }

  /** Connects with the typed token, or the stored one when the field is empty; a typed token is stored. */
  async connect(endpoint: string, typedToken: string): Promise<void> {
    return this.colabOp(async () => {
      const token = typedToken.trim() || (await this.d.secrets.get(SECRET_KEYS.colabAuthToken)) || '';
      if (!token) throw new UserError(t('uiNoToken'), 'auth', t('uiNoTokenFix'));
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
        this.d.log?.(`panel: remote voices unavailable: ${describeError(err)}`);
      }
      // Connecting is asking to use it: switch, as the seed's panel did.
      this.d.manager.switchTo('colab');
      this.d.host.onModeChanged('colab');
      this.notice('colab', 'info', t('uiConnectedTo', info.endpoint, Math.round(info.latencyMs)));
    });
  }

  private async cloneVoice(name: string, transcript: string): Promise<void> {
    try {
      if (this.d.colab.status.state !== 'ready') throw new UserError(t('uiCloneNeedsColab'), 'not-ready', t('fixConnectColab'));
      const audio = await this.d.host.pickAudio();
      if (!audio) return;
      this.notice('voices', 'info', t('uiCloning'));
      const ref = await this.d.colab.cloneVoice(audio, transcript, AbortSignal.timeout(180_000));
      await this.d.host.saveCustomVoice({ id: name.trim(), codes: ref.codes, text: ref.text || transcript });
      this.notice('voices', 'info', t('uiVoiceCloned', name.trim(), ref.codes.length));
    } catch (err) {
      this.fail('voices', err);
    }
    this.push();
  }

  dispose(): void {
    this.loading?.controller.abort();
    for (const s of this.subs) s.dispose();
  }
}

function view(s: BackendStatus): PanelState['local'] {
  return {
    state: s.state,
    detail: s.detail,
    ...(s.progress !== undefined ? { progress: s.progress } : {}),
    ...(s.info ? { info: s.info } : {}),
  };
}

/** What a voice preview says: Vietnamese speech content, whatever the UI language. */
export const PREVIEW_TEXT = 'Xin chào, đây là giọng đọc thử của VieNeu.';
