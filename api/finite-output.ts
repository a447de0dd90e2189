/**
 * The last safety net around the model: a number that is not finite cannot be written as JSON, and comes
 * from feature values the model cannot use (far beyond any real market value, a subnormal price), either
 * in the outputs or in an input the model derives from them. That is the client's to fix, so it is a 400
 * naming the row, never a 500 nor a `null` in the answer.
 */
import { AppError } from '../lib/errors.js';
import { ModelInputError } from '../models/engine.js';
import type { RowPrediction } from '../models/predictor.js';

const advice = 'check the values are real market values (positive prices of ordinary size)';
const rowName = (field: 'data' | 'instances', i: number) => (field === 'data' ? 'data' : `instances[${i}]`);

function firstNonFinite(row: RowPrediction): string | undefined {
  if (!Number.isFinite(row.prediction)) return 'prediction';
  if (!Number.isFinite(row.risk_probability)) return 'risk_probability';
  if (!Number.isFinite(row.position_size)) return 'position_size';
  for (const step of row.cashflow) {
    for (const q of ['p10', 'p50', 'p90'] as const) {
      if (!Number.isFinite(step[q])) return `cashflow[horizon ${step.horizon}].${q}`;
    }
  }
  return undefined;
}

/** Throws a 400 for the first row whose outputs are not all finite; `field` is `data` or `instances`. */
export function assertFiniteOutputs(results: readonly RowPrediction[], field: 'data' | 'instances'): void {
  for (let i = 0; i < results.length; i++) {
    const output = firstNonFinite(results[i] as RowPrediction);
    if (output === undefined) continue;
    const row = rowName(field, i);
    throw new AppError(
      'INVALID_INPUT',
      `${row} has feature values the model cannot use: its ${output} is not a finite number; ${advice}`,
      { field: row },
    );
  }
}

/** A derived input that is not finite (a ratio to a subnormal price, say) as a 400 naming the row. */
export function derivedInputError(err: unknown, field: 'data' | 'instances'): AppError | undefined {
  if (!(err instanceof ModelInputError) || err.row === undefined) return undefined;
  const row = rowName(field, err.row);
  return new AppError(
    'INVALID_INPUT',
    `${row} has feature values the model cannot use: an input derived from them is not a finite number; ${advice}`,
    { field: row },
  );
}
