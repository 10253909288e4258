// "VieNeu: Clone Voice from Audio File…" in a real extension host: the consent reminder, file picker, name and
// denoise choice are answered by stubs of the window API; the graphs are the fixtures in a models folder the
// setting points at; the voice lands in the extension's globalStorage, not in settings or the workspace.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { writeCloneFixtures } from '../../../src/local/fixtures/cloneFixtures';
import { activateExtension, setSetting, waitFor } from './helpers';
import { UpstreamStandin } from '../../unit/remote/serverProcess';

type Win = Record<string, unknown>;

describe('Clone Voice from Audio File in a real extension host', function () {
  this.timeout(120_000);
  let dir: string;
  const win = vscode.window as unknown as Win;
  const saved: Win = {};
  const stub = (name: string, fn: unknown) => {
    saved[name] ??= win[name];
    win[name] = fn;
  };

  before(async function () {
    if (spawnSync('sh', ['-c', 'command -v espeak-ng']).status !== 0) this.skip();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vieneu-clone-host-'));
    writeCloneFixtures(path.join(dir, 'models'));
    spawnSync('espeak-ng', ['-v', 'vi', '-w', path.join(dir, 'me.wav'), 'Xin chào, hôm nay trời đẹp quá. Tôi là người Việt Nam.']);
    await setSetting('local.modelsPath', path.join(dir, 'models'));
  });
  after(async () => {
    for (const [k, v] of Object.entries(saved)) win[k] = v;
    await setSetting('local.modelsPath', undefined);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('clones after the reminder is accepted, keeps the voice in globalStorage, and does nothing when it is not', async () => {
    const api = await activateExtension();
    await waitFor('the models folder setting', () => api.config.current.config.local.modelsPath === path.join(dir, 'models'));
    const reminders: string[] = [];
    stub('showInformationMessage', async (msg: string, ...rest: unknown[]) => {
      reminders.push(msg);
      const items = rest.filter((r) => typeof r === 'string') as string[];
      return items[0];
    });
    stub('showOpenDialog', async () => [vscode.Uri.file(path.join(dir, 'me.wav'))]);
    stub('showInputBox', async (o: { value?: string; validateInput?: (v: string) => unknown }) => {
      assert.strictEqual(o.value, 'me', 'the file name is offered as the voice name');
      assert.ok(o.validateInput?.('   '), 'a blank name is refused');
      return 'Giọng của tôi';
    });
    stub('showQuickPick', async (items: string[]) => items[0]);
    const info = (await vscode.commands.executeCommand('vieneu.cloneVoiceFromFile')) as { name: string; file: string; frames: number } | undefined;
    assert.ok(info, 'a voice was made');
    assert.strictEqual(info.name, 'Giọng của tôi');
    assert.match(reminders[0], /right to use/);
    assert.match(info.file, /cloned-voices/);
    assert.ok(!info.file.startsWith(dir), 'kept in the extension storage, not beside the recording');
    const saved = JSON.parse(fs.readFileSync(info.file, 'utf8'));
    assert.strictEqual(saved.presets['Giọng của tôi'].speaker_emb.length, 192);
    assert.strictEqual(saved.presets['Giọng của tôi'].codes.length, info.frames);
    assert.strictEqual(vscode.workspace.getConfiguration('vieneu').inspect('voice')?.globalValue, undefined, 'no setting written');

    stub('showInformationMessage', async () => undefined);
    assert.strictEqual(await vscode.commands.executeCommand('vieneu.cloneVoiceFromFile'), undefined);
  });
  it("clones through the admin panel's messages, lists the voice, renames, exports, deletes it after confirming", async () => {
    const api = await activateExtension();
    type PanelStateMsg = { type: string; state?: { voices: { cloned: Array<{ id: string; name: string }>; cloneLocal: { available: boolean; running: unknown } } } };
    const lastState = () => (api.ui.panel.sent as PanelStateMsg[]).filter((m) => m.state).at(-1)!.state!;
    const lastNotice = () => (api.ui.panel.sent as Array<{ type: string; section?: string; text?: string; level?: string }>).filter((m) => m.type === 'notice' && m.section === 'voices').at(-1);
    const confirms: string[] = [];
    stub('showWarningMessage', async (msg: string, ...rest: unknown[]) => {
      confirms.push(msg);
      return (rest.filter((r) => typeof r === 'string') as string[])[0];
    });
    stub('showOpenDialog', async () => [vscode.Uri.file(path.join(dir, 'me.wav'))]);
    await api.ui.panel.request({ type: 'ready' });
    assert.strictEqual(lastState().voices.cloneLocal.available, true, 'the fixtures in the models folder are found');
    await api.ui.panel.request({ type: 'cloneAudio', name: 'Qua bảng', denoise: false, where: 'local' });
    assert.match(lastNotice()?.text ?? '', /^Voice "Qua bảng" is ready/, JSON.stringify(lastNotice()));
    assert.match(confirms[0], /right to use/, 'the rights reminder came first');
    const made = lastState().voices.cloned.find((v) => v.name === 'Qua bảng');
    assert.ok(made, 'listed in the panel');
    assert.strictEqual(lastState().voices.cloneLocal.running, null);

    // A dropped file's bytes (a Buffer is what the host gets for a transferred Uint8Array).
    await api.ui.panel.request({ type: 'cloneAudioBytes', name: 'Thả vào', denoise: true, where: 'local', fileName: 'me.wav', bytes: fs.readFileSync(path.join(dir, 'me.wav')) });
    assert.match(lastNotice()?.text ?? '', /^Voice "Thả vào" is ready/);

    await api.ui.panel.request({ type: 'renameClonedVoice', id: made.id, name: 'Đã đổi tên' });
    assert.strictEqual(lastState().voices.cloned.find((v) => v.id === made.id)?.name, 'Đã đổi tên');

    const dest = path.join(dir, 'exported', 'voices_v3_turbo.json');
    stub('showSaveDialog', async () => vscode.Uri.file(dest));
    await api.ui.panel.request({ type: 'exportClonedVoice', id: made.id });
    const exported = JSON.parse(fs.readFileSync(dest, 'utf8'));
    assert.deepStrictEqual(Object.keys(exported.presets), ['Đã đổi tên']);
    assert.strictEqual(exported.presets['Đã đổi tên'].speaker_emb.length, 192);

    await api.ui.panel.request({ type: 'deleteClonedVoice', id: made.id });
    assert.match(confirms.at(-1)!, /Delete the cloned voice "Đã đổi tên"/);
    assert.ok(!lastState().voices.cloned.some((v) => v.id === made.id), 'gone from the list');
    assert.ok(lastState().voices.cloned.some((v) => v.name === 'Thả vào'));

    stub('showOpenDialog', async () => [vscode.Uri.file(dest)]);
    await api.ui.panel.request({ type: 'importClonedVoices' });
    assert.ok(lastState().voices.cloned.some((v) => v.name === 'Đã đổi tên'), 'imported back');
    for (const v of lastState().voices.cloned) await api.ui.panel.request({ type: 'deleteClonedVoice', id: v.id });
    assert.deepStrictEqual(lastState().voices.cloned.filter((v) => ['Đã đổi tên', 'Thả vào'].includes(v.name)), []);
  });
  it('on a server that enrols, the command asks where; "on the server" uploads the clip there, and the server lists the voice', async () => {
    const api = await activateExtension();
    const standin = await UpstreamStandin.start({ VIENEU_API_KEY: 'khoa-thu' });
    try {
      await vscode.commands.executeCommand('vieneu.connectColab', { endpoint: standin.url, token: 'khoa-thu' });
      await waitFor('the server offered for enrolment', () => api.ui.actions.view.enrolHost !== '');
      const asked: Array<{ placeHolder?: string; labels: string[] }> = [];
      const details: string[] = [];
      stub('showQuickPick', async (items: Array<{ label: string; where?: string } | string>, o?: { placeHolder?: string }) => {
        asked.push({ placeHolder: o?.placeHolder, labels: items.map((i) => (typeof i === 'string' ? i : i.label)) });
        return items.find((i) => typeof i !== 'string' && i.where === 'server') ?? items[0];
      });
      stub('showInformationMessage', async (_msg: string, ...rest: unknown[]) => {
        const o = rest[0] as { detail?: string } | undefined;
        if (o?.detail) details.push(o.detail);
        return rest.find((r) => typeof r === 'string');
      });
      stub('showOpenDialog', async () => [vscode.Uri.file(path.join(dir, 'me.wav'))]);
      stub('showInputBox', async () => 'Trên máy chủ');
      const out = (await vscode.commands.executeCommand('vieneu.cloneVoiceFromFile')) as { enrolled?: string } | undefined;
      assert.deepStrictEqual(out, { enrolled: 'Trên máy chủ' });
      assert.match(asked[0].labels[0], /this computer/i, 'this computer is the first, default answer');
      assert.match(asked[0].labels[1], /127\.0\.0\.1/);
      assert.match(details[0] ?? '', /uploaded to 127\.0\.0\.1/, 'the reminder says the recording leaves the machine');
      const listed = (await (await fetch(`${standin.url}/v1/voices`, { headers: { authorization: 'Bearer khoa-thu' } })).json()) as { data: Array<{ id: string }> };
      assert.ok(listed.data.some((v) => v.id === 'Trên máy chủ'), JSON.stringify(listed.data.map((v) => v.id)));
      assert.ok(!fs.readdirSync(path.join(dir)).some((f) => /Trên máy chủ/.test(f)), 'nothing stored beside the recording');
    } finally {
      await vscode.commands.executeCommand('vieneu.disconnectColab');
      await setSetting('colab.endpoint', undefined);
      await standin.stop();
    }
  });
});
