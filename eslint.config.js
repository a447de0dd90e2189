// One linter for the whole repository. Type-aware rules (no-floating-promises) need the project service.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

// Workflow code runs in Temporal's deterministic sandbox and is replayed from history: it must not touch
// Node built-ins, the network, the object store or the clock of the host. Activities are imported as types only.
const workflowForbiddenImports = [
  ...builtinModules,
  ...builtinModules.map((m) => `node:${m}`),
  'minio',
  'fastify',
  'pino',
  'prom-client',
  'danfojs-node',
  '@temporalio/client',
  '@temporalio/worker',
  '@temporalio/activity',
];

// The floors of the project: lib/ is the ground floor (pure, shared code: it imports nothing of the
// project), models/ stands on lib/ only, everything else may use both. A folder here is a layer above.
const upperFloors = [
  'activities',
  'workflows',
  'api',
  'workers',
  'infra',
  'cli',
  'schedules',
  'bench',
  'test',
];
const importsFrom = (folders, message) => ({
  '@typescript-eslint/no-restricted-imports': [
    'error',
    { patterns: [{ group: folders.flatMap((f) => [`**/${f}`, `**/${f}/**`]), message }] },
  ],
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'var/**', 'bench/.venv/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: workflowForbiddenImports.map((name) => ({
            name,
            message: 'Workflow code must be deterministic: do I/O in an activity.',
          })),
          patterns: [
            {
              group: ['**/activities/*', '**/activities'],
              allowTypeImports: true,
              message: 'Import activities with `import type` and call them through proxyActivities.',
            },
            {
              group: ['**/lib/object-store*', '**/lib/config*', '**/lib/logger*'],
              message: 'Workflow code must be deterministic: these modules do I/O or read the environment.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'Workflow code must not read the host process.' },
        { name: 'fetch', message: 'Workflow code must not do network I/O.' },
      ],
    },
  },
  {
    files: ['lib/**/*.ts'],
    rules: importsFrom(
      [...upperFloors, 'models'],
      'lib/ is the ground floor: it imports nothing of the project outside lib/ (pass such things in).',
    ),
  },
  {
    files: ['models/**/*.ts'],
    rules: importsFrom(
      upperFloors,
      'models/ stands on lib/ only: it imports nothing of the project above it.',
    ),
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
