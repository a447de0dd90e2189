/**
 * The Alpha Vantage and FRED clients against local HTTP servers that answer in those services' documented
 * formats (including their ways of reporting errors with HTTP 200).
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchAlphaVantageDaily } from '../../../lib/sources/alpha-vantage.js';
import { fetchFredMacro } from '../../../lib/sources/fred.js';
import { MissingApiKeyError } from '../../../lib/sources/http-json.js';

let server: Server;
let base = '';
const requests: URL[] = [];

const alphaVantage = (symbol: string) => ({
  'Meta Data': { '1. Information': 'Daily Prices (open, high, low, close) and Volumes', '2. Symbol': symbol },
  'Time Series (Daily)': {
    '2024-01-03': {
      '1. open': '101.0',
      '2. high': '103.0',
      '3. low': '100.5',
      '4. close': '102.5',
      '5. volume': '2000',
    },
    '2024-01-02': {
      '1. open': '100.0',
      '2. high': '102.0',
      '3. low': '99.0',
      '4. close': '101.0',
      '5. volume': '1000',
    },
  },
});

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    requests.push(url);
    res.setHeader('Content-Type', 'application/json');
    if (url.pathname === '/query') {
      const symbol = url.searchParams.get('symbol')!;
      if (symbol === 'LIMIT')
        return res.end(
          JSON.stringify({
            Note: 'Thank you for using Alpha Vantage! Our standard API rate limit is 25 requests per day.',
          }),
        );
      if (symbol === 'NOPE') return res.end(JSON.stringify({ 'Error Message': 'Invalid API call.' }));
      return res.end(JSON.stringify(alphaVantage(symbol)));
    }
    if (url.pathname === '/fred/series/observations') {
      const id = url.searchParams.get('series_id');
      const value = { VIXCLS: '12.5', DGS10: '3.9', DTWEXBGS: '118.2' }[id ?? ''];
      return res.end(
        JSON.stringify({
          observations: [
            { realtime_start: '2024-01-05', date: '2024-01-01', value: '.' },
            { realtime_start: '2024-01-05', date: '2024-01-02', value },
          ],
        }),
      );
    }
    res.statusCode = 404;
    res.end('{}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('Alpha Vantage client', () => {
  it('reads TIME_SERIES_DAILY into bars sorted by symbol and date, sending the key', async () => {
    const data = await fetchAlphaVantageDaily({
      symbols: ['MSFT', 'IBM'],
      apiKey: 'k123',
      baseUrl: `${base}/query`,
    });
    expect(data.symbol).toEqual(['IBM', 'IBM', 'MSFT', 'MSFT']);
    expect(data.date).toEqual(['2024-01-02', '2024-01-03', '2024-01-02', '2024-01-03']);
    expect(Array.from(data.close)).toEqual([101, 102.5, 101, 102.5]);
    expect(Array.from(data.volume)).toEqual([1000, 2000, 1000, 2000]);
    const sent = requests.find((r) => r.searchParams.get('symbol') === 'IBM')!;
    expect(Object.fromEntries(sent.searchParams)).toMatchObject({
      function: 'TIME_SERIES_DAILY',
      outputsize: 'full',
      apikey: 'k123',
    });
  });

  it('filters by date range', async () => {
    const data = await fetchAlphaVantageDaily({
      symbols: ['IBM'],
      apiKey: 'k',
      baseUrl: `${base}/query`,
      from: '2024-01-03',
    });
    expect(data.date).toEqual(['2024-01-03']);
  });

  it('turns the rate-limit note and error messages into errors that quote them', async () => {
    await expect(
      fetchAlphaVantageDaily({ symbols: ['LIMIT'], apiKey: 'k', baseUrl: `${base}/query` }),
    ).rejects.toThrow(/refused LIMIT: .*rate limit/);
    await expect(
      fetchAlphaVantageDaily({ symbols: ['NOPE'], apiKey: 'k', baseUrl: `${base}/query` }),
    ).rejects.toThrow(/refused NOPE: Invalid API call/);
  });

  it('names the variable when the key is missing', async () => {
    await expect(fetchAlphaVantageDaily({ symbols: ['IBM'], baseUrl: `${base}/query` })).rejects.toThrow(
      MissingApiKeyError,
    );
    await expect(fetchAlphaVantageDaily({ symbols: ['IBM'], baseUrl: `${base}/query` })).rejects.toThrow(
      /ALPHA_VANTAGE_API_KEY/,
    );
  });
});

describe('FRED client', () => {
  it('reads VIX, 10-year treasury and dollar index, skipping missing "." values', async () => {
    const macro = await fetchFredMacro({ apiKey: 'f', baseUrl: `${base}/fred/series/observations` });
    expect(macro.series.vix).toEqual([{ date: '2024-01-02', value: 12.5 }]);
    expect(macro.series.treasury_10y).toEqual([{ date: '2024-01-02', value: 3.9 }]);
    expect(macro.series.dollar_index).toEqual([{ date: '2024-01-02', value: 118.2 }]);
    const ids = requests
      .filter((r) => r.pathname.startsWith('/fred'))
      .map((r) => r.searchParams.get('series_id'));
    expect(ids).toEqual(['VIXCLS', 'DGS10', 'DTWEXBGS']);
  });

  it('names the variable when the key is missing', async () => {
    await expect(fetchFredMacro({ baseUrl: `${base}/fred/series/observations` })).rejects.toThrow(
      /FRED_API_KEY/,
    );
  });
});
