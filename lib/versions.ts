/** Versions of this service and of the libraries it is built on, as installed (read once, at start). */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const reported = [
  'fastify',
  '@temporalio/client',
  '@temporalio/worker',
  'minio',
  'prom-client',
  '@tensorflow/tfjs',
  'danfojs-node',
  'ml-random-forest',
] as const;

function versionOf(packageDir: string): string {
  try {
    return (JSON.parse(readFileSync(resolve(packageDir, 'package.json'), 'utf8')) as { version: string })
      .version;
  } catch {
    return 'not installed';
  }
}

export const serviceVersion = versionOf(root);

export function dependencyVersions(): Record<string, string> {
  const versions: Record<string, string> = { node: process.versions.node };
  for (const name of reported) versions[name] = versionOf(resolve(root, 'node_modules', name));
  return versions;
}

/**
 * The commit this code was checked out at, else the package version. Local changes add `-dirty-` and a
 * digest of the diff: a model's lineage then tells two different sets of edits apart.
 */
export function codeVersion(): string {
  try {
    const run = (args: string[]) =>
      execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const commit = run(['rev-parse', '--short=12', 'HEAD']);
    if (!run(['status', '--porcelain', '--untracked-files=no'])) return commit;
    const diff = createHash('sha256')
      .update(run(['diff', 'HEAD', '--no-ext-diff']))
      .digest('hex');
    return `${commit}-dirty-${diff.slice(0, 8)}`;
  } catch {
    return `cashflow-mlops@${serviceVersion}`;
  }
}
