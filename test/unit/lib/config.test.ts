import { describe, expect, it } from 'vitest';
import { ConfigError, describeConfig, loadConfig } from '../../../lib/config.js';

describe('loadConfig', () => {
  it('runs the local stack on its defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.temporal).toMatchObject({
      address: '127.0.0.1:7233',
      external: false,
      namespace: 'default',
    });
    expect(config.s3).toMatchObject({
      endpoint: 'http://127.0.0.1:9000',
      external: false,
      bucket: 'cashflow',
    });
    expect(config.api).toEqual({
      host: '127.0.0.1',
      port: 3000,
      tokens: [],
      tokensFile: undefined,
      openRoutes: ['/health', '/ready', '/metrics', '/docs'],
      rateLimitPerMinute: 100,
      model: { name: 'cashflow-forecaster', alias: 'production', pollMs: 10_000 },
      predictionLog: { sampleRate: 0.1, batchSize: 500, flushMs: 30_000 },
      positionSizing: { riskBudget: 1, maxSize: 10 },
      limits: {
        requestTimeoutMs: 30_000,
        headersTimeoutMs: 10_000,
        idleTimeoutMs: 30_000,
        keepAliveTimeoutMs: 5_000,
        maxConnectionsPerIp: 256,
        authFailuresPerMinute: 10,
      },
    });
  });

  it('reads the API limits in seconds and refuses a headers timeout longer than the request timeout', () => {
    const config = loadConfig({ API_REQUEST_TIMEOUT_SECONDS: '2.5', API_HEADERS_TIMEOUT_SECONDS: '0.5' });
    expect(config.api.limits).toMatchObject({ requestTimeoutMs: 2500, headersTimeoutMs: 500 });
    expect(() => loadConfig({ API_REQUEST_TIMEOUT_SECONDS: '5', API_HEADERS_TIMEOUT_SECONDS: '10' })).toThrow(
      /API_HEADERS_TIMEOUT_SECONDS=10 is longer than API_REQUEST_TIMEOUT_SECONDS=5/,
    );
    expect(() => loadConfig({ API_AUTH_FAILURES_PER_MINUTE: '-1' })).toThrow(
      /API_AUTH_FAILURES_PER_MINUTE="-1" is not a valid int/,
    );
  });

  it('reads token lists and open routes, and "none" opens no route', () => {
    const config = loadConfig({ API_TOKENS: ' a-token, b-token ,', API_OPEN_ROUTES: 'none' });
    expect(config.api.tokens).toEqual(['a-token', 'b-token']);
    expect(config.api.openRoutes).toEqual([]);
    expect(() => loadConfig({ PREDICTION_LOG_SAMPLE_RATE: '1.5' })).toThrow(
      /PREDICTION_LOG_SAMPLE_RATE="1.5" is not a number from 0 to 1/,
    );
  });

  it('treats TEMPORAL_ADDRESS and S3_ENDPOINT as servers that are already running', () => {
    const config = loadConfig({
      TEMPORAL_ADDRESS: 'temporal.internal:7233',
      S3_ENDPOINT: 'https://s3.example.com',
    });
    expect(config.temporal).toMatchObject({ address: 'temporal.internal:7233', external: true });
    expect(config.s3).toMatchObject({ endpoint: 'https://s3.example.com', external: true });
  });

  it('derives local addresses from the configured ports', () => {
    const config = loadConfig({ TEMPORAL_PORT: '17233', MINIO_PORT: '19000' });
    expect(config.temporal.address).toBe('127.0.0.1:17233');
    expect(config.s3.endpoint).toBe('http://127.0.0.1:19000');
  });

  it('names the variable and the problem for a bad port or URL', () => {
    expect(() => loadConfig({ API_PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ API_PORT: '70000' })).toThrow(/API_PORT="70000" is not a valid port/);
    expect(() => loadConfig({ S3_ENDPOINT: 'localhost:9000' })).toThrow(
      /S3_ENDPOINT="localhost:9000" is not a URL/,
    );
  });

  it('reads the monitoring settings and refuses a data source that is not JSON with a kind', () => {
    const config = loadConfig({
      DRIFT_THRESHOLD: '0.4',
      MARKET_DATA_SOURCE: '{"kind":"csv","objectKey":"a.csv"}',
    });
    expect(config.monitoring).toMatchObject({
      metricsHost: '127.0.0.1',
      temporalMetricsPort: 7235,
      prometheusPort: 9090,
      pipelineWorker: { metricsPort: 9464, sdkMetricsPort: 9465 },
      trainingWorker: { metricsPort: 9466, sdkMetricsPort: 9467 },
      driftThreshold: 0.4,
      accuracyDropThreshold: 0.1,
      marketDataSource: { kind: 'csv', objectKey: 'a.csv' },
    });
    expect(() => loadConfig({ MARKET_DATA_SOURCE: 'sample' })).toThrow(
      /MARKET_DATA_SOURCE="sample" is not JSON/,
    );
    expect(() => loadConfig({ MARKET_DATA_SOURCE: '{"rows":1}' })).toThrow(/needs a "kind"/);
    expect(() => loadConfig({ DRIFT_THRESHOLD: '-1' })).toThrow(
      /DRIFT_THRESHOLD="-1" is not a non-negative number/,
    );
  });

  it('documents every variable', () => {
    const doc = describeConfig();
    for (const key of [
      'TEMPORAL_ADDRESS',
      'S3_ENDPOINT',
      'TEMPORAL_BIN',
      'MINIO_BIN',
      'STATE_DIR',
      'API_PORT',
    ]) {
      expect(doc).toContain(key);
    }
  });
});
