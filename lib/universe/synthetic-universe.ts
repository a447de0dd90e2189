/**
 * A seeded synthetic cross-section of daily bars whose structure the analytics can find: each symbol's
 * daily log return is
 *
 *   r = rf + alpha + beta·MKT + s·SMB + h·HML + g·SECTOR[k] + sigma·sqrt(regime)·noise
 *
 * with a market factor whose volatility moves in slow regimes (log-AR(1)), size and value factors, one
 * factor per sector, and symbols that differ in betas, sector, idiosyncratic volatility (0.5 %..5 % a day)
 * and liquidity (mean dollar volume from about $1M to $1B a day). The factors are returned monthly in Ken
 * French's layout (Mkt-RF, SMB, HML, RF, decimals) with the market index as the benchmark, and the true
 * loadings for checks. Bars are valid by construction: positive, finite, low <= min(open, close),
 * high >= max(open, close), volume >= 1. Same seed, same data, on any machine.
 */
import { emptyMarketData, type MarketData } from '../market-data.js';
import { businessDays, seededRandom } from '../sources/synthetic.js';
import type { FactorTable } from './factors.js';
import { monthRanges } from './monthly.js';

export interface SyntheticUniverseOptions {
  symbols: number;
  /** Trading days: 252 a year (8 years = 2016 days; × 500 symbols ≈ 1M rows). */
  days: number;
  seed: number;
  startDate: string;
  sectors: number;
  /** Annual risk-free rate. */
  riskFreeRate: number;
}

export const defaultSyntheticUniverseOptions: SyntheticUniverseOptions = {
  symbols: 500,
  days: 8 * 252,
  seed: 42,
  startDate: '2016-01-04',
  sectors: 11,
  riskFreeRate: 0.02,
};

export interface SyntheticUniverse {
  market: MarketData;
  calendar: string[];
  /** The market index (total return, starting at 100): the backtest's benchmark. */
  benchmark: { dates: string[]; close: Float64Array; returns: Float64Array };
  factors: FactorTable;
  truth: { symbols: string[]; sector: Int32Array; beta: Float64Array; smb: Float64Array; hml: Float64Array };
}

