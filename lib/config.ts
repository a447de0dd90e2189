/**
 * The one place that reads the environment. Every variable is declared once (name, kind, default, doc
 * line) in a section; the typed `Config` is derived from the sections, and `describeConfig()` prints the
 * declarations (`--help`; the README's table is checked against them).
 *
 * A domain with settings of its own declares a section in lib/config-<domain>.ts (`configSection`) and
 * adds one line to `sections` below; it is then read as `config.<domain>`.
 */
import { join, resolve } from 'node:path';
import { homedir } from 'node:os';
import { apiLimitsSection } from './config-api-limits.js';
import { databaseSection } from './config-database.js';
import { monitoringSection } from './config-monitoring.js';
import {
  ConfigError,
  configSection,
  loadSection,
  type ConfigSection,
  type VarSpec,
  type VarSpecs,
} from './config-vars.js';
import { defaultChampionAlias, defaultModelName } from './monitoring-defaults.js';

export type { ApiLimits } from './config-api-limits.js';
export type { DatabaseConfig } from './config-database.js';
export type { MonitoringConfig } from './config-monitoring.js';
export { ConfigError, type Kind, type VarSpec } from './config-vars.js';

const projectRoot = resolve(import.meta.dirname, '..');

const stackVars = {
  STATE_DIR: {
    kind: 'string',
    default: resolve(projectRoot, 'var'),
    doc: 'Folder for the local stack state: Temporal SQLite file, MinIO data, logs (git-ignored).',
  },
  TOOLS_DIR: {
    kind: 'string',
    default: (env) => resolve(env.XDG_CACHE_HOME ?? resolve(homedir(), '.cache'), 'cashflow-mlops'),
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
} satisfies VarSpecs;

const sourceVars = {
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
} satisfies VarSpecs;

const apiVars = {
  API_HOST: { kind: 'string', default: '127.0.0.1', doc: 'Interface the prediction API listens on.' },
  API_PORT: { kind: 'port', default: '3000', doc: 'Port of the prediction API.' },
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
    default: defaultModelName,
    doc: 'Registered model the API serves.',
  },
  MODEL_ALIAS: {
    kind: 'string',
    default: defaultChampionAlias,
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
} satisfies VarSpecs;

const stackSection = configSection({ ...stackVars, ...sourceVars }, (v) => {
  const temporalAddress = v.TEMPORAL_ADDRESS;
  const s3Endpoint = v.S3_ENDPOINT;
  return {
    stateDir: v.STATE_DIR,
    toolsDir: v.TOOLS_DIR,
    bins: {
      temporal: v.TEMPORAL_BIN,
      minio: v.MINIO_BIN,
      prometheus: v.PROMETHEUS_BIN,
      promtool: v.PROMTOOL_BIN,
    },
    temporal: {
      address: temporalAddress ?? `127.0.0.1:${v.TEMPORAL_PORT}`,
      namespace: v.TEMPORAL_NAMESPACE,
      external: temporalAddress !== undefined,
      port: v.TEMPORAL_PORT,
      uiPort: v.TEMPORAL_UI_PORT,
    },
    s3: {
      endpoint: s3Endpoint ?? `http://127.0.0.1:${v.MINIO_PORT}`,
      accessKey: v.S3_ACCESS_KEY,
      secretKey: v.S3_SECRET_KEY,
      region: v.S3_REGION,
      bucket: v.S3_BUCKET,
      external: s3Endpoint !== undefined,
      port: v.MINIO_PORT,
      consolePort: v.MINIO_CONSOLE_PORT,
    },
    sources: {
      alphaVantage: { apiKey: v.ALPHA_VANTAGE_API_KEY, baseUrl: v.ALPHA_VANTAGE_URL },
      fred: { apiKey: v.FRED_API_KEY, baseUrl: v.FRED_URL },
      /** TOOLS_DIR/package-data: the installed data files of PyPI packages (lib/package-data.ts). */
      packageDataDir: join(v.TOOLS_DIR, 'package-data'),
    },
    workers: { drainSeconds: v.WORKER_DRAIN_SECONDS },
    logLevel: v.LOG_LEVEL,
  };
});

const apiSection = configSection({ ...apiVars, ...apiLimitsSection.vars }, (v) => ({
  host: v.API_HOST,
  port: v.API_PORT,
  tokens: splitList(v.API_TOKENS),
  tokensFile: v.API_TOKENS_FILE,
  /** URL prefixes served without a token. */
  openRoutes: v.API_OPEN_ROUTES === 'none' ? [] : splitList(v.API_OPEN_ROUTES),
  rateLimitPerMinute: v.RATE_LIMIT_PER_MINUTE,
  model: { name: v.MODEL_NAME, alias: v.MODEL_ALIAS, pollMs: v.MODEL_POLL_SECONDS * 1000 },
  predictionLog: {
    sampleRate: v.PREDICTION_LOG_SAMPLE_RATE,
    batchSize: v.PREDICTION_LOG_BATCH_SIZE,
    flushMs: v.PREDICTION_LOG_FLUSH_SECONDS * 1000,
  },
  positionSizing: { riskBudget: v.POSITION_RISK_BUDGET, maxSize: v.POSITION_MAX_SIZE },
  /** Timeouts, connection and failed-authentication limits per client. */
  limits: apiLimitsSection.build(v),
}));

/** The sections read as `config.<name>`; a domain's settings are one more line here. */
const sections = {
  api: apiSection,
  monitoring: monitoringSection,
  database: databaseSection,
} satisfies Record<string, ConfigSection<VarSpecs, unknown>>;

type Sections = typeof sections;

export type Config = ReturnType<typeof stackSection.build> & {
  [K in keyof Sections]: ReturnType<Sections[K]['build']>;
};
export type ApiConfig = Config['api'];

/** Every variable, each declared once. */
export const configSpec: VarSpecs = mergeVars([
  stackSection.vars,
  ...Object.values(sections).map((s) => s.vars),
]);

export type ConfigKey = keyof typeof configSpec;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return { ...loadSection(stackSection, env), ...loadSections(sections, env) };
}

function loadSections<S extends Record<string, ConfigSection<VarSpecs, unknown>>>(
  all: S,
  env: NodeJS.ProcessEnv,
): { [K in keyof S]: ReturnType<S[K]['build']> } {
  const out: Record<string, unknown> = {};
  for (const [name, section] of Object.entries(all)) out[name] = loadSection(section, env);
  return out as { [K in keyof S]: ReturnType<S[K]['build']> };
}

function mergeVars(groups: readonly VarSpecs[]): VarSpecs {
  const all: Record<string, VarSpec> = {};
  for (const group of groups) {
    for (const [key, spec] of Object.entries(group)) {
      if (Object.hasOwn(all, key)) throw new ConfigError(`${key} is declared twice`);
      all[key] = spec;
    }
  }
  return all;
}

function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** One line per variable, for `--help` output. */
export function describeConfig(env: NodeJS.ProcessEnv = process.env): string {
  return Object.entries(configSpec)
    .map(([key, spec]) => {
      const fallback = typeof spec.default === 'function' ? spec.default(env) : spec.default;
      const dflt = fallback === undefined ? '' : ` (default: ${fallback})`;
      return `  ${key.padEnd(28)} ${spec.doc}${dflt}`;
    })
    .join('\n');
}
