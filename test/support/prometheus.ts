/**
 * A real Prometheus for an integration test: the project's renderer and alert rules, a 1 s scrape and
 * evaluation interval, a temporary data folder; plus small clients for its HTTP API.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../lib/config.js';
import type { PrometheusTargets } from '../../infra/prometheus-config.js';
import { freePort } from '../../infra/servers.js';
import {
  countTargets,
  scrapedTargets,
  startPrometheusFor,
  type TargetHealth,
} from '../../infra/stack-monitoring.js';

export interface TestPrometheus {
  url: string;
  targets: TargetHealth[];
  query(expr: string): Promise<PromSample[]>;
  rules(): Promise<PromRule[]>;
  alerts(): Promise<PromAlert[]>;
  stop(): Promise<void>;
}

export interface PromSample {
  metric: Record<string, string>;
  value: [number, string];
}
export interface PromRule {
  name: string;
  query: string;
  type: 'alerting' | 'recording';
  state?: 'inactive' | 'pending' | 'firing';
  lastEvaluation: string;
}
export interface PromAlert {
  labels: Record<string, string>;
  state: 'pending' | 'firing';
}

export async function startTestPrometheus(targets: PrometheusTargets): Promise<TestPrometheus> {
  const dir = mkdtempSync(join(tmpdir(), 'cashflow-prom-'));
  const port = await freePort();
  const self = { ...targets, prometheus: [`127.0.0.1:${port}`] };
  const { proc, url } = await startPrometheusFor(loadConfig({}), self, {
    stateDir: dir,
    logDir: join(dir, 'logs'),
    port,
    scrapeInterval: '1s',
    evaluationInterval: '1s',
  });
  const api = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${url}${path}`);
    const body = (await res.json()) as { status: string; data: T; error?: string };
    if (body.status !== 'success') throw new Error(`Prometheus ${path}: ${body.error ?? res.status}`);
    return body.data;
  };
  return {
    url,
    targets: await scrapedTargets(url, countTargets(self)),
    query: async (expr) =>
      (await api<{ result: PromSample[] }>(`/api/v1/query?query=${encodeURIComponent(expr)}`)).result,
    rules: async () =>
      (await api<{ groups: { rules: PromRule[] }[] }>('/api/v1/rules')).groups.flatMap((g) => g.rules),
    alerts: async () => (await api<{ alerts: PromAlert[] }>('/api/v1/alerts')).alerts,
    stop: async () => {
      await proc.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Polls `check` until it returns a value (not undefined), or fails with `what` after `timeoutMs`. */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Splits an alert expression of the form `<signal> <op> <number>` (the form infra/prometheus/alerts.yml
 * keeps) at its top-level comparison, so a test can check that the signal itself has data.
 */
export function alertSignal(expr: string): { signal: string; op: string; threshold: number } {
  const match = /^(.*\S)\s*(==|!=|>=|<=|>|<)\s*(-?[\d.]+)\s*$/s.exec(expr.trim());
  if (!match) throw new Error(`alert expression is not "<signal> <op> <number>": ${expr}`);
  return { signal: match[1]!, op: match[2]!, threshold: Number(match[3]) };
}
