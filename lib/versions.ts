/** Versions of this service and of the libraries it is built on, as installed (read once, at start). */
import { execFileSync } from 'node:child_process';
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

/** The commit this code was checked out at (with `-dirty` for local changes), else the package version. */
export function codeVersion(): string {
  try {
    const run = (args: string[]) =>
      execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const commit = run(['rev-parse', '--short=12', 'HEAD']);
    return run(['status', '--porcelain', '--untracked-files=no']) ? `${commit}-dirty` : commit;
  } catch {
    return `cashflow-mlops@${serviceVersion}`;
  }
}
