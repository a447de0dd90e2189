import { describe, expect, it } from 'vitest';
import { errorBody } from '../../api/error-body.js';
import { assertFiniteOutputs, derivedInputError } from '../../api/finite-output.js';
import { AppError } from '../../lib/errors.js';
import { ModelInputError } from '../../models/engine.js';
import type { RowPrediction } from '../../models/predictor.js';

const row = (overrides: Partial<RowPrediction> = {}): RowPrediction => ({
  prediction: 1,
  risk_flag: 0,
  risk_probability: 0.2,
  position_size: 0.5,
  cashflow: [{ horizon: 1, p10: 0, p50: 1, p90: 2 }],
  ...overrides,
});

describe('the safety net for values the model cannot use', () => {
  it('passes finite outputs and names the first row and output that is not finite', () => {
    expect(() => assertFiniteOutputs([row(), row()], 'instances')).not.toThrow();
    const nan = row({ cashflow: [{ horizon: 1, p10: 0, p50: Number.NaN, p90: 2 }] });
    expect(() => assertFiniteOutputs([row(), nan], 'instances')).toThrow(
      expect.objectContaining({
        code: 'INVALID_INPUT',
        details: { field: 'instances[1]' },
        message: expect.stringMatching(
          /^instances\[1\] has feature values .*cashflow\[horizon 1\]\.p50 is not a finite/,
        ),
      }),
    );
    expect(() => assertFiniteOutputs([row({ prediction: Infinity })], 'data')).toThrow(
      /^data has feature values/,
    );
  });

  it("turns the engine's non-finite derived input into a 400 naming the row, and nothing else", () => {
    const err = derivedInputError(new ModelInputError('row 3, feature 1 is Infinity', 3), 'instances');
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ status: 400, details: { field: 'instances[3]' } });
    expect(derivedInputError(new ModelInputError('rows have 3 features, the model expects 4'), 'data')).toBe(
      undefined,
    );
    expect(derivedInputError(new Error('boom'), 'data')).toBe(undefined);
  });
});

describe('errorBody', () => {
  it('fills every field, caps the list and clips echoed names', () => {
    const problems = Array.from({ length: 25 }, (_, i) => ({
      field: `f${i}${'x'.repeat(i === 0 ? 500 : 0)}`,
      message: 'is bad',
    }));
    const body = errorBody('INVALID_INPUT', 'f0 is bad', problems);
    expect(body).toMatchObject({ statusCode: 400, code: 'INVALID_INPUT', error: 'Bad Request' });
    expect(body.errors).toHaveLength(20);
    expect(body.field).toHaveLength(120);
    expect(body.field.endsWith('…')).toBe(true);
    expect(body.message).toBe('f0 is bad (5 more problems not listed)');
    expect(errorBody('INTERNAL', 'Internal error')).toEqual({
      statusCode: 500,
      code: 'INTERNAL',
      error: 'Internal Server Error',
      message: 'Internal error',
      field: '',
      errors: [],
    });
  });
});
