// The panel protocol's validators, host side: every message kind passes, and each kind of mistake is refused
// with the field named. The webview side is exercised in panel.webview.test.ts, in Chromium.
import * as assert from 'assert';
import { MAX_CLIP_BYTES, parseFromPanel, parseToPanel, parseVoiceCodes, type FromPanel } from '../../../../src/vscode/panel/protocol';
import { UI_MESSAGES } from '../../../../src/core/strings/ui';
import { sampleState, strings } from './panelFixtures';

const FROM_SAMPLES: FromPanel[] = [
  { type: 'ready' },
  { type: 'switchBackend', backend: 'colab' },
  { type: 'loadModel', backbone: 'a', codec: 'b', device: 'cpu' },
  { type: 'cancelLoad' },
  { type: 'unloadModel' },
  { type: 'generateNotebook', backbone: 'a', codec: 'b', device: 'gpu', action: 'save' },
  { type: 'copyToken' },
  { type: 'connect', endpoint: 'https://x', token: '' },
  { type: 'testConnection', endpoint: 'https://x', token: 't' },
  { type: 'disconnect' },
  { type: 'previewVoice', voice: 'binh' },
  { type: 'selectVoice', voice: 'binh' },
  { type: 'addCustomVoice', name: 'me', codes: '1,2,3', transcript: 'xin chào' },
  { type: 'cloneVoice', name: 'me', transcript: 'xin chào' },
  { type: 'cloneAudio', name: '', denoise: false, where: 'local' },
  { type: 'cloneAudioBytes', name: 'Tôi', denoise: true, where: 'server', fileName: 'me.wav', bytes: new Uint8Array([82, 73, 70, 70]) },
  { type: 'cancelClone' },
  { type: 'renameClonedVoice', id: 'clone:a-1', name: 'B' },
  { type: 'deleteClonedVoice', id: 'clone:a-1' },
  { type: 'exportClonedVoice', id: 'clone:a-1' },
  { type: 'importClonedVoices' },
];

