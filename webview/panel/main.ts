// The admin panel's front-end. It holds no text of its own (the extension sends every string, localized) and
// no logic beyond forms: it renders PanelState messages and posts typed requests. Built once, then updated in
// place so keyboard focus and half-typed fields survive every state message; kept across hide/show with
// getState/setState.
import './elements';
import { MAX_CLIP_BYTES, parseFromPanel, parseToPanel, parseVoiceCodes, type ClonedVoiceView, type FromPanel, type NoticeAction, type PanelSection, type PanelState, type PanelStrings, type ModelOption } from '../../src/vscode/panel/protocol';
import type { UiMessageId } from '../../src/core/strings/ui';
import { byId, flag, h, renderList, setText } from './dom';
import type { CheckboxElement, ProgressElement, RadioElement, ValueElement } from './elements';
import { PANEL_CSS } from './style';

declare function acquireVsCodeApi(): { postMessage(m: unknown): void; getState(): unknown; setState(s: unknown): void };

interface Notice {
  level: 'info' | 'error';
  text: string;
  fix?: string;
  actions?: NoticeAction[];
}

/** The Backbone list's last entry: not a model, a request for the folder picker. */
const BROWSE = '__browse__';

interface Saved {
  strings?: PanelStrings;
  state?: PanelState;
  /** Values the user typed or picked, by element id (never the token: webview state is not secret storage). */
  form: Record<string, string>;
  notices: Partial<Record<PanelSection, Notice>>;
}

const vscode = acquireVsCodeApi();
const saved: Saved = { form: {}, notices: {}, ...((vscode.getState() as Partial<Saved> | undefined) ?? {}) };
let strings: PanelStrings = saved.strings ?? {};
let state: PanelState | undefined = saved.state;
let built = false;
/** A switch asked for and not yet answered: one request per change, however many events report it. */
let pendingSwitch: string | undefined;
/** The cloned voice whose row shows the rename field. */
let renaming: string | undefined;

const s = (id: UiMessageId, ...args: Array<string | number>): string =>
  (strings[id] ?? id).replace(/\{(\d+)\}/g, (m, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : m));

function persist(): void {
  vscode.setState({ ...saved, strings, state } satisfies Saved);
}

function post(msg: FromPanel): void {
  // Validate our own output too: a message the host would refuse is a bug to catch here, in the test page.
  vscode.postMessage(parseFromPanel(msg));
}

// ---------------------------------------------------------------- building

const FIELD_IDS = ['endpoint', 'custom-name', 'custom-codes', 'custom-transcript', 'clone-name', 'clone-transcript', 'local-clone-name'] as const;

function button(id: string, label: UiMessageId, onClick: () => void, secondary = false): HTMLElement {
  const b = h('vscode-button', { id, secondary });
  b.textContent = s(label);
  b.addEventListener('click', () => {
    if (!(b as ValueElement).disabled) onClick();
  });
  return b;
}

function field(id: string, label: UiMessageId, kind: 'text' | 'password' | 'area' = 'text', placeholder?: string): HTMLElement {
  const input = h(kind === 'area' ? 'vscode-textarea' : 'vscode-textfield', {
    id,
    type: kind === 'password' ? 'password' : undefined,
    placeholder,
    rows: kind === 'area' ? 3 : undefined,
  });
  if (kind !== 'password') {
    input.addEventListener('input', () => {
      saved.form[id] = (input as ValueElement).value;
      persist();
    });
  }
  return h('div', { class: 'field' }, h('vscode-label', { for: id }, s(label)), input);
}

function select(id: string, label: UiMessageId): HTMLElement {
  const sel = h('vscode-single-select', { id });
  sel.addEventListener('change', () => {
    if (id === 'backbone' && (sel as ValueElement).value === BROWSE) {
      // Back to what it showed; the host sets the setting and a new state follows.
      (sel as ValueElement).value = chosen(id);
      post({ type: 'runCommand', command: 'vieneu.chooseModelsFolder', args: ['backbone'] });
      return;
    }
    saved.form[id] = (sel as ValueElement).value;
    persist();
    if (id === 'backbone' || id === 'codec') renderModelFacts();
  });
  return h('div', { class: 'field' }, h('vscode-label', { for: id }, s(label)), sel);
}

