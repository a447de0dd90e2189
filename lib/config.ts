/**
 * The one place that reads the environment. Every variable is declared once with its type, default and a
 * doc line; `describeConfig()` prints them (README and `--help` use the same list).
 */
import { join, resolve } from 'node:path';
import { homedir } from 'node:os';
import { apiLimitsConfig, apiLimitsSpec, type ApiLimits } from './config-api-limits.js';
import { monitoringConfig, monitoringSpec, type MonitoringConfig } from './config-monitoring.js';
import { databaseConfig, databaseSpec, type DatabaseConfig } from './config-database.js';

export type { ApiLimits, DatabaseConfig, MonitoringConfig };

export type Kind = 'string' | 'port' | 'int' | 'number' | 'fraction' | 'url';
export interface VarSpec {
  kind: Kind;
  /** Default when unset; `undefined` means "unset is meaningful" (e.g. use the local server). */
  default?: string;
  doc: string;
}

const projectRoot = resolve(import.meta.dirname, '..');

export const configSpec = {
  STATE_DIR: {
    kind: 'string',
    default: resolve(projectRoot, 'var'),
    doc: 'Folder for the local stack state: Temporal SQLite file, MinIO data, logs (git-ignored).',
  },
  TOOLS_DIR: {
    kind: 'string',
    default: resolve(process.env.XDG_CACHE_HOME ?? resolve(homedir(), '.cache'), 'cashflow-mlops'),
    doc: 'Cache of built server binaries and package data files, one folder per tool and version, shared by all clones.',
  },
  TEMPORAL_BIN: { kind: 'string', doc: 'Use this Temporal CLI binary instead of building one.' },
  MINIO_BIN: { kind: 'string', doc: 'Use this MinIO server binary instead of building one.' },
  PROMETHEUS_BIN: { kind: 'string', doc: "Use this Prometheus binary instead of Debian's package." },
  PROMTOOL_BIN: { kind: 'string', doc: "Use this promtool binary instead of Debian's package." },
  TEMPORAL_ADDRESS: {
    kind: 'string',
    doc: 'host:port of a running Temporal frontend; when set, the stack does not start its own dev server.',
  },
  TEMPORAL_NAMESPACE: { kind: 'string', default: 'default', doc: 'Temporal namespace for all workflows.' },
  TEMPORAL_PORT: { kind: 'port', default: '7233', doc: 'gRPC port of the local Temporal dev server.' },
  TEMPORAL_UI_PORT: { kind: 'port', default: '8233', doc: 'Web UI port of the local Temporal dev server.' },
  S3_ENDPOINT: {
    kind: 'url',
    doc: 'URL of a running S3-compatible store (e.g. https://s3.example.com); when set, no local MinIO is started.',
  },
  S3_ACCESS_KEY: { kind: 'string', default: 'minioadmin', doc: 'Access key for the object store.' },
  S3_SECRET_KEY: { kind: 'string', default: 'minioadmin', doc: 'Secret key for the object store.' },
  S3_REGION: { kind: 'string', default: 'us-east-1', doc: 'Region sent to the object store.' },
  S3_BUCKET: {
    kind: 'string',
    default: 'cashflow',
    doc: 'Bucket for datasets, model artifacts and reports.',
  },
  MINIO_PORT: { kind: 'port', default: '9000', doc: 'S3 API port of the local MinIO.' },
  MINIO_CONSOLE_PORT: { kind: 'port', default: '9001', doc: 'Web console port of the local MinIO.' },
  API_HOST: { kind: 'string', default: '127.0.0.1', doc: 'Interface the prediction API listens on.' },
  API_PORT: { kind: 'port', default: '3000', doc: 'Port of the prediction API.' },
  ALPHA_VANTAGE_API_KEY: {
    kind: 'string',
    doc: 'API key for Alpha Vantage prices (source kind `alpha-vantage`).',
  },
  ALPHA_VANTAGE_URL: {
    kind: 'url',
    default: 'https://www.alphavantage.co/query',
    doc: 'Alpha Vantage query endpoint (tests point it at a local server).',
  },
  FRED_API_KEY: {
    kind: 'string',
    doc: 'API key for FRED macro series (pipeline input `macro: "fred"` or `true`).',
  },
  FRED_URL: {
    kind: 'url',
    default: 'https://api.stlouisfed.org/fred/series/observations',
    doc: 'FRED observations endpoint (tests point it at a local server).',
  },
  WORKER_DRAIN_SECONDS: {
    kind: 'int',
    default: '30',
    doc: 'Seconds a stopping worker gives running activities to finish; the launcher waits 15 s more to SIGKILL.',
  },
  LOG_LEVEL: { kind: 'string', default: 'info', doc: 'Log level: fatal, error, warn, info, debug, trace.' },
  API_TOKENS: {
    kind: 'string',
    doc: 'Comma-separated bearer tokens the API accepts (in addition to API_TOKENS_FILE).',
  },
  API_TOKENS_FILE: {
    kind: 'string',
    doc: 'File of bearer tokens, one per line (# comments); re-read when it changes, so rotation needs no restart.',
  },
  API_OPEN_ROUTES: {
    kind: 'string',
    default: '/health,/ready,/metrics,/docs',
    doc: 'Comma-separated URL prefixes served without a token; "none" protects every route.',
  },
  RATE_LIMIT_PER_MINUTE: { kind: 'int', default: '100', doc: 'Requests per minute allowed per token.' },
  MODEL_NAME: {
    kind: 'string',
    default: 'cashflow-forecaster',
    doc: 'Registered model the API serves.',
  },
  MODEL_ALIAS: {
    kind: 'string',
    default: 'production',
    doc: 'Alias of MODEL_NAME the API serves and watches.',
  },
  MODEL_POLL_SECONDS: {
    kind: 'int',
    default: '10',
    doc: 'How often the API checks the alias (by ETag) for a newly promoted version.',
  },
  PREDICTION_LOG_SAMPLE_RATE: {
    kind: 'fraction',
    default: '0.1',
    doc: 'Share of predictions (0..1) whose inputs and outputs are logged to the store for drift monitoring.',
  },
  PREDICTION_LOG_BATCH_SIZE: {
    kind: 'int',
    default: '500',
    doc: 'Logged predictions per object; a full batch is written at once.',
  },
  PREDICTION_LOG_FLUSH_SECONDS: {
    kind: 'int',
    default: '30',
    doc: 'Longest time a logged prediction waits in memory before its batch is written.',
  },
  POSITION_RISK_BUDGET: {
    kind: 'number',
    default: '1',
    doc: 'Risk budget for position_size, in forecast units: size = budget / sigma (see README).',
  },
  POSITION_MAX_SIZE: { kind: 'number', default: '10', doc: 'Cap on position_size.' },
  ...apiLimitsSpec,
  ...monitoringSpec,
  ...databaseSpec,
} satisfies Record<string, VarSpec>;

