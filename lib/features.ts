/**
 * Feature engineering: per symbol, causal indicators on typed arrays; then rows ordered by date for
 * time-ordered splits. The target is the forward cash flow of a unit position: close[t + h] - close[t]
 * for h = 1..H (the path), the model's `prediction` being the one at h = H. No feature at t reads t + 1.
 */
import { atr, bollinger, garmanKlass, macd, returns, rsi, sma, volatility } from './indicators.js';
import { DatasetError } from './dataset-error.js';
import { symbolRanges, type MarketData } from './market-data.js';

export const baseFeatures = [
  'stock_price',
  'volatility',
  'volume',
  'sma_20',
  'sma_50',
  'rsi',
  'macd',
  'bollinger_upper',
  'bollinger_lower',
] as const;
export const macroFeatures = ['vix', 'treasury_10y', 'dollar_index'] as const;
export const extraFeatures = [
  'atr_14',
  'garman_klass_vol',
  'dollar_volume',
  'return_1d',
  'return_5d',
] as const;

/** Macro values aligned to the market rows (as-of the row's date), one array per macro feature. */
export type AlignedMacro = Record<(typeof macroFeatures)[number], Float64Array>;

export interface FeatureSet {
  /** The model's signature: names in column order. */
  featureNames: string[];
  nRows: number;
  nFeatures: number;
  /** Row-major features. */
  x: Float64Array;
  date: string[];
  symbol: string[];
  /** Forward cash flow at the horizon; NaN for the last H rows of a symbol (future unknown). */
  target: Float64Array;
  /** Row-major nRows × horizon forward cash-flow path. */
  targetPath: Float64Array;
  /** 1 when the unit position loses more than `riskThreshold` of its value at some point within H days. */
  risk: Float64Array;
  horizon: number;
}

export interface FeatureOptions {
  horizon: number;
  /** Relative drawdown within the horizon that counts as risky (0.03 = 3 %). */
  riskThreshold: number;
}

export function featureNamesFor(withMacro: boolean): string[] {
  return [...baseFeatures, ...(withMacro ? macroFeatures : []), ...extraFeatures];
}

