/**
 * The lint rules are part of the design: prove they bite. Workflow code stays deterministic; lib/ is the
 * ground floor and models/ stands on lib/ only.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });

async function ruleIdsFor(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

const restricted = (path: string) =>
  expect.stringMatching(
    new RegExp(`no-restricted-imports: '${path.replace(/[./]/g, '\\$&')}' import is restricted`),
  );

describe('workflow lint rules', () => {
  // The first type-aware lint builds the TypeScript program of the whole project: seconds on a busy
  // 2-core machine, more than a test's default 5 s. Build it once here so each test times only its lint.
  beforeAll(async () => {
    await ruleIdsFor('export {};\n', 'lib/temporal-names.ts');
  }, 60_000);

  it('reject Node built-ins, I/O clients, value imports of activities and the host process in workflows/', async () => {
    const code = [
      "import { readFileSync } from 'node:fs';",
      "import { Client } from 'minio';",
      "import { createActivities } from '../activities/index.js';",
      'export const leak = [readFileSync, Client, createActivities, process.pid];',
    ].join('\n');
    const messages = await ruleIdsFor(code, 'workflows/store-probe.ts');
    expect(messages).toEqual([
      expect.stringMatching(/no-restricted-imports: 'node:fs' import is restricted/),
      expect.stringMatching(/no-restricted-imports: 'minio' import is restricted/),
      expect.stringMatching(/no-restricted-imports: '..\/activities\/index.js' import is restricted/),
      expect.stringMatching(/no-restricted-globals: Unexpected use of 'process'/),
    ]);
  });

  it('allow the same imports outside workflows/', async () => {
    const code = "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n";
    expect(await ruleIdsFor(code, 'activities/store-probe.ts')).toEqual([]);
  });

  it('make a floating promise an error everywhere', async () => {
    const code = 'export async function f(): Promise<void> {\n  Promise.resolve(1);\n}\n';
    const messages = await ruleIdsFor(code, 'lib/temporal-names.ts');
    expect(messages).toEqual([expect.stringMatching(/no-floating-promises/)]);
  });

  describe('layers', () => {
    it('keep every other folder of the project out of lib/, models/ included', async () => {
      const code = [
        "import type { PipelineActivities } from '../activities/index.js';",
        "import type { PipelineStage } from '../workflows/pipeline-types.js';",
        "import type { ModelRegistry } from '../models/registry/types.js';",
        "import type { AppOptions } from '../api/app.js';",
        "import type { WorkerProcess } from '../workers/processes.js';",
        'export type Leak = [PipelineActivities, PipelineStage, ModelRegistry, AppOptions, WorkerProcess];',
      ].join('\n');
      expect(await ruleIdsFor(code, 'lib/temporal-names.ts')).toEqual([
        restricted('../activities/index.js'),
        restricted('../workflows/pipeline-types.js'),
        restricted('../models/registry/types.js'),
        restricted('../api/app.js'),
        restricted('../workers/processes.js'),
      ]);
    });

    it('let models/ import lib/ and itself, and nothing above', async () => {
      const code = [
        "import { AppError } from '../lib/errors.js';",
        "import type { Matrix } from './engine.js';",
        "import type { ActivityDeps } from '../activities/index.js';",
        "import { freePort } from '../infra/servers.js';",
        'export const used = [AppError, freePort];',
        'export type Used = [Matrix, ActivityDeps];',
      ].join('\n');
      expect(await ruleIdsFor(code, 'models/score.ts')).toEqual([
        restricted('../activities/index.js'),
        restricted('../infra/servers.js'),
      ]);
    });
  });
});
