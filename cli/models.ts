/**
 * The registry from the command line:
 *   npm run models -- list [--model NAME]
 *   npm run models -- promote VERSION [--alias production] [--model NAME]
 *   npm run models -- rollback [--to VERSION] [--alias production] [--model NAME]
 * The model name defaults to MODEL_NAME; the store is the one configured (S3_*).
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../lib/config.js';
import { AppError } from '../lib/errors.js';
import { defaultChampionAlias } from '../lib/monitoring-defaults.js';
import { createObjectStore } from '../lib/object-store.js';
import { createObjectStoreRegistry } from '../models/registry/object-store-registry.js';

const usage =
  'usage: models list | promote VERSION | rollback [--to VERSION]  [--alias ALIAS] [--model NAME]';

async function main(): Promise<void> {
  const config = loadConfig();
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      model: { type: 'string', default: config.api.model.name },
      alias: { type: 'string', default: defaultChampionAlias },
      to: { type: 'string' },
    },
  });
  const [command, version] = positionals;
  const registry = createObjectStoreRegistry(createObjectStore(config.s3));
  const name = values.model;

  if (command === 'list') {
    const [versions, aliases] = await Promise.all([registry.listVersions(name), registry.listAliases(name)]);
    console.log(`model ${name}: ${versions.length} version(s)`);
    for (const v of versions) {
      const m = await registry.getManifest(name, v);
      const tags = aliases.filter((a) => a.version === v).map((a) => a.alias);
      const metrics = Object.entries(m.metrics)
        .map(([k, x]) => `${k}=${x.toPrecision(4)}`)
        .join(' ');
      console.log(`  ${v}  ${m.createdAt}  ${metrics}${tags.length ? `  <- ${tags.join(', ')}` : ''}`);
    }
    for (const a of aliases)
      console.log(`alias ${a.alias} -> ${a.version} (previous ${a.previous ?? 'none'}, ${a.updatedAt})`);
  } else if (command === 'promote' && version) {
    const record = await registry.setAlias(name, values.alias, version);
    console.log(`alias ${record.alias} of ${name} -> ${record.version} (was ${record.previous ?? 'unset'})`);
  } else if (command === 'rollback') {
    const record = await registry.rollback(name, values.alias, values.to);
    console.log(
      `alias ${record.alias} of ${name} rolled back -> ${record.version} (was ${record.previous ?? 'unset'})`,
    );
  } else {
    console.error(usage);
    process.exitCode = 2;
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof AppError ? `${err.code}: ${err.message}` : err);
  process.exit(1);
});
