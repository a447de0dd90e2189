/**
 * Stage 1, ingestion: fetch or read the bars, validate them, and store the canonical CSV under a key
 * derived from its content hash (`datasets/<sha256>.csv`). The object is written in one PUT, so the
 * dataset exists completely or not at all; the same content is never written twice.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Context } from '@temporalio/activity';
import type { Config } from '../lib/config.js';
import { decodeCsvText } from '../lib/csv-text.js';
import { dataSourceKinds, type DataSource } from '../lib/data-source.js';
import { DatasetError } from '../lib/dataset-error.js';
import { assertEnoughHistory, type SplitSettings } from '../lib/enough-history.js';
import { AppError } from '../lib/errors.js';
import { parseMarketCsv, selectRows, toCanonicalCsv, type MarketData } from '../lib/market-data.js';
import { validateMarketData } from '../lib/market-validation.js';
import { sha256Hex, type ObjectStore } from '../lib/object-store.js';
import { fetchAlphaVantageDaily } from '../lib/sources/alpha-vantage.js';
import { fetchFredMacro, type MacroObservations } from '../lib/sources/fred.js';
import { loadPackageMacro, type PackageMacroSource } from '../lib/sources/package-macro.js';
import { generateSyntheticMarket } from '../lib/sources/synthetic.js';
import { failingFastOnBadInput } from './failures.js';

export type { DataSource };

/**
 * Where the macro fields come from: `fred` (all three, FRED_API_KEY), or a package's data offline
 * (`arch`: VIX 2014-2018 only; treasury_10y and dollar_index have no offline source and stay FRED-only).
 */
export type MacroSource = 'fred' | PackageMacroSource;

export const sampleDataPath = resolve(
  import.meta.dirname,
  '../node_modules/vega-datasets/data/sp500-2000.csv',
);

export interface IngestDataInput {
  source: DataSource;
  range: { from?: string; to?: string };
  /** `true` is FRED (inputs recorded before macro sources had names). */
  macro: boolean | MacroSource;
  /** The splits the run will make: data too short for them is refused here, before anything is stored. */
  history?: SplitSettings;
}

/** The stored dataset: what the later stages read, by reference. */
export interface DatasetRef {
  key: string;
  dataHash: string;
  rows: number;
  symbols: string[];
  firstDate: string;
  lastDate: string;
  quarantinedRows: number;
  quarantineKey?: string;
  macroKey?: string;
  /** True when the same content was already stored: nothing was written. */
  reused: boolean;
  sourceLabel: string;
}

export interface IngestionDeps {
  store: ObjectStore;
  sources: Config['sources'];
}

/** A file on the worker's disk; a missing file or a folder is the request's fault, not the worker's. */
async function readWorkerFile(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new DatasetError(`file not found on the worker: ${path}`);
    if (code === 'EISDIR') throw new DatasetError(`${path} is a folder on the worker, not a CSV file`);
    throw err;
  }
}

async function loadSource(source: DataSource, deps: IngestionDeps, range: IngestDataInput['range']) {
  const csv = (bytes: Uint8Array, defaultSymbol: string, label: string) => ({
    ...parseMarketCsv(decodeCsvText(bytes, label), { defaultSymbol, source: label }),
    label,
  });
  switch (source.kind) {
    case 'sample':
      return csv(await readFile(sampleDataPath), 'SPX', 'sample S&P 500 2000-2020 (vega-datasets)');
    case 'csv': {
      if (source.path)
        return csv(await readWorkerFile(source.path), source.symbol ?? 'CSV', `csv ${source.path}`);
      if (source.objectKey) {
        const label = `csv s3://${deps.store.bucket}/${source.objectKey}`;
        return csv(await deps.store.get(source.objectKey), source.symbol ?? 'CSV', label);
      }
      throw new DatasetError(
        'a csv source needs `path` (a file on the worker) or `objectKey` (an object in the store)',
      );
    }
    case 'synthetic': {
      const label = `synthetic ${source.symbols} symbols, seed ${source.seed}`;
      // Valid by construction, and checked by the same rules as any CSV all the same: what is stored is
      // exactly what the features stage will read back.
      return { ...validateMarketData(generateSyntheticMarket(source), { source: label }), label };
    }
    case 'alpha-vantage': {
      const fetched = await fetchAlphaVantageDaily({
        ...deps.sources.alphaVantage,
        symbols: source.symbols,
        ...range,
      });
      // Re-validate what the service sent through the same rules as any CSV.
      return csv(
        Buffer.from(toCanonicalCsv(fetched)),
        source.symbols[0] ?? 'AV',
        `alpha-vantage ${source.symbols.join(',')}`,
      );
    }
    default: {
      // A source given as JSON (the Temporal UI, a schedule) may name a kind no branch knows.
      const kind = JSON.stringify((source as { kind?: unknown }).kind);
      throw new AppError(
        'INVALID_INPUT',
        `source.kind ${kind} is not a data source; known: ${dataSourceKinds.join(', ')}`,
        { field: 'source.kind' },
      );
    }
  }
}

