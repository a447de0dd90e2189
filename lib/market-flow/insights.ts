/**
 * Sentences made from the numbers, each with the figures it was made from, so a reader (or a test) can
 * check the words against the data. Every function here takes plain numbers and names; the views decide
 * which numbers deserve a sentence.
 */

export interface Insight {
  text: string;
  /** The numbers (unrounded) and names behind the text. */
  figures: Record<string, number | string>;
}

/** 7 -> "7", 7.46 -> "7.5", 12.4 -> "12": one decimal below `wholeFrom` (10), none from there. */
export function formatNumber(x: number, wholeFrom = 10): string {
  const digits = Math.abs(x) >= wholeFrom ? 0 : 1;
  return String(Number(x.toFixed(digits)));
}

export const formatPercent = (x: number) => `${formatNumber(x)}%`;
export const formatSignedPercent = (x: number) => `${x > 0 ? '+' : ''}${formatNumber(x)}%`;
export const formatCorrelation = (x: number) => x.toFixed(2);

/** 12.5e9 -> "$12.5B", 197e9 -> "$197B"; of the absolute value, the sentence says the direction. */
export function formatUsd(x: number): string {
  const a = Math.abs(x);
  const [scale, suffix] =
    a >= 1e12 ? [1e12, 'T'] : a >= 1e9 ? [1e9, 'B'] : a >= 1e6 ? [1e6, 'M'] : [1e3, 'K'];
  return `$${formatNumber(a / scale, 100)}${suffix}`;
}

/**
 * How a holding's net flow changed against the previous period of the same length. `now` and `previous`
 * are USD, positive for inflows. "Commodities outflows increased 7% vs last week" when both are outflows
 * and the outflow grew by 7 %.
 */
export function flowChangeInsight(args: {
  name: string;
  now: number;
  previous: number;
  period: string;
}): Insight {
  const { name, now, previous, period } = args;
  const figures: Insight['figures'] = { name, flowNow: now, flowPrevious: previous };
  const direction = (x: number) => (x > 0 ? 'inflows' : 'outflows');
  if (now !== 0 && previous !== 0 && Math.sign(now) === Math.sign(previous)) {
    const changePercent = (100 * (Math.abs(now) - Math.abs(previous))) / Math.abs(previous);
    figures.changePercent = changePercent;
    const verb = changePercent > 0 ? 'increased' : changePercent < 0 ? 'decreased' : 'were unchanged';
    const amount = changePercent === 0 ? '' : ` ${formatPercent(Math.abs(changePercent))}`;
    return { text: `${name} ${direction(now)} ${verb}${amount} vs ${period}`, figures };
  }
  const before = previous === 0 ? 'none' : `net ${direction(previous)} of ${formatUsd(previous)}`;
  if (now === 0) return { text: `${name} saw no net flow after ${before} ${period}`, figures };
  return {
    text: `${name} saw net ${direction(now)} of ${formatUsd(now)} after ${before} ${period}`,
    figures,
  };
}

/** "Crypto shows strongest inverse correlation with Bonds (-0.58)". */
export function correlationInsight(args: {
  kind: 'positive' | 'inverse';
  name: string;
  otherName: string;
  correlation: number;
}): Insight {
  const { kind, name, otherName, correlation } = args;
  return {
    text: `${name} shows strongest ${kind} correlation with ${otherName} (${formatCorrelation(correlation)})`,
    figures: { name, otherName, correlation },
  };
}

/** "Largest net flow: $640B from Bonds to Stocks (1.2% of their combined value)". */
export function largestFlowInsight(args: {
  sourceName: string;
  targetName: string;
  amount: number;
  percentOfCombined: number;
  assetType?: string;
}): Insight {
  const { sourceName, targetName, amount, percentOfCombined, assetType } = args;
  const what = assetType === undefined ? '' : ` of ${assetType}`;
  return {
    text:
      `Largest net flow: ${formatUsd(amount)}${what} from ${sourceName} to ${targetName} ` +
      `(${formatPercent(percentOfCombined)} of their combined value)`,
    figures: { sourceName, targetName, amount, percentOfCombined, ...(assetType ? { assetType } : {}) },
  };
}

/** The largest of a view's flows (by USD amount) in words, when anything moved at all. */
export function largestFlowAmong<F extends { source: string; target: string; amount: number }>(
  flows: readonly F[],
  name: (id: string) => string,
  percentOfCombined: (flow: F) => number,
  assetType?: (flow: F) => string,
): Insight | undefined {
  const largest = [...flows].sort((a, b) => b.amount - a.amount)[0];
  if (!largest || !(largest.amount > 0)) return undefined;
  return largestFlowInsight({
    sourceName: name(largest.source),
    targetName: name(largest.target),
    amount: largest.amount,
    percentOfCombined: percentOfCombined(largest),
    ...(assetType ? { assetType: assetType(largest) } : {}),
  });
}

/** "Crypto is the most volatile (62% annualised)"; volatility as a fraction. */
export function volatilityInsight(args: { name: string; volatility: number }): Insight {
  return {
    text: `${args.name} is the most volatile (${formatPercent(100 * args.volatility)} annualised)`,
    figures: { name: args.name, volatility: args.volatility },
  };
}

/** "Strongest stock market: India (+3.1%); weakest: Japan (-1.2%)"; changes in percent. */
export function stockMarketInsight(args: {
  bestName: string;
  bestChange: number;
  worstName: string;
  worstChange: number;
}): Insight {
  const { bestName, bestChange, worstName, worstChange } = args;
  return {
    text: `Strongest stock market: ${bestName} (${formatSignedPercent(bestChange)}); weakest: ${worstName} (${formatSignedPercent(worstChange)})`,
    figures: { bestName, bestChange, worstName, worstChange },
  };
}

/** "JPY strengthened the most (+1.4%)": the currency that moved most, `strength` as end / start. */
export function currencyInsight(args: { currency: string; strength: number }): Insight {
  const changePercent = 100 * (args.strength - 1);
  const verb = changePercent >= 0 ? 'strengthened' : 'weakened';
  return {
    text: `${args.currency} ${verb} the most (${formatSignedPercent(changePercent)})`,
    figures: { currency: args.currency, strength: args.strength, changePercent },
  };
}
