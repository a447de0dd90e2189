/**
 * Alpha Vantage FX_DAILY against a local Alpha Vantage (test/support/fake-alpha-vantage.ts): the fixture's
 * k-th weekday from 2024-01-01 closes at base + step × k, so the numbers below follow from that rule. Every
 * answer is HTTP 200, so rate-limit notices must be told from data by their wording.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { prepareSeries } from '../../../../lib/market-flow/series.js';
import { alphaVantageFreeLimits } from '../../../../lib/sources/alpha-vantage-answer.js';
import { fetchAlphaVantageFxDaily, fxToMarketSeries } from '../../../../lib/sources/alpha-vantage-fx.js';
import { CallBudget } from '../../../../lib/sources/call-budget.js';
import { MissingApiKeyError } from '../../../../lib/sources/http-json.js';
import {
  SourceAnswerError,
  SourceQuotaExhaustedError,
  SourceRateLimitedError,
  SourceRefusedError,
} from '../../../../lib/sources/source-errors.js';
import { fakeClock } from '../../../support/fake-clock.js';
import { startFakeAlphaVantage, type FakeAlphaVantage } from '../../../support/fake-alpha-vantage.js';

const apiKey = 'av-test-key';
let fake: FakeAlphaVantage | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function setUp(perDay?: number) {
  const clock = fakeClock();
  fake = await startFakeAlphaVantage({ apiKey, now: clock.now, ...(perDay ? { perDay } : {}) });
  return {
    clock,
    fake,
    fetchFx: (pairs: string[], extra = {}) =>
      fetchAlphaVantageFxDaily({ pairs, apiKey, baseUrl: fake!.url, ...extra }),
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

describe('Alpha Vantage FX_DAILY', () => {
  it('reads the latest 100 days (compact) in ascending order, sending the documented parameters', async () => {
    const { fetchFx, fake } = await setUp();
    const [eurusd] = await fetchFx(['eur/usd'], { outputsize: 'compact' });
    expect(eurusd!.pair).toBe('EUR/USD');
    expect(eurusd!.dates).toHaveLength(100);
    // Weekdays 50..149 of the fixture: Monday 2024-03-11 to Friday 2024-07-26.
    expect([eurusd!.dates[0], eurusd!.dates.at(-1)]).toEqual(['2024-03-11', '2024-07-26']);
    expect(eurusd!.close[0]).toBeCloseTo(1.15, 10);
    expect(eurusd!.close[99]).toBeCloseTo(1.249, 10);
    expect(eurusd!.high[99]).toBeCloseTo(1.25, 10);
    expect(eurusd!.lastRefreshed).toBe('2024-07-26');
    expect(Object.fromEntries(fake.requests[0]!.searchParams)).toEqual({
      function: 'FX_DAILY',
      from_symbol: 'EUR',
      to_symbol: 'USD',
      outputsize: 'compact',
      datatype: 'json',
      apikey: apiKey,
    });
  });

  it('filters the full history by date and becomes a market-flow price series', async () => {
    const { fetchFx } = await setUp();
    const [eurusd, usdjpy] = await fetchFx(['EUR/USD', 'USD/JPY'], { from: '2024-01-01', to: '2024-01-05' });
    expect(eurusd!.dates).toEqual(['2024-01-01', '2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05']);
    expect(Array.from(usdjpy!.close)).toEqual([140, 140.1, 140.2, 140.3, 140.4]);
    const series = fxToMarketSeries(eurusd!);
    expect(series).toMatchObject({
      id: 'fx-eurusd',
      kind: 'price',
      source: { kind: 'real', name: 'Alpha Vantage FX_DAILY EUR/USD close (2024-01-01..2024-01-05)' },
    });
    expect(prepareSeries(series).frequency).toBe('daily');
  });
});

describe('Alpha Vantage notices, errors and limits', () => {
  it('recognises the per-minute note and the burst notice as rate limiting, not data', async () => {
    const { fetchFx } = await setUp();
    const minute = await failure(fetchFx(['LIM/USD']));
    expect(minute).toBeInstanceOf(SourceRateLimitedError);
    expect(minute).not.toBeInstanceOf(SourceQuotaExhaustedError);
    expect(minute.message).toMatch(
      /^Alpha Vantage refused FX_DAILY LIM\/USD: Thank you .*5 calls per minute.*\(rate limited: no data in this answer\)$/,
    );
    const burst = await failure(fetchFx(['BST/USD']));
    expect(burst).toBeInstanceOf(SourceRateLimitedError);
    expect(burst.message).toMatch(/1 request per second/);
  });

  it('recognises the daily notice as a spent quota', async () => {
    const { fetchFx } = await setUp(1);
    await fetchFx(['EUR/USD']);
    const err = await failure(fetchFx(['EUR/USD']));
    expect(err).toBeInstanceOf(SourceQuotaExhaustedError);
    expect(err.message).toMatch(/rate limit is 25 requests per day/);
  });

  it('an invalid call and a wrong key are refusals; the key one names the variable', async () => {
    const { fake } = await setUp();
    const unknown = await failure(
      fetchAlphaVantageFxDaily({ pairs: ['XXX/USD'], apiKey, baseUrl: fake.url }),
    );
    expect(unknown).toBeInstanceOf(SourceRefusedError);
    expect(unknown.message).toMatch(/^Alpha Vantage refused FX_DAILY XXX\/USD: Invalid API call/);
    const wrongKey = await failure(
      fetchAlphaVantageFxDaily({ pairs: ['EUR/USD'], apiKey: 'nope', baseUrl: fake.url }),
    );
    expect(wrongKey.message).toMatch(/apikey is invalid or missing.*\(check ALPHA_VANTAGE_API_KEY\)$/);
  });

  it('refuses a missing key and a malformed pair before any call', async () => {
    const { fake } = await setUp();
    await expect(fetchAlphaVantageFxDaily({ pairs: ['EUR/USD'], baseUrl: fake.url })).rejects.toThrow(
      MissingApiKeyError,
    );
    await expect(fetchAlphaVantageFxDaily({ pairs: ['EURUSD'], apiKey, baseUrl: fake.url })).rejects.toThrow(
      '"EURUSD" is not a currency pair like EUR/USD',
    );
    expect(fake.requests).toHaveLength(0);
  });

  it('a body that is not JSON or a rate that is not a number is a malformed answer naming the service', async () => {
    const { fetchFx } = await setUp();
    const html = await failure(fetchFx(['HTM/USD']));
    expect(html).toBeInstanceOf(SourceAnswerError);
    expect(html.message).toMatch(
      /^Alpha Vantage answered FX_DAILY for HTM\/USD in an unexpected format: the body is not JSON: "<html>/,
    );
    await expect(fetchFx(['BAD/USD'])).rejects.toThrow(
      /2024-\d\d-\d\d "4\. close" is "abc", not a positive rate/,
    );
  });

  it("a budget with the free key's limits spaces calls 12 s apart and stops at 25 a day, before the service does", async () => {
    const { fake, clock } = await setUp();
    const budget = new CallBudget('Alpha Vantage', alphaVantageFreeLimits, clock);
    const fetchOne = () =>
      fetchAlphaVantageFxDaily({
        pairs: ['EUR/USD'],
        apiKey,
        baseUrl: fake.url,
        outputsize: 'compact',
        budget,
      });
    for (let i = 0; i < 25; i++) await fetchOne();
    const err = await failure(fetchOne());
    expect(err).toBeInstanceOf(SourceQuotaExhaustedError);
    expect(err.message).toMatch(/^Alpha Vantage: the day's quota of 25 calls is spent/);
    expect(clock.sleeps).toEqual(Array(24).fill(12_000));
    expect(fake.requests).toHaveLength(25);
  });
});
