/**
 * The large synthetic dataset through the stages' data path, without the servers: generate, store as the
 * canonical CSV, read it back as the features stage does, build the features and the splits, and count
 * training rows whose target is unknown (the "target of row 1380647 is NaN" failure of a 2,000,000-row,
 * 100-symbol, seed-13 run). Prints each step's time.
 *
 *   npx tsx bench/synthetic-scale.ts [rows] [symbols] [seed]      (defaults 2000000 100 13)
 */
import { buildFeatures, timeOrderedSplits } from '../lib/features.js';
import { parseMarketCsv, toCanonicalCsv } from '../lib/market-data.js';
import { generateSyntheticMarket } from '../lib/sources/synthetic.js';

const [rows = 2_000_000, symbols = 100, seed = 13] = process.argv.slice(2).map(Number);

function timed<T>(label: string, run: () => T): T {
  const started = performance.now();
  const result = run();
  console.log(`${label.padEnd(34)} ${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s`);
  return result;
}

console.log(`synthetic data: ${rows} rows, ${symbols} symbols, seed ${seed}`);
const data = timed('generate', () => generateSyntheticMarket({ rows, symbols, seed }));
let badBars = 0;
let minClose = Infinity;
for (let i = 0; i < data.close.length; i++) {
  const [o, h, l, c] = [data.open[i]!, data.high[i]!, data.low[i]!, data.close[i]!];
  minClose = Math.min(minClose, c);
  if (!(l > 0 && l <= Math.min(o, c) && h >= Math.max(o, c))) badBars++;
}
console.log(`  lowest close ${minClose}; bars breaking low <= open, close <= high: ${badBars}`);
const csv = timed('canonical CSV', () => toCanonicalCsv(data));
const { data: stored, report } = timed('read back (features stage)', () =>
  parseMarketCsv(csv, { defaultSymbol: 'UNKNOWN', source: 'datasets/<hash>.csv' }),
);
console.log(`  rows quarantined on read-back: ${report.quarantined.length}`);
const set = timed('features', () => buildFeatures(stored, { horizon: 5, riskThreshold: 0.03 }));
const splits = timed('splits', () =>
  timeOrderedSplits(set, { validationFraction: 0.15, holdoutFraction: 0.15, embargo: 5 }),
);
let failed = false;
for (const name of ['train', 'validation', 'holdout'] as const) {
  const [start, end] = splits[name];
  const unknown: number[] = [];
  for (let i = start; i < end; i++) if (!Number.isFinite(set.target[i])) unknown.push(i - start);
  const first = unknown[0];
  const where =
    first === undefined
      ? ''
      : `, first at row ${first} (${set.symbol[start + first]} ${set.date[start + first]})`;
  console.log(`  ${name}: ${end - start} rows, ${unknown.length} with an unknown target${where}`);
  failed ||= unknown.length > 0;
}
console.log(failed ? 'FAIL: training would see unknown targets' : 'OK: every split row has a known target');
process.exitCode = failed ? 1 : 0;
