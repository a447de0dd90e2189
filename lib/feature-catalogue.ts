/**
 * The feature catalogue: every feature the product knows, declared once. Feature engineering
 * (lib/features.ts), the scale-free model inputs (lib/relative-features.ts), the API's field schema and
 * example row (api/schemas/predict.ts), the README's feature table and the stored feature set's cache key
 * all derive from these entries. Adding an indicator is one entry here, its function in lib/indicators.ts
 * and a test of that function.
 */
import { atr, bollinger, garmanKlass, macd, returns, rsi, sma, volatility } from './indicators.js';

/**
 * How the models see a feature. Prices trend, so price-like levels are given relative to the day's price
 * (see lib/relative-features.ts); `price` is that scale itself, and turns the predicted return back into a
 * cash flow.
 */
export type ModelView = 'price' | 'relative-to-price' | 'ratio-to-price' | 'as-is' | 'not-an-input';

/**
 * `contract`: the reference request's fields, accepted by every served version. `macro`: needs a macro
 * source (FRED, or a package's data offline). `extended`: opt-in extras (pipeline input
 * `features: "extended"`).
 */
export type FeatureSetName = 'contract' | 'macro' | 'extended';

/** What a client may send, as JSON Schema keywords; every value must also be a finite number. */
export interface ValidRange {
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
}

