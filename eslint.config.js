// @ts-check
import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';

/** What the BFF never imports: it reaches the sandbox through a kubeconfig (and spawns it). */
const bffForeignImports = [
  {
    group: ['@dvp/sandbox', '@dvp/sandbox/*', '@dvp/hypervisor-agent', '@dvp/hypervisor-agent/*'],
    message: 'the BFF reaches the sandbox through a kubeconfig, never its source',
  },
];

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
            {
              target: './apps/bff',
              from: './apps/sandbox',
              message: 'reach the sandbox via kubeconfig',
            },
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
    // The BFF's boundaries (style.md §2); apps/bff/test/architecture.test.ts checks the same.
    files: ['apps/bff/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@kubernetes/client-node', '@kubernetes/client-node/*'],
              message: 'client-node only inside apps/bff/src/k8s (use Cluster / KubeRest)',
            },
            ...bffForeignImports,
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'configuration comes from src/env.ts' },
      ],
      'no-console': ['error'],
    },
  },
  {
    files: ['apps/bff/src/k8s/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: bffForeignImports }] },
  },
  { files: ['apps/bff/src/env.ts'], rules: { 'no-restricted-properties': 'off' } },
  { files: ['apps/bff/src/server.ts'], rules: { 'no-console': 'off' } },
  {
    // Tests, fixtures and data tables (style.md §4 exempts them from the file-size guide).
    files: [
      '**/*.test.ts',
      '**/*.bench.ts',
      '**/test/**/*.ts',
      'e2e/**/*.ts',
      'scripts/**',
      '**/testing/**',
      'packages/api/src/resources/**',
      'packages/api/src/seed-manifests/**',
    ],
    rules: { 'max-lines': 'off' },
  },
  {
    // The console (style.md §2, §12): browser code, hooks rules all on, accessible markup.
    files: ['apps/console/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.flatConfigs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'the console runs in the browser' },
            {
              group: [
                '@dvp/sandbox',
                '@dvp/bff',
                '@dvp/hypervisor-agent',
                '@kubernetes/client-node',
              ],
              message: 'the console talks only to the BFF, through @dvp/api and src/api',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/console/src/ui/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@dvp/*', '../api/*', '../pages/*', '../stores/*'],
              message: 'ui/ is app-agnostic',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
