/**
 * The stack's Prometheus: renders the configuration for the ports the stack uses into STATE_DIR, starts
 * Debian's Prometheus on it, and waits until every target has been scraped, so the launcher can say which
 * are up. Also used by the integration test, with a 1 s scrape interval.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../lib/config.js';
import {
  alertRulesFile,
  renderPrometheusConfig,
  targetsFromConfig,
  type PrometheusTargets,
} from './prometheus-config.js';
import { waitUntilReady, type ManagedProcess } from './processes.js';
import { startPrometheus } from './servers.js';
import { resolveTool } from './tools.js';

export interface TargetHealth {
  job: string;
  instance: string;
  health: 'up' | 'down' | 'unknown';
  lastError: string;
}

export async function startPrometheusFor(
  config: Config,
  targets: PrometheusTargets,
  options: {
    stateDir: string;
    logDir: string;
    port: number;
    scrapeInterval: string;
    evaluationInterval: string;
  },
): Promise<{ proc: ManagedProcess; url: string; configFile: string }> {
  const dir = join(options.stateDir, 'prometheus');
  mkdirSync(dir, { recursive: true });
  const configFile = join(dir, 'prometheus.yml');
  writeFileSync(
    configFile,
    renderPrometheusConfig(targets, {
      scrapeInterval: options.scrapeInterval,
      evaluationInterval: options.evaluationInterval,
      ruleFiles: [alertRulesFile],
    }),
  );
  const proc = await startPrometheus({
    bin: resolveTool(config, 'prometheus'),
    port: options.port,
    configFile,
    dataDir: join(dir, 'data'),
    logDir: options.logDir,
  });
  return { proc, url: `http://127.0.0.1:${options.port}`, configFile };
}

/** The local stack's targets: every server it started itself, with the ports of its configuration. */
export function stackTargets(config: Config): PrometheusTargets {
  const targets = targetsFromConfig(config);
  return {
    ...targets,
    // A Temporal or a store the stack did not start is not the stack's to watch.
    temporalServer: config.temporal.external ? [] : targets.temporalServer,
    minio: config.s3.external ? [] : targets.minio,
  };
}

export async function targetHealth(url: string): Promise<TargetHealth[]> {
  const res = await fetch(`${url}/api/v1/targets?state=active`);
  const body = (await res.json()) as {
    data: {
      activeTargets: { labels: Record<string, string>; health: TargetHealth['health']; lastError: string }[];
    };
  };
  return body.data.activeTargets.map((t) => ({
    job: t.labels.job ?? '',
    instance: t.labels.instance ?? '',
    health: t.health,
    lastError: t.lastError,
  }));
}

/** Waits until every target has been scraped at least once, then returns their health. */
export async function scrapedTargets(
  url: string,
  expected: number,
  timeoutMs = 60_000,
): Promise<TargetHealth[]> {
  let latest: TargetHealth[] = [];
  await waitUntilReady(
    `Prometheus scraping ${expected} targets`,
    async () => {
      latest = await targetHealth(url);
      return latest.length === expected && latest.every((t) => t.health !== 'unknown');
    },
    { timeoutMs, intervalMs: 500 },
  );
  return latest;
}

export function countTargets(targets: PrometheusTargets): number {
  return Object.values(targets).reduce((n, list: string[]) => n + list.length, 0);
}
