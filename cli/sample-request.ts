/**
 * A real /predict request: the features of the latest day of the bundled S&P 500 data, computed by the
 * pipeline's own feature code, so the example always matches the served model's signature.
 */
import { readFile } from 'node:fs/promises';
import { sampleDataPath } from '../activities/ingestion.js';
import { buildFeatures } from '../lib/features.js';
import { parseMarketCsv } from '../lib/market-data.js';

export async function latestSampleRow(horizon = 5): Promise<{ date: string; data: Record<string, number> }> {
  const { data } = parseMarketCsv(await readFile(sampleDataPath, 'utf8'), { defaultSymbol: 'SPX' });
  const set = buildFeatures(data, { horizon, riskThreshold: 0.03 });
  const last = set.nRows - 1;
  const row = Object.fromEntries(set.featureNames.map((name, j) => [name, set.x[last * set.nFeatures + j]!]));
  return { date: set.date[last]!, data: row };
}