function notice(section: PanelSection): HTMLElement {
  return h('div', { id: `notice-${section}`, class: 'notice', 'aria-live': 'polite', hidden: true });
}

function statusCard(which: 'local' | 'colab'): HTMLElement {
  return h(
    'div',
    { class: 'card', id: `${which}-card`, role: 'group', 'aria-labelledby': `${which}-title` },
    h('h3', { id: `${which}-title` }, s(which === 'local' ? 'uiLocalBackend' : 'uiColabBackend')),
    h('div', { class: 'state-line' }, h('span', { class: 'dot', id: `${which}-dot` }), h('span', { id: `${which}-state` }), h('vscode-badge', { id: `${which}-active`, hidden: true }, s('uiActiveBadge'))),
    h('div', { id: `${which}-detail`, class: 'detail' }),
    h('dl', { id: `${which}-info`, class: 'info' }),
  );
}

function build(): void {
  const adopt = new CSSStyleSheet();
  adopt.replaceSync(PANEL_CSS);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, adopt];
  document.title = s('uiPanelTitle');

  const backend = h(
    'section',
    { id: 'sec-backend', 'aria-labelledby': 'sec-backend-h' },
    h('h2', { id: 'sec-backend-h' }, s('uiSecBackend')),
    h('div', { class: 'cards' }, statusCard('local'), statusCard('colab')),
    h('vscode-label', { id: 'mode-label' }, s('uiActiveMode')),
    h(
      'vscode-radio-group',
      { id: 'mode', 'aria-labelledby': 'mode-label' },
      h('vscode-radio', { id: 'mode-local', name: 'mode', value: 'local', label: s('uiModeLocal') }, s('uiModeLocal')),
      h('vscode-radio', { id: 'mode-colab', name: 'mode', value: 'colab', label: s('uiModeColab') }, s('uiModeColab')),
    ),
    notice('backend'),
  );

  const model = h(
    'section',
    { id: 'sec-model', 'aria-labelledby': 'sec-model-h' },
    h('h2', { id: 'sec-model-h' }, s('uiSecModel')),
    h('div', { class: 'row' }, select('backbone', 'uiBackbone'), select('codec', 'uiCodec'), select('device', 'uiDevice')),
    h('div', { id: 'model-facts', class: 'detail' }),
    h('div', { class: 'buttons' }, button('load', 'uiLoadModel', loadModel), button('cancel-load', 'uiCancel', () => post({ type: 'cancelLoad' }), true), button('unload', 'uiUnloadModel', () => post({ type: 'unloadModel' }), true)),
    h('div', { id: 'load-box', hidden: true }, h('vscode-progress-bar', { id: 'load-progress', max: 100 }), h('div', { id: 'load-message', class: 'detail', 'aria-live': 'polite' })),
    notice('model'),
  );

  const colab = h(
    'section',
    { id: 'sec-colab', 'aria-labelledby': 'sec-colab-h' },
    h('h2', { id: 'sec-colab-h' }, s('uiSecColab')),
    h('h3', {}, s('uiStep1')),
    h('p', { class: 'help' }, s('uiStep1Help')),
    h('div', { class: 'row' }, select('nb-backbone', 'uiBackbone'), select('nb-codec', 'uiCodec'), select('nb-device', 'uiDevice')),
    h('div', { class: 'buttons' }, button('nb-open', 'uiOpenNotebook', () => generate('open')), button('nb-save', 'uiSaveNotebook', () => generate('save'), true)),
    h('div', { class: 'token-line' }, h('span', { class: 'label' }, s('uiAuthToken') + ':'), h('code', { id: 'nb-token', tabindex: 0 }), button('copy-token', 'uiCopy', () => post({ type: 'copyToken' }), true)),
    h('h3', {}, s('uiStep2')),
    h('ol', { class: 'help' }, h('li', {}, s('uiStep2Help1')), h('li', {}, s('uiStep2Help2')), h('li', {}, s('uiStep2Help3'))),
    h('div', { class: 'buttons' }, button('open-colab', 'uiOpenColab', () => post({ type: 'openColab' }), true)),
    h('p', { class: 'warning' }, s('uiStep2Warning')),
    h('h3', {}, s('uiStep3')),
    field('endpoint', 'uiEndpointUrl', 'text', s('uiEndpointPlaceholder')),
    field('token', 'uiTokenField', 'password'),
    h('div', { class: 'buttons' }, button('connect', 'uiConnect', () => connect('connect')), button('test', 'uiTestConnection', () => connect('testConnection'), true), button('disconnect', 'uiDisconnect', () => post({ type: 'disconnect' }), true)),
    h('dl', { id: 'colab-facts', class: 'info' }),
    notice('colab'),
  );

  const voices = h(
    'section',
    { id: 'sec-voices', 'aria-labelledby': 'sec-voices-h' },
    h('h2', { id: 'sec-voices-h' }, s('uiSecVoices')),
    h('h3', {}, s('uiPresets')),
    h('div', { id: 'presets', class: 'voices', role: 'list' }),
    h('div', { id: 'voice-licence', class: 'detail' }),
    h('h3', { id: 'local-clone-h' }, s('uiLocalClone')),
    h(
      'div',
      { id: 'clone-drop', class: 'dropzone', role: 'group', 'aria-labelledby': 'local-clone-h', 'aria-describedby': 'local-clone-help' },
      h('p', { class: 'help', id: 'local-clone-help' }),
      field('local-clone-name', 'uiCloneNameOptional'),
      h('vscode-checkbox', { id: 'clone-denoise', label: s('uiCloneDenoise') }),
      h('div', { id: 'clone-where-box', hidden: true }, select('clone-where', 'uiCloneWhere')),
      h(
        'div',
        { class: 'buttons' },
        button('clone-file', 'uiCloneFromFile', () => cloneLocal()),
        button('import-voices', 'uiImportVoices', () => post({ type: 'importClonedVoices' }), true),
        h('span', { class: 'detail', id: 'clone-drop-hint' }, s('uiCloneDropZone')),
      ),
      h(
        'div',
        { id: 'clone-box', hidden: true },
        h('vscode-progress-bar', { id: 'clone-progress', max: 100 }),
        h('div', { id: 'clone-message', class: 'detail', 'aria-live': 'polite' }),
        h('div', { class: 'buttons' }, button('cancel-clone', 'uiCancel', () => post({ type: 'cancelClone' }), true)),
      ),
    ),
    h('h3', { id: 'cloned-h' }, s('uiClonedVoices')),
    h('div', { id: 'cloned', class: 'voices', role: 'list', 'aria-labelledby': 'cloned-h' }),
    h('h3', {}, s('uiCustomVoice')),
    field('custom-name', 'uiVoiceName'),
    field('custom-codes', 'uiVoiceCodes', 'area'),
    field('custom-transcript', 'uiVoiceTranscript'),
    h('div', { class: 'buttons' }, button('add-voice', 'uiAddVoice', addCustomVoice)),
    h('h3', {}, s('uiCloneVoice')),
    h('p', { class: 'help', id: 'clone-help' }),
    field('clone-name', 'uiVoiceName'),
    field('clone-transcript', 'uiVoiceTranscript'),
    h('div', { class: 'buttons' }, button('clone', 'uiChooseAudio', cloneVoice)),
    notice('voices'),
  );

  document.body.replaceChildren(h('main', { id: 'panel' }, backend, model, colab, voices));

  // The radio group moves `checked` on arrow keys without a change event: look at the result of any input.
  const group = byId('mode');
  const onMode = () =>
    queueMicrotask(() => {
      const checked = Array.from(group.querySelectorAll<RadioElement>('vscode-radio')).find((r) => r.checked);
      if (!checked || !state || checked.value === state.active || checked.value === pendingSwitch) return;
      pendingSwitch = checked.value;
      post({ type: 'switchBackend', backend: checked.value === 'colab' ? 'colab' : 'local' });
    });
  for (const ev of ['change', 'click', 'keyup']) group.addEventListener(ev, onMode);
  wireDrop(byId('sec-voices'));
  for (const id of FIELD_IDS) if (saved.form[id] !== undefined) byId<ValueElement>(id).value = saved.form[id];
  built = true;
}

