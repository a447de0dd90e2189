import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { Value } from 'typebox/value';
import { ErrorResponse } from '../../api/schemas/error.js';
import type { ApiLimits } from '../../lib/config.js';
import { createObjectStoreRegistry } from '../../models/registry/object-store-registry.js';
import { buildTestApi, testApiConfig, testToken } from '../support/api-app.js';
import { createMemoryStore } from '../support/memory-store.js';
import { parseAnswer, rawExchange } from '../support/raw-http.js';
import { registerTestVersion } from '../support/test-models.js';

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** Short limits, so slow clients are cut off within a test. */
const limits: ApiLimits = {
  requestTimeoutMs: 600,
  headersTimeoutMs: 300,
  idleTimeoutMs: 2000,
  keepAliveTimeoutMs: 500,
  maxConnectionsPerIp: 4,
  authFailuresPerMinute: 10,
};

async function listening(overrides: Partial<ApiLimits> = {}): Promise<number> {
  const store = createMemoryStore();
  const registry = createObjectStoreRegistry(store);
  await registerTestVersion(registry, { name: 'cashflow-forecaster', bias: 1 });
  await registry.setAlias('cashflow-forecaster', 'production', 'v0001');
  app = await buildTestApi({
    store,
    api: { limits: { ...testApiConfig().limits, ...limits, ...overrides } },
  });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return Number(new URL(address).port);
}

const predictHead = (extra: string) =>
  `POST /predict HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${testToken}\r\n` +
  `Content-Type: application/json\r\n${extra}\r\n`;

function expectErrorShape(text: string, status: number, code: string, field: string) {
  const answer = parseAnswer(text);
  expect(answer.status).toBe(status);
  expect(answer.headers['content-type']).toMatch(/^application\/json/);
  expect(Value.Check(ErrorResponse, answer.body)).toBe(true);
  expect(answer.body).toMatchObject({ statusCode: status, code, field });
  return answer;
}

describe('the HTTP server in front of the app', () => {
  it("answers the parser's own errors in the documented shape: oversized headers, a lying Content-Length, garbage", async () => {
    const port = await listening();
    const big = await rawExchange(
      port,
      `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    expect(big.closedByServer).toBe(true);
    expectErrorShape(big.text, 431, 'REQUEST_HEADERS_TOO_LARGE', 'headers');

    // Content-Length 5 for a longer body: the rest is read as a next request, which is not HTTP.
    const body = '{"data": {"stock_price": 1}}';
    const short = await rawExchange(port, `${predictHead('Content-Length: 5\r\n')}${body}`);
    expect(short.closedByServer).toBe(true);
    const answer = expectErrorShape(short.text, 400, 'BAD_REQUEST', 'request');
    expect((answer.body as ErrorResponse).message).toMatch(/could not be parsed/);

    const garbage = await rawExchange(port, 'HELLO\r\n\r\n');
    expectErrorShape(garbage.text, 400, 'BAD_REQUEST', 'request');
  });

  it('cuts off a chunked body that never finishes with a 408 and closes the connection', async () => {
    const port = await listening();
    const slow = await rawExchange(port, `${predictHead('Transfer-Encoding: chunked\r\n')}5\r\n{"dat\r\n`);
    expect(slow.closedByServer).toBe(true);
    expectErrorShape(slow.text, 408, 'REQUEST_TIMEOUT', 'request');
  });

  it('cuts off a body shorter than its Content-Length, and headers that never end', async () => {
    const port = await listening();
    const short = await rawExchange(port, `${predictHead('Content-Length: 100\r\n')}{"data":`);
    expect(short.closedByServer).toBe(true);
    expectErrorShape(short.text, 408, 'REQUEST_TIMEOUT', 'request');
    const headers = await rawExchange(port, 'GET /health HTTP/1.1\r\nHost: x\r\n');
    expect(headers.closedByServer).toBe(true);
    expectErrorShape(headers.text, 408, 'REQUEST_TIMEOUT', 'request');
  });

  it('closes a connection on which nothing is sent', async () => {
    const port = await listening();
    const silent = await rawExchange(port, '');
    expect(silent.closedByServer).toBe(true);
  });

  it('answers the connection one address holds too many with a 429, and serves again once one closes', async () => {
    const port = await listening();
    // Four connections that never send a full request hold their slots until they time out.
    const held = Array.from({ length: 4 }, () => rawExchange(port, 'GET /health HTTP/1.1\r\n'));
    await new Promise((r) => setTimeout(r, 100));
    const refused = await rawExchange(port, 'GET /health HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(refused.closedByServer).toBe(true);
    const answer = expectErrorShape(refused.text, 429, 'TOO_MANY_CONNECTIONS', 'request');
    expect(answer.headers['retry-after']).toBe('1');
    await Promise.all(held);
    const served = await rawExchange(port, 'GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(parseAnswer(served.text).status).toBe(200);
  });

  it("answers a URL the router cannot decode in the documented shape, with the URL's credentials redacted", async () => {
    const port = await listening();
    const bad = await rawExchange(
      port,
      'GET /%zz?access_token=s3cret HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    );
    const answer = expectErrorShape(bad.text, 400, 'BAD_REQUEST', 'url');
    expect(bad.text).not.toContain('s3cret');
    expect((answer.body as ErrorResponse).message).toContain('access_token=[redacted]');
  });
});
