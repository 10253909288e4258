import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { MESSAGES, t, useLanguage, type MessageTable } from '../../../src/core/strings';

const placeholders = (s: string) => [...s.matchAll(/\{(\d+)\}/g)].map((m) => m[1]).sort().join(',');

describe('strings', () => {
  afterEach(() => useLanguage('en'));

  it('every message has a Vietnamese translation with the same placeholders', () => {
    const bad: string[] = [];
    for (const [id, m] of Object.entries(MESSAGES as MessageTable)) {
      if (!m.en.trim() || !m.vi.trim()) bad.push(`${id}: empty`);
      else if (placeholders(m.en) !== placeholders(m.vi)) bad.push(`${id}: placeholders ${placeholders(m.en)} vs ${placeholders(m.vi)}`);
    }
    assert.deepStrictEqual(bad, []);
  });

  it('no two ids share one English text with different Vietnamese (the l10n bundle is keyed by English)', () => {
    const seen = new Map<string, string>();
    const clashes: string[] = [];
    for (const m of Object.values(MESSAGES as MessageTable)) {
      if (seen.has(m.en) && seen.get(m.en) !== m.vi) clashes.push(m.en);
      seen.set(m.en, m.vi);
    }
    assert.deepStrictEqual(clashes, []);
  });

  it('every "VieNeu: <command>" a message names is a contributed command, by its title in that language', () => {
    const root = path.resolve(__dirname, '../../../..');
    const titles = (file: string) => {
      const nls = JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as Record<string, string>;
      return new Set(Object.entries(nls).filter(([k]) => k.startsWith('command.')).map(([, v]) => v));
    };
    const en = titles('package.nls.json');
    const vi = titles('package.nls.vi.json');
    const bad: string[] = [];
    for (const [id, m] of Object.entries(MESSAGES as MessageTable)) {
      for (const [lang, text, known] of [['en', m.en, en], ['vi', m.vi, vi]] as const) {
        for (const [, title] of text.matchAll(/"VieNeu: ([^"]+)"/g)) if (!known.has(title)) bad.push(`${id} (${lang}): "VieNeu: ${title}"`);
      }
    }
    assert.deepStrictEqual(bad, []);
  });

  it('every vieneu.* setting a message names is a contributed setting', () => {
    const root = path.resolve(__dirname, '../../../..');
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    const settings = new Set(Object.keys(pkg.contributes.configuration.properties));
    const bad: string[] = [];
    for (const [id, m] of Object.entries(MESSAGES as MessageTable)) {
      for (const text of [m.en, m.vi]) {
        for (const [name] of text.matchAll(/vieneu\.[a-zA-Z][a-zA-Z0-9]*(?:\.[a-zA-Z][a-zA-Z0-9]*)*/g)) if (!settings.has(name)) bad.push(`${id}: ${name}`);
      }
    }
    assert.deepStrictEqual(bad, []);
  });

  it('fills placeholders and switches language', () => {
    assert.strictEqual(t('backendNotReady', 'Colab', 'x'), 'The Colab backend is not ready: x');
    useLanguage('vi_VN.UTF-8');
    assert.strictEqual(t('backendNotReady', 'Colab', 'x'), 'Backend Colab chưa sẵn sàng: x');
  });

  it('package.nls.vi.json translates every key of package.nls.json, and package.json uses only known keys', () => {
    const root = path.resolve(__dirname, '../../../..');
    const en = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8'));
    const vi = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.vi.json'), 'utf8'));
    assert.deepStrictEqual(Object.keys(vi).sort(), Object.keys(en).sort());
    const used = [...fs.readFileSync(path.join(root, 'package.json'), 'utf8').matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
    assert.deepStrictEqual(used.filter((k) => !(k in en)), []);
  });

  it('every contributed command is registered by the extension (ids in package.json = COMMAND_IDS)', () => {
    const root = path.resolve(__dirname, '../../../..');
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    const src = fs.readFileSync(path.join(root, 'src/vscode/commands.ts'), 'utf8');
    const ids = [...src.matchAll(/^\s+'(vieneu\.\w+)',$/gm)].map((m) => m[1]).sort();
    assert.deepStrictEqual(ids, pkg.contributes.commands.map((c: { command: string }) => c.command).sort());
  });
});