// ---------------------------------------------------------------- actions

const val = (id: string) => byId<ValueElement>(id).value;
/**
 * What a select shows: the user's pick, else the configured value. Read from our own record, not the element:
 * a select fills its options asynchronously and reports '' until then.
 */
const chosen = (id: string) => saved.form[id] ?? byId(id).dataset.applied ?? val(id);
const device = (id: string) => (['auto', 'cpu', 'gpu'].includes(chosen(id)) ? chosen(id) : 'auto') as 'auto' | 'cpu' | 'gpu';

function loadModel(): void {
  post({ type: 'loadModel', backbone: chosen('backbone'), codec: chosen('codec'), device: device('device') });
}

function generate(action: 'open' | 'save'): void {
  post({ type: 'generateNotebook', backbone: chosen('nb-backbone'), codec: chosen('nb-codec'), device: device('nb-device'), action });
}

function connect(kind: 'connect' | 'testConnection'): void {
  const endpoint = val('endpoint').trim();
  if (!endpoint) return showNotice('colab', { level: 'error', text: s('uiEndpointEmpty') });
  post({ type: kind, endpoint, token: val('token').trim() });
}

function addCustomVoice(): void {
  const name = val('custom-name').trim();
  const transcript = val('custom-transcript').trim();
  const parsed = parseVoiceCodes(val('custom-codes'));
  if (!name) return showNotice('voices', { level: 'error', text: s('uiNameEmpty') });
  if ('problem' in parsed) {
    const text =
      parsed.problem === 'empty' ? s('uiCodesEmpty') : parsed.problem === 'notNumber' ? s('uiCodesNotNumber', parsed.at ?? '') : s('uiCodesOutOfRange', parsed.at ?? '');
    return showNotice('voices', { level: 'error', text });
  }
  if (!transcript) return showNotice('voices', { level: 'error', text: s('uiTranscriptEmpty') });
  post({ type: 'addCustomVoice', name, codes: parsed.codes.join(','), transcript });
}

