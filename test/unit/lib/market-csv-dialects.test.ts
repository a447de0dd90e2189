/**
 * The CSV files people actually have: spreadsheet exports with quoted thousands, a byte order mark and
 * CRLF line ends are read; a semicolon file, a decimal comma and a broken quote are refused saying what is
 * wrong and how to fix it.
 */
import { describe, expect, it } from 'vitest';
import { DatasetError, parseMarketCsv } from '../../../lib/market-data.js';

const read = (text: string, maxBadFraction?: number) =>
  parseMarketCsv(text, {
    defaultSymbol: 'X',
    source: 'prices.csv',
    ...(maxBadFraction ? { maxBadFraction } : {}),
  });
const refusal = (text: string): string => {
  try {
    read(text);
  } catch (err) {
    expect(err).toBeInstanceOf(DatasetError);
    return (err as Error).message;
  }
  throw new Error('the file was accepted');
};

describe('parseMarketCsv on spreadsheet exports', () => {
  it('reads RFC 4180 quoted fields, thousands separators, a BOM and CRLF line ends', () => {
    const text =
      '\ufeffDate,Open,High,Low,Close,Volume\r\n' +
      '2020-01-02,"3,244.67","3,258.14","3,235.53","3,257.85","3,458,250,000"\r\n' +
      '2020-01-03,3226.36,3246.15,3222.34,3234.85,3461290000\r\n';
    const { data, report } = read(text);
    expect(report.quarantined).toEqual([]);
    expect(data.date).toEqual(['2020-01-02', '2020-01-03']);
    expect(Array.from(data.open)).toEqual([3244.67, 3226.36]);
    expect(Array.from(data.close)).toEqual([3257.85, 3234.85]);
    expect(data.volume[0]).toBe(3_458_250_000);
  });

  it('reads a header and fields that are all quoted', () => {
    const text =
      '"date","symbol","open","high","low","close","volume"\n"2020-01-02","BRK.B","1","2","0.5","1.5","10"\n';
    const { data } = read(text);
    expect(data.symbol).toEqual(['BRK.B']);
    expect(data.close[0]).toBe(1.5);
  });

  it('counts lines across quoted line breaks and blank lines when quarantining', () => {
    const good = Array.from(
      { length: 30 },
      (_, i) => `2020-02-${String(i + 1).padStart(2, '0')},1,2,0.5,1.5,10`,
    ).filter((_, i) => i < 28);
    const text = [
      'date,open,high,low,close,volume,note',
      ...good.slice(0, 2).map((r) => `${r},"a\nb"`),
      '',
      ...good.slice(2).map((r) => `${r},ok`),
      '2020-03-01,1,2,3,1,10,bad',
    ].join('\n');
    const { report } = read(text);
    // header 1, two records on lines 2-3 and 4-5, a blank line 6, 26 records on 7-32: the bad one is line 33
    expect(report.quarantined).toEqual([
      { line: 33, reason: 'high 2 is below low 3', raw: '2020-03-01,1,2,3,1,10,bad' },
    ]);
  });

  it('hints at quoting when an unquoted thousands separator splits a number', () => {
    const rows = Array.from(
      { length: 25 },
      (_, i) => `2020-01-${String(i + 1).padStart(2, '0')},1,2,0.5,1.5,10`,
    );
    const { report } = read(
      ['date,open,high,low,close,volume', ...rows, '2020-02-01,3,244.67,3300,3200,3250,10'].join('\n'),
    );
    expect(report.quarantined[0]!.reason).toBe(
      '7 fields, the header has 6 (quote numbers written with a thousands separator: "3,244.67")',
    );
  });
});

describe('parseMarketCsv on files the product does not read', () => {
  it('names the semicolon delimiter instead of listing every column as missing', () => {
    const message = refusal(
      'Date;Open;High;Low;Close;Volume\n2020-01-02;3244,67;3258,14;3235,53;3257,85;3458250000\n',
    );
    expect(message).toBe(
      'prices.csv: its fields are separated by semicolons (;), not commas: export it as comma-separated CSV (with a point as the decimal mark)',
    );
  });

  it('names a tab-separated file', () => {
    expect(refusal('date\topen\thigh\tlow\tclose\tvolume\n2020-01-02\t1\t2\t0.5\t1.5\t10\n')).toMatch(
      /separated by tabs, not commas/,
    );
  });

  it('names the decimal comma, with the line, the value and the fix', () => {
    const message = refusal(
      'date,open,high,low,close,volume\n2020-01-02,"3244,67","3258,14","3235,53","3257,85",3458250000\n' +
        '2020-01-03,"3226,36","3246,15","3222,34","3234,85",3461290000\n',
    );
    expect(message).toBe(
      'prices.csv: numbers have a comma as the decimal mark (line 2: open has a comma as the decimal mark: "3244,67" ' +
        '(write 3244.67)); the product reads a point as the decimal mark: export the file with "." decimals',
    );
  });

  it('refuses a quoted field that is never closed, naming its line', () => {
    expect(
      refusal('date,open,high,low,close,volume\n2020-01-02,1,2,0.5,1.5,10\n2020-01-03,"1,2,0.5,1.5,10\n'),
    ).toBe(
      'prices.csv line 3: a quoted field is never closed (a stray " character); quote a field as a whole, and double a quote inside it ("")',
    );
  });

  it('refuses an empty file and a header without rows', () => {
    expect(refusal('')).toMatch(/prices.csv has no header line/);
    expect(refusal('date,open,high,low,close,volume\n')).toMatch(/prices.csv has no valid rows \(0 read/);
  });

  it('quotes at most a short prefix of a bad cell and of a long header', () => {
    const long = 'x'.repeat(5000);
    expect(refusal(`${long}\n1\n`).length).toBeLessThan(400);
    const rows = Array.from(
      { length: 25 },
      (_, i) => `2020-01-${String(i + 1).padStart(2, '0')},1,2,0.5,1.5,10`,
    );
    const { report } = read(
      ['date,open,high,low,close,volume', ...rows, `2020-02-01,${long},2,0.5,1.5,10`].join('\n'),
    );
    expect(report.quarantined[0]!.reason).toBe(`open is not a number: "${'x'.repeat(24)}..."`);
    expect(report.quarantined[0]!.raw.length).toBeLessThanOrEqual(203);
  });
});
