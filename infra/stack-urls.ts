/** The launcher's closing summary: where each part of the running stack is. */
import type { Config } from '../lib/config.js';
import { redactDatabaseUrl } from '../lib/db/url.js';

export function printUrls(
  config: Config,
  at: { url: string; token: string; prometheusUrl: string; probeId: string; trainingId?: string },
): void {
  const ns = encodeURIComponent(config.temporal.namespace);
  const ui = `http://127.0.0.1:${config.temporal.uiPort}/namespaces/${ns}`;
  const lines = ['', 'The stack is up:'];
  if (!config.temporal.external) {
    lines.push(`  Temporal UI     ${ui}/workflows`);
    lines.push(`  probe run       ${ui}/workflows/${at.probeId}`);
    if (at.trainingId) lines.push(`  training run    ${ui}/workflows/${at.trainingId}`);
  }
  lines.push(`  Temporal gRPC   ${config.temporal.address}`);
  if (!config.s3.external) {
    lines.push(
      `  MinIO console   http://127.0.0.1:${config.s3.consolePort}/browser/${config.s3.bucket}  (user ${config.s3.accessKey})`,
    );
  }
  lines.push(`  S3 API          ${config.s3.endpoint}  bucket ${config.s3.bucket}`);
  lines.push(`  PostgreSQL      ${redactDatabaseUrl(config.database.url)}  (DATABASE_URL)`);
  lines.push(`  API health      ${at.url}/health`);
  lines.push(`  API docs        ${at.url}/docs`);
  lines.push(`  API token       ${at.token}  (Authorization: Bearer ...)`);
  lines.push(`  Prometheus      ${at.prometheusUrl}/targets  (alerts: ${at.prometheusUrl}/alerts)`);
  lines.push(`  schedules       ${ui}/schedules`);
  lines.push('');
  console.log(lines.join('\n'));
}
