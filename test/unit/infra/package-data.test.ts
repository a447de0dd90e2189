/**
 * The package-data installer with the real pip, offline: a wheel built here is served from a local folder
 * (`--no-index --find-links`), so the download, the archive's and the members' SHA-256 checks and the
 * extraction of only the declared members all run for real. Without Python it says so and installs nothing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { installPackageData } from '../../../infra/package-data.js';
import {
  PackageDataUnavailableError,
  readPackageData,
  sha256Of,
  type PackageDataDeclaration,
} from '../../../lib/package-data.js';

const work = mkdtempSync(join(tmpdir(), 'package-data-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const data = 'Date,vix\n1/3/2014,13.76\n1/6/2014,13.55\n';
const wheel = 'tinydata-1.0-py3-none-any.whl';
const index = join(work, 'index');

function pipRuns(): boolean {
  try {
    execFileSync('python3', ['-m', 'pip', '--version']);
    return true;
  } catch {
    return false;
  }
}
// Without Python and pip the installer's own answer to that is tested; the rest needs them.
const withPip = pipRuns();

// A minimal valid wheel: the data file, one file that is not data, and the metadata pip reads.
if (withPip)
  execFileSync('python3', [
    '-c',
    `
import os, sys, zipfile
os.makedirs(sys.argv[1], exist_ok=True)
with zipfile.ZipFile(os.path.join(sys.argv[1], '${wheel}'), 'w') as z:
    z.writestr('tinydata/data/vix.csv', sys.argv[2])
    z.writestr('tinydata/__init__.py', 'print("not data")')
    z.writestr('tinydata-1.0.dist-info/METADATA', 'Metadata-Version: 2.1\\nName: tinydata\\nVersion: 1.0\\n')
    z.writestr('tinydata-1.0.dist-info/WHEEL', 'Wheel-Version: 1.0\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n')
    z.writestr('tinydata-1.0.dist-info/RECORD', '')
`,
    index,
    data,
  ]);

const declaration = (memberSha = sha256Of(Buffer.from(data))): PackageDataDeclaration => ({
  package: 'tinydata',
  version: '1.0',
  file: wheel,
  fileSha256: withPip ? sha256Of(readFileSync(join(index, wheel))) : '',
  pipOptions: ['--no-index', '--find-links', index],
  members: [{ path: 'tinydata/data/vix.csv', sha256: memberSha, what: 'two days of VIX' }],
});

describe('installPackageData', () => {
  it.skipIf(!withPip)(
    'fetches the file with pip, extracts only the declared members, and is cached the second time',
    async () => {
      const root = join(work, 'cache');
      const said: string[] = [];
      expect(await installPackageData(root, declaration(), (m) => said.push(m))).toBe('installed');
      expect(readdirSync(join(root, 'tinydata-1.0', 'tinydata'))).toEqual(['data']);
      expect(readFileSync(join(root, 'tinydata-1.0', 'tinydata/data/vix.csv'), 'utf8')).toBe(data);
      expect((await readPackageData(root, declaration(), 'tinydata/data/vix.csv')).toString()).toBe(data);
      // no scratch folder left behind
      expect(readdirSync(root)).toEqual(['tinydata-1.0']);
      expect(await installPackageData(root, declaration(), (m) => said.push(m))).toBe('cached');
      expect(said.at(-1)).toMatch(/^tinydata 1.0 data: cached at /);
    },
    60_000,
  );

  it.skipIf(!withPip)(
    'refuses a member whose SHA-256 differs and installs nothing',
    async () => {
      const root = join(work, 'tampered');
      await expect(installPackageData(root, declaration('0'.repeat(64)), () => undefined)).rejects.toThrow(
        /tinydata\/data\/vix.csv in tinydata-1.0-py3-none-any.whl does not have the declared SHA-256/,
      );
      expect(existsSync(join(root, 'tinydata-1.0'))).toBe(false);
      expect(readdirSync(root)).toEqual([]);
    },
    60_000,
  );

  it('says the runs that need it are unavailable when Python is missing, and installs nothing', async () => {
    const root = join(work, 'no-python');
    const said: string[] = [];
    const status = await installPackageData(
      root,
      declaration(),
      (m) => said.push(m),
      join(work, 'no-python3'),
    );
    expect(status).toBe('unavailable');
    expect(said.join('\n')).toMatch(/no-python3 is not installed, so the runs that need it are unavailable/);
    expect(existsSync(root)).toBe(false);
  });

  it('tells a reader how to install data that is missing or altered', async () => {
    await expect(
      readPackageData(join(work, 'nothing'), declaration(), 'tinydata/data/vix.csv'),
    ).rejects.toThrow(PackageDataUnavailableError);
    await expect(
      readPackageData(join(work, 'nothing'), declaration(), 'tinydata/data/vix.csv'),
    ).rejects.toThrow(/is not installed at .*: run `npm run install-infra` \(it needs python3 with pip\)/);
  });
});
