/**
 * The Twelve Data REST client against a local Twelve Data (test/support/fake-twelve-data.ts) that keeps the
 * free tier's limits on the same fake clock as the client: the waits are checked as numbers (60 s / 8 =
 * 7.5 s between calls), never measured.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { RiskInputError } from '../../../../lib/risk/errors.js';
import { MissingApiKeyError } from '../../../../lib/sources/http-json.js';
import {
  SourceAnswerError,
  SourceQuotaExhaustedError,
  SourceRateLimitedError,
  SourceRefusedError,
  SourceUnavailableError,
} from '../../../../lib/sources/source-errors.js';
import {
  createTwelveDataClient,
  type TwelveDataInterval,
  type TwelveDataOptions,
} from '../../../../lib/sources/twelve-data.js';
import { fakeClock } from '../../../support/fake-clock.js';
import {
  startFakeTwelveData,
  type FakeTwelveData,
  type FakeTwelveDataOptions,
} from '../../../support/fake-twelve-data.js';

const apiKey = 'td-test-key';
let fake: FakeTwelveData | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function setUp(server: Partial<FakeTwelveDataOptions> = {}, client: TwelveDataOptions = {}) {
  const clock = fakeClock();
  fake = await startFakeTwelveData({ apiKey, now: clock.now, ...server });
  const td = createTwelveDataClient({ apiKey, baseUrl: fake.url, timing: clock, ...client });
  return { clock, td, fake };
}

const failure = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected the call to fail');
};

describe('Twelve Data answers', () => {
  it('reads time_series into ascending bars, sending symbol, exchange, interval and key', async () => {
    const { td, fake } = await setUp();
    const series = await td.timeSeries('aapl:nasdaq', { outputsize: 5 });
    expect(series.instrument).toBe('AAPL:NASDAQ');
    expect(series.datetimes).toEqual(['2024-02-26', '2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01']);
    // The fixture's close is 180 + (bars from the end): 185 on the newest day.
    expect(Array.from(series.close)).toEqual([181, 182, 183, 184, 185]);
    expect(Array.from(series.volume)).toEqual([1_000_004, 1_000_003, 1_000_002, 1_000_001, 1_000_000]);
    expect(series).toMatchObject({ interval: '1day', currency: 'USD', exchangeTimezone: 'America/New_York' });
    expect(Object.fromEntries(fake.requests[0]!.searchParams)).toEqual({
      symbol: 'AAPL',
      exchange: 'NASDAQ',
      interval: '1day',
      outputsize: '5',
      apikey: '***',
    });
  });

  it('reads a quote, timestamps in milliseconds', async () => {
    const { td } = await setUp();
    const quote = await td.quote('MSFT:NASDAQ');
    expect(quote).toMatchObject({
      instrument: 'MSFT:NASDAQ',
      name: 'MSFT Inc',
      currency: 'USD',
      datetime: '2024-03-01',
      timestamp: 1_709_269_200_000,
      open: 401,
      high: 403,
      low: 400,
      close: 402,
      volume: 5_000_000,
      previousClose: 401,
      change: 1,
      isMarketOpen: false,
    });
  });

  it('refuses an id that is not symbol:exchange before calling', async () => {
    const { td, fake } = await setUp();
    await expect(td.quote('AAPL')).rejects.toThrow(RiskInputError);
    expect(fake.requests).toHaveLength(0);
  });
});

describe.each([false, true])('Twelve Data error bodies (sent with HTTP 200: %s)', (errorsWithHttp200) => {
  it('a wrong key is a refusal naming the variable, quoting the service', async () => {
    const { fake } = await setUp({ errorsWithHttp200 });
    const td = createTwelveDataClient({ apiKey: 'wrong', baseUrl: fake.url, timing: fakeClock() });
    const err = await failure(td.quote('AAPL:NASDAQ'));
    expect(err).toBeInstanceOf(SourceRefusedError);
    expect((err as SourceRefusedError).code).toBe(401);
    expect(err.message).toMatch(
      /answered 401 to quote for AAPL:NASDAQ: "\*\*apikey\*\* parameter is incorrect/,
    );
    expect(err.message).toMatch(/check TWELVE_DATA_API_KEY/);
  });

  it('an unknown symbol, a symbol on another exchange and a bad parameter are refusals with their codes', async () => {
    const { td } = await setUp({ errorsWithHttp200 });
    const unknown = await failure(td.timeSeries('NOPE:NASDAQ'));
    expect(unknown).toBeInstanceOf(SourceRefusedError);
    expect(unknown.message).toMatch(
      /answered 404 to time_series for NOPE:NASDAQ: "\*\*symbol\*\* not found: NOPE/,
    );
    expect(await failure(td.quote('AAPL:NYSE'))).toMatchObject({ code: 404 });
    const badInterval = await failure(
      td.timeSeries('AAPL:NASDAQ', { interval: '7min' as TwelveDataInterval }),
    );
    expect(badInterval).toMatchObject({ code: 400, retryable: false });
    expect(badInterval.message).toMatch(/\*\*interval\*\* is not supported: 7min/);
  });

  it('a 500 error body is the service being unavailable, retryable', async () => {
    const { td } = await setUp({ errorsWithHttp200 });
    const err = await failure(td.quote('DOWN:NASDAQ'));
    expect(err).toBeInstanceOf(SourceUnavailableError);
    expect(err.message).toMatch(/answered 500 to quote for DOWN:NASDAQ: "Internal server error/);
  });
});

describe('Twelve Data free-tier limits', () => {
  it('spaces calls 7.5 s apart, so 20 calls never meet the 8-a-minute limit', async () => {
    const { td, clock, fake } = await setUp({}, { cacheMs: { quote: 0 } });
    for (let i = 0; i < 20; i++) await td.quote(i % 2 ? 'AAPL:NASDAQ' : 'MSFT:NASDAQ');
    expect(fake.requests).toHaveLength(20);
    expect(clock.sleeps).toEqual(Array(19).fill(7_500));
    expect(td.usage()).toMatchObject({ usedToday: 20, perDay: 800, perMinute: 8 });
  });

  it('caches answers for their TTL: a repeated question costs no call and no wait', async () => {
    const { td, clock, fake } = await setUp();
    const [a, b] = await Promise.all([td.quote('AAPL:NASDAQ'), td.quote('AAPL:NASDAQ')]);
    expect(b).toBe(a);
    await td.timeSeries('AAPL:NASDAQ', { outputsize: 3 });
    await td.timeSeries('AAPL:NASDAQ', { outputsize: 3 });
    expect(fake.requests.map((r) => r.pathname)).toEqual(['/quote', '/time_series']);
    clock.advance(60_001); // past the quote's 60 s
    await td.quote('AAPL:NASDAQ');
    await td.timeSeries('AAPL:NASDAQ', { outputsize: 3 }); // still within its 15 minutes
    expect(fake.requests).toHaveLength(3);
  });

  it("counts the day's 800 credits and refuses the 801st locally, saying when the day resets", async () => {
    const { td, fake } = await setUp({}, { cacheMs: { quote: 0 } });
    for (let i = 0; i < 800; i++) await td.quote('AAPL:NASDAQ');
    const err = await failure(td.quote('AAPL:NASDAQ'));
    expect(err).toBeInstanceOf(SourceQuotaExhaustedError);
    // 800 calls 7.5 s apart from 14:30 UTC end at 16:09:52; midnight is 7.8 h later.
    expect(err.message).toBe(
      "Twelve Data: the day's quota of 800 calls is spent (800 counted here since 00:00 UTC); it resets at " +
        '2024-03-05T00:00:00Z (in 7.8 h), and no call is made before then',
    );
    expect((err as SourceQuotaExhaustedError).retryAt).toEqual(new Date('2024-03-05T00:00:00Z'));
    expect(fake.requests).toHaveLength(800);
  });

  it('the quota counts again from midnight UTC', async () => {
    const { td, clock } = await setUp({}, { cacheMs: { quote: 0 }, limits: { perMinute: 8, perDay: 2 } });
    await td.quote('AAPL:NASDAQ');
    await td.quote('AAPL:NASDAQ');
    await expect(td.quote('AAPL:NASDAQ')).rejects.toThrow(SourceQuotaExhaustedError);
    clock.advance(10 * 3_600_000);
    await expect(td.quote('AAPL:NASDAQ')).resolves.toMatchObject({ close: 182 });
    expect(td.usage()).toMatchObject({ usedToday: 1, dayResetsAt: '2024-03-06T00:00:00Z' });
  });

  it("the service's per-minute 429 stops calls until the next minute, then they resume", async () => {
    // A client configured above the real limit meets the service's own 429.
    const { td, clock, fake } = await setUp(
      {},
      { cacheMs: { quote: 0 }, limits: { perMinute: 100, burst: 100 } },
    );
    for (let i = 0; i < 8; i++) await td.quote('AAPL:NASDAQ');
    const err = await failure(td.quote('AAPL:NASDAQ'));
    expect(err).toBeInstanceOf(SourceRateLimitedError);
    expect(err.message).toMatch(
      /answered 429 .*run out of API credits for the current minute.*calls resume at 2024-03-04T14:31:00Z/,
    );
    expect((err as SourceRateLimitedError).retryAt).toEqual(new Date('2024-03-04T14:31:00Z'));
    await td.quote('AAPL:NASDAQ'); // waits for 14:31 instead of sending at once
    expect(clock.sleeps).toEqual([60_000]);
    expect(fake.requests).toHaveLength(10);
  });

  it("the service's daily 429 is a spent quota: refused until midnight, nothing more is sent", async () => {
    const { td, fake } = await setUp({ perDay: 2 }, { cacheMs: { quote: 0 } });
    await td.quote('AAPL:NASDAQ');
    await td.quote('AAPL:NASDAQ');
    const err = await failure(td.quote('AAPL:NASDAQ'));
    expect(err).toBeInstanceOf(SourceQuotaExhaustedError);
    expect(err.message).toMatch(/run out of API credits for the day.*reset at 2024-03-05T00:00:00Z/);
    const again = await failure(td.quote('MSFT:NASDAQ'));
    expect(again).toBeInstanceOf(SourceQuotaExhaustedError);
    expect(again.message).toMatch(/resets at 2024-03-05T00:00:00Z/);
    expect(fake.requests).toHaveLength(3);
  });

  it('refuses a wait longer than it is allowed to block, with the time the call could go', async () => {
    const { td } = await setUp({}, { cacheMs: { quote: 0 }, limits: { perMinute: 1, maxWaitMs: 5_000 } });
    await td.quote('AAPL:NASDAQ');
    const err = await failure(td.quote('AAPL:NASDAQ'));
    expect(err).toBeInstanceOf(SourceRateLimitedError);
    expect(err.message).toMatch(
      /1 calls a minute are allowed.*next call may go at 2024-03-04T14:31:00Z, 60 s from now/,
    );
  });
});

describe('Twelve Data without a key, a server or a sane answer', () => {
  it('names the environment variable when the key is missing, and sends nothing', async () => {
    const { fake } = await setUp();
    const td = createTwelveDataClient({ baseUrl: fake.url, timing: fakeClock() });
    await expect(td.quote('AAPL:NASDAQ')).rejects.toThrow(MissingApiKeyError);
    await expect(td.timeSeries('AAPL:NASDAQ')).rejects.toThrow(/set TWELVE_DATA_API_KEY/);
    expect(fake.requests).toHaveLength(0);
  });

  it('an answer that is not JSON, or a price that is not a number, is a malformed answer naming the service', async () => {
    const { td } = await setUp();
    const html = await failure(td.quote('BADJSON:NASDAQ'));
    expect(html).toBeInstanceOf(SourceAnswerError);
    expect(html.message).toMatch(
      /^Twelve Data answered quote for BADJSON:NASDAQ in an unexpected format: the body is not a JSON object: "<html>/,
    );
    await expect(td.quote('BADNUM:NASDAQ')).rejects.toThrow(/"close" is "n\/a", not a number/);
    await expect(td.timeSeries('BADNUM:NASDAQ')).rejects.toThrow(
      /values\[\d+\] \(2024-03-01\): "close" is "n\/a"/,
    );
  });

  it('a server that does not answer is unavailable, retryable', async () => {
    const { fake: stopped } = await setUp();
    await stopped.close();
    fake = undefined;
    const td = createTwelveDataClient({ apiKey, baseUrl: stopped.url, timing: fakeClock() });
    const err = await failure(td.quote('AAPL:NASDAQ'));
    expect(err).toBeInstanceOf(SourceUnavailableError);
    expect(err.message).toMatch(/^Twelve Data at http:\/\/127\.0\.0\.1:\d+ did not answer/);
  });
});
