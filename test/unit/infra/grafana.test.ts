/**
 * The Grafana files fit together: every panel of every dashboard queries the provisioned Prometheus data
 * source by its uid, uids are unique, and the provider points at the folder the README mounts. (Whether the
 * queries return data is the monitoring-loop integration test's job, on a real Prometheus.)
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const grafana = resolve(import.meta.dirname, '../../../grafana');
const datasource = readFileSync(join(grafana, 'provisioning/datasources/prometheus.yml'), 'utf8');
const uid = /uid: (\S+)/.exec(datasource)?.[1];

interface Panel {
  title: string;
  datasource: { uid: string };
  targets: { expr: string; datasource: { uid: string } }[];
}

describe('Grafana provisioning', () => {
  it('provisions a Prometheus data source whose URL comes from the environment', () => {
    expect(datasource).toMatch(/type: prometheus/);
    expect(datasource).toMatch(/url: \$\{PROMETHEUS_URL\}/);
    expect(uid).toBe('cashflow-prometheus');
    expect(readFileSync(join(grafana, 'provisioning/dashboards/dashboards.yml'), 'utf8')).toMatch(
      /path: \$\{GRAFANA_DASHBOARDS_DIR\}/,
    );
  });

  it('has the API, drift and quality, and pipeline dashboards, each panel querying that data source', () => {
    const files = readdirSync(join(grafana, 'dashboards')).sort();
    expect(files).toEqual(['model-quality.json', 'pipeline.json', 'prediction-api.json']);
    const uids = new Set<string>();
    for (const file of files) {
      const d = JSON.parse(readFileSync(join(grafana, 'dashboards', file), 'utf8')) as {
        uid: string;
        panels: Panel[];
      };
      uids.add(d.uid);
      expect(d.panels.length).toBeGreaterThan(5);
      for (const panel of d.panels) {
        expect(panel.datasource.uid, `${file}: ${panel.title}`).toBe(uid);
        expect(panel.targets.length, `${file}: ${panel.title}`).toBeGreaterThan(0);
        for (const t of panel.targets) {
          expect(t.datasource.uid).toBe(uid);
          expect(t.expr.trim()).not.toBe('');
        }
      }
    }
    expect(uids.size).toBe(files.length);
  });
});
