/**
 * A local FRED answering `/fred/series/observations` in the documented format (see lib/sources/fred.ts):
 * observations with "." for missing values, `observation_start`/`observation_end` honoured, and
 * `{"error_code","error_message"}` errors with their HTTP status for an unknown series or a wrong key (the
 * service's wording as its users quote it). Past `perMinute` requests in a clock minute it answers 429 in
 * the same shape; that message's wording is not documented and is this fake's own. GARBLED answers an
 * HTML page, DOWN a 500.
 */
import { createServer } from 'node:http';
import { closeServer, listenOnLoopback, sendJson } from './loopback.js';

export const fredFixture: Record<string, [string, string][]> = {
  DGS10: [
    ['2024-01-01', '.'],
    ['2024-01-02', '3.95'],
    ['2024-01-03', '3.91'],
    ['2024-01-04', '3.99'],
  ],
  DGS2: [
    ['2024-01-02', '4.33'],
    ['2024-01-03', '4.33'],
    ['2024-01-04', '4.38'],
  ],
  DTWEXBGS: [
    ['2024-01-02', '119.7219'],
    ['2024-01-03', '120.1106'],
    ['2024-01-04', '.'],
  ],
  VIXCLS: [
    ['2024-01-02', '13.20'],
    ['2024-01-03', '14.04'],
  ],
};

export interface FakeFred {
  url: string;
  requests: URL[];
  close(): Promise<void>;
}

export async function startFakeFred(options: {
  apiKey: string;
  now?: () => number;
  perMinute?: number;
}): Promise<FakeFred> {
  const now = options.now ?? (() => Date.now());
  const requests: URL[] = [];
  const minute = { index: -1, count: 0 };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(url);
    const q = (name: string) => url.searchParams.get(name) ?? '';
    if (q('api_key') !== options.apiKey)
      return sendJson(res, 400, {
        error_code: 400,
        error_message:
          'Bad Request.  The value for variable api_key is not registered.  Read https://fred.stlouisfed.org/docs/api/api_key.html for more information.',
      });
    const index = Math.floor(now() / 60_000);
    if (index !== minute.index) Object.assign(minute, { index, count: 0 });
    minute.count += 1;
    if (minute.count > (options.perMinute ?? 120))
      return sendJson(res, 429, {
        error_code: 429,
        error_message: 'Too Many Requests.  Exceeded Rate Limit',
      });
    const id = q('series_id');
    if (id === 'GARBLED') {
      res.setHeader('Content-Type', 'text/html');
      return res.end('<html>Service Unavailable</html>');
    }
    if (id === 'DOWN') return sendJson(res, 500, { error_code: 500, error_message: 'Internal Server Error' });
    const rows = fredFixture[id];
    if (!rows)
      return sendJson(res, 400, {
        error_code: 400,
        error_message: 'Bad Request.  The series does not exist.',
      });
    const start = q('observation_start');
    const end = q('observation_end');
    const observations = rows
      .filter(([date]) => (!start || date >= start) && (!end || date <= end))
      .map(([date, value]) => ({ realtime_start: '2024-03-04', realtime_end: '2024-03-04', date, value }));
    return sendJson(res, 200, { units: 'lin', count: observations.length, observations });
  });
  const url = await listenOnLoopback(server);
  return { url: `${url}/fred/series/observations`, requests, close: () => closeServer(server) };
}