export function buildFeatures(data: MarketData, options: FeatureOptions, macro?: AlignedMacro): FeatureSet {
  const { horizon: H, riskThreshold } = options;
  const names = featureNamesFor(macro !== undefined);
  const d = names.length;
  const columns: Float64Array[] = names.map(() => new Float64Array(data.close.length));
  const target = new Float64Array(data.close.length).fill(Number.NaN);
  const path = new Float64Array(data.close.length * H).fill(Number.NaN);
  const risk = new Float64Array(data.close.length).fill(Number.NaN);

  for (const { start, end } of symbolRanges(data)) {
    const s = (a: Float64Array) => a.subarray(start, end);
    const [open, high, low, close, volume] = [
      s(data.open),
      s(data.high),
      s(data.low),
      s(data.close),
      s(data.volume),
    ];
    const bands = bollinger(close);
    const byName: Record<string, Float64Array> = {
      stock_price: close,
      volatility: volatility(close, 20),
      volume,
      sma_20: sma(close, 20),
      sma_50: sma(close, 50),
      rsi: rsi(close, 14),
      macd: macd(close),
      bollinger_upper: bands.upper,
      bollinger_lower: bands.lower,
      atr_14: atr(high, low, close, 14),
      garman_klass_vol: garmanKlass(open, high, low, close, 20),
      dollar_volume: close.map((c, i) => c * volume[i]!),
      return_1d: returns(close, 1),
      return_5d: returns(close, 5),
    };
    if (macro) for (const m of macroFeatures) byName[m] = macro[m].subarray(start, end);
    names.forEach((name, j) => columns[j]!.set(byName[name]!, start));

    for (let t = 0; t + H < close.length; t++) {
      let worst = 0;
      for (let h = 1; h <= H; h++) {
        const cf = close[t + h]! - close[t]!;
        path[(start + t) * H + h - 1] = cf;
        worst = Math.min(worst, cf / close[t]!);
      }
      target[start + t] = close[t + H]! - close[t]!;
      risk[start + t] = worst < -riskThreshold ? 1 : 0;
    }
  }

  // Keep rows whose features are all known, ordered by date (then symbol) for time-ordered splits. A row
  // without a target is kept only after the last labelled date: a symbol whose bars stop early would
  // otherwise leave unknown targets inside the splits, which assume they all trail.
  let lastLabelled = '';
  for (let i = 0; i < data.close.length; i++) {
    if (Number.isFinite(target[i]) && data.date[i]! > lastLabelled) lastLabelled = data.date[i]!;
  }
  const keep: number[] = [];
  for (let i = 0; i < data.close.length; i++) {
    const known = Number.isFinite(target[i]) || data.date[i]! > lastLabelled;
    if (known && columns.every((c) => Number.isFinite(c[i]))) keep.push(i);
  }
  keep.sort((a, b) =>
    data.date[a]! < data.date[b]!
      ? -1
      : data.date[a]! > data.date[b]!
        ? 1
        : data.symbol[a]! < data.symbol[b]!
          ? -1
          : 1,
  );
  const n = keep.length;
  const x = new Float64Array(n * d);
  const out: FeatureSet = {
    featureNames: names,
    nRows: n,
    nFeatures: d,
    x,
    date: new Array<string>(n),
    symbol: new Array<string>(n),
    target: new Float64Array(n),
    targetPath: new Float64Array(n * H),
    risk: new Float64Array(n),
    horizon: H,
  };
  keep.forEach((src, i) => {
    for (let j = 0; j < d; j++) x[i * d + j] = columns[j]![src]!;
    out.date[i] = data.date[src]!;
    out.symbol[i] = data.symbol[src]!;
    out.target[i] = target[src]!;
    out.risk[i] = risk[src]!;
    out.targetPath.set(path.subarray(src * H, src * H + H), i * H);
  });
  return out;
}

export interface Splits {
  train: [number, number];
  validation: [number, number];
  holdout: [number, number];
  /** Dates left out between consecutive splits so no target window straddles two of them. */
  embargoDays: number;
}

/**
 * Time-ordered train / validation / holdout ranges over rows sorted by date, cut at date boundaries (all
 * symbols of a date fall in the same split), with `embargo` dates dropped between splits. Only rows with a
 * known target are used; the trailing rows without one stay out of every split.
 */
export function timeOrderedSplits(
  set: Pick<FeatureSet, 'date' | 'target'>,
  options: { validationFraction: number; holdoutFraction: number; embargo: number },
): Splits {
  let labelled = set.date.length;
  while (labelled > 0 && !Number.isFinite(set.target[labelled - 1])) labelled--;
  const dates: string[] = [];
  const firstRow: number[] = [];
  for (let i = 0; i < labelled; i++) {
    if (i === 0 || set.date[i] !== set.date[i - 1]) {
      dates.push(set.date[i]!);
      firstRow.push(i);
    }
  }
  firstRow.push(labelled);
  const nDates = dates.length;
  const usable = nDates - 2 * options.embargo;
  const nHoldout = Math.floor(usable * options.holdoutFraction);
  const nValidation = Math.floor(usable * options.validationFraction);
  const nTrain = usable - nHoldout - nValidation;
  if (nTrain < 10 || nValidation < 1 || nHoldout < 1) {
    throw new DatasetError(
      `${nDates} labelled dates are too few for the splits with a ${options.embargo}-day embargo: need at least ` +
        `10 training dates and one each for validation and holdout`,
    );
  }
  const row = (dateIndex: number) => firstRow[dateIndex]!;
  const vStart = nTrain + options.embargo;
  const hStart = vStart + nValidation + options.embargo;
  return {
    train: [0, row(nTrain)],
    validation: [row(vStart), row(vStart + nValidation)],
    holdout: [row(hStart), row(hStart + nHoldout)],
    embargoDays: options.embargo,
  };
}
