/**
 * Risk monitoring, pure: instrument ids, margin status from positions and prices, and the status along
 * the forecaster's adverse path. The API's `/api/margin-status/{client_id}` calls computeMarginStatus with
 * the client's loan and positions at the latest prices, and forecastMarginPath with the served model's
 * `cashflow` per covered instrument (forecastFromCashflow converts a `/predict` answer).
 */
export { RiskInputError } from './errors.js';
export { parseInstrumentId, normaliseInstrumentId, type InstrumentId } from './instrument-id.js';
export {
  regTMarginRules,
  resolveMarginRules,
  defaultInstrumentClass,
  type MarginRates,
  type MarginRules,
  type InstrumentClassRule,
} from './margin-rules.js';
export {
  computeMarginStatus,
  checkMarginAccount,
  type MarginAccount,
  type MarginPosition,
  type MarginStatus,
  type PositionMargin,
} from './margin-status.js';
export {
  forecastMarginPath,
  forecastFromCashflow,
  type PositionForecast,
  type ForecastStep,
  type ForecastMarginStatus,
} from './forecast-risk.js';
