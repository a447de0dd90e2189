/**
 * One side of the forest benchmark, run in its own process so its peak memory is its own:
 *   tsx bench/forest-side.ts <engine> <data dir> <options JSON>
 * Prints one JSON line: training seconds, batch prediction rows/s, holdout R², artifact bytes, peak RSS.
 */
import { getEngine } from '../models/engines.js';
import { rSquared } from '../models/score.js';
import { readBenchData } from './bench-data.js';

const [engineName, dir, optionsJson] = process.argv.slice(2);
if (engineName === undefined || dir === undefined || optionsJson === undefined) {
  throw new Error('usage: forest-side.ts <engine> <data dir> <options JSON>');
}
const { train, test } = await readBenchData(dir);
const options = JSON.parse(optionsJson) as { seed: number; nEstimators: number };
const engine = getEngine(engineName);

const t0 = performance.now();
const model = await engine.train(train, 'regression', options);
const trainSeconds = (performance.now() - t0) / 1000;

const t1 = performance.now();
const predicted = model.predict(test);
const predictSeconds = (performance.now() - t1) / 1000;

const artifact = model.serialize();
console.log(
  JSON.stringify({
    side: engineName,
    trees: options.nEstimators,
    trainSeconds,
    predictRowsPerSecond: test.nRows / predictSeconds,
    holdoutR2: rSquared(test.y, predicted),
    artifactBytes: artifact.length,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
  }),
);
