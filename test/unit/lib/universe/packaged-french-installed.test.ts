/**
 * The Ken French parsers on the real files arch and linearmodels ship, as the installer put them (with
 * their SHA-256 checked by readPackageData). They skip only where Python has no pip; anywhere else a
 * missing file fails with the installer's instructions. The expected values were read from the files.
 */
import { describe, expect, it } from 'vitest';
import { packageData, readPackageData } from '../../../../lib/package-data.js';
import { chooseFactorSet } from '../../../../lib/universe/factors.js';
import {
  decompressText,
  parseArchFrenchData,
  parseLinearmodelsFrench,
} from '../../../../lib/universe/packaged-french.js';
import { packageDataRoot, skipReason } from '../../../support/package-data-root.js';

const archFile = 'arch/data/frenchdata/frenchdata.csv.gz';
const linearmodelsFile = 'linearmodels/datasets/french/french.csv.bz2';

const readArch = async () =>
  parseArchFrenchData(decompressText(await readPackageData(packageDataRoot(), packageData.arch, archFile)));
const readLinearmodels = async () =>
  parseLinearmodelsFrench(
    decompressText(await readPackageData(packageDataRoot(), packageData.linearmodels, linearmodelsFile)),
  );

describe.skipIf(skipReason(packageData.arch))("arch's frenchdata.csv.gz, as installed", () => {
  it('is 1,109 months of the 3 factors and RF, 1926-07..2018-11, percent turned into decimals', async () => {
    const table = await readArch();
    expect(table.months).toHaveLength(1109);
    expect([table.months[0], table.months.at(-1)]).toEqual(['1926-07', '2018-11']);
    expect(Object.keys(table.columns)).toEqual(['Mkt-RF', 'SMB', 'HML', 'RF']);
    // First row 192607: 2.96, -2.3, -2.87, 0.22; last row 201811: 1.69, -0.75, 0.22, 0.18.
    expect(table.columns['Mkt-RF']![0]).toBeCloseTo(0.0296, 12);
    expect(table.columns.HML![0]).toBeCloseTo(-0.0287, 12);
    expect(table.columns['Mkt-RF']![1108]).toBeCloseTo(0.0169, 12);
    expect(table.columns.RF![1108]).toBeCloseTo(0.0018, 12);
    expect(chooseFactorSet(table).name).toBe('ff3');
  });
});

describe.skipIf(skipReason(packageData.linearmodels))("linearmodels' french.csv.bz2, as installed", () => {
  it('is 819 months of 4 factors, RF and 30 portfolios, 1949-01..2017-03, in decimals', async () => {
    const { factors, portfolios } = await readLinearmodels();
    expect(factors.months).toHaveLength(819);
    expect([factors.months[0], factors.months.at(-1)]).toEqual(['1949-01', '2017-03']);
    expect(Object.keys(factors.columns)).toEqual(['Mkt-RF', 'SMB', 'HML', 'Mom', 'RF']);
    expect(chooseFactorSet(factors).name).toBe('ff3+mom');
    expect(portfolios.names).toEqual([
      ...[
        'NoDur',
        'Durbl',
        'Manuf',
        'Enrgy',
        'Chems',
        'BusEq',
        'Telcm',
        'Utils',
        'Shops',
        'Hlth',
        'Money',
        'Other',
      ],
      ...['S1V1', 'S1V3', 'S1V5', 'S3V1', 'S3V3', 'S3V5', 'S5V1', 'S5V3', 'S5V5'],
      ...['S1M1', 'S1M3', 'S1M5', 'S3M1', 'S3M3', 'S3M5', 'S5M1', 'S5M3', 'S5M5'],
    ]);
    // Row 2017-03-01: MktRF 0.0017, RF 0.0003, ..., S5M5 -0.0107 (as written: -0.010700000000000001).
    expect(factors.columns['Mkt-RF']![818]).toBeCloseTo(0.0017, 12);
    expect(factors.columns.RF![818]).toBeCloseTo(0.0003, 12);
    expect(portfolios.columns.S5M5![818]).toBeCloseTo(-0.0107, 12);
    expect(portfolios.columns.NoDur![0]).toBeCloseTo(0.0367, 12);
  });

  it("agrees with arch's file on the months both cover before Ken French's later revisions (1949-01)", async () => {
    const arch = await readArch();
    const { factors } = await readLinearmodels();
    const at = arch.months.indexOf('1949-01');
    // arch 194901: 0.23, 1.81, 1.17, 0.1 (percent); linearmodels 1949-01-01: 0.0023, 0.0181, 0.0117, 0.001.
    for (const name of ['Mkt-RF', 'SMB', 'HML', 'RF']) {
      expect(factors.columns[name]![0]).toBeCloseTo(arch.columns[name]![at]!, 12);
    }
  });
});
