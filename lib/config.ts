/**
 * The one place that reads the environment. Every variable is declared once with its type, default and a
 * doc line; `describeConfig()` prints them (README and `--help` use the same list).
 */
import { resolve } from 'node:path';
import { homedir } from 'node:os';

type Kind = 'string' | 'port' | 'int' | 'url';
interface VarSpec {
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
    doc: 'Cache of built server binaries, one folder per tool and version, shared by all clones.',
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
  FRED_API_KEY: { kind: 'string', doc: 'API key for FRED macro series (pipeline input `macro: true`).' },
  FRED_URL: {
    kind: 'url',
    default: 'https://api.stlouisfed.org/fred/series/observations',
    doc: 'FRED observations endpoint (tests point it at a local server).',
  },
  LOG_LEVEL: { kind: 'string', default: 'info', doc: 'Log level: fatal, error, warn, info, debug, trace.' },
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
  api: { host: string; port: number };
  sources: {
    alphaVantage: { apiKey?: string; baseUrl: string };
    fred: { apiKey?: string; baseUrl: string };
  };
  logLevel: string;
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
    api: { host: must('API_HOST'), port: Number(must('API_PORT')) },
    sources: {
      alphaVantage: { apiKey: get('ALPHA_VANTAGE_API_KEY'), baseUrl: must('ALPHA_VANTAGE_URL') },
      fred: { apiKey: get('FRED_API_KEY'), baseUrl: must('FRED_URL') },
    },
    logLevel: must('LOG_LEVEL'),
  };
}

/** One line per variable, for `--help` output. */
export function describeConfig(): string {
  return Object.entries(configSpec)
    .map(([key, spec]: [string, VarSpec]) => {
      const dflt = spec.default === undefined ? '' : ` (default: ${spec.default})`;
      return `  ${key.padEnd(20)} ${spec.doc}${dflt}`;
    })
    .join('\n');
}