export type ConfigKey = keyof typeof configSpec;

export interface Config {
  stateDir: string;
  toolsDir: string;
  bins: { temporal?: string; minio?: string; prometheus?: string; promtool?: string };
  temporal: { address: string; namespace: string; external: boolean; port: number; uiPort: number };
  s3: {
    endpoint: string;
    accessKey: string;
    secretKey: string;
    region: string;
    bucket: string;
    external: boolean;
    port: number;
    consolePort: number;
  };
  sources: {
    alphaVantage: { apiKey?: string; baseUrl: string };
    fred: { apiKey?: string; baseUrl: string };
    /** TOOLS_DIR/package-data: the installed data files of PyPI packages (lib/package-data.ts). */
    packageDataDir: string;
  };
  api: ApiConfig;
  monitoring: MonitoringConfig;
  database: DatabaseConfig;
  workers: { drainSeconds: number };
  logLevel: string;
}

export interface ApiConfig {
  host: string;
  port: number;
  tokens: string[];
  tokensFile?: string;
  /** URL prefixes served without a token. */
  openRoutes: string[];
  rateLimitPerMinute: number;
  model: { name: string; alias: string; pollMs: number };
  predictionLog: { sampleRate: number; batchSize: number; flushMs: number };
  positionSizing: { riskBudget: number; maxSize: number };
  /** Timeouts, connection and failed-authentication limits per client. */
  limits: ApiLimits;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function read(env: NodeJS.ProcessEnv, key: ConfigKey): string | undefined {
  const spec: VarSpec = configSpec[key];
  const raw = env[key];
  const value = raw === undefined || raw === '' ? spec.default : raw;
  if (value === undefined) return undefined;
  if (spec.kind === 'port' || spec.kind === 'int') {
    const n = Number(value);
    const max = spec.kind === 'port' ? 65535 : Number.MAX_SAFE_INTEGER;
    if (!Number.isInteger(n) || n < 0 || n > max) {
      throw new ConfigError(`${key}=${JSON.stringify(value)} is not a valid ${spec.kind} (${spec.doc})`);
    }
  }
  if (spec.kind === 'number' || spec.kind === 'fraction') {
    const n = Number(value);
    const ok = Number.isFinite(n) && n >= 0 && (spec.kind === 'number' || n <= 1);
    if (!ok) {
      const what = spec.kind === 'fraction' ? 'a number from 0 to 1' : 'a non-negative number';
      throw new ConfigError(`${key}=${JSON.stringify(value)} is not ${what} (${spec.doc})`);
    }
  }
  if (spec.kind === 'url') {
    if (!/^https?:\/\/[^/]+/.test(value) || !URL.canParse(value)) {
      throw new ConfigError(`${key}=${JSON.stringify(value)} is not a URL such as http://127.0.0.1:9000`);
    }
  }
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const get = (key: ConfigKey) => read(env, key);
  const must = (key: ConfigKey) => get(key) as string; // keys with a default are never undefined
  const temporalPort = Number(must('TEMPORAL_PORT'));
  const minioPort = Number(must('MINIO_PORT'));
  const temporalAddress = get('TEMPORAL_ADDRESS');
  const s3Endpoint = get('S3_ENDPOINT');
  return {
    stateDir: must('STATE_DIR'),
    toolsDir: must('TOOLS_DIR'),
    bins: {
      temporal: get('TEMPORAL_BIN'),
      minio: get('MINIO_BIN'),
      prometheus: get('PROMETHEUS_BIN'),
      promtool: get('PROMTOOL_BIN'),
    },
    temporal: {
      address: temporalAddress ?? `127.0.0.1:${temporalPort}`,
      namespace: must('TEMPORAL_NAMESPACE'),
      external: temporalAddress !== undefined,
      port: temporalPort,
      uiPort: Number(must('TEMPORAL_UI_PORT')),
    },
    s3: {
      endpoint: s3Endpoint ?? `http://127.0.0.1:${minioPort}`,
      accessKey: must('S3_ACCESS_KEY'),
      secretKey: must('S3_SECRET_KEY'),
      region: must('S3_REGION'),
      bucket: must('S3_BUCKET'),
      external: s3Endpoint !== undefined,
      port: minioPort,
      consolePort: Number(must('MINIO_CONSOLE_PORT')),
    },
    sources: {
      alphaVantage: { apiKey: get('ALPHA_VANTAGE_API_KEY'), baseUrl: must('ALPHA_VANTAGE_URL') },
      fred: { apiKey: get('FRED_API_KEY'), baseUrl: must('FRED_URL') },
      packageDataDir: join(must('TOOLS_DIR'), 'package-data'),
    },
    api: {
      host: must('API_HOST'),
      port: Number(must('API_PORT')),
      tokens: splitList(get('API_TOKENS')),
      tokensFile: get('API_TOKENS_FILE'),
      openRoutes: must('API_OPEN_ROUTES') === 'none' ? [] : splitList(must('API_OPEN_ROUTES')),
      rateLimitPerMinute: Number(must('RATE_LIMIT_PER_MINUTE')),
      model: {
        name: must('MODEL_NAME'),
        alias: must('MODEL_ALIAS'),
        pollMs: Number(must('MODEL_POLL_SECONDS')) * 1000,
      },
      predictionLog: {
        sampleRate: Number(must('PREDICTION_LOG_SAMPLE_RATE')),
        batchSize: Number(must('PREDICTION_LOG_BATCH_SIZE')),
        flushMs: Number(must('PREDICTION_LOG_FLUSH_SECONDS')) * 1000,
      },
      positionSizing: {
        riskBudget: Number(must('POSITION_RISK_BUDGET')),
        maxSize: Number(must('POSITION_MAX_SIZE')),
      },
      limits: apiLimitsConfig(must, (message) => new ConfigError(message)),
    },
    monitoring: monitoringConfig(must, (message) => new ConfigError(message)),
    database: databaseConfig(get, (message) => new ConfigError(message)),
    workers: { drainSeconds: Number(must('WORKER_DRAIN_SECONDS')) },
    logLevel: must('LOG_LEVEL'),
  };
}

function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** One line per variable, for `--help` output. */
export function describeConfig(): string {
  return Object.entries(configSpec)
    .map(([key, spec]: [string, VarSpec]) => {
      const dflt = spec.default === undefined ? '' : ` (default: ${spec.default})`;
      return `  ${key.padEnd(28)} ${spec.doc}${dflt}`;
    })
    .join('\n');
}
