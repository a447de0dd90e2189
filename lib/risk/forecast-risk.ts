/**
 * Margin status along the forecaster's adverse path, so an operator sees a margin call coming, not only
 * one that has happened. The forecaster's `/predict` answers, for a request made at price `stock_price`,
 * `cashflow[h].p10` and `.p90`: the 10th and 90th percentile of the price change per unit over horizon h.
 * For each step h:
 *
 *   p_i,h = max(0, p_i + Δ_i,h · p_i / b_i)    b_i: the forecast's stock_price (default p_i, so that
 *                                                p_i,h = p_i + Δ_i,h); a price cannot fall below 0
 *   Δ_i,h = P10 for a long, P90 for a short      each position on its own adverse side
 *
 * and the status of margin-status.ts at those prices, with the loan and cash held as they are (interest
 * and deposits are not forecast). Positions the forecaster does not cover keep their price. Every position
 * at its own P10 together is a stress scenario, harsher than the portfolio's own 10th percentile; the
 * first step with a call (`firstCallHorizon`) is the warning.
 */
import { RiskInputError } from './errors.js';
import { parseInstrumentId } from './instrument-id.js';
import { regTMarginRules, type MarginRules } from './margin-rules.js';
import { checkMarginAccount, statusAt, type MarginAccount, type MarginStatus } from './margin-status.js';

export interface PositionForecast {
  /** `SYMBOL:EXCHANGE`; applies to every position in that instrument. */
  instrument: string;
  /** P10 price change per unit at each step. */
  p10: ArrayLike<number>;
  /** P90 price change per unit at each step: needed when the instrument is held short. */
  p90?: ArrayLike<number>;
  /** The price the forecast was made at (`stock_price`); default the position's price. */
  basePrice?: number;
}

export interface ForecastStep {
  horizon: number;
  marketValue: number;
  equity: number;
  maintenanceRequirement: number;
  maintenanceExcess: number;
  utilisation: number | null;
  marginCall: boolean;
  callAmount: number;
}

export interface ForecastMarginStatus {
  current: MarginStatus;
  steps: ForecastStep[];
  /** The first horizon at which the adverse path brings a call; null when none does. */
  firstCallHorizon: number | null;
  /** The step with the smallest maintenance excess. */
  worstHorizon: number | null;
  coveredInstruments: string[];
  uncoveredInstruments: string[];
}

/** One instrument's forecast from a `/predict` answer's `cashflow` and the `stock_price` it was asked with. */
export function forecastFromCashflow(
  instrument: string,
  cashflow: readonly { horizon: number; p10: number; p90: number }[],
  stockPrice: number,
): { forecast: PositionForecast; horizons: number[] } {
  return {
    forecast: {
      instrument,
      p10: cashflow.map((c) => c.p10),
      p90: cashflow.map((c) => c.p90),
      basePrice: stockPrice,
    },
    horizons: cashflow.map((c) => c.horizon),
  };
}

export function forecastMarginPath(input: {
  account: MarginAccount;
  forecasts: readonly PositionForecast[];
  /** Labels of the steps; default 1..H. */
  horizons?: readonly number[];
  rules?: MarginRules;
}): ForecastMarginStatus {
  const { account, forecasts } = input;
  const rules = input.rules ?? regTMarginRules;
  checkMarginAccount(account, rules);
  const H = input.horizons?.length ?? forecasts[0]?.p10.length ?? 0;
  const horizons = input.horizons ?? Array.from({ length: H }, (_, h) => h + 1);
  const byInstrument = new Map<string, { forecast: PositionForecast; index: number }>();
  forecasts.forEach((forecast, i) => {
    const id = parseInstrumentId(forecast.instrument, `forecasts[${i}].instrument`).id;
    for (const side of ['p10', 'p90'] as const) {
      const path = forecast[side];
      if (path === undefined) continue;
      if (path.length !== H)
        throw new RiskInputError(`forecasts[${i}].${side}`, `has ${path.length} steps, ${H} expected`);
      for (let h = 0; h < H; h++)
        if (!Number.isFinite(path[h]))
          throw new RiskInputError(`forecasts[${i}].${side}[${h}]`, 'is not a finite number');
    }
    if (forecast.basePrice !== undefined && !(forecast.basePrice > 0))
      throw new RiskInputError(`forecasts[${i}].basePrice`, 'must be a positive price');
    byInstrument.set(id, { forecast, index: i });
  });

  const ids = account.positions.map((p) => parseInstrumentId(p.instrument).id);
  const covered = new Set<string>();
  const paths = account.positions.map((p, k) => {
    const hit = byInstrument.get(ids[k]!);
    if (!hit) return undefined;
    covered.add(ids[k]!);
    const path = p.quantity < 0 ? hit.forecast.p90 : hit.forecast.p10;
    if (path === undefined)
      throw new RiskInputError(
        `forecasts[${hit.index}].p90`,
        `is needed: ${ids[k]} is held short, its adverse side is P90`,
      );
    return { path, base: hit.forecast.basePrice ?? p.price };
  });

  const steps: ForecastStep[] = [];
  const prices = new Float64Array(account.positions.length);
  for (let h = 0; h < H; h++) {
    account.positions.forEach((p, k) => {
      const f = paths[k];
      prices[k] = f ? Math.max(0, p.price + f.path[h]! * (p.price / f.base)) : p.price;
    });
    const s = statusAt(account, rules, prices);
    steps.push({
      horizon: horizons[h]!,
      marketValue: s.marketValue,
      equity: s.equity,
      maintenanceRequirement: s.maintenanceRequirement,
      maintenanceExcess: s.maintenanceExcess,
      utilisation: s.utilisation,
      marginCall: s.marginCall,
      callAmount: s.callAmount,
    });
  }
  const worst = steps.reduce<ForecastStep | undefined>(
    (w, s) => (w === undefined || s.maintenanceExcess < w.maintenanceExcess ? s : w),
    undefined,
  );
  return {
    current: statusAt(
      account,
      rules,
      account.positions.map((p) => p.price),
    ),
    steps,
    firstCallHorizon: steps.find((s) => s.marginCall)?.horizon ?? null,
    worstHorizon: worst?.horizon ?? null,
    coveredInstruments: [...covered],
    uncoveredInstruments: [...new Set(ids.filter((id) => !covered.has(id)))],
  };
}
