import { describe, expect, it } from 'vitest';
import { decodeCsvText } from '../../../lib/csv-text.js';
import { DatasetError } from '../../../lib/dataset-error.js';

const refusal = (bytes: Uint8Array): string => {
  try {
    decodeCsvText(bytes, 'upload.csv');
  } catch (err) {
    expect(err).toBeInstanceOf(DatasetError);
    return (err as Error).message;
  }
  throw new Error('the bytes were accepted');
};

describe('decodeCsvText', () => {
  it('returns UTF-8 text as it is, BOM included', () => {
    expect(decodeCsvText(Buffer.from('\ufeffdate,close\n2020-01-02,1.5\n'), 'a.csv')).toBe(
      '\ufeffdate,close\n2020-01-02,1.5\n',
    );
    expect(decodeCsvText(Buffer.from('symbol\nSOCIÉTÉ\n'), 'a.csv')).toBe('symbol\nSOCIÉTÉ\n');
  });

  it('names NUL bytes and their offset, never the bytes themselves', () => {
    const bytes = Buffer.concat([
      Buffer.from('date,open\n'),
      Buffer.from([0x00, 0x13, 0xff, 0x7f, 0x1b, 0x5b]),
    ]);
    const message = refusal(bytes);
    expect(message).toBe(
      'upload.csv is not a text CSV: found NUL bytes at offset 10 (a binary file, or text in UTF-16)',
    );
  });

  it('recognises files people upload by mistake', () => {
    expect(refusal(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]))).toBe(
      'upload.csv is not a text CSV: it looks like a ZIP archive (an .xlsx or .ods workbook is one: export the sheet as CSV)',
    );
    expect(refusal(Buffer.from([0x1f, 0x8b, 0x08, 0x00]))).toMatch(/gzip-compressed data/);
    expect(refusal(Buffer.from('PAR1\x15\x04'))).toMatch(/a Parquet file/);
    expect(refusal(Buffer.from([0xff, 0xfe, 0x64, 0x00]))).toBe(
      'upload.csv is UTF-16 text: save it as UTF-8 CSV',
    );
  });

  it('gives the offset of the first byte that is not UTF-8 (a Latin-1 export)', () => {
    const latin1 = Buffer.from('symbol\nSOCI\xc9T\xc9\n', 'latin1');
    expect(refusal(latin1)).toBe(
      'upload.csv is not UTF-8 text: invalid byte sequence at offset 11 (save it as UTF-8 CSV)',
    );
  });

  it('refuses an empty file', () => {
    expect(refusal(new Uint8Array())).toBe('upload.csv is empty: expected a CSV with a header line');
  });
});
