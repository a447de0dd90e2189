/**
 * Stage 1, ingestion: fetch or read the bars, validate them, and store the canonical CSV under a key
 * derived from its content hash (`datasets/<sha256>.csv`). The object is written in one PUT, so the
 * dataset exists completely or not at all; the same content is never written twice.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Config } from '../lib/config.js';
import {
  DatasetError,
  parseMarketCsv,
  toCanonicalCsv,
  type MarketData,
  type ValidationReport,
} from '../lib/market-data.js';
import { sha256Hex, type ObjectStore } from '../lib/object-store.js';
import { fetchAlphaVantageDaily } from '../lib/sources/alpha-vantage.js';
import { PackageDataUnavailableError } from '../lib/package-data.js';
import { fetchFredMacro, type MacroObservations } from '../lib/sources/fred.js';
import { loadPackageMacro } from '../lib/sources/package-macro.js';
import { MissingApiKeyError } from '../lib/sources/http-json.js';
import { generateSyntheticMarket } from '../lib/sources/synthetic.js';
import type { DataSource, DatasetRef, MacroSource } from '../workflows/pipeline-types.js';

export const sampleDataPath = resolve(
  import.meta.dirname,
  '../node_modules/vega-datasets/data/sp500-2000.csv',
);

export interface IngestDataInput {
  source: DataSource;
  range: { from?: string; to?: string };
  /** `true` is FRED (inputs recorded before macro sources had names). */
  macro: boolean | MacroSource;
}

export interface IngestionDeps {
  store: ObjectStore;
  sources: Config['sources'];
}

async function loadSource(source: DataSource, deps: IngestionDeps, range: IngestDataInput['range']) {
  const csv = (text: string, defaultSymbol: string, label: string) => ({
    ...parseMarketCsv(text, { defaultSymbol, source: label }),
    label,
  });
  switch (source.kind) {
    case 'sample':
      return csv(await readFile(sampleDataPath, 'utf8'), 'SPX', 'sample S&P 500 2000-2020 (vega-datasets)');
    case 'csv': {
      if (source.path)
        return csv(await readFile(source.path, 'utf8'), source.symbol ?? 'CSV', `csv ${source.path}`);
      if (source.objectKey) {
        const text = (await deps.store.get(source.objectKey)).toString('utf8');
        return csv(text, source.symbol ?? 'CSV', `csv s3://${deps.store.bucket}/${source.objectKey}`);
      }
      throw new DatasetError(
        'a csv source needs `path` (a file on the worker) or `objectKey` (an object in the store)',
      );
    }
    case 'synthetic': {
      const data = generateSyntheticMarket(source);
      const report: ValidationReport = {
        rowsRead: data.date.length,
        rowsKept: data.date.length,
        quarantined: [],
        warnings: [],
      };
      return { data, report, label: `synthetic ${source.symbols} symbols, seed ${source.seed}` };
    }
    case 'alpha-vantage': {
      const fetched = await fetchAlphaVantageDaily({
        ...deps.sources.alphaVantage,
        symbols: source.symbols,
        ...range,
      });
      // Re-validate what the service sent through the same rules as any CSV.
      return csv(
        toCanonicalCsv(fetched),
        source.symbols[0] ?? 'AV',
        `alpha-vantage ${source.symbols.join(',')}`,
      );
    }
  }
}

function inRange(data: MarketData, range: IngestDataInput['range']): MarketData {
  if (!range.from && !range.to) return data;
  const keep = data.date.flatMap((d, i) =>
    (!range.from || d >= range.from) && (!range.to || d <= range.to) ? [i] : [],
  );
  const pick = (a: Float64Array) => Float64Array.from(keep, (i) => a[i]!);
  return {
    date: keep.map((i) => data.date[i]!),
    symbol: keep.map((i) => data.symbol[i]!),
    open: pick(data.open),
    high: pick(data.high),
    low: pick(data.low),
    close: pick(data.close),
    volume: pick(data.volume),
  };
}

export function createIngestionActivities(deps: IngestionDeps) {
  async function loadMacro(source: MacroSource, from: string): Promise<MacroObservations> {
    try {
      if (source === 'fred')
        return { ...(await fetchFredMacro({ ...deps.sources.fred, from })), source: 'FRED' };
      return await loadPackageMacro(deps.sources.packageDataDir, source);
    } catch (err) {
      // A missing key or uninstalled data needs the user to act: retrying cannot help.
      if (err instanceof MissingApiKeyError)
        throw ApplicationFailure.nonRetryable(err.message, 'MissingApiKey');
      if (err instanceof PackageDataUnavailableError)
        throw ApplicationFailure.nonRetryable(err.message, 'MacroDataUnavailable');
      throw err;
    }
  }

  return {
    async ingestData(input: IngestDataInput): Promise<DatasetRef> {
      let loaded;
      try {
        loaded = await loadSource(input.source, deps, input.range);
      } catch (err) {
        // The data or the request is wrong: retrying cannot help, the user has to act.
        if (err instanceof DatasetError) throw ApplicationFailure.nonRetryable(err.message, 'InvalidDataset');
        if (err instanceof MissingApiKeyError)
          throw ApplicationFailure.nonRetryable(err.message, 'MissingApiKey');
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
          throw ApplicationFailure.nonRetryable(
            `file not found on the worker: ${(err as NodeJS.ErrnoException).path}`,
            'InvalidDataset',
          );
        }
        throw err;
      }
      const data = inRange(loaded.data, input.range);
      if (data.date.length === 0) {
        throw ApplicationFailure.nonRetryable(
          `no rows between ${input.range.from ?? 'the start'} and ${input.range.to ?? 'the end'} in ${loaded.label}`,
          'InvalidDataset',
        );
      }
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
    },
  };
}
