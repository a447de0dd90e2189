/**
 * Checks request rows against the served model's signature and lays them out as a matrix in the model's
 * feature order. The envelope and value types are checked by the route schema; which fields are required
 * depends on the model, so that check is here, with the same error shape (field + problem).
 */
import { AppError } from '../lib/errors.js';
import type { Matrix } from '../models/engine.js';
import { clip, maxListedProblems } from './error-body.js';
import type { FieldProblem } from './schemas/error.js';

/** Enough to fix a request; a thousand rows all missing the same field need not be listed a thousand times. */
const maxReported = maxListedProblems;
/**
 * Unknown names listed in `warnings`, each once: a body of a hundred thousand made-up names must not come
 * back ten times larger (nor keep the event loop busy serialising it for everyone else).
 */
export const maxWarnings = 20;

export interface RowsInput {
  matrix: Matrix;
  warnings: FieldProblem[];
}

export function rowsToMatrix(
  rows: readonly Record<string, number>[],
  featureSchema: readonly string[],
  field: 'data' | 'instances',
  model: string,
): RowsInput {
  const nFeatures = featureSchema.length;
  const x = new Float64Array(rows.length * nFeatures);
  const problems: FieldProblem[] = [];
  const known = new Set(featureSchema);
  const unknown = new Map<string, { field: string; rows: number }>();
  let unlisted = 0;
  const at = (i: number) => (field === 'data' ? 'data' : `instances[${i}]`);

  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as Record<string, number>;
    for (let j = 0; j < nFeatures; j++) {
      const name = featureSchema[j] as string;
      const value = row[name];
      if (value === undefined) {
        if (problems.length < maxReported) {
          problems.push({ field: `${at(i)}.${name}`, message: `is required by model ${model}` });
        }
      } else {
        x[i * nFeatures + j] = value;
      }
    }
    for (const name in row) {
      if (known.has(name)) continue;
      const seen = unknown.get(name);
      if (seen) seen.rows++;
      else if (unknown.size < maxWarnings)
        unknown.set(name, { field: clip(name === '' ? `${at(i)}[""]` : `${at(i)}.${name}`), rows: 1 });
      else unlisted++;
    }
  }
  if (problems.length > 0) {
    const first = problems[0] as FieldProblem;
    throw new AppError('INVALID_INPUT', `${first.field} ${first.message}`, {
      field: first.field,
      errors: problems,
    });
  }
  const warnings = [...unknown.entries()].map(([name, seen]) => ({
    field: seen.field,
    message:
      `is not a feature of model ${model} and was ignored` +
      (field === 'instances' ? ` (present in ${seen.rows} of ${rows.length} rows)` : '') +
      (name.trim() === '' ? ' (empty name)' : ''),
  }));
  if (unlisted > 0) {
    warnings.push({
      field,
      message: `${unlisted} more values under names that are not features of model ${model} were ignored (not listed)`,
    });
  }
  return { matrix: { x, nRows: rows.length, nFeatures }, warnings };
}
