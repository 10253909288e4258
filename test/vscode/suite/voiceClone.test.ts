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
});