describe('panel protocol', () => {
  it('takes a dropped clip only as bytes, not empty and at most 50 MB, and saying so', () => {
    const drop = (bytes: unknown) => ({ type: 'cloneAudioBytes', name: '', denoise: false, where: 'local', fileName: 'a.wav', bytes });
    // A Node Buffer is a Uint8Array: what the extension host gets from a transferred buffer.
    assert.strictEqual(parseFromPanel(drop(Buffer.from('RIFF'))).type, 'cloneAudioBytes');
    assert.throws(() => parseFromPanel(drop(new Uint8Array(0))), /bytes is empty: the dropped file has no content/);
    assert.throws(() => parseFromPanel(drop(new Uint8Array(MAX_CLIP_BYTES + 1))), /bytes is 50\.0 MB, more than the 50 MB a clip may be/);
    assert.doesNotThrow(() => parseFromPanel(drop(new Uint8Array(MAX_CLIP_BYTES))));
    assert.throws(() => parseFromPanel(drop([82, 73, 70, 70])), /bytes must be the bytes of the file/);
    assert.throws(() => parseFromPanel(drop('UklGRg==')), /bytes must be the bytes of the file/);
    assert.throws(() => parseFromPanel({ ...drop(new Uint8Array(4)), where: 'cloud' }), /where must be one of local, server/);
    assert.throws(() => parseFromPanel({ type: 'cloneAudio', name: '', denoise: 'yes', where: 'local' }), /denoise must be true or false/);
    assert.throws(() => parseFromPanel({ type: 'renameClonedVoice', id: 'clone:a' }), /name must be a string/);
  });

  it('refuses a state whose cloned voices or cloning progress are malformed', () => {
    const st = sampleState();
    st.voices.cloned = [{ id: 'clone:a', name: 'A', detail: '3.0 s' }];
    st.voices.cloneLocal = { available: true, running: { fraction: 0.5, message: 'x' }, enrolHost: 'h:1' };
    assert.doesNotThrow(() => parseToPanel({ type: 'state', state: st }));
    const bad = structuredClone(st) as unknown as { voices: { cloned: unknown[]; cloneLocal: Record<string, unknown> } };
    bad.voices.cloned = [{ id: 'clone:a', name: 3, detail: '' }];
    assert.throws(() => parseToPanel({ type: 'state', state: bad }), /cloned\[0\]\.name must be a string/);
    const bad2 = structuredClone(st) as unknown as { voices: { cloneLocal: Record<string, unknown> } };
    bad2.voices.cloneLocal.running = { fraction: 'half', message: '' };
    assert.throws(() => parseToPanel({ type: 'state', state: bad2 }), /running\.fraction must be a finite number/);
  });

  it('accepts every webview->host message kind', () => {
    for (const m of FROM_SAMPLES) assert.deepStrictEqual(parseFromPanel(structuredClone(m)), m);
  });

  it('refuses unknown types, missing and extra fields, and bad enums, naming the field', () => {
    assert.throws(() => parseFromPanel({ type: 'rm -rf' }), /type must be one of/);
    assert.throws(() => parseFromPanel(null), /type must be one of/);
    assert.throws(() => parseFromPanel({ type: 'switchBackend' }), /backend must be one of local, colab/);
    assert.throws(() => parseFromPanel({ type: 'switchBackend', backend: 'cloud' }), /backend must be one of/);
    assert.throws(() => parseFromPanel({ type: 'loadModel', backbone: 'a', codec: 'b', device: 'tpu' }), /device/);
    assert.throws(() => parseFromPanel({ type: 'connect', endpoint: 'x', token: 1 }), /token must be a string/);
    assert.throws(() => parseFromPanel({ type: 'ready', extra: 1 }), /extra is not expected/);
    assert.throws(() => parseFromPanel({ type: 'generateNotebook', backbone: 'a', codec: 'b', device: 'gpu', action: 'print' }), /action/);
  });

  it('accepts init, state and notice messages', () => {
    const st = sampleState();
    assert.strictEqual(parseToPanel({ type: 'init', strings: strings('vi'), state: st }).type, 'init');
    assert.strictEqual(parseToPanel({ type: 'state', state: sampleState({ active: 'colab' }) }).type, 'state');
    const loading = sampleState();
    loading.model.loading = { fraction: 0.5, message: 'Downloading' };
    assert.ok(parseToPanel({ type: 'state', state: loading }));
    assert.ok(parseToPanel({ type: 'notice', section: 'backend', level: 'error', text: 'Cannot switch', fix: 'Connect' }));
  });

  it('refuses a malformed state deep inside, with its path', () => {
    const st: any = sampleState();
    st.voices.presets[1].custom = 'no';
    assert.throws(() => parseToPanel({ type: 'state', state: st }), /state\.voices\.presets\[1\]\.custom must be true or false/);
    const st2: any = sampleState();
    st2.colab.info = { gpu: { name: 'T4' } };
    assert.throws(() => parseToPanel({ type: 'state', state: st2 }), /colab\.info\.gpu/);
    assert.throws(() => parseToPanel({ type: 'notice', section: 'elsewhere', level: 'info', text: 'x' }), /section/);
    assert.throws(() => parseToPanel({ type: 'init', strings: { a: 1 }, state: sampleState() }), /strings\.a must be a string/);
  });

  it('parses custom voice codes as people paste them', () => {
    assert.deepStrictEqual(parseVoiceCodes('[1, 2, 65535]'), { codes: [1, 2, 65535] });
    assert.deepStrictEqual(parseVoiceCodes(' 4 5\n6,7 '), { codes: [4, 5, 6, 7] });
    assert.deepStrictEqual(parseVoiceCodes('   '), { problem: 'empty' });
    assert.deepStrictEqual(parseVoiceCodes('1, x2, 3'), { problem: 'notNumber', at: 'x2' });
    assert.deepStrictEqual(parseVoiceCodes('1, -2'), { problem: 'notNumber', at: '-2' });
    assert.deepStrictEqual(parseVoiceCodes('65536'), { problem: 'outOfRange', at: '65536' });
  });

  it('has every ui string in both languages, with the same placeholders', () => {
    for (const [id, m] of Object.entries(UI_MESSAGES)) {
      assert.ok(m.en.trim() && m.vi.trim(), id);
      const ph = (s: string) => (s.match(/\{\d+\}/g) ?? []).sort().join();
      assert.strictEqual(ph(m.vi), ph(m.en), `placeholders of ${id}`);
    }
  });
});
