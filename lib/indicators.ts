/**
 * Technical indicators on typed arrays, all causal: the value at index t uses inputs at 0..t only. Warm-up
 * positions (not enough history yet) are NaN. Each follows the formula named in its comment.
 */

const nan = (n: number) => new Float64Array(n).fill(Number.NaN);

/** Simple moving average over `window` values. */
export function sma(x: Float64Array, window: number): Float64Array {
  const out = nan(x.length);
  let sum = 0;
  for (let t = 0; t < x.length; t++) {
    sum += x[t]!;
    if (t >= window) sum -= x[t - window]!;
    if (t >= window - 1) out[t] = sum / window;
  }
  return out;
}

/** Rolling standard deviation; `ddof` 1 for the sample estimate, 0 for the population one. */
export function rollingStd(x: Float64Array, window: number, ddof: 0 | 1 = 1): Float64Array {
  const out = nan(x.length);
  for (let t = window - 1; t < x.length; t++) {
    let mean = 0;
    for (let i = t - window + 1; i <= t; i++) mean += x[i]!;
    mean /= window;
    let ss = 0;
    for (let i = t - window + 1; i <= t; i++) ss += (x[i]! - mean) ** 2;
    out[t] = Math.sqrt(ss / (window - ddof));
  }
  return out;
}

/** Exponential moving average, alpha = 2 / (window + 1), seeded with the SMA of the first `window` values. */
export function ema(x: Float64Array, window: number): Float64Array {
  const out = nan(x.length);
  if (x.length < window) return out;
  const alpha = 2 / (window + 1);
  let value = 0;
  for (let i = 0; i < window; i++) value += x[i]!;
  value /= window;
  out[window - 1] = value;
  for (let t = window; t < x.length; t++) {
    value = alpha * x[t]! + (1 - alpha) * value;
    out[t] = value;
  }
  return out;
}

/** Simple return over `lag` periods: close[t] / close[t - lag] - 1. */
export function returns(close: Float64Array, lag = 1): Float64Array {
  const out = nan(close.length);
  for (let t = lag; t < close.length; t++) out[t] = close[t]! / close[t - lag]! - 1;
  return out;
}

/** Volatility: sample standard deviation of daily returns over `window` days (not annualised). */
export function volatility(close: Float64Array, window = 20): Float64Array {
  const r = returns(close, 1);
  const out = nan(close.length);
  const std = rollingStd(r.subarray(1), window);
  out.set(std, 1);
  return out;
}

/**
 * Wilder's RSI: average gain and loss over the first `window` changes (simple mean), then smoothed as
 * avg = (avg * (window - 1) + current) / window; RSI = 100 - 100 / (1 + avgGain / avgLoss).
 */
export function rsi(close: Float64Array, window = 14): Float64Array {
  const out = nan(close.length);
  if (close.length <= window) return out;
  let gain = 0;
  let loss = 0;
  for (let t = 1; t <= window; t++) {
    const change = close[t]! - close[t - 1]!;
    if (change > 0) gain += change;
    else loss -= change;
  }
  gain /= window;
  loss /= window;
  const value = () => (loss === 0 ? 100 : 100 - 100 / (1 + gain / loss));
  out[window] = value();
  for (let t = window + 1; t < close.length; t++) {
    const change = close[t]! - close[t - 1]!;
    gain = (gain * (window - 1) + Math.max(change, 0)) / window;
    loss = (loss * (window - 1) + Math.max(-change, 0)) / window;
    out[t] = value();
  }
  return out;
}

/** MACD line: EMA(12) - EMA(26) of the close. */
export function macd(close: Float64Array, fast = 12, slow = 26): Float64Array {
  const f = ema(close, fast);
  const s = ema(close, slow);
  const out = new Float64Array(close.length);
  for (let t = 0; t < close.length; t++) out[t] = f[t]! - s[t]!;
  return out;
}

/** Bollinger bands: SMA(20) ± 2 population standard deviations of the close over the same 20 days. */
export function bollinger(
  close: Float64Array,
  window = 20,
  k = 2,
): { upper: Float64Array; lower: Float64Array } {
  const mid = sma(close, window);
  const std = rollingStd(close, window, 0);
  const upper = new Float64Array(close.length);
  const lower = new Float64Array(close.length);
  for (let t = 0; t < close.length; t++) {
    upper[t] = mid[t]! + k * std[t]!;
    lower[t] = mid[t]! - k * std[t]!;
  }
  return { upper, lower };
}

/**
 * Average true range (Wilder): TR[t] = max(high - low, |high - close[t-1]|, |low - close[t-1]|) for t >= 1;
 * ATR at t = window is the mean of TR[1..window], then ATR = (ATR * (window - 1) + TR) / window.
 */
export function atr(high: Float64Array, low: Float64Array, close: Float64Array, window = 14): Float64Array {
  const out = nan(close.length);
  if (close.length <= window) return out;
  const tr = (t: number) =>
    Math.max(high[t]! - low[t]!, Math.abs(high[t]! - close[t - 1]!), Math.abs(low[t]! - close[t - 1]!));
  let value = 0;
  for (let t = 1; t <= window; t++) value += tr(t);
  value /= window;
  out[window] = value;
  for (let t = window + 1; t < close.length; t++) {
    value = (value * (window - 1) + tr(t)) / window;
    out[t] = value;
  }
  return out;
}

/**
 * Garman-Klass volatility: sqrt of the `window`-day mean of
 * 0.5 * ln(high / low)^2 - (2 ln 2 - 1) * ln(close / open)^2 (daily, not annualised).
 */
export function garmanKlass(
  open: Float64Array,
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  window = 20,
): Float64Array {
  const daily = new Float64Array(close.length);
  const c = 2 * Math.LN2 - 1;
  for (let t = 0; t < close.length; t++) {
    daily[t] = 0.5 * Math.log(high[t]! / low[t]!) ** 2 - c * Math.log(close[t]! / open[t]!) ** 2;
  }
  const mean = sma(daily, window);
  return mean.map((v) => Math.sqrt(Math.max(v, 0)));
}
