/**
 * A complete synthetic market-flow input: the seed's five asset classes and five regions, each series
 * synthetic (seeded, labelled as such). The refresh swaps in real series where a source exists (the S&P
 * 500, Moody's yields, WTI, the risk-free rate) and keeps these for the rest (crypto, non-US regions).
 *
 * Parameters are round, plausible values, not estimates: annual drift and volatility of each market
 * (crypto 70 %, equities 18-22 %, currencies 4-10 %, yields 0.3-0.8 points a year), and factor loadings
 * giving the usual signs (equities together, the dollar against other currencies, bonds slightly against
 * equities). Market values are order-of-magnitude sizes in USD (global equities about $110T, the US
 * equity market about $55T), configurable by whoever builds the spec.
 */
import type { GlobalViewSpec, RegionSpec } from './global-view.js';
import type { IndustryViewSpec } from './industry-view.js';
import { bondIndexFromYields } from './level-transforms.js';
import type { MarketFlowInput } from './snapshot.js';
import type { MarketSeries } from './series.js';
import { generateSyntheticSeries, type SyntheticSeriesSpec } from './synthetic.js';

type Spec = SyntheticSeriesSpec;
const price = (
  id: string,
  description: string,
  start: number,
  drift: number,
  volatility: number,
  loadings: Spec['loadings'],
  calendar: Spec['calendar'] = 'business',
): Spec => ({ id, description, kind: 'price', start, drift, volatility, calendar, loadings });
const rate = (
  id: string,
  description: string,
  start: number,
  mean: number,
  volatility: number,
  loadings: Spec['loadings'],
): Spec => ({
  id,
  description,
  kind: 'rate',
  start,
  drift: mean,
  reversion: 0.5,
  volatility,
  calendar: 'business',
  loadings,
});

export const defaultSyntheticSpecs: readonly SyntheticSeriesSpec[] = [
  price('stocks', 'US equity index', 1500, 0.07, 0.18, { equity: 0.9 }),
  price('commodities', 'commodity index', 300, 0.02, 0.22, { equity: 0.3, commodity: 0.8, dollar: -0.2 }),
  price('crypto', 'crypto market index', 1000, 0.3, 0.7, { equity: 0.35, crypto: 0.85 }, 'every-day'),
  rate('us-10y', 'US 10-year yield (%)', 4, 4, 0.8, { rates: 0.9, equity: 0.2 }),
  rate('us-3m', 'US 3-month rate (%)', 3, 3, 0.5, { rates: 0.6 }),
  price('china-stocks', 'China equity index', 3000, 0.04, 0.22, { equity: 0.45, asia: 0.5, emerging: 0.4 }),
  price('india-stocks', 'India equity index', 20000, 0.1, 0.18, { equity: 0.5, emerging: 0.6 }),
  price('japan-stocks', 'Japan equity index', 30000, 0.05, 0.2, { equity: 0.6, asia: 0.5 }),
  price('europe-stocks', 'Europe equity index', 4000, 0.05, 0.18, { equity: 0.8, europe: 0.4 }),
  price('cny-usd', 'CNY in USD', 0.14, 0, 0.04, { dollar: -0.6, asia: 0.2 }),
  price('inr-usd', 'INR in USD', 0.012, -0.02, 0.06, { dollar: -0.5, emerging: 0.4 }),
  price('jpy-usd', 'JPY in USD', 0.0067, 0, 0.1, { dollar: -0.6, rates: -0.3 }),
  price('eur-usd', 'EUR in USD', 1.1, 0, 0.08, { dollar: -0.85, europe: 0.2 }),
  price('dollar-index', 'dollar index', 100, 0, 0.07, { dollar: 0.95 }),
  rate('china-10y', 'China 10-year yield (%)', 2.3, 2.5, 0.4, { rates: 0.4, asia: 0.2 }),
  rate('india-10y', 'India 10-year yield (%)', 7.1, 7, 0.6, { rates: 0.4, emerging: 0.3 }),
  rate('japan-10y', 'Japan 10-year yield (%)', 0.9, 0.8, 0.3, { rates: 0.5 }),
  rate('europe-10y', 'Europe 10-year yield (%)', 2.6, 2.5, 0.6, { rates: 0.7, europe: 0.3 }),
];

/** Modified duration of a 10-year government bond index, in years. */
export const tenYearDuration = 7;

export const defaultIndustrySpec: IndustryViewSpec = {
  nodes: [
    { id: 'stocks', name: 'Stocks', seriesId: 'stocks', marketValue: 110e12 },
    { id: 'bonds', name: 'Bonds', seriesId: 'us-bonds', marketValue: 130e12 },
    { id: 'commodities', name: 'Commodities', seriesId: 'commodities', marketValue: 20e12 },
    { id: 'crypto', name: 'Crypto', seriesId: 'crypto', marketValue: 2.5e12 },
    { id: 'cash', name: 'Cash', seriesId: 'cash', marketValue: 7e12 },
  ],
  referenceNodeId: 'stocks',
};

const region = (
  id: string,
  name: string,
  currency: string,
  stocks: string,
  equities: number,
  bonds: number,
  fx: Partial<RegionSpec>,
): RegionSpec => ({
  id,
  name,
  currency,
  stockIndexSeriesId: stocks,
  bondYieldSeriesId: `${id === 'usa' ? 'us' : id}-10y`,
  ...fx,
  legs: [
    { assetType: 'equities', seriesId: stocks, marketValue: equities },
    { assetType: 'bonds', seriesId: `${id === 'usa' ? 'us' : id}-bonds`, marketValue: bonds },
  ],
});

export const defaultGlobalSpec: GlobalViewSpec = {
  regions: [
    region('usa', 'USA', 'USD', 'stocks', 55e12, 55e12, { currencyIndexSeriesId: 'dollar-index' }),
    region('china', 'China', 'CNY', 'china-stocks', 11e12, 22e12, { fxSeriesId: 'cny-usd' }),
    region('india', 'India', 'INR', 'india-stocks', 4.5e12, 2.5e12, { fxSeriesId: 'inr-usd' }),
    region('japan', 'Japan', 'JPY', 'japan-stocks', 6.5e12, 11e12, { fxSeriesId: 'jpy-usd' }),
    region('europe', 'Europe', 'EUR', 'europe-stocks', 13e12, 30e12, { fxSeriesId: 'eur-usd' }),
  ],
};

/** The generated series plus the bond indices and cash derived from their yields. */
export function defaultSyntheticSeries(options: {
  seed: number;
  start: string;
  end: string;
  extra?: readonly SyntheticSeriesSpec[];
}): MarketSeries[] {
  const generated = generateSyntheticSeries({
    ...options,
    specs: [...defaultSyntheticSpecs, ...(options.extra ?? [])],
  });
  const byId = new Map(generated.map((s) => [s.id, s]));
  const derived = ['us', 'china', 'india', 'japan', 'europe'].map((r) =>
    bondIndexFromYields(byId.get(`${r}-10y`)!, { id: `${r}-bonds`, duration: tenYearDuration }),
  );
  derived.push(bondIndexFromYields(byId.get('us-3m')!, { id: 'cash', duration: 0 }));
  return [...generated, ...derived];
}

/** Everything a refresh needs, all synthetic. */
export function syntheticMarketFlowInput(options: {
  seed: number;
  start: string;
  end: string;
  timestamp: string;
  extra?: readonly SyntheticSeriesSpec[];
}): MarketFlowInput {
  return {
    timestamp: options.timestamp,
    series: defaultSyntheticSeries(options),
    industry: defaultIndustrySpec,
    global: defaultGlobalSpec,
  };
}
