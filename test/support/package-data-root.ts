/**
 * Where the installer put the package data (TOOLS_DIR/package-data), and whether a test that reads it may
 * skip: only when the machine has no Python with pip, so the installer could not fetch the files. Anywhere
 * else a missing file fails the test, saying how to install it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../lib/config.js';
import { packageDataFolder, type PackageDataDeclaration } from '../../lib/package-data.js';

export const packageDataRoot = (): string => loadConfig().sources.packageDataDir;

export function pythonHasPip(python = 'python3'): boolean {
  return spawnSync(python, ['-m', 'pip', '--version'], { stdio: 'ignore' }).status === 0;
}

/** The reason to skip (printed), or `undefined` when the test must run. */
export function skipReason(declaration: PackageDataDeclaration): string | undefined {
  const folder = packageDataFolder(packageDataRoot(), declaration);
  const installed = declaration.members.every((m) => existsSync(join(folder, m.path)));
  if (installed || pythonHasPip()) return undefined;
  const reason = `${declaration.package} ${declaration.version} data is not installed and python3 has no pip here, so the installer cannot fetch it`;
  console.log(`skipped: ${reason}`);
  return reason;
}