function cloneVoice(): void {
  const name = val('clone-name').trim();
  const transcript = val('clone-transcript').trim();
  if (!name) return showNotice('voices', { level: 'error', text: s('uiNameEmpty') });
  if (!transcript) return showNotice('voices', { level: 'error', text: s('uiTranscriptEmpty') });
  post({ type: 'cloneVoice', name, transcript });
}

function cloneChoice(): { name: string; denoise: boolean; where: 'local' | 'server' } {
  const where = !byId('clone-where-box').hidden && val('clone-where') === 'server' ? 'server' : 'local';
  return { name: val('local-clone-name').trim(), denoise: !!byId<CheckboxElement>('clone-denoise').checked, where };
}

function cloneLocal(): void {
  post({ type: 'cloneAudio', ...cloneChoice() });
}

const megabytes = (n: number) => Math.round(n / 1024 / 1024);

/** Reads a dropped audio file and hands its bytes to the host, refusing more than one file or a huge one here. */
async function cloneDropped(files: FileList | null): Promise<void> {
  if (!files || files.length !== 1) return showNotice('voices', { level: 'error', text: s('uiCloneDropOne') });
  const file = files[0];
  if (file.size > MAX_CLIP_BYTES) return showNotice('voices', { level: 'error', text: s('uiCloneTooLarge', file.name, megabytes(MAX_CLIP_BYTES)) });
  if (!state?.voices.cloneLocal.available && cloneChoice().where === 'local') return showNotice('voices', { level: 'error', text: s('uiLocalCloneUnavailable') });
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch {
    return showNotice('voices', { level: 'error', text: s('uiCloneUnreadable', file.name) });
  }
  post({ type: 'cloneAudioBytes', ...cloneChoice(), fileName: file.name, bytes });
}

