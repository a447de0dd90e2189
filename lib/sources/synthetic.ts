/**
 * Seeded synthetic daily bars for many symbols, for scale tests: geometric Brownian motion with slowly
 * changing volatility regimes and a little momentum, so the indicators have something to find.
 * Same seed, same data, on any machine.
 */
import { DatasetError } from '../dataset-error.js';
import { emptyMarketData, type MarketData } from '../market-data.js';

/** mulberry32: small, fast, good enough for simulation, and reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** Business days (Monday to Friday) from `start`, as YYYY-MM-DD. */
export function businessDays(start: string, count: number): string[] {
  const days: string[] = [];
  const d = new Date(`${start}T00:00:00Z`);
  while (days.length < count) {
    const dow = d.getUTCDay();
    if (dow !== 0 && dow !== 6) days.push(d.toISOString().slice(0, 10));
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return days;
}

export interface SyntheticOptions {
  rows: number;
  symbols: number;
  seed: number;
  startDate?: string;
}

/**
 * Prices move in [1, 10,000]: a return that would leave the band is reflected back into it. A free
 * geometric walk over decades of days drifts to fractions of a cent, where rounding to 4 decimals broke the
 * OHLC rules and the rows were dropped downstream.
 */
const priceFloor = 1;
const priceCeiling = 10_000;
/** A daily log return beyond ±50 % is no market: clamping keeps one reflected step inside the band. */
const maxLogReturn = 0.5;
/** Symbols are SYN0000..SYN9999; dates are YYYY-MM-DD, so a series ends before year 10000. */
export const syntheticLimits = { maxSymbols: 10_000, maxDaysPerSymbol: 2_000_000 };

function checkOptions(options: SyntheticOptions): void {
  const { rows, symbols } = options;
  if (!Number.isInteger(rows) || rows < 1)
    throw new DatasetError(`synthetic rows must be a whole number >= 1, not ${rows}`);
  if (!Number.isInteger(symbols) || symbols < 1 || symbols > syntheticLimits.maxSymbols) {
    throw new DatasetError(
      `synthetic symbols must be a whole number from 1 to ${syntheticLimits.maxSymbols}, not ${symbols}`,
    );
  }
  if (Math.ceil(rows / symbols) > syntheticLimits.maxDaysPerSymbol) {
    throw new DatasetError(
      `synthetic data of ${rows} rows over ${symbols} symbol(s) is ${Math.ceil(rows / symbols)} days per symbol; ` +
        `at most ${syntheticLimits.maxDaysPerSymbol} fit before the year 10000`,
    );
  }
}

/**
 * Valid by construction: every bar passes the ingestion rules (lib/market-validation.ts) after rounding,
 * because prices stay in the band, open and close are rounded first and high/low are then rounded outwards
 * from them, and the spread is less than the smallest open or close.
 */
export function generateSyntheticMarket(options: SyntheticOptions): MarketData {
  checkOptions(options);
  const { symbols, seed, startDate = '2000-01-03' } = options;
  const days = Math.ceil(options.rows / symbols);
  const calendar = businessDays(startDate, days);
  const data = emptyMarketData(symbols * days);
  const random = seededRandom(seed);
  let i = 0;
  for (let s = 0; s < symbols; s++) {
    const symbol = `SYN${String(s).padStart(4, '0')}`;
    let price = 20 + random() * 180;
    let vol = 0.01 + random() * 0.02;
    let lastReturn = 0;
    const drift = (random() - 0.45) * 0.0006;
    for (let t = 0; t < days; t++) {
      vol = Math.min(0.06, Math.max(0.004, vol * Math.exp(0.05 * gaussian(random))));
      let ret = clamp(drift + 0.05 * lastReturn + vol * gaussian(random), -maxLogReturn, maxLogReturn);
      const next = price * Math.exp(ret);
      if (next < priceFloor || next > priceCeiling) ret = -ret;
      // exp keeps the open positive; |0.3 · vol · gaussian| <= 0.3 · 0.06 · 7.5 keeps it near the price.
      const open = round(price * Math.exp(0.3 * vol * gaussian(random)));
      const close = round(price * Math.exp(ret));
      // At most 0.06 · 7.5 = 45 % of the price: below the lowest open or close (>= 60 % of the price).
      const spread = Math.abs(vol * gaussian(random)) * price;
      data.date[i] = calendar[t]!;
      data.symbol[i] = symbol;
      data.open[i] = open;
      data.close[i] = close;
      // min/max again: rounding a value already on the 4-decimal grid may move it by one unit in the last place.
      data.high[i] = Math.max(open, close, roundUp(Math.max(open, close) + spread));
      data.low[i] = Math.min(open, close, roundDown(Math.min(open, close) - spread));
      data.volume[i] = Math.round(1e5 + random() * 5e6 * (1 + 20 * vol));
      lastReturn = ret;
      price = close;
      i++;
    }
  }
  return data;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const round = (x: number) => Math.round(x * 10_000) / 10_000;
const roundUp = (x: number) => Math.ceil(x * 10_000) / 10_000;
const roundDown = (x: number) => Math.floor(x * 10_000) / 10_000;
