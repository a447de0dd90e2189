/**
 * The monitoring loop's schedules from the command line (the Temporal UI shows, pauses and triggers them too):
 *   npm run schedules -- apply                  create or update all three (idempotent)
 *   npm run schedules -- list                   each schedule, its spec, state and next runs
 *   npm run schedules -- pause ID [--note why]  | unpause ID | trigger ID
 *   npm run schedules -- backfill ID --from 2026-01-01T00:00:00Z --to 2026-01-08T00:00:00Z
 * Ids: cashflow-weekly-retraining, cashflow-daily-drift-check, cashflow-market-refresh.
 */
import { parseArgs } from 'node:util';
import { ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import { loadConfig } from '../lib/config.js';
import { applySchedules } from '../lib/schedules.js';
import { allSchedules, scheduleIds } from '../schedules/index.js';
import { connectClient } from '../lib/temporal.js';
import { taskQueues } from '../lib/temporal-names.js';

const usage =
  'usage: schedules apply [--task-queue Q] | list | pause ID [--note TEXT] | unpause ID | trigger ID | ' +
  'backfill ID --from ISO --to ISO';

function date(value: string | undefined, flag: string): Date {
  const parsed = value ? new Date(value) : undefined;
  if (!parsed || Number.isNaN(parsed.getTime()))
    throw new UsageError(`${flag} needs an ISO time, e.g. 2026-01-01T00:00:00Z`);
  return parsed;
}

class UsageError extends Error {}

async function list(client: Client): Promise<void> {
  for (const id of Object.values(scheduleIds)) {
    const d = await client.schedule
      .getHandle(id)
      .describe()
      .catch(() => undefined);
    if (!d) {
      console.log(`${id}: not applied (run \`npm run schedules -- apply\`)`);
      continue;
    }
    const spec = [
      ...(d.spec.calendars ?? []).map((c) => `calendar ${JSON.stringify(c)}`),
      ...(d.spec.intervals ?? []).map((i) => `every ${i.every} ms`),
    ].join('; ');
    const next = d.info.nextActionTimes.slice(0, 2).map((t) => t.toISOString());
    console.log(`${id}: ${d.action.workflowType} on ${d.action.taskQueue}`);
    console.log(`  ${d.state.paused ? 'PAUSED' : 'active'}${d.state.note ? ` (${d.state.note})` : ''}`);
    console.log(`  spec: ${spec}`);
    console.log(`  overlap ${d.policies.overlap}, catch-up window ${d.policies.catchupWindow / 1000} s`);
    console.log(`  next: ${next.join(', ') || 'none'}; actions taken: ${d.info.numActionsTaken}`);
  }
}

async function main(): Promise<void> {
  const config = loadConfig();
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      'task-queue': { type: 'string', default: taskQueues.pipeline },
      note: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
    },
  });
  const [command, id] = positionals;
  const needsId = ['pause', 'unpause', 'trigger', 'backfill'];
  if (!command || (needsId.includes(command) && !id)) throw new UsageError(usage);
  const client = await connectClient(config.temporal);
  try {
    const handle = () => client.schedule.getHandle(id!);
    switch (command) {
      case 'apply':
        for (const r of await applySchedules(
          client,
          allSchedules({ config, taskQueue: values['task-queue'] }),
        )) {
          console.log(`${r.scheduleId}: ${r.result}`);
        }
        return;
      case 'list':
        return await list(client);
      case 'pause':
        await handle().pause(values.note ?? 'paused from the command line');
        return console.log(`${id}: paused`);
      case 'unpause':
        await handle().unpause(values.note ?? 'unpaused from the command line');
        return console.log(`${id}: active`);
      case 'trigger':
        // The schedule's own overlap policy applies: a trigger never starts a second training run.
        await handle().trigger();
        return console.log(`${id}: triggered`);
      case 'backfill': {
        const start = date(values.from, '--from');
        const end = date(values.to, '--to');
        // BUFFER_ALL: every action in the range runs, one after another.
        await handle().backfill({ start, end, overlap: ScheduleOverlapPolicy.BUFFER_ALL });
        return console.log(`${id}: backfilled ${start.toISOString()} .. ${end.toISOString()}`);
      }
      default:
        throw new UsageError(usage);
    }
  } finally {
    await client.connection.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof UsageError ? err.message : err);
  process.exit(err instanceof UsageError ? 2 : 1);
});