/** The whole Voices section takes a dropped file; the drop zone lights up while one is held over it. */
function wireDrop(section: HTMLElement): void {
  const zone = byId('clone-drop');
  const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');
  section.addEventListener('dragover', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    zone.classList.add('dragging');
  });
  section.addEventListener('dragleave', (e) => {
    if (!section.contains(e.relatedTarget as Node | null)) zone.classList.remove('dragging');
  });
  section.addEventListener('drop', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    zone.classList.remove('dragging');
    if (state?.voices.cloneLocal.running) return;
    void cloneDropped(e.dataTransfer?.files ?? null);
  });
}

function saveRename(id: string): void {
  const name = val('rename-field').trim();
  if (!name) return showNotice('voices', { level: 'error', text: s('uiNameEmpty') });
  renaming = undefined;
  post({ type: 'renameClonedVoice', id, name });
  if (state) renderVoices(state);
}

/** Puts the caret in the rename field once the element has drawn its inner input. */
function focusRenameField(): void {
  const f = document.getElementById('rename-field') as (HTMLElement & { updateComplete?: Promise<unknown> }) | null;
  if (!f) return;
  const go = () => (f.shadowRoot?.querySelector('input') ?? f).focus();
  if (f.updateComplete) void f.updateComplete.then(go);
  else go();
}

function cancelRename(): void {
  const id = renaming;
  renaming = undefined;
  if (state) renderVoices(state);
  const b = id ? (document.getElementById(`cloned-rename-${id}`) as (HTMLElement & { updateComplete?: Promise<unknown> }) | null) : null;
  // A freshly built button takes focus once it has drawn itself.
  if (b) void (b.updateComplete ?? Promise.resolve()).then(() => b.focus());
}

function clonedRow(c: ClonedVoiceView, selected: string): HTMLElement {
  if (c.id === renaming) {
    const input = h('vscode-textfield', { id: 'rename-field', value: c.name, 'aria-label': s('uiNewName', c.name) });
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') saveRename(c.id);
    });
    const row = h(
      'div',
      { class: 'cloned-voice', role: 'listitem', 'data-voice': c.id },
      input,
      button('rename-save', 'uiSave', () => saveRename(c.id)),
      button('rename-cancel', 'uiCancel', cancelRename, true),
    );
    // Escape gives up from anywhere in the row: the field, Save or Cancel.
    row.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') cancelRename();
    });
    return row;
  }
  const use =
    c.id === selected ? h('vscode-badge', { id: `cloned-inuse-${c.id}` }, s('uiInUse')) : button(`cloned-use-${c.id}`, 'uiUse', () => post({ type: 'selectVoice', voice: c.id }), true);
  return h(
    'div',
    { class: 'cloned-voice', role: 'listitem', 'data-voice': c.id },
    h('span', { class: 'voice-name' }, c.name),
    h('span', { class: 'detail' }, c.detail),
    button(`cloned-preview-${c.id}`, 'uiPreview', () => post({ type: 'previewVoice', voice: c.id }), true),
    use,
    button(
      `cloned-rename-${c.id}`,
      'uiRename',
      () => {
        renaming = c.id;
        if (state) renderVoices(state);
        focusRenameField();
      },
      true,
    ),
    button(`cloned-export-${c.id}`, 'uiExport', () => post({ type: 'exportClonedVoice', id: c.id }), true),
    button(`cloned-delete-${c.id}`, 'uiDelete', () => post({ type: 'deleteClonedVoice', id: c.id }), true),
  );
}

