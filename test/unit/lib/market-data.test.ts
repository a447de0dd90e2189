import { describe, expect, it } from 'vitest';
import { DatasetError, parseMarketCsv, toCanonicalCsv } from '../../../lib/market-data.js';

const header = 'date,open,high,low,close,volume';

describe('parseMarketCsv', () => {
  it('keeps valid rows and quarantines bad ones with the reason and line', () => {
    const rows = Array.from(
      { length: 40 },
      (_, i) => `2020-02-${String((i % 28) + 1).padStart(2, '0')},10,11,9,10.5,100`,
    );
    const unique = [...new Set(rows)].slice(0, 25);
    const text = [header, ...unique, '2020-03-01,10,9,11,10,100', ''].join('\n');
    const { data, report } = parseMarketCsv(text, { defaultSymbol: 'X', maxBadFraction: 0.1 });
    expect(data.date.length).toBe(25);
    expect(data.symbol[0]).toBe('X');
    expect(report.quarantined).toEqual([
      { line: 27, reason: 'high 9 is below low 11', raw: '2020-03-01,10,9,11,10,100' },
    ]);
  });

  it('names missing columns', () => {
    expect(() =>
      parseMarketCsv('date,open,high,low,volume\n2020-01-01,1,1,1,1', { defaultSymbol: 'X' }),
    ).toThrow(/lacks the column\(s\) close/);
  });

  it('refuses a file with more bad rows than allowed, quoting examples', () => {
    const text = [
      header,
      '2020-01-01,1,2,0.5,1,10',
      '2020-01-02,abc,2,0.5,1,10',
      '2020-13-45,1,2,0.5,1,10',
    ].join('\n');
    expect(() => parseMarketCsv(text, { defaultSymbol: 'X' })).toThrow(DatasetError);
    expect(() => parseMarketCsv(text, { defaultSymbol: 'X' })).toThrow(
      /2 of 3 rows are invalid.*line 3: open is not a number/,
    );
  });

  it('sorts unsorted input, drops duplicates, and reports both', () => {
    const text = [
      header,
      '2020-01-03,1,2,0.5,1,10',
      '2020-01-02,1,2,0.5,1,10',
      '2020-01-02,1,2,0.5,1.5,10',
    ].join('\n');
    const { data, report } = parseMarketCsv(text, { defaultSymbol: 'X', maxBadFraction: 0.5 });
    expect(data.date).toEqual(['2020-01-02', '2020-01-03']);
    expect(report.warnings).toContain('rows were not sorted by symbol and date; they were sorted');
    expect(report.quarantined.map((q) => q.reason)).toEqual(['duplicate X 2020-01-02']);
  });

  it('round-trips through the canonical CSV', () => {
    const text = [header, '2020-01-02,1,2,0.5,1.25,10', '2020-01-03,1.25,2,1,1.5,20'].join('\n');
    const { data } = parseMarketCsv(text, { defaultSymbol: 'SPX' });
    const again = parseMarketCsv(toCanonicalCsv(data), { defaultSymbol: 'other' });
    expect(again.data).toEqual(data);
  });
});
