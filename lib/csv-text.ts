/**
 * Bytes to CSV text, refusing what is not text before any parser sees it: an error names the problem (a
 * NUL byte and where, the kind of file it looks like, an encoding that is not UTF-8) and never echoes the
 * bytes, which would put binary noise in logs, the Temporal UI and the quarantine report.
 */
import { isUtf8 } from 'node:buffer';
import { DatasetError } from './dataset-error.js';

/** File signatures people upload by mistake, with what to do instead. */
const signatures: { magic: number[]; kind: string }[] = [
  {
    magic: [0x50, 0x4b, 0x03, 0x04],
    kind: 'a ZIP archive (an .xlsx or .ods workbook is one: export the sheet as CSV)',
  },
  { magic: [0x1f, 0x8b], kind: 'gzip-compressed data (decompress it first)' },
  { magic: [0x50, 0x41, 0x52, 0x31], kind: 'a Parquet file' },
  { magic: [0x25, 0x50, 0x44, 0x46], kind: 'a PDF document' },
  { magic: [0xd0, 0xcf, 0x11, 0xe0], kind: 'a legacy Office document (.xls: export the sheet as CSV)' },
  { magic: [0x89, 0x50, 0x4e, 0x47], kind: 'a PNG image' },
];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.length <= bytes.length && magic.every((b, i) => bytes[i] === b);
}

/** Offset of the first byte where a UTF-8 sequence is malformed (the whole input is known not to be UTF-8). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const length =
      b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    if (!isUtf8(bytes.subarray(i, i + length))) return i;
    i += length;
  }
  return bytes.length;
}

/**
 * The text of a CSV file, or a DatasetError saying why the bytes are not one. A UTF-8 byte order mark is
 * kept: the parser strips it.
 */
export function decodeCsvText(bytes: Uint8Array, source: string): string {
  if (bytes.length === 0) throw new DatasetError(`${source} is empty: expected a CSV with a header line`);
  const kind = signatures.find((s) => startsWith(bytes, s.magic))?.kind;
  if (kind) throw new DatasetError(`${source} is not a text CSV: it looks like ${kind}`);
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    throw new DatasetError(`${source} is UTF-16 text: save it as UTF-8 CSV`);
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    throw new DatasetError(
      `${source} is not a text CSV: found NUL bytes at offset ${nul} (a binary file, or text in UTF-16)`,
    );
  }
  if (!isUtf8(bytes)) {
    throw new DatasetError(
      `${source} is not UTF-8 text: invalid byte sequence at offset ${firstInvalidUtf8(bytes)} ` +
        `(save it as UTF-8 CSV)`,
    );
  }
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}
