// The admin panel's side of the seam, without VS Code: turns the page's requests into UserActions calls, shows
// their outcome (or the error with its fix and buttons) in the request's section, and keeps the page's picture
// (PanelState) current. The work itself lives in src/app/userActions.ts, shared with the palette commands.
import type { BackendManager } from '../../core/backendManager';
import { UserError, describeError, isAbortError } from '../../core/errors';
import type { Disposable } from '../../core/events';
import { t } from '../../core/strings';
import { UI_MESSAGES } from '../../core/strings/ui';
import type { VieneuConfig } from '../../core/config';
import type { BackendStatus } from '../../core/types';
import type { LocalPort, Outcome, UserActions } from '../../app/userActions';
import { licenceText, type ModelOption } from '../../app/modelChoices';
import type { FromPanel, NoticeAction, PanelSection, PanelState, PanelStrings, ToPanel } from './protocol';

export interface PanelDeps {
  actions: UserActions;
  manager: BackendManager;
  local: Pick<LocalPort, 'modelLoaded'>;
  config(): VieneuConfig;
  post(msg: ToPanel): void;
  /** Runs a command a notice's button names (the host checks it is one the panel may run). */
  runCommand(command: string, args: string[]): Promise<void>;
  /** Opens Colab in the browser (Step 2's button). */
  openColab(): Promise<void>;
  /** Model choices: Local's (what the local engine runs) and the notebook's (every backbone). */
  backbones: ModelOption[];
  notebookBackbones: ModelOption[];
  codecs: ModelOption[];
  log?(line: string): void;
}

export class PanelController implements Disposable {
  private readonly subs: Disposable[] = [];
  /** The model section's notice is an error that a successful load must clear. */
  private modelError = false;

