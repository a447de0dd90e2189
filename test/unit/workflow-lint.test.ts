/** The lint rule that keeps workflow code deterministic is part of the design: prove it bites. */
import { beforeAll, describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });

async function ruleIdsFor(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

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
});