export interface Bars {
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

interface EntryBase {
  name: string;
  /** One line, shown in the OpenAPI document and the README. */
  description: string;
  /** How it is computed, in a few symbols, for the README's table. */
  computation: string;
  sets: readonly FeatureSetName[];
  view: ModelView;
  range: ValidRange;
  /** The value in the documented example row (the reference request's value for contract fields). */
  example: number;
}

/** Computed per symbol from its daily bars, causally (the value at t reads bars 0..t only). */
export interface BarFeature extends EntryBase {
  fromBars: (bars: Bars) => Float64Array;
}

/** A macro series joined on the date, the last observation known on the day carried forward. */
export interface MacroFeature extends EntryBase {
  fredSeries: string;
}

export type FeatureEntry = BarFeature | MacroFeature;

const positive: ValidRange = { exclusiveMinimum: 0 };
const nonNegative: ValidRange = { minimum: 0 };

export const featureCatalogue: readonly FeatureEntry[] = [
  {
    name: 'stock_price',
    description: 'Close price of the day; scales the price-like features and turns returns into cash flows.',
    computation: 'close',
    sets: ['contract'],
    view: 'price',
    range: positive,
    example: 150.25,
    fromBars: (b) => b.close,
  },
  {
    name: 'volatility',
    description: 'Standard deviation of daily returns over the last 20 days (not annualised).',
    computation: 'stdev(close/close[-1] − 1, 20 days)',
    sets: ['contract'],
    view: 'as-is',
    range: nonNegative,
    example: 0.12,
    fromBars: (b) => volatility(b.close, 20),
  },
  {
    name: 'volume',
    description: 'Shares traded in the day; monitored for drift, not a model input (its level trends).',
    computation: 'volume',
    sets: ['contract'],
    view: 'not-an-input',
    range: nonNegative,
    example: 1000000,
    fromBars: (b) => b.volume,
  },
  {
    name: 'sma_20',
    description: '20-day simple moving average of the close.',
    computation: 'SMA(close, 20)',
    sets: ['contract'],
    view: 'relative-to-price',
    range: positive,
    example: 145.5,
    fromBars: (b) => sma(b.close, 20),
  },
  {
    name: 'sma_50',
    description: '50-day simple moving average of the close.',
    computation: 'SMA(close, 50)',
    sets: ['contract'],
    view: 'relative-to-price',
    range: positive,
    example: 142.3,
    fromBars: (b) => sma(b.close, 50),
  },
  {
    name: 'rsi',
    description: "Wilder's 14-day relative strength index, 0 to 100.",
    computation: 'RSI(close, 14), Wilder smoothing',
    sets: ['contract'],
    view: 'as-is',
    range: { minimum: 0, maximum: 100 },
    example: 65.5,
    fromBars: (b) => rsi(b.close, 14),
  },
  {
    name: 'macd',
    description: 'MACD line: 12-day minus 26-day exponential moving average of the close.',
    computation: 'EMA(close, 12) − EMA(close, 26)',
    sets: ['contract'],
    view: 'ratio-to-price',
    range: {},
    example: 2.1,
    fromBars: (b) => macd(b.close, 12, 26),
  },
  {
    name: 'bollinger_upper',
    description: 'Upper Bollinger band: 20-day average plus two standard deviations of the close.',
    computation: 'SMA(close, 20) + 2 σ(close, 20)',
    sets: ['contract'],
    view: 'relative-to-price',
    range: positive,
    example: 155.8,
    fromBars: (b) => bollinger(b.close, 20, 2).upper,
  },
  {
    name: 'bollinger_lower',
    description: 'Lower Bollinger band: 20-day average minus two standard deviations of the close.',
    computation: 'SMA(close, 20) − 2 σ(close, 20)',
    sets: ['contract'],
    view: 'relative-to-price',
    // Below zero when the close swings by more than half its average: rare, but not invalid.
    range: {},
    example: 144.7,
    fromBars: (b) => bollinger(b.close, 20, 2).lower,
  },
  {
    name: 'vix',
    description: 'CBOE volatility index, the last close known on the day.',
    computation: 'FRED VIXCLS (offline: arch VIX 2014–2018)',
    sets: ['contract', 'macro'],
    view: 'as-is',
    range: nonNegative,
    example: 18.5,
    fredSeries: 'VIXCLS',
  },
  {
    name: 'treasury_10y',
    description: '10-year US Treasury constant-maturity yield in percent, the last known on the day.',
    computation: 'FRED DGS10',
    sets: ['contract', 'macro'],
    view: 'as-is',
    // Yields have been negative elsewhere; the contract does not forbid it.
    range: {},
    example: 3.45,
    fredSeries: 'DGS10',
  },
  {
    name: 'dollar_index',
    description: 'Broad trade-weighted US dollar index, the last known on the day.',
    computation: 'FRED DTWEXBGS',
    sets: ['contract', 'macro'],
    view: 'as-is',
    range: positive,
    example: 102.3,
    fredSeries: 'DTWEXBGS',
  },
  {
    name: 'atr_14',
    description: "Wilder's 14-day average true range.",
    computation: 'ATR(high, low, close, 14), Wilder smoothing',
    sets: ['extended'],
    view: 'ratio-to-price',
    range: nonNegative,
    example: 2.35,
    fromBars: (b) => atr(b.high, b.low, b.close, 14),
  },
  {
    name: 'garman_klass_vol',
    description: 'Garman-Klass volatility from open, high, low and close over 20 days (daily).',
    computation: '√mean(½ ln(H/L)² − (2 ln 2 − 1) ln(C/O)², 20 days)',
    sets: ['extended'],
    view: 'as-is',
    range: nonNegative,
    example: 0.011,
    fromBars: (b) => garmanKlass(b.open, b.high, b.low, b.close, 20),
  },
  {
    name: 'dollar_volume',
    description: 'Close times volume; monitored for drift, not a model input (its level trends).',
    computation: 'close × volume',
    sets: ['extended'],
    view: 'not-an-input',
    range: nonNegative,
    example: 150250000,
    fromBars: (b) => b.close.map((c, i) => c * b.volume[i]!),
  },
  {
    name: 'return_1d',
    description: 'Return of the last day.',
    computation: 'close/close[-1] − 1',
    sets: ['extended'],
    view: 'as-is',
    range: { minimum: -1 },
    example: 0.0041,
    fromBars: (b) => returns(b.close, 1),
  },
  {
    name: 'return_5d',
    description: 'Return of the last five days.',
    computation: 'close/close[-5] − 1',
    sets: ['extended'],
    view: 'as-is',
    range: { minimum: -1 },
    example: 0.012,
    fromBars: (b) => returns(b.close, 5),
  },
];

export function isMacroFeature(entry: FeatureEntry): entry is MacroFeature {
  return 'fredSeries' in entry;
}
