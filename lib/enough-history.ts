/**
 * Whether a dataset has enough history for the features stage's splits, decided at ingestion so that too
 * little data is refused before anything is stored, with the numbers: how many dates it has, how many the
 * indicators' warm-up, the horizon and the splits need. The warm-up is measured on the feature catalogue
 * itself, so a longer indicator added there raises the bar here too.
 */
import { DatasetError } from './dataset-error.js';
import { buildFeatures, timeOrderedSplits } from './features.js';
import { symbolRanges, type MarketData } from './market-data.js';
import { generateSyntheticMarket } from './sources/synthetic.js';

export interface SplitSettings {
  horizon: number;
  validationFraction: number;
  holdoutFraction: number;
}

let warmup: number | undefined;

/** Bars a symbol has before the first one whose features are all known. */
export function warmupBars(): number {
  if (warmup === undefined) {
    const probe = generateSyntheticMarket({ rows: 2_000, symbols: 1, seed: 1 });
    const set = buildFeatures(probe, { horizon: 1, riskThreshold: 0.03 });
    if (set.nRows === 0) throw new Error('no feature row in 2,000 bars: the warm-up probe is too short');
    warmup = probe.date.indexOf(set.date[0]!);
  }
  return warmup;
}

/** Fewest dates with a known outcome for which the splits exist (the splits' own rule, searched). */
export function minimumLabelledDates(settings: SplitSettings): number {
  const options = { ...settings, embargo: settings.horizon };
  for (let n = 1; n <= 100_000; n++) {
    const date = Array.from({ length: n }, (_, i) => String(i).padStart(6, '0'));
    try {
      timeOrderedSplits({ date, target: new Float64Array(n) }, options);
      return n;
    } catch (err) {
      if (!(err instanceof DatasetError)) throw err;
    }
  }
  throw new DatasetError(`no number of dates satisfies the splits ${JSON.stringify(settings)}`);
}

/** Distinct dates on which some symbol has all its features and a known outcome `horizon` bars later. */
function labelledDateCount(data: MarketData, horizon: number, warm: number): number {
  const dates = new Set<string>();
  for (const { start, end } of symbolRanges(data)) {
    for (let i = start + warm; i < end - horizon; i++) dates.add(data.date[i]!);
  }
  return dates.size;
}

/** Throws a DatasetError naming what is missing when `data` is too short for the splits. */
export function assertEnoughHistory(data: MarketData, settings: SplitSettings, source: string): void {
  const warm = warmupBars();
  const need = minimumLabelledDates(settings);
  const have = labelledDateCount(data, settings.horizon, warm);
  if (have >= need) return;
  const H = settings.horizon;
  const rows = data.date.length;
  const dates = new Set(data.date).size;
  const symbols = symbolRanges(data).length;
  throw new DatasetError(
    `${source} has too little history: ${rows} row${rows === 1 ? '' : 's'} over ${dates} date${dates === 1 ? '' : 's'}` +
      `${symbols > 1 ? ` and ${symbols} symbols` : ''}, giving ${have} dates with a known ${H}-day outcome; ` +
      `at least ${warm + need + H} consecutive bars of a symbol are needed: ${warm} for the indicators to warm up, ` +
      `${need} with a known outcome for training, validation and holdout (${H}-date gaps between them), and ` +
      `${H} more for the last outcome`,
  );
}
