import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { apiLoggerOptions } from '../../api/logger-options.js';
import { createObjectStoreRegistry } from '../../models/registry/object-store-registry.js';
import { auth, buildTestApi, testApiConfig, testToken } from '../support/api-app.js';
import { createMemoryStore } from '../support/memory-store.js';
import { referenceRow, registerTestVersion } from '../support/test-models.js';
import type { ErrorResponse } from '../../api/schemas/error.js';

let app: FastifyInstance | undefined;
let dir: string | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

async function servingStore() {
  const store = createMemoryStore();
  const registry = createObjectStoreRegistry(store);
  await registerTestVersion(registry, { name: 'cashflow-forecaster', bias: 1 });
  await registry.setAlias('cashflow-forecaster', 'production', 'v0001');
  return store;
}

const predict = (fastify: FastifyInstance, headers: Record<string, string>) =>
  fastify.inject({ method: 'POST', url: '/predict', headers, payload: { data: referenceRow } });

describe('bearer tokens', () => {
  it('answers 401 with WWW-Authenticate for a missing, malformed or wrong token', async () => {
    app = await buildTestApi({ store: await servingStore() });
    for (const [headers, message] of [
      [{}, 'authorization is required: send the header Authorization: Bearer <token>'],
      [{ authorization: `Basic ${testToken}` }, 'authorization must be of the form Bearer <token>'],
      [auth('not-the-token'), 'authorization carries a token that is not valid'],
    ] as const) {
      const res = await predict(app, headers);
      expect(res.statusCode).toBe(401);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer /);
      expect(res.json<ErrorResponse>()).toMatchObject({
        code: 'UNAUTHORIZED',
        field: 'authorization',
        message,
      });
    }
    expect((await predict(app, auth())).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/models' })).statusCode).toBe(401);
  });

  it('accepts several tokens and leaves /health, /ready, /metrics and /docs open by default', async () => {
    app = await buildTestApi({
      store: await servingStore(),
      api: { tokens: ['first-token', 'second-token'] },
    });
    expect((await predict(app, auth('first-token'))).statusCode).toBe(200);
    expect((await predict(app, auth('second-token'))).statusCode).toBe(200);
    for (const url of ['/ready', '/metrics', '/docs/json']) {
      expect((await app.inject({ method: 'GET', url })).statusCode, url).toBe(200);
    }
  });

  it('protects the open routes too when configured so', async () => {
    app = await buildTestApi({ store: await servingStore(), api: { openRoutes: ['/ready'] } });
    expect((await app.inject({ method: 'GET', url: '/ready' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/metrics', headers: auth() })).statusCode).toBe(200);
  });

  it('picks up a rotated tokens file without a restart', async () => {
    dir = mkdtempSync(join(tmpdir(), 'tokens-'));
    const file = join(dir, 'tokens');
    writeFileSync(file, '# rotated monthly\nold-token\n');
    app = await buildTestApi({
      store: await servingStore(),
      api: { tokens: [], tokensFile: file },
      tokensRecheckMs: 0,
    });
    expect((await predict(app, auth('old-token'))).statusCode).toBe(200);
    expect((await predict(app, auth('new-token'))).statusCode).toBe(401);
    writeFileSync(file, 'old-token\nnew-token\n');
    expect((await predict(app, auth('new-token'))).statusCode).toBe(200);
    writeFileSync(file, 'new-token\n');
    expect((await predict(app, auth('old-token'))).statusCode).toBe(401);
    expect((await predict(app, auth('new-token'))).statusCode).toBe(200);
  });

  it('never writes a token to the log, even with request logging at trace level', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = { ...(apiLoggerOptions('trace') as object), stream };
    app = await buildTestApi({ store: await servingStore(), logger });
    await predict(app, auth());
    await predict(app, auth('wrong-secret-token'));
    app.log.info({ headers: { authorization: `Bearer ${testToken}` } }, 'a careless log line');
    const log = lines.join('');
    expect(log).toContain('"url":"/predict"');
    expect(log).toContain('[redacted]');
    expect(log).not.toContain(testToken);
    expect(log).not.toContain('wrong-secret-token');
  });

  it('never writes a token sent in the query string to the log, on any path, whatever the answer', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = { ...(apiLoggerOptions('trace') as object), stream };
    app = await buildTestApi({ store: await servingStore(), logger });
    const secrets = ['query-secret-1', 'query-secret-2', 'query-secret-3', 'query-secret-4'];
    const urls = [
      `/predict?access_token=${secrets[0]}`,
      `/nope?api_key=${secrets[1]}`,
      `/health?verbose=1&ACCESS%5FTOKEN=${secrets[2]}`,
      `/%zz?token=${secrets[3]}`,
    ];
    for (const url of urls) {
      const res = await app.inject({ method: 'POST', url, payload: { data: referenceRow } });
      expect(res.statusCode).toBe(400);
    }
    const log = lines.join('');
    expect(log).toContain('access_token=[redacted]');
    expect(log).toContain('"url":"/health?verbose=1&ACCESS%5FTOKEN=[redacted]"');
    for (const secret of secrets) expect(log).not.toContain(secret);
  });
});

describe('failed authentications', () => {
  it('limits wrong tokens per client address with 429 and Retry-After, a right token included', async () => {
    app = await buildTestApi({
      store: await servingStore(),
      api: { limits: { ...testApiConfig().limits, authFailuresPerMinute: 3 } },
    });
    const from = (remoteAddress: string, token: string) =>
      app!.inject({
        method: 'POST',
        url: '/predict',
        remoteAddress,
        headers: auth(token),
        payload: { data: referenceRow },
      });
    const guesses: number[] = [];
    for (let i = 0; i < 3; i++) guesses.push((await from('10.0.0.1', `guess-${i}`)).statusCode);
    expect(guesses).toEqual([401, 401, 401]);
    const blocked = await from('10.0.0.1', 'guess-3');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json<ErrorResponse>()).toMatchObject({
      code: 'TOO_MANY_AUTH_FAILURES',
      field: 'authorization',
      errors: [{ field: 'authorization' }],
    });
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // While blocked, even the right token is not checked: a guess that hits must not show.
    expect((await from('10.0.0.1', testToken)).statusCode).toBe(429);
    // Other addresses, and clients that authenticate, are not affected.
    expect((await from('10.0.0.2', testToken)).statusCode).toBe(200);
    for (let i = 0; i < 5; i++) expect((await from('10.0.0.3', testToken)).statusCode).toBe(200);
    // Requests with no Authorization header are misconfigured clients, not guesses: they do not count.
    for (let i = 0; i < 5; i++) {
      const res = await app.inject({ method: 'GET', url: '/models', remoteAddress: '10.0.0.4' });
      expect(res.statusCode).toBe(401);
    }
    // Open routes stay open for a blocked address.
    expect((await app.inject({ method: 'GET', url: '/ready', remoteAddress: '10.0.0.1' })).statusCode).toBe(
      200,
    );
  });
});

describe('rate limiting', () => {
  it('allows RATE_LIMIT_PER_MINUTE requests per token, then 429 with Retry-After; other tokens go on', async () => {
    app = await buildTestApi({
      store: await servingStore(),
      api: { tokens: ['busy-token', 'quiet-token'], rateLimitPerMinute: 3 },
    });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await predict(app, auth('busy-token'))).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await predict(app, auth('busy-token'));
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json<ErrorResponse>()).toMatchObject({ code: 'RATE_LIMITED', field: 'authorization' });
    expect((await predict(app, auth('quiet-token'))).statusCode).toBe(200);
    // Probes and scrapers are not limited.
    for (let i = 0; i < 5; i++)
      expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(200);
  });
});
