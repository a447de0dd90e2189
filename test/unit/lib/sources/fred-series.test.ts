/**
 * FRED series for the market-flow views against a local FRED (test/support/fake-fred.ts): yields as rates,
 * the dollar index as a level, FRED's error bodies, its 120-a-minute limit.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { prepareSeries } from '../../../../lib/market-flow/series.js';
import { CallBudget } from '../../../../lib/sources/call-budget.js';
import { fetchFredSeries } from '../../../../lib/sources/fred.js';
import { fredToMarketSeries } from '../../../../lib/sources/fred-series.js';
import { MissingApiKeyError } from '../../../../lib/sources/http-json.js';
import {
  SourceAnswerError,
  SourceRateLimitedError,
  SourceRefusedError,
  SourceUnavailableError,
} from '../../../../lib/sources/source-errors.js';
import { fakeClock } from '../../../support/fake-clock.js';
import { startFakeFred, type FakeFred } from '../../../support/fake-fred.js';

const apiKey = 'fred-test-key';
let fake: FakeFred | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function setUp(perMinute?: number) {
  const clock = fakeClock();
  fake = await startFakeFred({ apiKey, now: clock.now, ...(perMinute ? { perMinute } : {}) });
  return {
    clock,
    fake,
    fetch: (seriesIds: string[], extra = {}) =>
      fetchFredSeries({ seriesIds, apiKey, baseUrl: fake!.url, ...extra }),
  };
}

const failure = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected the call to fail');
};

describe('FRED series', () => {
  it('reads yields and the dollar index, skipping "." and sending the documented parameters', async () => {
    const { fetch, fake } = await setUp();
    const byId = await fetch(['DGS10', 'DTWEXBGS'], { from: '2024-01-02' });
    expect(byId.DGS10).toEqual([
      { date: '2024-01-02', value: 3.95 },
      { date: '2024-01-03', value: 3.91 },
      { date: '2024-01-04', value: 3.99 },
    ]);
    expect(byId.DTWEXBGS).toEqual([
      { date: '2024-01-02', value: 119.7219 },
      { date: '2024-01-03', value: 120.1106 },
    ]);
    expect(Object.fromEntries(fake.requests[0]!.searchParams)).toEqual({
      series_id: 'DGS10',
      api_key: apiKey,
      file_type: 'json',
      observation_start: '2024-01-02',
    });
  });

  it('labels yields as rates and the dollar index as a level, with the source and range', async () => {
    const { fetch } = await setUp();
    const byId = await fetch(['DGS10', 'DTWEXBGS']);
    const tenYear = fredToMarketSeries('us-10y', 'DGS10', byId.DGS10!);
    expect(tenYear).toMatchObject({
      kind: 'rate',
      dates: ['2024-01-02', '2024-01-03', '2024-01-04'],
      source: {
        kind: 'real',
        name: 'FRED DGS10: 10-year Treasury constant-maturity yield, percent, daily (2024-01-02..2024-01-04)',
      },
    });
    expect(Array.from(tenYear.values)).toEqual([3.95, 3.91, 3.99]);
    expect(fredToMarketSeries('usd', 'DTWEXBGS', byId.DTWEXBGS!).kind).toBe('price');
    expect(prepareSeries(tenYear).kind).toBe('rate');
  });
});

describe('FRED errors and limits', () => {
  it("quotes FRED's error body for an unknown series and a wrong key", async () => {
    const { fetch, fake } = await setUp();
    const unknown = await failure(fetch(['NOPE']));
    expect(unknown).toBeInstanceOf(SourceRefusedError);
    expect(unknown).toMatchObject({ code: 400 });
    expect(unknown.message).toBe('FRED refused NOPE: Bad Request.  The series does not exist.');
    const wrongKey = await failure(fetchFredSeries({ seriesIds: ['DGS10'], apiKey: 'x', baseUrl: fake.url }));
    expect(wrongKey.message).toMatch(/api_key is not registered.*\(check FRED_API_KEY\)$/);
  });

  it('a 429 is rate limiting; a budget of 120 a minute keeps calls from meeting it', async () => {
    const { fetch, clock } = await setUp(2);
    await fetch(['DGS10', 'DGS2']);
    const err = await failure(fetch(['DGS10']));
    expect(err).toBeInstanceOf(SourceRateLimitedError);
    expect(err.message).toBe(
      'FRED refused DGS10: Too Many Requests.  Exceeded Rate Limit (FRED allows 120 requests a minute)',
    );
    clock.advance(60_000);
    const budget = new CallBudget('FRED', { perMinute: 2 }, clock);
    await fetch(['DGS10', 'DGS2', 'DTWEXBGS', 'VIXCLS'], { budget });
    expect(clock.sleeps).toEqual([30_000, 30_000, 30_000]);
  });

  it('an HTML page, an answer without observations, a 500 and a missing key are each named', async () => {
    const { fetch, fake } = await setUp();
    await expect(fetch(['GARBLED'])).rejects.toThrow(SourceAnswerError);
    await expect(fetch(['GARBLED'])).rejects.toThrow(
      /^FRED answered for GARBLED without "observations": "<html>/,
    );
    await expect(fetch(['DOWN'])).rejects.toThrow(SourceUnavailableError);
    await expect(fetchFredSeries({ seriesIds: ['DGS10'], baseUrl: fake.url })).rejects.toThrow(
      MissingApiKeyError,
    );
  });
});
