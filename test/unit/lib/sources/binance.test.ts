/**
 * The Binance klines client against a local Binance (test/support/fake-binance.ts) on the same fake clock:
 * the fixture's k-th kline opens k intervals after 2024-01-01 and closes at base + step × k, so every
 * number below is worked out from that rule.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { prepareSeries } from '../../../../lib/market-flow/series.js';
import {
  createBinanceClient,
  klinesToMarketSeries,
  type BinanceOptions,
} from '../../../../lib/sources/binance.js';
import {
  SourceAnswerError,
  SourceRateLimitedError,
  SourceRefusedError,
  SourceUnavailableError,
} from '../../../../lib/sources/source-errors.js';
import { fakeClock } from '../../../support/fake-clock.js';
import {
  startFakeBinance,
  type FakeBinance,
  type FakeBinanceOptions,
} from '../../../support/fake-binance.js';

let fake: FakeBinance | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function setUp(server: FakeBinanceOptions = {}, client: BinanceOptions = {}) {
  const clock = fakeClock(); // 2024-03-04 14:30 UTC: 63 whole days after the listing
  fake = await startFakeBinance({ now: clock.now, ...server });
  return { clock, fake, client: createBinanceClient({ baseUrl: fake.url, timing: clock, ...client }) };
}

const failure = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected the call to fail');
};

const day = 86_400_000;

describe('Binance klines', () => {
  it('reads the most recent klines of the documented 12-field rows', async () => {
    const { client, fake } = await setUp();
    const klines = await client.klines({ symbol: 'BTCUSDT', interval: '1d', limit: 3 });
    expect(klines.map((k) => new Date(k.openTime).toISOString().slice(0, 10))).toEqual([
      '2024-03-02',
      '2024-03-03',
      '2024-03-04',
    ]);
    expect(klines.map((k) => k.close)).toEqual([40_610, 40_620, 40_630]);
    expect(klines[2]).toEqual({
      openTime: Date.UTC(2024, 2, 4),
      open: 40_625,
      high: 40_640,
      low: 40_620,
      close: 40_630,
      volume: 12.5,
      closeTime: Date.UTC(2024, 2, 4) + day - 1,
      quoteVolume: 12.5 * 40_630,
      trades: 163,
      takerBuyBaseVolume: 6.25,
      takerBuyQuoteVolume: 6.25 * 40_630,
    });
    expect(Object.fromEntries(fake.requests[0]!.searchParams)).toEqual({
      symbol: 'BTCUSDT',
      interval: '1d',
      limit: '3',
    });
  });

  it('selects by startTime and endTime', async () => {
    const { client } = await setUp();
    const klines = await client.klines({
      symbol: 'ETHUSDT',
      interval: '1d',
      startTime: Date.UTC(2024, 0, 1),
      endTime: Date.UTC(2024, 0, 3),
    });
    expect(klines.map((k) => k.close)).toEqual([2_000, 2_001, 2_002]);
  });

  it('pages a long history 1,000 klines at a time, without gaps or repeats', async () => {
    const { client, fake } = await setUp();
    const klines = await client.klineHistory({
      symbol: 'BTCUSDT',
      interval: '1h',
      startTime: Date.UTC(2024, 0, 1),
      endTime: Date.UTC(2024, 2, 4, 14, 30),
    });
    // 63 days and 14 hours of hourly klines, the one opened at 14:00 included.
    expect(klines).toHaveLength(63 * 24 + 15);
    expect(klines.every((k, i) => i === 0 || k.openTime - klines[i - 1]!.openTime === 3_600_000)).toBe(true);
    expect(klines.at(-1)!.openTime).toBe(Date.UTC(2024, 2, 4, 14));
    expect(fake.requests.map((r) => r.searchParams.get('limit'))).toEqual(['1000', '1000']);
  });

  it('becomes a market-flow price series labelled with its source', async () => {
    const { client } = await setUp();
    const series = klinesToMarketSeries(
      'crypto-btc',
      'BTCUSDT',
      '1d',
      await client.klines({ symbol: 'BTCUSDT', interval: '1d', limit: 3 }),
    );
    expect(series.dates).toEqual(['2024-03-02', '2024-03-03', '2024-03-04']);
    expect(Array.from(series.values)).toEqual([40_610, 40_620, 40_630]);
    expect(series.source).toEqual({
      kind: 'real',
      name: 'Binance klines BTCUSDT 1d close (2024-03-02..2024-03-04)',
    });
    expect(prepareSeries(series).frequency).toBe('daily');
  });
});

describe('Binance errors and limits', () => {
  it('an unknown symbol or a bad limit is a refusal quoting the code and message', async () => {
    const { client } = await setUp();
    const unknown = await failure(client.klines({ symbol: 'NOPE', interval: '1d' }));
    expect(unknown).toBeInstanceOf(SourceRefusedError);
    expect(unknown).toMatchObject({ code: -1121, retryable: false });
    expect(unknown.message).toBe('Binance answered 400 to klines for NOPE: -1121 "Invalid symbol."');
    await expect(client.klines({ symbol: 'BTCUSDT', interval: '1d', limit: 5_000 })).rejects.toMatchObject({
      code: -1130,
    });
  });

  it('reads X-MBX-USED-WEIGHT-1M and waits for the next minute instead of passing the limit', async () => {
    const { client, clock, fake } = await setUp({ weightPerMinute: 10 }, { weightPerMinute: 10 });
    for (let i = 0; i < 6; i++) await client.klines({ symbol: 'BTCUSDT', interval: '1d', limit: 1 });
    // 5 requests of weight 2 fill the minute; the 6th waits from 14:30:00 to 14:31:00.
    expect(clock.sleeps).toEqual([60_000]);
    expect(fake.requests).toHaveLength(6);
    expect(client.weight()).toEqual({ used: 2, limit: 10 });
  });

  it('a 429 stops requests until its Retry-After, then they resume', async () => {
    const { client, clock, fake } = await setUp({ weightPerMinute: 10 });
    for (let i = 0; i < 5; i++) await client.klines({ symbol: 'BTCUSDT', interval: '1d', limit: 1 });
    const err = await failure(client.klines({ symbol: 'BTCUSDT', interval: '1d', limit: 1 }));
    expect(err).toBeInstanceOf(SourceRateLimitedError);
    expect(err.message).toMatch(
      /^Binance answered 429 to klines for BTCUSDT: -1003 "Too many requests; .*no request is sent before 2024-03-04T14:31:00Z$/,
    );
    expect(client.weight().blockedUntil).toBe('2024-03-04T14:31:00Z');
    await client.klines({ symbol: 'BTCUSDT', interval: '1d', limit: 1 });
    expect(clock.sleeps).toEqual([60_000]);
    expect(fake.requests).toHaveLength(7);
  });

  it('a 418 ban is honoured: nothing is sent until it ends', async () => {
    const { client, fake } = await setUp({ weightPerMinute: 10, banAfter: 0 });
    for (let i = 0; i < 5; i++) await client.klines({ symbol: 'BTCUSDT', interval: '1d', limit: 1 });
    const ban = await failure(client.klines({ symbol: 'BTCUSDT', interval: '1d', limit: 1 }));
    expect(ban.message).toMatch(
      /^Binance answered 418 .*IP banned until .*no request is sent before 2024-03-04T14:32:00Z$/,
    );
    const refused = await failure(client.klines({ symbol: 'ETHUSDT', interval: '1d', limit: 1 }));
    expect(refused).toBeInstanceOf(SourceRateLimitedError);
    expect(refused.message).toBe(
      'Binance is rate limited (the IP is banned (418)): the next request may go at 2024-03-04T14:32:00Z, ' +
        'longer than this client waits (60 s)',
    );
    expect(fake.requests).toHaveLength(6);
  });

  it('a malformed answer is an error naming the service and the row, never a crash', async () => {
    const { client } = await setUp();
    const badRow = await failure(client.klines({ symbol: 'BADROWUSDT', interval: '1d', limit: 3 }));
    expect(badRow).toBeInstanceOf(SourceAnswerError);
    expect(badRow.message).toBe(
      'Binance answered klines for BADROWUSDT in an unexpected format: row 1 close is "abc", not a number',
    );
    await expect(client.klines({ symbol: 'HTMLUSDT', interval: '1d' })).rejects.toThrow(
      /in an unexpected format: the body is not a JSON array: "<html>Service/,
    );
  });

  it('a server that does not answer is unavailable', async () => {
    const { fake: stopped } = await setUp();
    await stopped.close();
    fake = undefined;
    const client = createBinanceClient({ baseUrl: stopped.url, timing: fakeClock() });
    const err = await failure(client.klines({ symbol: 'BTCUSDT', interval: '1d' }));
    expect(err).toBeInstanceOf(SourceUnavailableError);
    expect(err.message).toMatch(/^Binance at http:\/\/127\.0\.0\.1:\d+ did not answer/);
  });
});
