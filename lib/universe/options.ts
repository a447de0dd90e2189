/**
 * Every parameter of a universe analysis in one place, with the seed's values as defaults. A caller
 * (workflow input, API body, benchmark) passes a partial object; `resolveUniverseOptions` fills the rest.
 */
import { defaultRollingBetaOptions, type RollingBetaOptions } from './rolling-betas.js';
import { defaultSeedCentroids } from './clustering.js';
import { defaultIndicatorOptions, type IndicatorOptions } from './symbol-indicators.js';
import type { FactorSetName } from './factors.js';

export interface UniverseOptions {
  indicators: IndicatorOptions;
  liquidity: {
    /**
     * Symbols kept each month, by rolling dollar volume (the seed: 150); null keeps every symbol with a
     * close that month, for data without volumes (return series such as the packaged portfolios).
     */
    topN: number | null;
    /** Months in the rolling mean of monthly dollar volume (the seed: 5 years). */
    windowMonths: number;
    /** Months the rolling mean needs before a symbol can rank. */
    minMonths: number;
  };
  betas: RollingBetaOptions & {
    /** A named factor set, or the richest the factor table supports. */
    factorSet?: FactorSetName;
  };
  clustering: {
    /** Feature columns clustered; by default the indicators, the returns and the betas. */
    features?: string[];
    seedFeature: string;
    seedCentroids: number[];
    maxIterations: number;
  };
  portfolio: {
    /** The cluster whose symbols are bought (the seed: 3, the highest-RSI regime). */
    cluster: number;
    /** Months of returns the weights are estimated on. */
    lookbackMonths: number;
    /** Return periods per year: 252 for daily data, 12 for monthly. */
    periodsPerYear: number;
    maxWeight: number;
    /** Annual risk-free rate for the Sharpe ratio. */
    riskFreeRate: number;
    /** Covariance shrinkage towards its diagonal, 0 (sample covariance) to 1. */
    shrinkage: number;
  };
}

export const defaultUniverseOptions: UniverseOptions = {
  indicators: defaultIndicatorOptions,
  liquidity: { topN: 150, windowMonths: 60, minMonths: 12 },
  betas: { ...defaultRollingBetaOptions },
  clustering: { seedFeature: 'rsi', seedCentroids: defaultSeedCentroids, maxIterations: 100 },
  portfolio: {
    cluster: 3,
    lookbackMonths: 12,
    periodsPerYear: 252,
    maxWeight: 0.1,
    riskFreeRate: 0.02,
    shrinkage: 0,
  },
};

export type UniverseOptionsInput = { [K in keyof UniverseOptions]?: Partial<UniverseOptions[K]> };

export function resolveUniverseOptions(input: UniverseOptionsInput = {}): UniverseOptions {
  const d = defaultUniverseOptions;
  return {
    indicators: { ...d.indicators, ...input.indicators },
    liquidity: { ...d.liquidity, ...input.liquidity },
    betas: { ...d.betas, ...input.betas },
    clustering: { ...d.clustering, ...input.clustering },
    portfolio: { ...d.portfolio, ...input.portfolio },
  };
}
