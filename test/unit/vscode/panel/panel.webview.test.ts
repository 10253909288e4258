// The admin panel page in real Chromium, behind the production HTML and CSP: what it posts for each control,
// how it renders state and notices, keyboard use, theme variables, and state restored after a reload.
import * as assert from 'assert';
import type { Browser, Page } from 'playwright-core';
import { chromiumAvailable, launchChromium, serveWebview, type Harness } from '../../helpers/webviewHarness';
import { sampleState, strings } from './panelFixtures';
import type { PanelState, ToPanel } from '../../../../src/vscode/panel/protocol';

describe('admin panel webview (Chromium)', function () {
  this.timeout(60000);
  let harness: Harness;
  let browser: Browser;
  let page: Page;

  before(async function () {
    if (!chromiumAvailable()) this.skip();
    harness = await serveWebview('panel');
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await harness?.close();
  });

  beforeEach(async () => {
    page = await browser.newPage();
    await page.goto(harness.url);
  });
  afterEach(async () => {
    await page?.close();
  });

  const send = (msg: ToPanel) => page.evaluate((m) => window.postMessage(m, '*'), msg);
  const posted = () => page.evaluate(() => (window as any).__posted as any[]);
  const clearPosted = () => page.evaluate(() => ((window as any).__posted.length = 0));
  const lastPosted = async () => (await posted()).at(-1);
  const init = async (state: PanelState = sampleState(), lang: 'en' | 'vi' = 'en') => {
    await send({ type: 'init', strings: strings(lang), state });
    await page.locator('#sec-voices').waitFor();
  };
  async function waitPosted(type: string) {
    await page.waitForFunction((t) => (window as any).__posted.some((m: any) => m.type === t), type, { timeout: 5000 });
    return (await posted()).filter((m) => m.type === type).at(-1);
  }

  it('says ready, then renders every section from the strings it is sent (Vietnamese), with no CSP violation', async () => {
    assert.deepStrictEqual(await posted(), [{ type: 'ready' }]);
    await init(sampleState(), 'vi');
    assert.strictEqual(await page.locator('#sec-backend-h').textContent(), 'Chọn backend');
    assert.strictEqual(await page.locator('#sec-model-h').textContent(), 'Điều khiển mô hình');
    assert.strictEqual(await page.locator('#sec-colab-h').textContent(), 'Cấu hình Colab');
    assert.strictEqual(await page.locator('#sec-voices-h').textContent(), 'Giọng đọc');
    assert.strictEqual(await page.locator('#load').textContent(), 'Tải mô hình');
    const text = (await page.locator('body').innerText()) ?? '';
    assert.ok(!/\bui[A-Z]\w+/.test(text), `a raw string id is visible: ${text.match(/\bui[A-Z]\w+/)?.[0]}`);
    // The @vscode-elements components really rendered (shadow DOM present) under the strict CSP.
    assert.ok(await page.locator('#load').evaluate((el) => !!el.shadowRoot));
    assert.deepStrictEqual(await page.evaluate(() => (window as any).__csp), []);
    assert.deepStrictEqual(await page.evaluate(() => (window as any).__errors), []);
  });

  it('shows both backends live, with the active one marked and Colab latency and GPU', async () => {
    await init();
    assert.strictEqual(await page.locator('#local-state').textContent(), 'Ready');
    assert.strictEqual(await page.locator('#colab-state').textContent(), 'Not ready');
    assert.ok(await page.locator('#local-active').isVisible());
    assert.ok(!(await page.locator('#colab-active').isVisible()));
    const st = sampleState({ active: 'colab', colab: { state: 'ready', detail: 'Connected', info: { latencyMs: 82, gpu: 'Tesla T4' } } });
    await send({ type: 'state', state: st });
    await page.locator('#colab-state', { hasText: 'Ready' }).waitFor();
    assert.ok(await page.locator('#colab-active').isVisible());
    const info = await page.locator('#colab-info').innerText();
    assert.match(info, /Latency\s+82 ms/);
    assert.match(info, /GPU\s+Tesla T4/);
    assert.ok(await page.locator('#mode-colab').evaluate((el: any) => el.checked));
    // The local engine's facts appear under localized labels only (no raw keys such as "threads").
    const local = sampleState({ local: { state: 'ready', detail: 'VieNeu-TTS q4 loaded', info: { engine: 'vieneu', model: 'vieneu-0.5b-q4', threads: 2, voices: 10 } } });
    await send({ type: 'init', strings: strings('vi'), state: local });
    await page.locator('#local-info', { hasText: 'Mô hình' }).waitFor();
    const localInfo = await page.locator('#local-info').innerText();
    assert.match(localInfo, /Mô hình\s+vieneu-0\.5b-q4/);
    assert.match(localInfo, /Số giọng\s+10/);
    assert.ok(!/threads/.test(localInfo));
  });

  it('asks to switch when the radio changes; a refusal puts the radio back and shows the reason and the fix', async () => {
    await init();
    await clearPosted();
    await page.locator('#mode-colab').click();
    assert.deepStrictEqual(await waitPosted('switchBackend'), { type: 'switchBackend', backend: 'colab' });
    await send({ type: 'state', state: sampleState() });
    await send({ type: 'notice', section: 'backend', level: 'error', text: 'Cannot switch to Colab: Not connected to Colab backend', fix: 'Generate the Colab notebook, run it, then connect.' });
    const notice = page.locator('#notice-backend');
    await notice.waitFor({ state: 'visible' });
    assert.strictEqual(await notice.getAttribute('role'), 'alert');
    assert.match(await notice.innerText(), /Cannot switch to Colab: Not connected to Colab backend Generate the Colab notebook/);
    assert.ok(await page.locator('#mode-local').evaluate((el: any) => el.checked));
    assert.ok(!(await page.locator('#mode-colab').evaluate((el: any) => el.checked)));
  });

  it('a failed load shows its buttons, which run their commands; an empty notice clears it; Browse for a folder… and Open Colab ask the host', async () => {
    await init();
    await clearPosted();
    await send({
      type: 'notice',
      section: 'model',
      level: 'error',
      text: 'Cannot reach huggingface.co.',
      fix: 'Check your internet connection.',
      actions: [
        { label: 'Choose model folder…', command: 'vieneu.chooseModelsFolder', args: [] },
        { label: 'Open Settings', command: 'workbench.action.openSettings', args: ['vieneu.local'] },
      ],
    });
    const notice = page.locator('#notice-model');
    await notice.waitFor({ state: 'visible' });
    assert.strictEqual(await page.locator('#notice-model-action-0').textContent(), 'Choose model folder…');
    await page.locator('#notice-model-action-1').click();
    assert.deepStrictEqual(await waitPosted('runCommand'), { type: 'runCommand', command: 'workbench.action.openSettings', args: ['vieneu.local'] });
    await send({ type: 'notice', section: 'model', level: 'info', text: '' });
    await notice.waitFor({ state: 'hidden' });

    // The Backbone list ends with "Browse for a folder…", which asks for the folder picker and keeps the choice.
    const labels = await page.locator('#backbone vscode-option').allTextContents();
    assert.strictEqual(labels.at(-1), 'Browse for a folder…');
    await clearPosted();
    await page.locator('#backbone').evaluate((el: any) => {
      el.value = '__browse__';
      el.dispatchEvent(new Event('change'));
    });
    assert.deepStrictEqual(await waitPosted('runCommand'), { type: 'runCommand', command: 'vieneu.chooseModelsFolder', args: ['backbone'] });
    assert.strictEqual(await page.locator('#backbone').evaluate((el: any) => el.value), 'pnnbao-ump/VieNeu-TTS-q4-gguf');
    // The notebook's list is every backbone (Colab runs them all), not Local's.
    assert.deepStrictEqual(await page.locator('#nb-backbone vscode-option').allTextContents(), ['VieNeu-TTS 0.5B q4', 'VieNeu-TTS 0.5B']);
    await page.locator('#open-colab').click();
    assert.deepStrictEqual(await waitPosted('openColab'), { type: 'openColab' });
  });

  it('loads the chosen model with progress and Cancel, shows licence and size, and unloads', async () => {
    await init();
    assert.match(await page.locator('#model-facts').innerText(), /VieNeu-TTS 0\.5B q4 — Licence: Apache-2\.0 · Size: 390 MB/);
    // Pick the 0.3B backbone and the CPU through the selects' own API, as a change event would.
    await page.locator('#backbone').evaluate((el: any) => {
      el.value = 'pnnbao-ump/VieNeu-TTS-0.3B-q4-gguf';
      el.dispatchEvent(new Event('change'));
    });
    await page.locator('#device').evaluate((el: any) => {
      el.value = 'cpu';
      el.dispatchEvent(new Event('change'));
    });
    assert.match(await page.locator('#model-facts').innerText(), /CC BY-NC 4\.0 · Size: unknown/);
    await clearPosted();
    await page.locator('#load').click();
    assert.deepStrictEqual(await waitPosted('loadModel'), { type: 'loadModel', backbone: 'pnnbao-ump/VieNeu-TTS-0.3B-q4-gguf', codec: 'neuphonic/neucodec-onnx-decoder-int8', device: 'cpu' });

    const loading = sampleState();
    loading.model.loading = { fraction: 0.42, message: 'Downloading backbone' };
    loading.model.loaded = false;
    await send({ type: 'state', state: loading });
    await page.locator('#load-message', { hasText: 'Downloading backbone (42%)' }).waitFor();
    assert.ok(await page.locator('#cancel-load').isVisible());
    assert.ok(await page.locator('#load').evaluate((el: any) => el.disabled));
    assert.strictEqual(await page.locator('#load-progress').evaluate((el: any) => el.value), 42);
    // The user's choice survives state messages while it loads.
    assert.strictEqual(await page.locator('#backbone').evaluate((el: any) => el.value), 'pnnbao-ump/VieNeu-TTS-0.3B-q4-gguf');
    await page.locator('#cancel-load').click();
    assert.deepStrictEqual(await lastPosted(), { type: 'cancelLoad' });

    await send({ type: 'state', state: sampleState() });
    await page.locator('#load-box').waitFor({ state: 'hidden' });
    await page.locator('#unload').click();
    assert.deepStrictEqual(await lastPosted(), { type: 'unloadModel' });
  });

  it('generates the notebook (open and save), shows the token with Copy, and connects through Step 3', async () => {
    await init();
    assert.ok(await page.locator('#copy-token').evaluate((el: any) => el.disabled));
    await page.locator('#nb-open').click();
    assert.deepStrictEqual(await waitPosted('generateNotebook'), {
      type: 'generateNotebook', backbone: 'pnnbao-ump/VieNeu-TTS-q4-gguf', codec: 'neuphonic/neucodec-onnx-decoder-int8', device: 'gpu', action: 'open',
    });
    await page.locator('#nb-save').click();
    assert.strictEqual((await lastPosted()).action, 'save');
    const st = sampleState();
    st.colabConfig = { endpoint: '', hasToken: true, notebookToken: 'tok_ABC123', busy: false };
    await send({ type: 'state', state: st });
    await page.locator('#nb-token', { hasText: 'tok_ABC123' }).waitFor();
    await page.locator('#copy-token').click();
    assert.deepStrictEqual(await lastPosted(), { type: 'copyToken' });

    // Connect with no URL: told what to do, nothing sent.
    await clearPosted();
    await page.locator('#connect').click();
    await page.locator('#notice-colab', { hasText: 'Enter the endpoint URL' }).waitFor();
    assert.deepStrictEqual(await posted(), []);

    await page.locator('#endpoint input').fill('https://abc.ngrok-free.app ');
    await page.locator('#token input').fill('secret-1');
    await page.locator('#connect').click();
    assert.deepStrictEqual(await waitPosted('connect'), { type: 'connect', endpoint: 'https://abc.ngrok-free.app', token: 'secret-1' });
    await page.locator('#test').click();
    assert.deepStrictEqual(await waitPosted('testConnection'), { type: 'testConnection', endpoint: 'https://abc.ngrok-free.app', token: 'secret-1' });

    const busy = structuredClone(st);
    busy.colabConfig.busy = true;
    await send({ type: 'state', state: busy });
    await page.waitForFunction(() => (document.getElementById('connect') as any).disabled === true);
    const connected = structuredClone(st);
    connected.colab = { state: 'ready', detail: 'Connected', info: { latencyMs: 35, gpu: 'Tesla T4' } };
    await send({ type: 'state', state: connected });
    await page.locator('#colab-facts', { hasText: '35 ms' }).waitFor();
    await page.locator('#disconnect').click();
    assert.deepStrictEqual(await lastPosted(), { type: 'disconnect' });
    // The token never goes into the webview's saved state.
    const savedState = await page.evaluate(() => sessionStorage.getItem('vscode-state') ?? '');
    assert.ok(!savedState.includes('secret-1'));
  });

  it('lists presets with Preview and Use, checks a custom voice before sending, and offers cloning only with Colab', async () => {
    await init();
    assert.strictEqual(await page.locator('#presets [data-voice]').count(), 2);
    assert.ok(await page.locator('#voice-inuse-binh').isVisible());
    await page.locator('#voice-preview-ngoc').click();
    assert.deepStrictEqual(await lastPosted(), { type: 'previewVoice', voice: 'ngoc' });
    await page.locator('#voice-use-ngoc').click();
    assert.deepStrictEqual(await lastPosted(), { type: 'selectVoice', voice: 'ngoc' });

    await clearPosted();
    await page.locator('#custom-name input').fill('Tôi');
    await page.locator('#custom-codes textarea').fill('[12, 99999]');
    await page.locator('#custom-transcript input').fill('xin chào');
    await page.locator('#add-voice').click();
    await page.locator('#notice-voices', { hasText: '99999 is above 65535' }).waitFor();
    assert.deepStrictEqual(await posted(), []);
    await page.locator('#custom-codes textarea').fill('[12, 345,\n 6789]');
    await page.locator('#add-voice').click();
    assert.deepStrictEqual(await waitPosted('addCustomVoice'), { type: 'addCustomVoice', name: 'Tôi', codes: '12,345,6789', transcript: 'xin chào' });

    assert.ok(await page.locator('#clone').evaluate((el: any) => el.disabled));
    assert.match(await page.locator('#clone-help').innerText(), /Connect to Colab to clone a voice/);
    const st = sampleState();
    st.voices.canClone = true;
    await send({ type: 'state', state: st });
    await page.waitForFunction(() => (document.getElementById('clone') as any).disabled === false);
    await page.locator('#clone-name input').fill('Giọng mới');
    await page.locator('#clone-transcript input').fill('một hai ba');
    await page.locator('#clone').click();
    assert.deepStrictEqual(await waitPosted('cloneVoice'), { type: 'cloneVoice', name: 'Giọng mới', transcript: 'một hai ba' });
  });

  it('is usable by keyboard alone: Tab to Load Model and press Enter; arrows move the mode radio', async () => {
    await init();
    await clearPosted();
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.id === 'load');
    }
    assert.ok(reached, 'Tab never reached the Load Model button');
    await page.keyboard.press('Enter');
    assert.strictEqual((await waitPosted('loadModel')).type, 'loadModel');
    await page.locator('#mode-local').focus();
    await page.keyboard.press('ArrowDown');
    assert.deepStrictEqual(await waitPosted('switchBackend'), { type: 'switchBackend', backend: 'colab' });
  });

  it('follows the theme variables VS Code sets', async () => {
    await init();
    assert.strictEqual(await page.evaluate(() => getComputedStyle(document.body).color), 'rgb(11, 22, 33)');
    assert.strictEqual(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(250, 240, 230)');
  });

  it('keeps state, half-typed fields and notices across a reload (hidden and shown again)', async () => {
    await init();
    await page.locator('#endpoint input').fill('https://keep.example');
    await page.locator('#custom-transcript input').fill('giữ nguyên');
    await send({ type: 'notice', section: 'model', level: 'info', text: 'Model loaded.' });
    await page.locator('#notice-model', { hasText: 'Model loaded.' }).waitFor();
    await page.reload();
    // Rendered from getState before any message from the host arrives.
    await page.locator('#sec-voices').waitFor({ timeout: 5000 });
    assert.strictEqual(await page.locator('#endpoint').evaluate((el: any) => el.value), 'https://keep.example');
    assert.strictEqual(await page.locator('#custom-transcript').evaluate((el: any) => el.value), 'giữ nguyên');
    assert.match(await page.locator('#notice-model').innerText(), /Model loaded\./);
    assert.deepStrictEqual(await posted(), [{ type: 'ready' }]);
  });

  it('ignores a malformed message instead of rendering half a state', async () => {
    await init();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.evaluate(() => window.postMessage({ type: 'state', state: { active: 'elsewhere' } }, '*'));
    await page.waitForTimeout(100);
    assert.strictEqual(await page.locator('#local-state').textContent(), 'Ready');
    assert.ok(errors.some((e) => /Invalid message to panel: message to panel\.state\.active must be one of local, colab/.test(e)), errors.join('\n'));
  });
  it('clones on this computer: file button, a dropped file as bytes (a huge one refused here), progress with Cancel, and the cloned list by keyboard', async () => {
    const st = sampleState();
    st.voices.cloned = [
      { id: 'clone:me-1', name: 'Giọng tôi', detail: '3.5 s of speech · 44 reference frames' },
      { id: 'clone:mai-2', name: 'Mai', detail: '5.0 s of speech · 63 reference frames · noise cleaned up' },
    ];
    st.voices.selected = 'clone:mai-2';
    await init(st);
    assert.match(await page.locator('#local-clone-help').innerText(), /load v3 Turbo in Model Configuration first/);
    assert.ok(await page.locator('#clone-file').evaluate((el: any) => el.disabled), 'no graphs: the button is off');
    assert.ok(!(await page.locator('#clone-where-box').isVisible()), 'no server that enrols: no choice shown');
    assert.strictEqual(await page.locator('#cloned [data-voice]').count(), 2);
    assert.ok(await page.locator('#cloned-inuse-clone\\:mai-2').isVisible());

    st.voices.cloneLocal = { available: true, running: null, enrolHost: 'gpu.example:8000' };
    await send({ type: 'state', state: st });
    await page.waitForFunction(() => (document.getElementById('clone-file') as any).disabled === false);
    await page.locator('#clone-where-box').waitFor();
    assert.match(await page.locator('#clone-where-box').innerText(), /Clone/);
    assert.strictEqual(await page.locator('#clone-where').evaluate((el: any) => el.value), 'local', 'this computer is the default');
    await clearPosted();
    await page.locator('#local-clone-name input').fill('Tên mới');
    await page.locator('#clone-denoise').click();
    await page.locator('#clone-file').click();
    assert.deepStrictEqual(await waitPosted('cloneAudio'), { type: 'cloneAudio', name: 'Tên mới', denoise: true, where: 'local' });

    // A dropped file reaches the host as a Uint8Array of its bytes; two files or a huge one are refused here.
    await page.evaluate(() => {
      (window as any).__raw = [];
      (window as any).__toHost = (m: any) => (window as any).__raw.push({ type: m.type, isBytes: m.bytes instanceof Uint8Array, size: m.bytes?.byteLength, fileName: m.fileName });
    });
    const drop = (sizes: number[]) =>
      page.evaluate((list) => {
        const dt = new DataTransfer();
        list.forEach((n, i) => dt.items.add(new File([new Uint8Array(n).fill(7)], `clip${i}.wav`, { type: 'audio/wav' })));
        const zone = document.getElementById('sec-voices')!;
        zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
        const lit = document.getElementById('clone-drop')!.classList.contains('dragging');
        zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
        return lit;
      }, sizes);
    assert.ok(await drop([3000]), 'the drop zone lights up while a file is held over it');
    await page.waitForFunction(() => (window as any).__raw.some((m: any) => m.type === 'cloneAudioBytes'));
    assert.deepStrictEqual((await page.evaluate(() => (window as any).__raw)).at(-1), { type: 'cloneAudioBytes', isBytes: true, size: 3000, fileName: 'clip0.wav' });
    assert.ok(!(await page.locator('#clone-drop').evaluate((el) => el.classList.contains('dragging'))));
    await drop([10, 10]);
    await page.locator('#notice-voices', { hasText: 'Drop one audio file.' }).waitFor();
    await drop([50 * 1024 * 1024 + 1]);
    await page.locator('#notice-voices', { hasText: 'clip0.wav is larger than 50 MB' }).waitFor();
    assert.strictEqual((await page.evaluate(() => (window as any).__raw)).filter((m: any) => m.type === 'cloneAudioBytes').length, 1, 'only the good drop was sent');

    // While cloning: progress, the stage, and Cancel; the clone button waits.
    st.voices.cloneLocal = { available: true, running: { fraction: 0.5, message: 'Measuring the voice…' }, enrolHost: '' };
    await send({ type: 'state', state: st });
    await page.locator('#clone-message', { hasText: 'Measuring the voice…' }).waitFor();
    assert.ok(await page.locator('#clone-file').evaluate((el: any) => el.disabled));
    assert.ok(!(await page.locator('#clone-where-box').isVisible()), 'the server went away: the choice goes too');
    await page.locator('#cancel-clone').click();
    assert.strictEqual((await lastPosted()).type, 'cancelClone');

    // The list by keyboard: Rename opens a field (Escape gives up, Enter saves), then Export, Delete, Use, Preview.
    st.voices.cloneLocal = { available: true, running: null, enrolHost: '' };
    await send({ type: 'state', state: st });
    await clearPosted();
    await page.locator('#cloned-rename-clone\\:me-1').focus();
    await page.keyboard.press('Enter');
    await page.locator('#rename-field').waitFor();
    assert.strictEqual(await page.locator('#rename-field').evaluate((el: any) => el.value), 'Giọng tôi');
    await page.keyboard.press('Escape');
    await page.locator('#cloned-rename-clone\\:me-1').waitFor();
    assert.strictEqual(await page.evaluate(() => document.activeElement?.id), 'cloned-rename-clone:me-1', 'focus back on Rename');
    await page.keyboard.press('Enter');
    await page.locator('#rename-field input').fill('Giọng của tôi');
    await page.locator('#rename-field input').press('Enter');
    assert.deepStrictEqual(await waitPosted('renameClonedVoice'), { type: 'renameClonedVoice', id: 'clone:me-1', name: 'Giọng của tôi' });
    await page.locator('#cloned-export-clone\\:me-1').focus();
    await page.keyboard.press('Enter');
    assert.deepStrictEqual(await waitPosted('exportClonedVoice'), { type: 'exportClonedVoice', id: 'clone:me-1' });
    await page.locator('#cloned-delete-clone\\:me-1').click();
    assert.deepStrictEqual(await waitPosted('deleteClonedVoice'), { type: 'deleteClonedVoice', id: 'clone:me-1' });
    await page.locator('#cloned-use-clone\\:me-1').click();
    assert.deepStrictEqual(await lastPosted(), { type: 'selectVoice', voice: 'clone:me-1' });
    await page.locator('#cloned-preview-clone\\:mai-2').click();
    assert.deepStrictEqual(await lastPosted(), { type: 'previewVoice', voice: 'clone:mai-2' });
    await page.locator('#import-voices').click();
    assert.deepStrictEqual(await lastPosted(), { type: 'importClonedVoices' });

    st.voices.cloned = [];
    await send({ type: 'state', state: st });
    await page.locator('#no-cloned', { hasText: 'No voices cloned on this computer yet.' }).waitFor();
    assert.deepStrictEqual(await page.evaluate(() => (window as any).__errors), []);
  });
});