/** Standard normal draws, two per Box-Muller step. */
function normalSource(random: () => number): () => number {
  let spare = Number.NaN;
  return () => {
    if (!Number.isNaN(spare)) {
      const value = spare;
      spare = Number.NaN;
      return value;
    }
    const radius = Math.sqrt(-2 * Math.log(Math.max(random(), 1e-300)));
    const angle = 2 * Math.PI * random();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
}

const round4 = (x: number) => Math.max(1e-4, Math.round(x * 1e4) / 1e4);

function monthlyFactors(
  calendar: string[],
  daily: Record<string, Float64Array>,
  rfDaily: number,
): FactorTable {
  const ranges = monthRanges(calendar);
  const compound = (x: Float64Array, m: number, plus = 0) => {
    let sum = 0;
    for (let t = ranges.start[m]!; t < ranges.end[m]!; t++) sum += x[t]! + plus;
    return Math.expm1(sum);
  };
  const months = ranges.months;
  const rf = Float64Array.from(months, (_, m) => Math.expm1(rfDaily * (ranges.end[m]! - ranges.start[m]!)));
  return {
    months,
    columns: {
      'Mkt-RF': Float64Array.from(months, (_, m) => compound(daily.market!, m, rfDaily) - rf[m]!),
      SMB: Float64Array.from(months, (_, m) => compound(daily.smb!, m)),
      HML: Float64Array.from(months, (_, m) => compound(daily.hml!, m)),
      RF: rf,
    },
    source: 'synthetic universe factors',
  };
}

export function generateSyntheticUniverse(
  options: Partial<SyntheticUniverseOptions> = {},
): SyntheticUniverse {
  const o = { ...defaultSyntheticUniverseOptions, ...options };
  if (!(o.symbols >= 1 && o.days >= 2 && o.sectors >= 1)) {
    throw new RangeError(`a synthetic universe needs symbols >= 1, days >= 2, sectors >= 1`);
  }
  const random = seededRandom(o.seed);
  const normal = normalSource(random);
  const calendar = businessDays(o.startDate, o.days);
  const rfDaily = Math.log1p(o.riskFreeRate) / 252;

  // Factor paths, shared by every symbol.
  const market = new Float64Array(o.days);
  const regime = new Float64Array(o.days);
  const smb = Float64Array.from({ length: o.days }, () => 0.0001 + 0.005 * normal());
  const hml = Float64Array.from({ length: o.days }, () => 0.0001 + 0.005 * normal());
  const sector = Array.from({ length: o.sectors }, () =>
    Float64Array.from({ length: o.days }, () => 0.007 * normal()),
  );
  let logVol = 0;
  for (let t = 0; t < o.days; t++) {
    logVol = 0.98 * logVol + 0.1 * normal();
    regime[t] = Math.exp(logVol);
    market[t] = 0.0004 + 0.01 * regime[t]! * normal();
  }

  const n = o.symbols * o.days;
  const data = emptyMarketData(n);
  const symbols = Array.from({ length: o.symbols }, (_, s) => `SYN${String(s).padStart(4, '0')}`);
  const truth = {
    symbols,
    sector: new Int32Array(o.symbols),
    beta: new Float64Array(o.symbols),
    smb: new Float64Array(o.symbols),
    hml: new Float64Array(o.symbols),
  };
  for (let s = 0; s < o.symbols; s++) {
    const k = Math.floor(random() * o.sectors);
    const beta = 0.5 + 1.1 * random();
    const loadSmb = 0.6 * normal();
    const loadHml = 0.6 * normal();
    const loadSector = 0.6 + 0.6 * random();
    const sigma = Math.min(0.05, Math.max(0.005, 0.015 * Math.exp(0.45 * normal())));
    const alpha = 0.0002 * normal();
    let price = Math.exp(Math.log(10) + random() * Math.log(30));
    const sharesPerDay = Math.exp(Math.log(1e6) + random() * Math.log(1e3)) / price;
    truth.sector[s] = k;
    truth.beta[s] = beta;
    truth.smb[s] = loadSmb;
    truth.hml[s] = loadHml;
    const sectorPath = sector[k]!;
    for (let t = 0; t < o.days; t++) {
      const i = s * o.days + t;
      const shock = sigma * Math.sqrt(regime[t]!) * normal();
      const systematic =
        beta * market[t]! + loadSmb * smb[t]! + loadHml * hml[t]! + loadSector * sectorPath[t]!;
      const r = Math.max(-0.5, Math.min(0.5, rfDaily + alpha + systematic + shock));
      const gap = 0.25 * sigma * normal();
      const open = price * Math.exp(gap);
      const close = price * Math.exp(r);
      const wick = 0.5 * sigma;
      data.date[i] = calendar[t]!;
      data.symbol[i] = symbols[s]!;
      data.open[i] = round4(open);
      data.close[i] = round4(close);
      data.high[i] = round4(Math.max(open, close) * Math.exp(Math.abs(wick * normal())));
      data.low[i] = round4(Math.min(open, close) * Math.exp(-Math.abs(wick * normal())));
      // Busier on big moves, as real volume is.
      data.volume[i] = Math.max(
        1,
        Math.round(sharesPerDay * Math.exp(0.35 * normal()) * (1 + Math.abs(r) / sigma / 4)),
      );
      price = close;
    }
  }

  const benchmarkReturns = market.map((m) => Math.expm1(m + rfDaily));
  let level = 100;
  const benchmarkClose = benchmarkReturns.map((r) => (level *= 1 + r));
  return {
    market: data,
    calendar,
    benchmark: { dates: calendar, close: benchmarkClose, returns: benchmarkReturns },
    factors: monthlyFactors(calendar, { market, smb, hml }, rfDaily),
    truth,
  };
}
