// Lint rules that catch real bugs in async, streaming code; style is left to the formatter.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.e2e/**', 'test/fixtures/generated/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      // require() is how this project loads modules lazily (CLI commands, bench sections, heavy engines).
      '@typescript-eslint/no-require-imports': 'off',
      'no-constant-condition': ['error', { checkLoops: false }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['src/core/**', 'src/app/**', 'src/text/**', 'src/local/**', 'src/remote/**', 'src/notebook/**', 'src/audio/**', 'src/cli/**'],
    rules: {
      // The core must run under mocha and the CLI: only src/vscode and src/extension.ts may import vscode.
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'Core modules never import vscode; add an adapter in src/vscode/.' }] }],
    },
  },
);