function renderCloned(st: PanelState): void {
  const v = st.voices;
  const cl = v.cloneLocal;
  if (renaming && !v.cloned.some((c) => c.id === renaming)) renaming = undefined;
  renderList(byId('cloned'), JSON.stringify([v.cloned, v.selected, renaming]), () =>
    v.cloned.length === 0 ? [h('p', { class: 'help', id: 'no-cloned' }, s('uiNoClonedVoices'))] : v.cloned.map((c) => clonedRow(c, v.selected)),
  );
  setText('local-clone-help', cl.available || cl.enrolHost ? s('uiLocalCloneHelp') : `${s('uiLocalCloneHelp')} ${s('uiLocalCloneUnavailable')}`);
  // The server is offered only when it can enrol; this computer stays the first, default choice.
  flag(byId('clone-where-box'), 'hidden', !cl.enrolHost);
  fillSelect(
    'clone-where',
    cl.enrolHost ? [{ value: 'local', label: s('uiCloneWhereLocal') }, { value: 'server', label: s('uiCloneWhereServer', cl.enrolHost) }] : [{ value: 'local', label: s('uiCloneWhereLocal') }],
    'local',
  );
  const running = cl.running;
  byId<ValueElement>('clone-file').disabled = !!running || (!cl.available && !cl.enrolHost);
  flag(byId('clone-box'), 'hidden', !running);
  const bar = byId<ProgressElement>('clone-progress');
  if (running) {
    bar.indeterminate = !(running.fraction > 0);
    bar.value = Math.round(running.fraction * 100);
    bar.setAttribute('aria-label', running.message);
    setText('clone-message', running.message);
  }
}

// ---------------------------------------------------------------- rendering

function showNotice(section: PanelSection, n: Notice | undefined): void {
  if (n) saved.notices[section] = n;
  else delete saved.notices[section];
  persist();
  renderNotice(section);
}

function renderNotice(section: PanelSection): void {
  const el = byId(`notice-${section}`);
  const n = saved.notices[section];
  flag(el, 'hidden', !n);
  el.className = `notice ${n?.level ?? ''}`;
  // Errors interrupt a screen reader; information waits its turn.
  el.setAttribute('role', n?.level === 'error' ? 'alert' : 'status');
  const buttons = (n?.actions ?? []).map((a, i) => {
    const b = button(`notice-${section}-action-${i}`, 'uiOpenSettings', () => post({ type: 'runCommand', command: a.command, args: a.args }), true);
    b.textContent = a.label;
    return b;
  });
  el.replaceChildren(
    ...(n
      ? [h('span', { class: 'text' }, n.text), ...(n.fix ? [' ', h('span', { class: 'fix' }, n.fix)] : []), ...(buttons.length ? [h('div', { class: 'buttons' }, ...buttons)] : [])]
      : []),
  );
}

const STATE_LABEL = { idle: 'uiStateLabelIdle', busy: 'uiStateLabelBusy', ready: 'uiStateLabelReady', error: 'uiStateLabelError' } as const;

