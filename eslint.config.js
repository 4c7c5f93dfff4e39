// @ts-check
// Process boundaries are lint rules, not review comments: a folder is a runtime.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const nativeOrShell = ['electron', 'better-sqlite3', 'ssh2', 'ws', 'prom-client'];

/**
 * @param {string} why
 * @param {string[]} names
 * @param {boolean} [noNodeScheme] also forbid every `node:*` import
 */
const forbid = (why, names, noNodeScheme = true) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: names.map((name) => ({ name, message: why })),
      patterns: noNodeScheme ? [{ group: ['node:*'], message: why }] : [],
    },
  ],
});

export default tseslint.config(
  {
    ignores: ['node_modules/', 'dist/', 'release/', 'native/', 'bench/out/', 'test-results/', 'playwright-report/', '.tmp/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['electron/**', 'test/**', 'bench/**', 'scripts/**', 'bin/**', '*.config.*'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['shared/**'],
    rules: forbid('shared/ is pure TypeScript used by both runtimes: no Node, DOM or Electron imports.', [
      ...nodeBuiltins,
      ...nativeOrShell,
      'react',
      'react-dom',
    ]),
  },
  {
    files: ['shared/**'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'navigator', 'localStorage', 'process', 'Buffer', 'require', '__dirname'].map((name) => ({
          name,
          message: 'shared/ runs in both runtimes: no DOM or Node globals.',
        })),
      ],
    },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...forbid('renderer/ runs in a sandboxed web page: talk to the console through the api client.', [
        ...nodeBuiltins,
        ...nativeOrShell,
      ]),
    },
  },
  {
    // Only the Electron shell may import electron.
    files: ['electron/**'],
    ignores: ['electron/app/**'],
    rules: forbid('Only electron/app/ may import electron; the core stays runnable in plain Node.', ['electron'], false),
  },
);
