import * as assert from 'assert';
import { resolveConfig, DEFAULT_CONFIG, parseConfigYaml } from '../../../src/core/config';
import { UserError } from '../../../src/core/errors';

describe('config', () => {
  it('uses defaults when nothing is set', () => {
    const r = resolveConfig({ settings: {} });
    assert.deepStrictEqual(r.config, DEFAULT_CONFIG);
    assert.strictEqual(r.problems.length, 0);
    assert.strictEqual(r.sources['colab.endpoint'], 'default');
  });

  it('layers settings < config.yaml < environment, and records the source of each value', () => {
    const r = resolveConfig({
      settings: { 'local.threads': 2, 'colab.endpoint': 'https://from-settings.example', speed: 1.2 },
      yamlText: 'colab:\n  endpoint_url: https://from-yaml.example\n  health_interval: 15\nlocal:\n  threads: 1\n',
      env: { COLAB_ENDPOINT_URL: 'https://from-env.example', COLAB_AUTH_TOKEN: ' tok ' },
    });
    assert.strictEqual(r.config.colab.endpoint, 'https://from-env.example');
    assert.strictEqual(r.sources['colab.endpoint'], 'env');
    assert.strictEqual(r.config.local.threads, 1);
    assert.strictEqual(r.sources['local.threads'], 'config.yaml');
    assert.strictEqual(r.config.colab.healthIntervalSeconds, 15);
    assert.strictEqual(r.config.speed, 1.2);
    assert.strictEqual(r.sources.speed, 'settings');
    assert.strictEqual(r.envAuthToken, 'tok');
  });

  it('reads the v3 sea-g2p dictionary path from the settings and from config.yaml (sea_g2p_dictionary)', () => {
    assert.strictEqual(resolveConfig({ settings: { 'local.seaG2pDictionary': '/m/sea_g2p.bin' } }).config.local.seaG2pDictionary, '/m/sea_g2p.bin');
    const y = resolveConfig({ settings: {}, yamlText: 'local:\n  sea_g2p_dictionary: ~/dl/sea_g2p.bin\n' });
    assert.deepStrictEqual([y.config.local.seaG2pDictionary, y.sources['local.seaG2pDictionary']], ['~/dl/sea_g2p.bin', 'config.yaml']);
    assert.strictEqual(resolveConfig({ settings: { 'local.seaG2pDictionary': 3 } }).config.local.seaG2pDictionary, '');
  });

  it('reports a broken config.yaml with line and column, and keeps the settings in force', () => {
    const r = resolveConfig({ settings: { 'local.threads': 3 }, yamlText: 'local:\n  threads: 1\n  codec: [unclosed\n' });
    assert.strictEqual(r.problems.length, 1);
    const msg = r.problems[0].message;
    assert.match(msg, /line \d+, column \d+/);
    assert.match(msg, /never rewrites it/);
    assert.strictEqual(r.config.local.threads, 3);
  });

  it('points at the line of a tab-indented key', () => {
    assert.throws(
      () => parseConfigYaml('colab:\n\tendpoint_url: x\n'),
      (e: unknown) => e instanceof UserError && /line 2, column 1/.test(e.message),
    );
  });

  it('rejects values of the wrong type one by one and keeps the good ones', () => {
    const r = resolveConfig({ settings: {}, yamlText: 'local:\n  device: tpu\n  threads: 2\nbackend:\n  mode: colab\n' });
    assert.strictEqual(r.config.local.device, 'auto');
    assert.strictEqual(r.config.local.threads, 2);
    assert.strictEqual(r.config.mode, 'colab');
    assert.match(r.problems[0].message, /local\.device must be "auto", "cpu" or "gpu"/);
  });

  it('refuses an auth token written in config.yaml', () => {
    const r = resolveConfig({ settings: {}, yamlText: 'colab:\n  auth_token: abc\n' });
    assert.match(r.problems[0].message, /secret storage/);
  });

  it('reads custom voices', () => {
    const r = resolveConfig({
      settings: {},
      yamlText: 'voices:\n  default: me\n  custom:\n    me: { codes: [1, 2, 3], text: "xin chào" }\n    bad: { text: 1 }\n',
    });
    assert.deepStrictEqual(r.config.customVoices.me, { text: 'xin chào', codes: [1, 2, 3], codesFile: undefined });
    assert.strictEqual(r.config.voice, 'me');
    assert.strictEqual(r.problems.length, 1);
  });

  it('a top-level list is a shape error, an empty file is fine', () => {
    assert.strictEqual(resolveConfig({ settings: {}, yamlText: '- a\n' }).problems.length, 1);
    assert.strictEqual(resolveConfig({ settings: {}, yamlText: '\n# nothing\n' }).problems.length, 0);
  });
});
