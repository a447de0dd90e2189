/**
 * What a served version answers for one row, in the names of the reference contract. Declared once as a
 * TypeBox schema: the predictor's type is derived from it, and the API's response schema is built from it
 * (api/schemas/predict.ts), so the two cannot drift apart.
 */
import { Type, type Static } from 'typebox';

export const HorizonInterval = Type.Object({
  horizon: Type.Integer({ description: 'Steps ahead, 1..H.' }),
  p10: Type.Number(),
  p50: Type.Number(),
  p90: Type.Number(),
});
export type HorizonInterval = Static<typeof HorizonInterval>;

export const predictionRowProperties = {
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
  cashflow: Type.Array(HorizonInterval, {
    description: 'Cash-flow path with its 80 % interval, one entry per horizon.',
  }),
};
export const RowPrediction = Type.Object(predictionRowProperties);
export type RowPrediction = Static<typeof RowPrediction>;