  constructor(private readonly d: PanelDeps) {
    this.subs.push(
      d.manager.onDidChange((s) => {
        // The error shown for a failed load goes away once Local recovers (a later load, a folder set).
        if (this.modelError && d.local.modelLoaded && s.statuses.local.state === 'ready') this.clear('model');
        this.push();
      }),
      d.actions.onDidChange(() => this.push()),
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
    await this.d.actions.refresh();
    return this.snapshot();
  }

  private snapshot(): PanelState {
    const c = this.d.config();
    const m = this.d.manager.state;
    const a = this.d.actions.view;
    const v = this.d.actions.voices();
    const cloned = this.d.actions.clonedVoices();
    const clonedIds = new Set(cloned.map((c) => c.id));
    return {
      active: m.active,
      local: view(m.statuses.local, !this.modelError),
      colab: view(m.statuses.colab, true),
      model: {
        backbone: c.local.backbone,
        codec: c.local.codec,
        device: c.local.device,
        backbones: withCurrent(this.d.backbones, c.local.backbone),
        notebookBackbones: this.d.notebookBackbones,
        codecs: withCurrent(this.d.codecs, c.local.codec),
        loading: a.loading ?? null,
        loaded: this.d.local.modelLoaded,
      },
      colabConfig: { endpoint: c.colab.endpoint, hasToken: a.hasToken, notebookToken: a.notebookToken, busy: a.colabBusy },
      voices: {
        // Cloned voices have their own list (with Rename, Delete, Export): not twice.
        presets: v.presets.filter((p) => !clonedIds.has(p.id)),
        selected: v.selected,
        canClone: m.statuses.colab.state === 'ready',
        licence: v.licence,
        cloned: cloned.map((c) => ({ id: c.id, name: c.name, detail: clonedDetail(c) })),
        cloneLocal: { available: this.d.actions.canCloneLocally(), running: a.cloning ?? null, enrolHost: a.enrolHost },
      },
    };
  }

  private push(): void {
    this.d.post({ type: 'state', state: this.snapshot() });
  }

  private notice(section: PanelSection, level: 'info' | 'error', text: string, fix?: string, actions: NoticeAction[] = []): void {
    const wasError = this.modelError;
    if (section === 'model') this.modelError = level === 'error';
    this.d.post({ type: 'notice', section, level, text, ...(fix ? { fix } : {}), ...(actions.length ? { actions } : {}) });
    // The Local card leaves out what the notice says: redraw it when that changes.
    if (wasError !== this.modelError) this.push();
  }

  private clear(section: PanelSection): void {
    if (section === 'model') this.modelError = false;
    this.d.post({ type: 'notice', section, level: 'info', text: '' });
  }

  private fail(section: PanelSection, err: unknown): void {
    if (isAbortError(err)) return;
    if (err instanceof UserError) {
      const actions = err.actions.map((x) => ({ label: x.label, command: x.command, args: (x.args ?? []).map(String) }));
      this.notice(section, 'error', err.message, err.fix, actions);
    } else this.notice(section, 'error', describeError(err));
    this.d.log?.(`panel ${section}: ${describeError(err)}`);
  }

  /** Runs one action for a section: its outcome becomes an information notice, its error an error notice. */
  private async run(section: PanelSection, fn: () => Promise<Outcome | undefined | void> | Outcome | void): Promise<void> {
    try {
      const out = await fn();
      if (out) this.notice(section, 'info', out.message);
    } catch (err) {
      this.fail(section, err);
    }
  }

  /** Handles one validated message from the webview. Never throws: failures become notices in their section. */
  async handle(msg: FromPanel): Promise<void> {
    const a = this.d.actions;
    switch (msg.type) {
      case 'ready':
        this.d.post({ type: 'init', strings: this.strings(), state: await this.state() });
        return;
      case 'switchBackend':
        await this.run('backend', () => a.switchBackend(msg.backend));
        this.push(); // after a refusal, puts the radio back where it was
        return;
      case 'loadModel':
        return this.run('model', () => a.loadModel({ backbone: msg.backbone, codec: msg.codec, device: msg.device }));
      case 'cancelLoad':
        a.cancelLoad();
        return;
      case 'unloadModel':
        return this.run('model', () => a.unloadModel());
      case 'generateNotebook':
        return this.run('colab', () => a.generateNotebook(msg));
      case 'copyToken':
        return this.run('colab', () => a.copyToken());
      case 'connect':
        return this.run('colab', () => a.connect(msg.endpoint, msg.token));
      case 'testConnection':
        return this.run('colab', () => a.testConnection());
      case 'disconnect':
        return this.run('colab', () => a.disconnect());
      case 'previewVoice':
        return this.run('voices', () => a.previewVoice(msg.voice));
      case 'selectVoice':
        // The Use button's own badge says it: no notice.
        return this.run('voices', async () => void (await a.selectVoice(msg.voice)));
      case 'addCustomVoice':
        return this.run('voices', () => a.addCustomVoice(msg.name, msg.codes, msg.transcript));
      case 'cloneVoice':
        return this.run('voices', () => a.cloneVoice(msg.name, msg.transcript, (m) => this.notice('voices', 'info', m)));
      case 'openColab':
        return this.run('colab', () => this.d.openColab());
      case 'cloneAudio':
        return this.run('voices', () => a.cloneFromAudio({ name: msg.name, denoise: msg.denoise, where: msg.where }));
      case 'cloneAudioBytes':
        return this.run('voices', () => a.cloneFromAudio({ name: msg.name, denoise: msg.denoise, where: msg.where, source: { bytes: msg.bytes, fileName: msg.fileName } }));
      case 'cancelClone':
        a.cancelClone();
        return;
      case 'renameClonedVoice':
        return this.run('voices', () => a.renameClonedVoice(msg.id, msg.name));
      case 'deleteClonedVoice':
        return this.run('voices', () => a.deleteClonedVoice(msg.id));
      case 'exportClonedVoice':
        return this.run('voices', () => a.exportClonedVoice(msg.id));
      case 'importClonedVoices':
        return this.run('voices', () => a.importClonedVoices());
      case 'runCommand':
        // The commands a notice offers report their own outcome.
        try {
          await this.d.runCommand(msg.command, msg.args);
        } catch (err) {
          this.d.log?.(`panel: ${msg.command}: ${describeError(err)}`);
        }
        return;
    }
  }

  /**
   * A message the parser refused. One that carries a dropped clip (too large, empty) gets its reason in the
   * Voices section; anything else is a bug of the page and only logged.
   */
  refused(raw: unknown, err: unknown): void {
    const type = (raw as { type?: unknown } | undefined)?.type;
    if (type === 'cloneAudioBytes') {
      const name = String((raw as { fileName?: unknown }).fileName ?? '');
      this.notice('voices', 'error', t('uiCloneDropRefused', name, (err as Error).message.replace(/^Invalid message from panel: /, '')));
    }
    this.d.log?.(`panel: ${(err as Error).message}`);
  }

  dispose(): void {
    for (const s of this.subs) s.dispose();
  }
}

function clonedDetail(c: { seconds?: number; frames: number; denoised?: boolean }): string {
  const parts = [c.seconds !== undefined ? t('uiClonedSeconds', c.seconds.toFixed(1)) : '', t('uiClonedFrames', c.frames), c.denoised ? t('uiClonedDenoised') : ''];
  return parts.filter(Boolean).join(' · ');
}

/** A configured model that is not in the list (a folder the user browsed to) is still shown, as chosen. */
function withCurrent(list: ModelOption[], current: string): ModelOption[] {
  if (!current || list.some((m) => m.id === current)) return list;
  return [...list, { id: current, label: current, licence: licenceText('see repository'), sizeMB: 0 }];
}

/** A status as the page draws it; `showError` false drops the "last error" fact the model notice already says. */
function view(s: BackendStatus, showError: boolean): PanelState['local'] {
  const info = s.info ? { ...s.info } : undefined;
  if (info && typeof info.modelLicence === 'string') info.modelLicence = licenceText(info.modelLicence);
  if (info && !showError) delete info.modelError;
  return {
    state: s.state,
    // The failed load's message is in the model notice, with its buttons: the card says what there is.
    detail: !showError && s.state === 'error' ? t('localStatusNoModel') : s.detail,
    ...(s.progress !== undefined ? { progress: s.progress } : {}),
    ...(info ? { info } : {}),
  };
}
