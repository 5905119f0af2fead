// @ts-check
import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/coverage/**',
      '**/.data/**',
      '**/.cache/**',
      '**/test-results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', '*.mjs', 'scripts/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { 'import-x': importX },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'max-lines': ['warn', { max: 300, skipBlankLines: true, skipComments: true }],
      'import-x/no-duplicates': 'error',
      // Boundaries (style.md §2): the shared model stays free of Node and of other packages.
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './packages/api', from: './apps', message: 'packages/api imports zod only' },
            { target: './packages/api', from: './packages/hypervisor-agent' },
            { target: './packages/hypervisor-agent', from: './apps' },
            { target: './apps/sandbox', from: './apps/bff' },
            { target: './apps/sandbox', from: './apps/console' },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/api/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['node:*'], message: 'packages/api must not use Node built-ins' }] },
      ],
    },
  },
  {
    // Tests, fixtures and data tables (style.md §4 exempts them from the file-size guide).
    files: [
      '**/*.test.ts',
      '**/*.bench.ts',
      '**/test/**/*.ts',
      'scripts/**',
      '**/testing/**',
      'packages/api/src/resources/**',
      'packages/api/src/seed-manifests/**',
    ],
    rules: { 'max-lines': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
