/**
 * Where market data comes from: the `source` of a pipeline run, of the scheduled refreshes and of
 * MARKET_DATA_SOURCE. Declared here, beside its check, because the configuration reads one from the
 * environment and the ingestion activity takes one from a workflow: both ask `dataSourceProblem`.
 */

export type DataSource =
  /** The bundled S&P 500 daily bars 2000-2020 (vega-datasets). */
  | { kind: 'sample' }
  /** A CSV file on the worker's disk (`path`) or an object in the store (`objectKey`). */
  | { kind: 'csv'; path?: string; objectKey?: string; symbol?: string }
  /** Seeded synthetic bars for many symbols, for scale tests. */
  | { kind: 'synthetic'; rows: number; symbols: number; seed: number }
  /** Alpha Vantage daily prices (ALPHA_VANTAGE_API_KEY). */
  | { kind: 'alpha-vantage'; symbols: string[] };

export const dataSourceKinds = [
  'sample',
  'csv',
  'synthetic',
  'alpha-vantage',
] as const satisfies readonly DataSource['kind'][];

/** The fields each kind needs, with the check of their values. */
const required: Record<DataSource['kind'], Record<string, (v: unknown) => boolean>> = {
  sample: {},
  csv: {},
  synthetic: {
    rows: Number.isInteger,
    symbols: Number.isInteger,
    seed: Number.isInteger,
  },
  'alpha-vantage': {
    symbols: (v) => Array.isArray(v) && v.length > 0 && v.every((s) => typeof s === 'string'),
  },
};
const optionalText = ['path', 'objectKey', 'symbol'];

/** What is wrong with `value` as a data source (field and problem), or undefined when it is one. */
export function dataSourceProblem(value: unknown): { field: string; message: string } | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { field: 'source', message: 'must be an object with a "kind" (sample, csv, ...)' };
  }
  const { kind } = value as { kind?: unknown };
  if (typeof kind !== 'string') {
    return { field: 'source.kind', message: 'is missing: a source needs a "kind" (sample, csv, ...)' };
  }
  if (!(dataSourceKinds as readonly string[]).includes(kind)) {
    return {
      field: 'source.kind',
      message: `${JSON.stringify(kind)} is not a data source; known: ${dataSourceKinds.join(', ')}`,
    };
  }
  const record = value as Record<string, unknown>;
  for (const [name, valid] of Object.entries(required[kind as DataSource['kind']])) {
    if (!valid(record[name])) {
      return {
        field: `source.${name}`,
        message: `is required by kind ${kind} and is ${JSON.stringify(record[name])}`,
      };
    }
  }
  for (const name of optionalText) {
    if (record[name] !== undefined && typeof record[name] !== 'string') {
      return { field: `source.${name}`, message: `must be text, not ${JSON.stringify(record[name])}` };
    }
  }
  return undefined;
}

export function isDataSource(value: unknown): value is DataSource {
  return dataSourceProblem(value) === undefined;
}
