import { Type, type Static } from 'typebox';
import { FieldProblem } from './error.js';

/** Largest batch one request may carry; larger batches are split by the client. */
export const maxBatchRows = 1000;

/** The reference request's row: the documented example of `data`, and the tests' standard input. */
export const referenceRow: Record<string, number> = {
  stock_price: 150.25,
  volatility: 0.12,
  volume: 1000000,
  sma_20: 145.5,
  sma_50: 142.3,
  rsi: 65.5,
  macd: 2.1,
  bollinger_upper: 155.8,
  bollinger_lower: 144.7,
  vix: 18.5,
  treasury_10y: 3.45,
  dollar_index: 102.3,
};

const FeatureRow = Type.Record(Type.String(), Type.Number(), {
  description:
    "Feature values by name. The served model's feature schema (GET /models) decides which are required; " +
    'unknown names are ignored and reported in `warnings`.',
  examples: [referenceRow],
});

export const PredictRequest = Type.Object(
  {
    data: Type.Optional(FeatureRow),
    instances: Type.Optional(
      Type.Array(FeatureRow, {
        minItems: 1,
        maxItems: maxBatchRows,
        description: `1 to ${maxBatchRows} rows.`,
      }),
    ),
    as_of: Type.Optional(
      Type.String({
        format: 'date',
        description:
          'Optional market date (YYYY-MM-DD, a real calendar date) the features describe. Kept with the ' +
          'logged prediction, so its realised error can be measured once the horizon has passed.',
        examples: ['2020-04-09'],
      }),
    ),
  },
  {
    additionalProperties: false,
    description: 'Exactly one of `data` (one row) or `instances` (a batch), and optionally `as_of`.',
  },
);
export type PredictRequest = Static<typeof PredictRequest>;

const Interval = Type.Object({
  horizon: Type.Integer({ description: 'Steps ahead, 1..H.' }),
  p10: Type.Number(),
  p50: Type.Number(),
  p90: Type.Number(),
});

const rowProperties = {
  prediction: Type.Number({ description: 'Forward cash flow from the regression forest.' }),
  risk_flag: Type.Integer({
    minimum: 0,
    maximum: 1,
    description: '1 when the risk classifier says P(risk) ≥ 0.5.',
  }),
  risk_probability: Type.Number({ description: 'Probability of the risk class.' }),
  position_size: Type.Number({
    description:
      'Risk-budget sizing: σ = (P90 − P10) / 2.563 at the final horizon; size = min(POSITION_MAX_SIZE, ' +
      'POSITION_RISK_BUDGET / σ); POSITION_MAX_SIZE when σ = 0; 0 when risk_flag is 1.',
  }),
  cashflow: Type.Array(Interval, {
    description: 'Cash-flow path with its 80 % interval, one entry per horizon.',
  }),
};
export const RowPrediction = Type.Object(rowProperties);

export const ModelRef = Type.Object({ name: Type.String(), version: Type.String() });

const Warnings = Type.Array(FieldProblem, { description: 'Fields that were present but not used.' });

export const SinglePrediction = Type.Object({ ...rowProperties, model: ModelRef, warnings: Warnings });
export const BatchPrediction = Type.Object({
  predictions: Type.Array(RowPrediction, { description: 'One per instance, in order.' }),
  model: ModelRef,
  warnings: Warnings,
});
export const PredictResponse = Type.Union([SinglePrediction, BatchPrediction]);
export type SinglePrediction = Static<typeof SinglePrediction>;
export type BatchPrediction = Static<typeof BatchPrediction>;
