/**
 * Turning rates into price-like levels, so a bond market or cash can be a node or a leg like an equity
 * index (levels that grow with value):
 *
 *   bond index from yields   I_t = I_{t-1} · exp(y_{t-1} · Δt - D · (y_t - y_{t-1}))
 *                            the carry of the previous yield over Δt years plus the price effect of the
 *                            yield change at modified duration D (first order; yields as fractions). With
 *                            D = 0 it is a cash account accruing the rate.
 *   index from period returns  I_t = I_{t-1} · (1 + r_t)   for data that gives each period's return, such
 *                            as the Fama-French risk-free rate (percent a month).
 *
 * The bond index starts at 100 on the first date; the compounded index is 100 · (1 + r_0) there (the end
 * of the first period). Both keep the input's dates and frequency, and its source with what was done added
 * to the name.
 */
import { epochDay } from './calendar.js';
import { MarketFlowInputError } from './errors.js';
import type { MarketSeries } from './series.js';

export function bondIndexFromYields(
  yields: MarketSeries,
  options: { id: string; duration: number },
): MarketSeries {
  if (!(options.duration >= 0)) throw new MarketFlowInputError('duration', 'must be zero or positive');
  const y = yields.values;
  const out = new Float64Array(y.length);
  out[0] = 100;
  for (let t = 1; t < y.length; t++) {
    const years = (epochDay(yields.dates[t]!) - epochDay(yields.dates[t - 1]!)) / 365.25;
    const carry = (y[t - 1]! / 100) * years;
    out[t] = out[t - 1]! * Math.exp(carry - (options.duration * (y[t]! - y[t - 1]!)) / 100);
  }
  const what =
    options.duration === 0 ? 'cash index accruing' : `bond index (duration ${options.duration}) from`;
  return {
    ...yields,
    id: options.id,
    kind: 'price',
    values: out,
    source: { kind: yields.source.kind, name: `${what} ${yields.source.name}` },
  };
}

/** `returns` in percent per period (Fama-French RF: 0.35 = 0.35 % that month). */
export function indexFromPeriodReturns(returns: MarketSeries, options: { id: string }): MarketSeries {
  const out = new Float64Array(returns.values.length);
  let level = 100;
  returns.values.forEach((r, t) => {
    level *= 1 + r / 100;
    out[t] = level;
  });
  return {
    ...returns,
    id: options.id,
    kind: 'price',
    values: out,
    source: { kind: returns.source.kind, name: `index compounding ${returns.source.name}` },
  };
}
