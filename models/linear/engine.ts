/**
 * A small, honest engine for tests and the benchmark: linear models whose artifacts are JSON bytes.
 * Regression is w·x + b, classification is a logistic model on w·x + b, and the cash-flow model has a
 * linear median path with a spread growing as √h. Real engines plug in through the same loaders.
 */
import type { Matrix, Task, TrainedModel } from '../engine.js';
import type { CashflowModel, QuantilePaths } from '../loaders.js';

export const linearFormat = 'linear-test';
export const linearCashflowFormat = 'linear-cashflow-test';

interface LinearArtifact {
  engine: typeof linearFormat;
  task: Task;
  featureNames: string[];
  weights: number[];
  bias: number;
}

interface LinearCashflowArtifact {
  engine: typeof linearCashflowFormat;
  featureNames: string[];
  horizons: number;
  weights: number[];
  bias: number;
  /** Change of the median per horizon step. */
  drift: number;
  /** Standard deviation at horizon 1; P10/P90 are ±1.2816 σ√h. */
  spread: number;
}

const z90 = 1.2815515655446004;

function dot(weights: readonly number[], rows: Matrix, row: number, bias: number): number {
  let sum = bias;
  for (let j = 0; j < rows.nFeatures; j++) sum += (weights[j] ?? 0) * (rows.x[row * rows.nFeatures + j] ?? 0);
  return sum;
}

function checkWidth(rows: Matrix, featureNames: readonly string[]): void {
  if (rows.nFeatures !== featureNames.length) {
    throw new Error(`rows have ${rows.nFeatures} features, the model expects ${featureNames.length}`);
  }
}

function parse<T extends { engine: string; featureNames: string[]; weights: number[] }>(
  bytes: Uint8Array,
  engine: string,
): T {
  const artifact = JSON.parse(Buffer.from(bytes).toString('utf8')) as T;
  if (artifact.engine !== engine) throw new Error(`artifact is ${artifact.engine}, not ${engine}`);
  if (artifact.weights.length !== artifact.featureNames.length) {
    throw new Error('artifact has as many weights as features');
  }
  return artifact;
}

export function linearModel(artifact: Omit<LinearArtifact, 'engine'>): TrainedModel {
  const full: LinearArtifact = { engine: linearFormat, ...artifact };
  const score = (rows: Matrix) => {
    checkWidth(rows, full.featureNames);
    const out = new Float64Array(rows.nRows);
    for (let i = 0; i < rows.nRows; i++) out[i] = dot(full.weights, rows, i, full.bias);
    return out;
  };
  const probability = (rows: Matrix) => score(rows).map((s) => 1 / (1 + Math.exp(-s)));
  return {
    engine: linearFormat,
    task: full.task,
    featureNames: full.featureNames,
    predict: (rows) =>
      full.task === 'regression' ? score(rows) : probability(rows).map((p) => (p >= 0.5 ? 1 : 0)),
    ...(full.task === 'classification' ? { predictProbability: probability } : {}),
    serialize: () => new Uint8Array(Buffer.from(JSON.stringify(full))),
    summary: { weights: full.weights.length },
  };
}

export function loadLinearModel(bytes: Uint8Array): TrainedModel {
  return linearModel(parse<LinearArtifact>(bytes, linearFormat));
}

export function linearCashflowArtifact(artifact: Omit<LinearCashflowArtifact, 'engine'>): Uint8Array {
  return new Uint8Array(Buffer.from(JSON.stringify({ engine: linearCashflowFormat, ...artifact })));
}

export function loadLinearCashflow(bytes: Uint8Array): Promise<CashflowModel> {
  const a = parse<LinearCashflowArtifact>(bytes, linearCashflowFormat);
  const model: CashflowModel = {
    format: linearCashflowFormat,
    horizons: a.horizons,
    featureNames: a.featureNames,
    backend: 'cpu',
    predictQuantiles(rows): QuantilePaths {
      checkWidth(rows, a.featureNames);
      const size = rows.nRows * a.horizons;
      const paths = { p10: new Float64Array(size), p50: new Float64Array(size), p90: new Float64Array(size) };
      for (let i = 0; i < rows.nRows; i++) {
        const base = dot(a.weights, rows, i, a.bias);
        for (let h = 0; h < a.horizons; h++) {
          const median = base + a.drift * (h + 1);
          const half = z90 * a.spread * Math.sqrt(h + 1);
          paths.p10[i * a.horizons + h] = median - half;
          paths.p50[i * a.horizons + h] = median;
          paths.p90[i * a.horizons + h] = median + half;
        }
      }
      return paths;
    },
  };
  return Promise.resolve(model);
}