function renderInfo(dl: HTMLElement, entries: Array<[string, string]>): void {
  renderList(dl, JSON.stringify(entries), () => entries.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

function colabFacts(st: PanelState): Array<[string, string]> {
  const info = st.colab.info ?? {};
  const out: Array<[string, string]> = [];
  if (info.latencyMs !== undefined) out.push([s('uiLatency'), `${info.latencyMs} ms`]);
  if (info.gpu !== undefined) out.push([s('uiGpu'), String(info.gpu)]);
  // Which kind of server it is and what it can do (RemoteBackend's status info).
  if (info.serverKindLabel !== undefined) out.push([s('uiServerKind'), String(info.serverKindLabel)]);
  if (info.capabilities !== undefined) out.push([s('uiServerCan'), String(info.capabilities)]);
  return out;
}

/** The facts of the local engine worth showing, under localized labels (the raw keys are for tooltips and logs). */
const LOCAL_FACTS: Array<[string, UiMessageId]> = [
  ['model', 'uiInfoModel'],
  ['engine', 'uiInfoEngine'],
  ['voices', 'uiInfoVoices'],
  ['modelLicence', 'uiLicence'],
  ['voiceLicence', 'uiVoiceLicence'],
  ['source', 'uiInfoSource'],
  ['modelError', 'uiInfoError'],
];

function localFacts(info: Record<string, string | number | boolean>): Array<[string, string]> {
  return LOCAL_FACTS.filter(([k]) => info[k] !== undefined && info[k] !== '').map(([k, label]) => [s(label), String(info[k])]);
}

function renderBackends(st: PanelState): void {
  for (const which of ['local', 'colab'] as const) {
    const b = st[which];
    setText(`${which}-state`, s(STATE_LABEL[b.state]));
    byId(`${which}-dot`).className = `dot ${b.state}`;
    setText(`${which}-detail`, b.detail);
    flag(byId(`${which}-active`), 'hidden', st.active !== which);
    const facts: Array<[string, string]> = which === 'colab' ? colabFacts(st) : localFacts(b.info ?? {});
    renderInfo(byId(`${which}-info`), facts);
  }
  // The radio shows the real active mode: after a refused switch it falls back to where it was.
  for (const id of ['local', 'colab'] as const) {
    const r = byId<RadioElement>(`mode-${id}`);
    if (r.checked !== (st.active === id)) r.checked = st.active === id;
  }
}

function fillSelect(id: string, options: Array<{ value: string; label: string }>, fromState: string): void {
  const sel = byId<ValueElement>(id);
  const key = JSON.stringify(options);
  renderList(sel, key, () => options.map((o) => h('vscode-option', { value: o.value }, o.label)));
  // A choice the user made wins over the configured one, until the configured one changes.
  const lastApplied = sel.dataset.applied;
  if (lastApplied !== fromState) {
    sel.dataset.applied = fromState;
    if (lastApplied !== undefined) delete saved.form[id];
  }
  const want = saved.form[id] ?? fromState;
  if (sel.value !== want) sel.value = want;
}

const modelOptions = (list: ModelOption[]) => list.map((m) => ({ value: m.id, label: m.label }));

function renderModelFacts(): void {
  if (!state) return;
  const pick = (list: ModelOption[], id: string) => list.find((m) => m.id === id);
  const backbone = pick(state.model.backbones, chosen('backbone'));
  // Automatic ('') is the codec the chosen backbone was made for: its size and licence are part of the download.
  const codec = pick(state.model.codecs, chosen('codec') || backbone?.codec || '');
  const parts = [backbone, codec].filter((m): m is ModelOption => !!m);
  const el = byId('model-facts');
  renderList(el, JSON.stringify(parts), () =>
    parts.map((m) =>
      h('div', { class: 'fact' }, `${m.label} — ${s('uiLicence')}: ${m.licence} · ${s('uiSize')}: ${m.sizeMB > 0 ? s('uiMegabytes', Math.round(m.sizeMB)) : s('uiSizeUnknown')}`),
    ),
  );
}

function renderModel(st: PanelState): void {
  const devices = [
    { value: 'auto', label: s('uiDeviceAuto') },
    { value: 'cpu', label: s('uiDeviceCpu') },
    { value: 'gpu', label: s('uiDeviceGpu') },
  ];
  fillSelect('backbone', [...modelOptions(st.model.backbones), { value: BROWSE, label: s('uiBrowseBackbone') }], st.model.backbone);
  const codecs = [{ value: '', label: s('uiCodecAuto') }, ...modelOptions(st.model.codecs)];
  fillSelect('codec', codecs, st.model.codec);
  fillSelect('device', devices, st.model.device);
  // The notebook offers every backbone, upstream's current one (v3 Turbo, listed first) by default: the GPU
  // runs it faster than any local model, whatever Local is set to.
  const nbBackbone = st.model.notebookBackbones[0]?.id ?? '';
  fillSelect('nb-backbone', modelOptions(st.model.notebookBackbones), nbBackbone);
  fillSelect('nb-codec', codecs, st.model.codec);
  fillSelect('nb-device', devices, 'gpu');
  renderModelFacts();

  const loading = st.model.loading;
  flag(byId('load-box'), 'hidden', !loading);
  flag(byId('cancel-load'), 'hidden', !loading);
  byId<ValueElement>('load').disabled = !!loading;
  byId<ValueElement>('unload').disabled = !!loading || !st.model.loaded;
  const bar = byId<ProgressElement>('load-progress');
  if (loading) {
    bar.indeterminate = !(loading.fraction > 0);
    bar.value = Math.round(loading.fraction * 100);
    bar.setAttribute('aria-label', loading.message);
    setText('load-message', `${loading.message}${loading.fraction > 0 ? ` (${Math.round(loading.fraction * 100)}%)` : ''}`);
  }
}

function renderColab(st: PanelState): void {
  const c = st.colabConfig;
  setText('nb-token', c.notebookToken || s('uiNoTokenYet'));
  byId('nb-token').classList.toggle('empty', !c.notebookToken);
  byId<ValueElement>('copy-token').disabled = !c.notebookToken;
  const endpoint = byId<ValueElement>('endpoint');
  if (saved.form.endpoint === undefined && endpoint.value !== c.endpoint) endpoint.value = c.endpoint;
  const token = byId<ValueElement & { placeholder?: string }>('token');
  const ph = c.hasToken ? s('uiTokenStoredPlaceholder') : '';
  if ((token.getAttribute('placeholder') ?? '') !== ph) token.setAttribute('placeholder', ph);
  const connected = st.colab.state === 'ready';
  for (const id of ['connect', 'test']) byId<ValueElement>(id).disabled = c.busy;
  byId<ValueElement>('disconnect').disabled = c.busy || (!connected && st.colab.state !== 'error');
  renderInfo(byId('colab-facts'), colabFacts(st));
}

function renderVoices(st: PanelState): void {
  const v = st.voices;
  renderList(byId('presets'), JSON.stringify([v.presets, v.selected]), () =>
    v.presets.length === 0
      ? [h('p', { class: 'help', id: 'no-presets' }, s('uiNoPresets'))]
      : v.presets.map((p) => {
          const use =
            p.id === v.selected
              ? h('vscode-badge', { id: `voice-inuse-${p.id}` }, s('uiInUse'))
              : button(`voice-use-${p.id}`, 'uiUse', () => post({ type: 'selectVoice', voice: p.id }), true);
          return h(
            'div',
            { class: 'voice', role: 'listitem', 'data-voice': p.id },
            h('span', { class: 'voice-name' }, p.label),
            h('span', { class: 'detail' }, p.description),
            button(`voice-preview-${p.id}`, 'uiPreview', () => post({ type: 'previewVoice', voice: p.id }), true),
            use,
          );
        }),
  );
  setText('voice-licence', v.licence ? `${s('uiVoiceLicence')}: ${v.licence}` : '');
  setText('clone-help', v.canClone ? s('uiCloneHelp') : `${s('uiCloneHelp')} ${s('uiCloneNeedsColab')}`);
  byId<ValueElement>('clone').disabled = !v.canClone;
  renderCloned(st);
}

function render(): void {
  if (!state) {
    if (!built) document.body.textContent = s('uiPanelLoading');
    return;
  }
  if (!built) build();
  renderBackends(state);
  renderModel(state);
  renderColab(state);
  renderVoices(state);
  for (const sec of ['backend', 'model', 'colab', 'voices'] as const) renderNotice(sec);
}

// ---------------------------------------------------------------- messages

window.addEventListener('message', (event: MessageEvent) => {
  let msg;
  try {
    msg = parseToPanel(event.data);
  } catch (err) {
    // A malformed message is a bug in the host; say so in the console rather than render half a state.
    console.error('[vieneu panel]', (err as Error).message);
    return;
  }
  switch (msg.type) {
    case 'init':
      strings = msg.strings;
      state = msg.state;
      pendingSwitch = undefined;
      if (built && document.title !== s('uiPanelTitle')) built = false; // language changed: rebuild labels
      break;
    case 'state':
      state = msg.state;
      pendingSwitch = undefined;
      break;
    case 'notice':
      if (msg.text) saved.notices[msg.section] = { level: msg.level, text: msg.text, fix: msg.fix, actions: msg.actions };
      else delete saved.notices[msg.section];
      break;
  }
  persist();
  render();
});

try {
  render();
} catch (err) {
  // A saved view this build cannot draw must not leave the panel blank: drop it and wait for the host's state.
  console.error('[vieneu panel] could not restore the saved view:', (err as Error).message);
  state = undefined;
  built = false;
  document.body.textContent = '';
  render();
}
post({ type: 'ready' });
