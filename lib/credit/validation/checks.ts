/**
 * Field-level checks for credit assumptions, each adding problems that name the field the way a client
 * wrote it (`assumptions.cpr[3]`), so the API and the scenario store can answer a 400 that points at the
 * value. They take plain JSON values (`unknown`) and never throw: a caller collects every problem at once.
 */

export interface Problem {
  /** Path of the offending value, e.g. `assumptions.cpr[3]` or `tranches[1].coupon`. */
  field: string;
  message: string;
}

export interface NumberRule {
  min?: number;
  max?: number;
  /** Excludes the bound itself (e.g. a balance must be > 0). */
  minExclusive?: boolean;
  integer?: boolean;
}

const show = (v: unknown) => (typeof v === 'number' ? String(v) : (JSON.stringify(v) ?? String(v)));

/** A finite number within the rule's bounds; returns whether it passed. */
export function checkNumber(
  problems: Problem[],
  field: string,
  value: unknown,
  rule: NumberRule = {},
): boolean {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    problems.push({ field, message: `must be a finite number (got ${show(value)})` });
    return false;
  }
  if (rule.integer && !Number.isInteger(value)) {
    problems.push({ field, message: `must be a whole number (got ${value})` });
    return false;
  }
  const { min, max } = rule;
  const belowMin = min !== undefined && (rule.minExclusive ? value <= min : value < min);
  if (belowMin || (max !== undefined && value > max)) {
    const lower = min === undefined ? '' : `${rule.minExclusive ? 'greater than' : 'at least'} ${min}`;
    const upper = max === undefined ? '' : `at most ${max}`;
    problems.push({
      field,
      message: `must be ${[lower, upper].filter(Boolean).join(' and ')} (got ${value})`,
    });
    return false;
  }
  return true;
}

/** A rate given once (a number) or per period (an array of exactly `periods` numbers), each in range. */
export function checkRateVector(
  problems: Problem[],
  field: string,
  value: unknown,
  periods: number,
  rule: NumberRule = { min: 0, max: 1 },
): void {
  if (typeof value === 'number') {
    checkNumber(problems, field, value, rule);
    return;
  }
  if (!Array.isArray(value) && !ArrayBuffer.isView(value)) {
    problems.push({
      field,
      message: `must be a number or an array of ${periods} numbers (got ${show(value)})`,
    });
    return;
  }
  const list = value as ArrayLike<unknown>;
  if (list.length !== periods) {
    problems.push({
      field,
      message: `must have one value per period: ${periods} values (got ${list.length})`,
    });
    return;
  }
  for (let i = 0; i < list.length; i++) checkNumber(problems, `${field}[${i}]`, list[i], rule);
}

/** A square matrix of `size` rows whose entries are in [0, 1] and whose rows add up to 1. */
export function checkStochasticMatrix(
  problems: Problem[],
  field: string,
  value: unknown,
  size: number,
): void {
  if (!Array.isArray(value) || value.length !== size) {
    problems.push({ field, message: `must be ${size} rows of ${size} numbers` });
    return;
  }
  value.forEach((row: unknown, i) => {
    if (!Array.isArray(row) || row.length !== size) {
      problems.push({ field: `${field}[${i}]`, message: `must be a row of ${size} numbers` });
      return;
    }
    let ok = true;
    row.forEach(
      (x: unknown, j) => (ok = checkNumber(problems, `${field}[${i}][${j}]`, x, { min: 0, max: 1 }) && ok),
    );
    const sum = (row as number[]).reduce((s, x) => s + x, 0);
    if (ok && Math.abs(sum - 1) > 1e-9) {
      problems.push({ field: `${field}[${i}]`, message: `must add up to 1 (adds up to ${sum})` });
    }
  });
}

/** A non-empty array; returns it (typed loosely) or undefined after adding a problem. */
export function checkArray(problems: Problem[], field: string, value: unknown): unknown[] | undefined {
  if (!Array.isArray(value) || value.length === 0) {
    problems.push({ field, message: 'must be a non-empty array' });
    return undefined;
  }
  return value;
}

/** Reads a property of a JSON object without trusting its shape. */
export function prop(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}
