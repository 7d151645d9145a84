// One lint configuration; the import restrictions below are the layer rules from the
// architecture note, so a wrong-way import fails `npm run check`, not a code review.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = [
  'fs',
  'path',
  'os',
  'child_process',
  'crypto',
  'http',
  'net',
  'url',
  'worker_threads',
  'stream',
  'util',
  'events',
  'zlib',
  'buffer',
];
const nodeModules = [
  ...nodeBuiltins,
  ...nodeBuiltins.map((m) => `node:${m}`),
  'node:*',
  'better-sqlite3',
];

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'dist',
      'build-electron',
      'test-results',
      'playwright-report',
      'bench/results',
      'bench/.cache',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['**/*.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'react', ...nodeModules],
          patterns: ['node:*', '../electron/*', '../renderer/*'],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/main/**', 'electron/preload.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message:
                'The engine and the non-Electron hosts run in plain Node: only electron/main and electron/preload.ts may import electron.',
            },
            'electron-store',
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/vite.config.ts'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      // The classic two rules; the compiler-based ones in v7 flag ordinary data-loading effects.
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      'no-restricted-imports': [
        'error',
        { paths: ['electron', ...nodeModules], patterns: ['node:*', '**/electron/**'] },
      ],
    },
  },
);
