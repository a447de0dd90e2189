/**
 * Installs the package data declared in lib/package-data.ts: `python3 -m pip download --no-deps` of the
 * pinned distribution file into a scratch folder, its SHA-256 checked, only the declared members extracted
 * (Python's zipfile: pip already needs Python, so no archive library is added), each member's SHA-256
 * checked, then the folder renamed into place, so an interrupted install never leaves files a reader would
 * trust. Without Python or pip it says which runs are unavailable and returns: nothing else needs the data.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import {
  packageData,
  packageDataFolder,
  sha256Of,
  type PackageDataDeclaration,
} from '../lib/package-data.js';

const run = promisify(execFile);

/** Extracts the named members of a zip (a wheel) to a folder, keeping their paths. */
const extractMembers = `
import sys, zipfile
archive, target, *members = sys.argv[1:]
with zipfile.ZipFile(archive) as z:
    for name in members:
        z.extract(name, target)
`;

export type PackageDataStatus = 'cached' | 'installed' | 'unavailable';

function intact(folder: string, declaration: PackageDataDeclaration): boolean {
  return declaration.members.every((m) => {
    const file = join(folder, m.path);
    return existsSync(file) && sha256Of(readFileSync(file)) === m.sha256;
  });
}

/** Whether `python3 -m pip` runs here, and if not, why. */
async function pipProblem(python: string): Promise<string | undefined> {
  try {
    await run(python, ['-m', 'pip', '--version']);
    return undefined;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ENOENT'
      ? `${python} is not installed`
      : `${python} has no pip (\`${python} -m pip\` failed)`;
  }
}

export async function installPackageData(
  root: string,
  declaration: PackageDataDeclaration,
  say: (msg: string) => void,
  python = 'python3',
): Promise<PackageDataStatus> {
  const label = `${declaration.package} ${declaration.version} data`;
  const folder = packageDataFolder(root, declaration);
  if (intact(folder, declaration)) {
    say(`${label}: cached at ${folder}`);
    return 'cached';
  }
  const problem = await pipProblem(python);
  if (problem) {
    say(
      `${label}: ${problem}, so the runs that need it are unavailable (pipeline input \`macro: "${declaration.package}"\`); ` +
        'everything else works. Install Python 3 with pip and run `npm run install-infra` again.',
    );
    return 'unavailable';
  }
  say(
    `${label}: downloading ${declaration.file} with pip, extracting ${declaration.members.length} data files`,
  );
  mkdirSync(root, { recursive: true });
  const scratch = mkdtempSync(join(root, '.download-'));
  try {
    await run(python, [
      ...['-m', 'pip', 'download', '--no-deps', '--quiet', '--disable-pip-version-check'],
      `${declaration.package}==${declaration.version}`,
      ...declaration.pipOptions,
      ...['-d', scratch],
    ]);
    const archive = join(scratch, declaration.file);
    if (!existsSync(archive)) throw new Error(`pip did not fetch ${declaration.file}`);
    if (sha256Of(readFileSync(archive)) !== declaration.fileSha256)
      throw new Error(`${declaration.file} does not have the declared SHA-256`);
    const staged = join(scratch, 'data');
    await run(python, ['-c', extractMembers, archive, staged, ...declaration.members.map((m) => m.path)]);
    for (const m of declaration.members) {
      if (sha256Of(readFileSync(join(staged, m.path))) !== m.sha256)
        throw new Error(`${m.path} in ${declaration.file} does not have the declared SHA-256`);
    }
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(dirname(folder), { recursive: true });
    renameSync(staged, folder);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  say(`${label}: ${declaration.members.map((m) => m.what).join('; ')} -> ${folder}`);
  return 'installed';
}

/** Every declaration; a failed download is reported and the rest goes on. */
export async function installAllPackageData(root: string, say: (msg: string) => void): Promise<void> {
  for (const declaration of Object.values(packageData)) {
    try {
      await installPackageData(root, declaration, say);
    } catch (err) {
      say(
        `${declaration.package} ${declaration.version} data: not installed (${err instanceof Error ? err.message : String(err)}); ` +
          'the runs that need it are unavailable, everything else works',
      );
    }
  }
}
