/**
 * Macro series from package data: the file format of arch's data sets, and the real VIX file when the
 * installer has put it in the tools cache (`npm test` runs the installer first).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../../lib/config.js';
import { packageData, packageDataFolder } from '../../../../lib/package-data.js';
import { loadPackageMacro, parseDatedSeries } from '../../../../lib/sources/package-macro.js';

describe('parseDatedSeries', () => {
  it('reads US and ISO dates, sorts by date and skips rows without a number', () => {
    const csv =
      '\uFEFFDate,Brent,vix\r\n1/6/2014,1,13.55\r\n2014-01-03,2,13.76\r\n1/7/2014,3,\r\n1/8/2014,4,.\r\n';
    expect(parseDatedSeries(csv, 'vix')).toEqual([
      { date: '2014-01-03', value: 13.76 },
      { date: '2014-01-06', value: 13.55 },
    ]);
  });

  it('names the columns it expected when the file has others', () => {
    expect(() => parseDatedSeries('When,vix\n1/3/2014,1\n', 'vix')).toThrow(
      /expected columns Date,...,vix, found When,vix/,
    );
  });
});

const root = loadConfig().sources.packageDataDir;
const installed = existsSync(join(packageDataFolder(root, packageData.arch), 'arch/data/vix/vix.csv.gz'));

describe.skipIf(!installed)("arch's VIX, as installed", () => {
  it('is the daily VIX from 2014-01-03 to 2019-01-03, and nothing else', async () => {
    const macro = await loadPackageMacro(root, 'arch');
    expect(Object.keys(macro.series)).toEqual(['vix']);
    const vix = macro.series.vix!;
    expect(vix[0]).toEqual({ date: '2014-01-03', value: 13.76 });
    expect(vix.at(-1)).toEqual({ date: '2019-01-03', value: 25.45 });
    // 1,305 rows, 46 of them market holidays marked "." (FRED's missing value)
    expect(vix.length).toBe(1259);
    expect(macro.source).toBe('arch 8.0.0 arch/data/vix/vix.csv.gz');
  });
});
