import { describe, expect, it } from 'vitest';
import { forEachCsvRecord, type CsvRecord } from '../../../lib/csv-records.js';
import { DatasetError } from '../../../lib/dataset-error.js';

const records = (text: string) => {
  const out: CsvRecord[] = [];
  forEachCsvRecord(text, 'f.csv', (r) => out.push(r));
  return out.map(({ line, raw, fields, problem }) => ({
    line,
    raw,
    fields,
    ...(problem ? { problem } : {}),
  }));
};

describe('forEachCsvRecord', () => {
  it('gives each record its starting line and raw text across CRLF and blank lines (no quotes)', () => {
    expect(records('a,b\r\n1,2\r\n\r\n\r\n3,4\r\n5,6')).toEqual([
      { line: 1, raw: 'a,b', fields: ['a', 'b'] },
      { line: 2, raw: '1,2', fields: ['1', '2'] },
      { line: 5, raw: '3,4', fields: ['3', '4'] },
      { line: 6, raw: '5,6', fields: ['5', '6'] },
    ]);
  });

  it('keeps quoted line breaks, commas and doubled quotes inside a field, and strips a BOM', () => {
    expect(records('\ufeffa,b\n"x\n\ny",2\n\n3,"4,5 ""q"""\n')).toEqual([
      { line: 1, raw: 'a,b', fields: ['a', 'b'] },
      { line: 2, raw: '"x\n\ny",2', fields: ['x\n\ny', '2'] },
      { line: 6, raw: '3,"4,5 ""q"""', fields: ['3', '4,5 "q"'] },
    ]);
  });

  it('refuses a malformed or unclosed quote, naming the line, since the rest of the file is swallowed', () => {
    expect(() => records('a,b\n1,2\n"x"y,2\n3,4\n')).toThrow('f.csv line 3: a quoted field is never closed');
    expect(() => records('a,b\n1,2\n3,"4\n5,6\n')).toThrow(DatasetError);
  });

  it('takes a quote inside an unquoted field literally', () => {
    expect(records('a,b\nx"y,2\n')[1]).toEqual({ line: 2, raw: 'x"y,2', fields: ['x"y', '2'] });
  });
});
