/**
 * Factor files: Ken French's own CSV layout (written here to a file, read back from disk), and the files
 * arch and linearmodels ship (gzip made here with zlib; bzip2 from the committed fixture
 * test/fixtures/universe/french-sample.csv.bz2, 3 rows in linearmodels' layout made with `bzip2 -9`).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { chooseFactorSet } from '../../../../lib/universe/factors.js';
import { parseFrenchCsv, readFrenchCsvFile } from '../../../../lib/universe/french-csv.js';
import {
  decompressText,
  parseArchFrenchData,
  parseLinearmodelsFrench,
} from '../../../../lib/universe/packaged-french.js';
import { UniverseInputError } from '../../../../lib/universe/errors.js';

// The layout of F-F_Research_Data_5_Factors_2x3.csv: description, blank line, monthly section, annual
// section with its title line, copyright; CRLF line ends and padded numbers as the library serves them.
const fiveFactorCsv = [
  'This file was created by CMPT_ME_BEME_OP_INV_RETS using the 202401 CRSP database.',
  'The 1-month TBill return is from Ibbotson and Associates Inc.',
  '',
  ',Mkt-RF,SMB,HML,RMW,CMA,RF',
  '196307,  -0.39,  -0.41,  -0.97,   0.68,  -1.18,   0.27',
  '196308,   5.07,  -0.80,   1.80,   0.36,  -0.35,   0.25',
  '196309,  -1.57,  -0.52,   0.13,  -0.71,   0.29,   0.27',
  '',
  ' Annual Factors: January-December ',
  ',Mkt-RF,SMB,HML,RMW,CMA,RF',
  '1964,  12.51,   0.11,  11.73,   0.51,   4.45,   3.54',
  '1965,  10.54,  24.49,   5.98,   1.28,   0.97,   3.93',
  '',
  'Copyright 2024 Kenneth R. French',
  '',
].join('\r\n');

const dir = mkdtempSync(join(tmpdir(), 'french-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Ken French CSV', () => {
  it('reads the 5-factor file: monthly and annual sections, percent to decimals', async () => {
    const path = join(dir, 'F-F_Research_Data_5_Factors_2x3.csv');
    writeFileSync(path, fiveFactorCsv);
    const file = await readFrenchCsvFile(path);
    expect(file.description[0]).toMatch(/^This file was created/);
    expect(file.monthly.source).toBe('F-F_Research_Data_5_Factors_2x3.csv');
    expect(file.monthly.months).toEqual(['1963-07', '1963-08', '1963-09']);
    expect(Object.keys(file.monthly.columns)).toEqual(['Mkt-RF', 'SMB', 'HML', 'RMW', 'CMA', 'RF']);
    expect(file.monthly.columns['Mkt-RF']![0]).toBeCloseTo(-0.0039, 12);
    expect(file.monthly.columns.RF![1]).toBeCloseTo(0.0025, 12);
    expect(file.monthly.columns.CMA![2]).toBeCloseTo(0.0029, 12);
    expect(file.annual?.years).toEqual(['1964', '1965']);
    expect(file.annual?.columns.SMB![1]).toBeCloseTo(0.2449, 12);
    expect(chooseFactorSet(file.monthly).name).toBe('ff5');
  });

  it('reads missing values (-99.99) as NaN', () => {
    const file = parseFrenchCsv(',Mkt-RF,RF\n196307, -99.99, 0.27\n196308, 1.00, 0.25\n');
    expect(file.monthly.columns['Mkt-RF']![0]).toBeNaN();
    expect(file.monthly.columns['Mkt-RF']![1]).toBeCloseTo(0.01, 12);
  });

  it('refuses files in another layout, naming the problem', () => {
    const refuse = (text: string, message: RegExp) => {
      let error: unknown;
      try {
        parseFrenchCsv(text, 'factors.csv');
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(UniverseInputError);
      expect((error as UniverseInputError).field).toBe('factors');
      expect((error as UniverseInputError).message).toMatch(message);
    };
    refuse('date,mkt_rf,rf\n2020-01-01,0.01,0.001\n', /not in Ken French's layout/);
    refuse('196307, -0.39, 0.27\n', /line 1: a data row before any header row/);
    refuse(',Mkt-RF,RF\n196307, -0.39\n', /line 2: 1 value\(s\), the header names 2/);
    refuse(',Mkt-RF,RF\n196307, abc, 0.27\n', /line 2: "abc" is not a number/);
    refuse(',Mkt-RF,RF\n196308, 1, 0.27\n196307, 1, 0.27\n', /not ascending/);
    refuse(',Mkt-RF,RF\n196313, 1, 0.27\n', /196313 is not a YYYYMM month/);
  });
});

describe('packaged Ken French data', () => {
  it("arch's frenchdata.csv.gz: Date as YYYYMM, percent", () => {
    const text =
      'Date,Mkt-RF,SMB,HML,RF\n192607,2.96,-2.3,-2.87,0.22\n192608,2.64,-1.4,4.19,0.25\n192609,0.36,-1.32,0.01,0.23\n';
    const table = parseArchFrenchData(decompressText(gzipSync(text)));
    expect(table.months).toEqual(['1926-07', '1926-08', '1926-09']);
    expect(table.columns['Mkt-RF']![0]).toBeCloseTo(0.0296, 12);
    expect(table.columns.RF![2]).toBeCloseTo(0.0023, 12);
    expect(chooseFactorSet(table).name).toBe('ff3');
  });

  it("linearmodels' french.csv.bz2: factors renamed to Mkt-RF, 30 portfolios, decimals kept", () => {
    const bytes = readFileSync(join(import.meta.dirname, '../../../fixtures/universe/french-sample.csv.bz2'));
    const { factors, portfolios } = parseLinearmodelsFrench(decompressText(bytes));
    expect(factors.months).toEqual(['1949-10', '1949-11', '1949-12']);
    expect(Object.keys(factors.columns)).toEqual(['Mkt-RF', 'SMB', 'HML', 'Mom', 'RF']);
    expect(factors.columns['Mkt-RF']![1]).toBeCloseTo(0.0177, 12);
    expect(chooseFactorSet(factors)).toMatchObject({
      name: 'ff3+mom',
      factors: ['Mkt-RF', 'SMB', 'HML', 'Mom'],
    });
    expect(portfolios.names).toHaveLength(30);
    expect(portfolios.names.slice(0, 2)).toEqual(['NoDur', 'Durbl']);
    expect(portfolios.names[29]).toBe('S5M5');
    expect(portfolios.columns.S5M5![0]).toBeCloseTo(0.039, 12);
  });

  it('takes the unit from the data: percent values in a decimal layout are scaled', () => {
    const text =
      'dates,MktRF,SMB,HML,Mom,RF,NoDur\n1949-10-01,3.12,-0.51,1.22,0.4,0.09,1.5\n1949-11-01,1.77,0.3,0.2,0.1,0.09,-2\n';
    const { factors, portfolios } = parseLinearmodelsFrench(text);
    expect(factors.columns['Mkt-RF']![0]).toBeCloseTo(0.0312, 12);
    expect(portfolios.columns.NoDur![1]).toBeCloseTo(-0.02, 12);
  });

  it('refuses a file without the expected columns', () => {
    expect(() => parseArchFrenchData('when,Mkt-RF\n192607,1\n')).toThrow(/no Date column/);
    expect(() => parseLinearmodelsFrench('dates,MktRF,SMB\n1949-10-01,0.01,0.02\n')).toThrow(
      /no HML, Mom, RF column/,
    );
  });
});
