/** The stack's first real request: once the API serves the freshly deployed version, one prediction. */
import { latestSampleRow } from '../cli/sample-request.js';
import { waitUntilReady } from './processes.js';

/** Waits until the API serves `version`, then answers one real request and prints it with its curl. */
export async function showPrediction(
  apiUrl: string,
  token: string,
  version: string,
  say: (msg: string) => void,
): Promise<void> {
  await waitUntilReady(
    `API serving ${version}`,
    async () => {
      const ready = (await (await fetch(`${apiUrl}/ready`)).json()) as { model?: { version: string } };
      return ready.model?.version === version;
    },
    { timeoutMs: 60_000, intervalMs: 500 },
  );
  const { date, data } = await latestSampleRow();
  const body = JSON.stringify({ data });
  const res = await fetch(`${apiUrl}/predict`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body,
  });
  const answer = (await res.json()) as Record<string, unknown>;
  say(`API: serving ${version}; POST /predict with the features of ${date} answered HTTP ${res.status}:`);
  console.log(
    `  curl -s -H 'Authorization: Bearer ${token}' -H 'Content-Type: application/json' \\\n    -d '${body}' ${apiUrl}/predict`,
  );
  console.log(`  ${JSON.stringify(answer)}`);
}