function inRange(data: MarketData, range: IngestDataInput['range']): MarketData {
  if (!range.from && !range.to) return data;
  const keep = data.date.flatMap((d, i) =>
    (!range.from || d >= range.from) && (!range.to || d <= range.to) ? [i] : [],
  );
  return selectRows(data, keep);
}

export function createIngestionActivities(deps: IngestionDeps) {
  // A missing key or uninstalled package data fails the run at once (activities/failures.ts).
  async function loadMacro(source: MacroSource, from: string): Promise<MacroObservations> {
    if (source === 'fred')
      return { ...(await fetchFredMacro({ ...deps.sources.fred, from })), source: 'FRED' };
    return loadPackageMacro(deps.sources.packageDataDir, source);
  }

  return {
    ingestData: failingFastOnBadInput(async (input: IngestDataInput): Promise<DatasetRef> => {
      const loaded = await loadSource(input.source, deps, input.range);
      const data = inRange(loaded.data, input.range);
      if (data.date.length === 0) {
        throw new DatasetError(
          `no rows between ${input.range.from ?? 'the start'} and ${input.range.to ?? 'the end'} in ${loaded.label}`,
        );
      }
      if (input.history) assertEnoughHistory(data, input.history, loaded.label);
      Context.current().heartbeat({ stage: 'validated', rows: data.date.length });

      let macroKey: string | undefined;
      let macroLabel = '';
      const macroSource = input.macro === true ? 'fred' : input.macro;
      if (macroSource) {
        const from = data.date.reduce((a, b) => (a < b ? a : b));
        const macro = await loadMacro(macroSource, from);
        const body = JSON.stringify(macro);
        macroKey = `datasets/macro-${sha256Hex(body)}.json`;
        macroLabel = ` + macro ${Object.keys(macro.series).join(', ')} from ${macro.source ?? macroSource}`;
        if (!(await deps.store.exists(macroKey)))
          await deps.store.put(macroKey, body, { 'Content-Type': 'application/json' });
      }
      const canonical = toCanonicalCsv(data);
      const dataHash = sha256Hex(canonical);
      const key = `datasets/${dataHash}.csv`;
      const reused = await deps.store.exists(key);
      let quarantineKey: string | undefined;
      if (loaded.report.quarantined.length > 0 || loaded.report.warnings.length > 0) {
        quarantineKey = `datasets/${dataHash}.quarantine.json`;
        await deps.store.put(
          quarantineKey,
          JSON.stringify({ source: loaded.label, ...loaded.report }, null, 2),
          {
            'Content-Type': 'application/json',
          },
        );
      }
      // The dataset is the last write: whoever finds it finds its quarantine report too.
      if (!reused) await deps.store.put(key, canonical, { 'Content-Type': 'text/csv' });
      const symbols = [...new Set(data.symbol)];
      return {
        key,
        dataHash,
        rows: data.date.length,
        symbols: symbols.length > 20 ? [...symbols.slice(0, 20), `... ${symbols.length} in all`] : symbols,
        firstDate: data.date.reduce((a, b) => (a < b ? a : b)),
        lastDate: data.date.reduce((a, b) => (a > b ? a : b)),
        quarantinedRows: loaded.report.quarantined.length,
        ...(quarantineKey ? { quarantineKey } : {}),
        ...(macroKey ? { macroKey } : {}),
        reused,
        sourceLabel: `${loaded.label}${macroLabel}`,
      };
    }),
  };
}
