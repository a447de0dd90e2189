/**
 * The chain of stages on a small synthetic universe: the result does not depend on how the symbols are
 * chunked (what a distributed run relies on), each stage's output keeps its promises, and input no stage
 * can use is refused before any work, naming the field.
 */
import { describe, expect, it } from 'vitest';
import { UniverseInputError } from '../../../../lib/universe/errors.js';
import { selectLiquidSymbols } from '../../../../lib/universe/cross-section.js';
import { runUniverseSequential, type UniverseInput } from '../../../../lib/universe/run-sequential.js';
import { barsFromReturns, splitBySymbol } from '../../../../lib/universe/symbol-bars.js';
import { seededRandom } from '../../../../lib/sources/synthetic.js';
import { generateSyntheticUniverse } from '../../../../lib/universe/synthetic-universe.js';

const universe = generateSyntheticUniverse({ seed: 21, symbols: 48, days: 3 * 252 });
const input: UniverseInput = {
  bars: splitBySymbol(universe.market),
  factors: universe.factors,
  benchmark: universe.benchmark,
  options: { liquidity: { topN: 40, windowMonths: 12, minMonths: 6 } },
};

function inputError(run: () => unknown): UniverseInputError {
  try {
    run();
  } catch (error) {
    if (error instanceof UniverseInputError) return error;
    throw error;
  }
  throw new Error('no error thrown');
}

describe('runUniverseSequential', () => {
  const run = runUniverseSequential({ ...input, chunkSize: 48 });

  it('gives the same result whatever the chunk size', () => {
    const chunked = runUniverseSequential({ ...input, chunkSize: 5 });
    expect(chunked).toEqual(run);
  });

  it('keeps each stage promise', () => {
    expect(run.factorSet).toEqual({
      name: 'ff3',
      factors: ['Mkt-RF', 'SMB', 'HML'],
      source: 'synthetic universe factors',
    });
    expect(run.analyses.map((a) => a.symbol)).toEqual(universe.truth.symbols);
    for (const month of run.liquid) expect(month.symbols.length).toBeLessThanOrEqual(40);
    expect(run.clusters.length).toBeGreaterThan(12);
    for (const month of run.clusters) {
      const rsi = month.centroids.map((c) => c[month.features.indexOf('rsi')]!);
      expect([...rsi].sort((a, b) => a - b)).toEqual(rsi);
      expect(month.features).toEqual([
        'garman_klass_vol',
        'rsi',
        'bb_low',
        'bb_mid',
        'bb_high',
        'atr',
        'macd',
        'return_1m',
        'return_2m',
        'return_3m',
        'return_6m',
        'return_9m',
        'return_12m',
        'Mkt-RF',
        'SMB',
        'HML',
      ]);
    }
    expect(run.portfolios).toHaveLength(run.clusters.length);
    const optimised = run.portfolios.filter((p) => p.method === 'max-sharpe');
    expect(optimised.length).toBeGreaterThan(0);
    for (const p of run.portfolios) {
      if (p.symbols.length > 0) expect(p.weights.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 12);
      if (p.method === 'max-sharpe') for (const w of p.weights) expect(w).toBeLessThanOrEqual(0.1 + 1e-12);
      else expect(p.reason).toBeTruthy();
      expect(p.periods).toBeGreaterThan(200);
    }
    const { backtest } = run;
    expect(backtest.dates.length).toBe(backtest.portfolio.length);
    expect(backtest.dates[0]!.slice(0, 7) > run.clusters[0]!.month).toBe(true);
    expect(Number.isFinite(backtest.portfolioMetrics.sharpe)).toBe(true);
    expect(backtest.benchmarkMetrics.maxDrawdown).toBeGreaterThan(0);
  });

  it('refuses unusable input, naming the field', () => {
    expect(inputError(() => runUniverseSequential({ ...input, bars: [] }))).toMatchObject({
      field: 'symbols',
      message: 'the universe is empty',
    });
    const short = splitBySymbol(generateSyntheticUniverse({ seed: 1, symbols: 3, days: 150 }).market);
    expect(inputError(() => runUniverseSequential({ ...input, bars: short })).field).toBe('dateRange');
    const elsewhere = { ...universe.factors, months: universe.factors.months.map((m) => `19${m.slice(2)}`) };
    expect(inputError(() => runUniverseSequential({ ...input, factors: elsewhere })).message).toMatch(
      /covers 1916-01\.\.1918-11, the data 2016-01\.\.2018-11/,
    );
    expect(
      inputError(() => runUniverseSequential({ ...input, options: { betas: { factorSet: 'ff5' } } })),
    ).toMatchObject({ field: 'factorSet' });
  });
});

describe('selectLiquidSymbols', () => {
  it('ranks by rolling dollar volume, ties by name, and keeps the top N', () => {
    const panel = [
      {
        symbol: 'A',
        months: ['2024-01', '2024-02'],
        monthly: { dollar_volume_rolling: Float64Array.of(5, 1) },
      },
      {
        symbol: 'B',
        months: ['2024-01', '2024-02'],
        monthly: { dollar_volume_rolling: Float64Array.of(7, Number.NaN) },
      },
      { symbol: 'C', months: ['2024-02'], monthly: { dollar_volume_rolling: Float64Array.of(1) } },
    ];
    expect(selectLiquidSymbols(panel, { topN: 2, windowMonths: 1, minMonths: 1 })).toEqual([
      { month: '2024-01', symbols: ['B', 'A'] },
      { month: '2024-02', symbols: ['A', 'C'] },
    ]);
  });
});

describe('return-only data (the packaged portfolios)', () => {
  it('runs at monthly frequency from pseudo-bars, without a liquidity ranking', () => {
    // 20 "portfolios" of monthly returns over 35 months, loaded on the synthetic monthly market factor.
    const random = seededRandom(8);
    const months = universe.factors.months.slice(0, 35);
    const factors = {
      ...universe.factors,
      months,
      columns: Object.fromEntries(
        Object.entries(universe.factors.columns).map(([k, v]) => [k, v.slice(0, 35)]),
      ),
    };
    const market = factors.columns['Mkt-RF']!;
    const bars = Array.from({ length: 20 }, (_, i) =>
      barsFromReturns(
        `P${String(i).padStart(2, '0')}`,
        months,
        market.map((m) => 0.002 + (0.6 + i / 20) * m + 0.01 * (random() - 0.5)),
      ),
    );
    const run = runUniverseSequential({
      bars,
      factors,
      benchmark: { dates: months, returns: market },
      options: {
        indicators: {
          rsiWindow: 6,
          bollingerWindow: 6,
          atrWindow: 6,
          garmanKlassWindow: 6,
          normaliseMinPeriods: 6,
        },
        liquidity: { topN: null },
        clustering: { features: ['rsi', 'return_1m', 'return_3m', 'Mkt-RF'] },
        portfolio: { cluster: 3, lookbackMonths: 12, periodsPerYear: 12, shrinkage: 0.5 },
      },
    });
    expect(run.liquid[0]!.symbols).toHaveLength(20);
    expect(run.clusters.length).toBeGreaterThan(0);
    expect(run.backtest.dates.every((d) => /^\d{4}-\d{2}$/.test(d))).toBe(true);
    // Betas follow the loadings the returns were made with (0.6 .. 1.55).
    const last = (i: number) => {
      const b = run.analyses[i]!.monthly['Mkt-RF']!;
      return b[b.length - 1]!;
    };
    expect(last(19)).toBeGreaterThan(last(0));
  });
});
