/**
 * The Prometheus configuration and alert rules, checked by Prometheus's own tool: the checked-in config is
 * valid and is what the renderer produces for the default ports; the rules load; and the rules' unit tests
 * (infra/prometheus/tests/) pass.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../lib/config.js';
import { alertRulesFile, defaultPrometheusConfig, prometheusDir } from '../../../infra/prometheus-config.js';
import { resolveTool } from '../../../infra/tools.js';

const promtool = resolveTool(loadConfig(), 'promtool');
const run = (...args: string[]) => execFileSync(promtool, args, { encoding: 'utf8', cwd: prometheusDir });

describe('Prometheus configuration', () => {
  it('is the rendering of the default ports, and promtool accepts it with its rule file', () => {
    const checkedIn = readFileSync(join(prometheusDir, 'prometheus.yml'), 'utf8');
    expect(checkedIn).toBe(defaultPrometheusConfig(loadConfig({})));
    const out = run('check', 'config', 'prometheus.yml');
    expect(out).toMatch(/SUCCESS: 1 rule files found/);
  });

  it('has alert rules promtool loads: latency, errors, accuracy, drift, CPU, memory, targets', () => {
    expect(run('check', 'rules', alertRulesFile)).toMatch(/SUCCESS: 7 rules found/);
    const names = [...readFileSync(alertRulesFile, 'utf8').matchAll(/- alert: (\w+)/g)].map((m) => m[1]);
    expect(names).toEqual([
      'ApiLatencyP99High',
      'ApiErrorRateHigh',
      'ModelAccuracyDrop',
      'FeatureDrift',
      'ProcessCpuHigh',
      'ProcessMemoryHigh',
      'TargetDown',
    ]);
  });

  it('passes the rules unit tests, which cover every alert', () => {
    const dir = join(prometheusDir, 'tests');
    const files = readdirSync(dir).filter((f) => f.endsWith('.yml'));
    expect(files.length).toBeGreaterThan(0);
    const tested = new Set<string>();
    for (const file of files) {
      expect(run('test', 'rules', join(dir, file))).toMatch(/SUCCESS/);
      for (const m of readFileSync(join(dir, file), 'utf8').matchAll(/alertname: (\w+)/g)) tested.add(m[1]!);
    }
    const rules = [...readFileSync(alertRulesFile, 'utf8').matchAll(/- alert: (\w+)/g)].map((m) => m[1]);
    expect(rules.filter((r) => !tested.has(r!))).toEqual([]);
  });
});
