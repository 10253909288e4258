// The panel protocol's validators, host side: every message kind passes, and each kind of mistake is refused
// with the field named. The webview side is exercised in panel.webview.test.ts, in Chromium.
import * as assert from 'assert';
import { parseFromPanel, parseToPanel, parseVoiceCodes, type FromPanel } from '../../../../src/vscode/panel/protocol';
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
];

describe('panel protocol', () => {
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
