/**
 * RFC 4180 records of a CSV text, one at a time, with the line each starts on and its raw text (for the
 * quarantine report). Parsing is papaparse's: quoted fields (with commas, quotes and line breaks inside),
 * a UTF-8 byte order mark, and LF or CRLF line ends. It was chosen over csv-parse because it reads the
 * canonical datasets (millions of unquoted rows, re-read by the features stage) about three times faster:
 * it switches to a plain split when the text has no quote character.
 */
import Papa from 'papaparse';
import { DatasetError } from './dataset-error.js';

export interface CsvRecord {
  fields: string[];
  /** 1-based line of the text on which the record starts. */
  line: number;
  /** The record's text as written (quotes included), without its line end. */
  raw: string;
  /** The parser's complaint about this record (a malformed quote), if any. */
  problem?: string;
}

/** Calls `onRecord` for every non-empty record, the header included, in order. */
export function forEachCsvRecord(text: string, source: string, onRecord: (record: CsvRecord) => void): void {
  // Stripped here so the parser's offsets index `body` (papaparse would strip it itself, silently).
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let start = 0;
  let line = 1;
  let counted = 0;
  Papa.parse<string[]>(body, {
    delimiter: ',',
    quoteChar: '"',
    skipEmptyLines: true,
    step: (result) => {
      const end = result.meta.cursor;
      // skipEmptyLines skips blank lines between records: find where this record really starts.
      while (start < end && (body[start] === '\n' || body[start] === '\r')) start++;
      for (let i = body.indexOf('\n', counted); i >= 0 && i < start; i = body.indexOf('\n', i + 1)) line++;
      counted = start;
      const raw = body.slice(start, end).replace(/\r?\n$/, '');
      const unclosed = result.errors.find((e) => e.code === 'MissingQuotes');
      if (unclosed) {
        // Everything after the opening quote became one field: no later row can be trusted.
        throw new DatasetError(
          `${source} line ${line}: a quoted field is never closed (a stray " character); ` +
            'quote a field as a whole, and double a quote inside it ("")',
        );
      }
      const problem = result.errors[0]?.message;
      onRecord({ fields: result.data, line, raw, ...(problem ? { problem } : {}) });
      start = end;
    },
  });
}
