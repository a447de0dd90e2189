/**
 * Seeded synthetic daily bars for many symbols, for scale tests: geometric Brownian motion with slowly
 * changing volatility regimes and a little momentum, so the indicators have something to find.
 * Same seed, same data, on any machine.
 */
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

export function generateSyntheticMarket(options: SyntheticOptions): MarketData {
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
      const ret = drift + 0.05 * lastReturn + vol * gaussian(random);
      const open = price * (1 + 0.3 * vol * gaussian(random));
      const close = price * Math.exp(ret);
      const spread = Math.abs(vol * gaussian(random)) * price;
      data.date[i] = calendar[t]!;
      data.symbol[i] = symbol;
      data.open[i] = round(open);
      data.close[i] = round(close);
      data.high[i] = round(Math.max(open, close) + spread);
      data.low[i] = round(Math.max(0.01, Math.min(open, close) - spread));
      data.volume[i] = Math.round(1e5 + random() * 5e6 * (1 + 20 * vol));
      lastReturn = ret;
      price = close;
      i++;
    }
  }
  return data;
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;
