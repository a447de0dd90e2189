/**
 * Inputs that cannot work fail the run once, at ingestion, with a non-retryable failure that names the
 * problem, and leave the store as it was; a spreadsheet export of good data is read like the original.
 * Real Temporal and MinIO; each test has a bucket of its own.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sampleDataPath } from '../../activities/ingestion.js';
import { parseMarketCsv, toCanonicalCsv } from '../../lib/market-data.js';
import { sha256Hex, type ObjectStore } from '../../lib/object-store.js';
import type { TrainingPipelineInput } from '../../workflows/pipeline-types.js';
import type { trainingPipelineWorkflow } from '../../workflows/training-pipeline.js';
import { attemptsOf, runToFailure } from './failed-run.js';
import { activityDeps, isolatedStore, withWorker } from './harness.js';

/** Uploads `body`, runs the pipeline on it, and checks the failure happened once, at ingestion, writing nothing. */
async function refuseUpload(body: string | Buffer, input: Partial<TrainingPipelineInput> = {}) {
  const store = await isolatedStore('inputs');
  await store.put('uploads/prices.csv', body);
  const before = await store.list('');
  const run = await runToFailure(activityDeps(store), {
    source: { kind: 'csv', objectKey: 'uploads/prices.csv', symbol: 'SPX' },
    ...input,
  });
  expect(run.activity.activityType).toBe('ingestData');
  expect(run.cause.nonRetryable).toBe(true);
  expect(attemptsOf(run.events, 'ingestData')).toEqual([1]);
  expect(await store.list('')).toEqual(before);
  return { ...run, label: `csv s3://${store.bucket}/uploads/prices.csv` };
}

/** `1469.250000` -> `1,469.250000`: a thousands separator in the integer part, the same number. */
const withThousands = (n: string) => n.replace(/^(\d+)/, (int) => int.replace(/\B(?=(\d{3})+$)/g, ','));

describe('pipeline inputs', () => {
  it('refuses a CSV with one data row at ingestion: InvalidDataset, one attempt, nothing written', async () => {
    const { cause, label } = await refuseUpload(
      'date,open,high,low,close,volume\n2020-01-02,3244.67,3258.14,3235.53,3257.85,3458250000\n',
    );
    expect(cause.type).toBe('InvalidDataset');
    expect(cause.message).toBe(
      `${label} has too little history: 1 row over 1 date, giving 0 dates with a known 5-day outcome; at least ` +
        '76 consecutive bars of a symbol are needed: 49 for the indicators to warm up, 22 with a known outcome ' +
        'for training, validation and holdout (5-date gaps between them), and 5 more for the last outcome',
    );
  });

  it('refuses a binary file naming the problem, not its bytes', async () => {
    const bytes = Buffer.concat([
      Buffer.from('date,open,high\n'),
      Buffer.from([0x00, 0x9c, 0xff, 0x1b, 0x07]),
    ]);
    const { cause, label } = await refuseUpload(bytes);
    expect(cause.type).toBe('InvalidDataset');
    expect(cause.message).toBe(
      `${label} is not a text CSV: found NUL bytes at offset 15 (a binary file, or text in UTF-16)`,
    );
  });

  it('names the semicolon delimiter of a European spreadsheet export', async () => {
    const { cause, label } = await refuseUpload(
      'Date;Open;High;Low;Close;Volume\r\n2020-01-02;3244,67;3258,14;3235,53;3257,85;3458250000\r\n',
    );
    expect(cause.type).toBe('InvalidDataset');
    expect(cause.message).toBe(
      `${label}: its fields are separated by semicolons (;), not commas: export it as comma-separated CSV ` +
        '(with a point as the decimal mark)',
    );
  });

  it('refuses an unknown source kind, naming it, without retrying', async () => {
    const store: ObjectStore = await isolatedStore('inputs');
    const run = await runToFailure(activityDeps(store), {
      source: { kind: 'ftp' } as unknown as TrainingPipelineInput['source'],
    });
    expect(run.activity.activityType).toBe('ingestData');
    expect(run.cause).toMatchObject({ type: 'InvalidInput', nonRetryable: true });
    expect(run.cause.message).toBe(
      'source.kind "ftp" is not a data source; known: sample, csv, synthetic, alpha-vantage',
    );
    expect(attemptsOf(run.events, 'ingestData')).toEqual([1]);
    expect(await store.list('')).toEqual([]);
  });

  it('reads an RFC 4180 spreadsheet export (BOM, CRLF, quoted thousands) as the same dataset as the original', async () => {
    // The bundled S&P 500 rows from 2014 on, as a spreadsheet saves them.
    const lines = readFileSync(sampleDataPath, 'utf8')
      .trim()
      .split('\n')
      .filter((line) => /^(201[4-9]|2020)-/.test(line));
    const exported =
      '\ufeff"Date","Open","High","Low","Close","Adj Close","Volume"\r\n' +
      lines
        .map((line) => {
          const [date, ...numbers] = line.split(',');
          return [date, ...numbers.map((n) => `"${withThousands(n)}"`)].join(',');
        })
        .join('\r\n') +
      '\r\n';
    expect(exported).toMatch(/,"\d,\d{3}\.\d+",/); // the test really has quoted thousands
    const original = parseMarketCsv(['date,open,high,low,close,adjclose,volume', ...lines].join('\n'), {
      defaultSymbol: 'SPX',
    });
    const store = await isolatedStore('inputs');
    await store.put('uploads/spx-export.csv', exported);
    const result = await withWorker(activityDeps(store), ({ taskQueue, client }) =>
      client.workflow.execute<typeof trainingPipelineWorkflow>('trainingPipelineWorkflow', {
        taskQueue,
        workflowId: `quoted-export-${Date.now()}`,
        args: [
          {
            source: { kind: 'csv', objectKey: 'uploads/spx-export.csv', symbol: 'SPX' },
            model: { nEstimators: 10, maxDepth: 4, cashflowEpochs: 2, seed: 7 },
            gate: { maxMase: 100, minDirectionalAccuracy: 0, minIntervalCoverage: 0 },
            deploy: false,
          },
        ],
      }),
    );
    expect(result.outcome).toBe('validated');
    expect(result.dataset).toMatchObject({ rows: lines.length, quarantinedRows: 0, firstDate: '2014-01-02' });
    expect(result.dataset.dataHash).toBe(sha256Hex(toCanonicalCsv(original.data)));
  });
});
