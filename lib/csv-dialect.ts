/**
 * The CSV dialect the product reads, and what to say when a file is written in another: fields separated
 * by commas, numbers with a point as the decimal mark. A spreadsheet's quoted thousands separators
 * ("3,244.67") are understood; a decimal comma ("3244,67") is refused with the reason, because "1,234"
 * would then be ambiguous.
 */

const otherDelimiters = [
  { char: ';', name: 'semicolons (;)' },
  { char: '\t', name: 'tabs' },
  { char: '|', name: 'vertical bars (|)' },
] as const;

/**
 * When the header line only makes sense split on another delimiter, says which and how to fix it;
 * `undefined` when the header is not that (then the missing columns are the problem).
 */
export function delimiterProblem(headerLine: string, required: readonly string[]): string | undefined {
  for (const { char, name } of otherDelimiters) {
    const names = headerLine.split(char).map((h) => h.trim().replace(/^"|"$/g, '').toLowerCase());
    if (names.length > 1 && required.every((r) => names.includes(r))) {
      return (
        `its fields are separated by ${name}, not commas: export it as comma-separated CSV ` +
        `(with a point as the decimal mark)`
      );
    }
  }
  return undefined;
}

export type NumberProblem = 'empty' | 'decimal-comma' | 'not-a-number';
export type NumberCell =
  { value: number; problem?: undefined } | { value?: undefined; problem: NumberProblem };

const thousands = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;
const decimalComma = /^[+-]?(\d+|\d{1,3}(\.\d{3})+),\d+$/;

/** A number field: plain (`3244.67`, `1e6`) or with comma thousands separators (`3,244.67`). */
export function parseNumberCell(text: string): NumberCell {
  const cell = text.trim();
  if (cell === '') return { problem: 'empty' };
  const value = Number(cell);
  if (Number.isFinite(value)) return { value };
  if (thousands.test(cell)) return { value: Number(cell.replaceAll(',', '')) };
  if (decimalComma.test(cell)) return { problem: 'decimal-comma' };
  return { problem: 'not-a-number' };
}

/** How a number-cell problem reads in a quarantine reason, quoting at most a short prefix of the cell. */
export function describeNumberProblem(column: string, text: string, problem: NumberProblem): string {
  const cell = text.trim();
  const shown = JSON.stringify(cell.length > 24 ? `${cell.slice(0, 24)}...` : cell);
  if (problem === 'empty') return `${column} is empty`;
  if (problem === 'decimal-comma') {
    const fixed = cell.replaceAll('.', '').replace(',', '.');
    return `${column} has a comma as the decimal mark: ${shown} (write ${fixed})`;
  }
  return `${column} is not a number: ${shown}`;
}
