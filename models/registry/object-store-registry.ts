/**
 * The model registry on an object store (MinIO or any S3-compatible service), laid out as `types.ts`
 * describes, plus:
 *
 *   models/<name>/<version>/claim.json          who took the version number (written with If-None-Match)
 *   models/<name>/by-key/<sha256(key)>.json     idempotency index: { version } for a registration key
 *   models/<name>/alias-history/<alias>/<time>.json   every alias change, for the audit trail
 *
 * Write order for a version: claim, index, artifacts, manifest. A crash anywhere before the manifest leaves
 * a version that readers do not list; a retry with the same key finds the claim or the index and finishes
 * that same version instead of taking a new number.
 */
import { AppError } from '../../lib/errors.js';
import { sha256Hex, type ObjectStore } from '../../lib/object-store.js';
import {
  featureSchemaHash,
  type AliasRecord,
  type ArtifactRef,
  type ModelManifest,
  type ModelRegistry,
} from './types.js';

const namePattern = /^[a-z0-9][a-z0-9._-]{0,99}$/i;
const aliasPattern = /^[a-z][a-z0-9-]{0,49}$/;
const artifactPattern = /^[a-z0-9][a-z0-9._-]{0,99}$/i;

function checkName(what: string, value: string, pattern: RegExp): void {
  if (!pattern.test(value)) {
    throw new AppError('INVALID_INPUT', `${what} ${JSON.stringify(value)} does not match ${pattern}`);
  }
}

export function formatVersion(n: number): string {
  return `v${String(n).padStart(4, '0')}`;
}

function versionNumber(version: string): number {
  const match = /^v(\d{4,})$/.exec(version);
  if (!match?.[1])
    throw new AppError('INVALID_INPUT', `version ${JSON.stringify(version)} is not like v0001`);
  return Number(match[1]);
}

function parseJson<T>(bytes: Buffer, key: string): T {
  try {
    return JSON.parse(bytes.toString('utf8')) as T;
  } catch {
    throw new AppError('INTEGRITY_CHECK_FAILED', `${key} is not valid JSON`, { key });
  }
}

export function createObjectStoreRegistry(store: ObjectStore): ModelRegistry {
  const root = (name: string) => `models/${name}`;
  const versionDir = (name: string, version: string) => `${root(name)}/${version}`;
  const manifestKey = (name: string, version: string) => `${versionDir(name, version)}/manifest.json`;
  const aliasKey = (name: string, alias: string) => `${root(name)}/aliases/${alias}.json`;

  async function readJsonIfExists<T>(key: string): Promise<T | undefined> {
    try {
      return parseJson<T>(await store.get(key), key);
    } catch (err) {
      if (err instanceof AppError && err.code === 'OBJECT_NOT_FOUND') return undefined;
      throw err;
    }
  }

  /** Takes the next free version number for this key, or finds the one an earlier attempt took. */
  async function claimVersion(name: string, keyHash: string, indexKey: string): Promise<string> {
    const prefix = `${root(name)}/`;
    const keys = (await store.list(prefix)).map((key) => key.slice(prefix.length));
    // A concurrent attempt with the same key may have claimed a number since we looked at the index: it
    // wrote the index before its artifacts, or its claim is among the versions that have no manifest yet.
    const indexed = await readJsonIfExists<{ version: string }>(indexKey);
    if (indexed) return indexed.version;
    const taken = keys
      .map((key) => /^v(\d{4,})\//.exec(key)?.[1])
      .filter((n): n is string => n !== undefined)
      .map(Number);
    for (const n of new Set(taken)) {
      const version = formatVersion(n);
      if (keys.includes(`${version}/manifest.json`)) continue;
      const claim = await readJsonIfExists<{ keyHash: string }>(`${versionDir(name, version)}/claim.json`);
      if (claim?.keyHash === keyHash) return version;
    }
    for (let n = Math.max(0, ...taken) + 1; ; n++) {
      const version = formatVersion(n);
      const claimKey = `${versionDir(name, version)}/claim.json`;
      if (
        await store.putIfAbsent(claimKey, JSON.stringify({ keyHash, claimedAt: new Date().toISOString() }))
      ) {
        return version;
      }
      // Someone holds this number: it is ours if an earlier attempt with the same key crashed after claiming.
      const claim = await readJsonIfExists<{ keyHash: string }>(claimKey);
      if (claim?.keyHash === keyHash) return version;
    }
  }

  const registry: ModelRegistry = {
    // The alias record's ETag: every write of the record changes it.
    async aliasRevision(name, alias) {
      return (await store.stat(aliasKey(name, alias)))?.etag;
    },

    async registerVersion(input, idempotencyKey) {
      checkName('model name', input.name, namePattern);
      const names = new Set<string>();
      for (const artifact of input.artifacts) {
        checkName('artifact name', artifact.name, artifactPattern);
        if (artifact.name === 'manifest.json' || artifact.name === 'claim.json' || names.has(artifact.name)) {
          throw new AppError('INVALID_INPUT', `artifact name ${artifact.name} is reserved or repeated`);
        }
        names.add(artifact.name);
      }
      const keyHash = sha256Hex(idempotencyKey);
      const indexKey = `${root(input.name)}/by-key/${keyHash}.json`;
      const indexed = await readJsonIfExists<{ version: string }>(indexKey);
      if (indexed && (await store.exists(manifestKey(input.name, indexed.version)))) {
        return registry.getManifest(input.name, indexed.version);
      }
      const version = indexed?.version ?? (await claimVersion(input.name, keyHash, indexKey));
      if (!indexed) await store.put(indexKey, JSON.stringify({ version, keyHash }));

      const artifacts: ArtifactRef[] = [];
      for (const artifact of input.artifacts) {
        const body = Buffer.from(artifact.body.buffer, artifact.body.byteOffset, artifact.body.byteLength);
        const stored = await store.put(`${versionDir(input.name, version)}/${artifact.name}`, body);
        const { name, role, format } = artifact;
        artifacts.push({ name, role, format, size: stored.size, sha256: stored.sha256 });
      }
      const manifest: ModelManifest = {
        name: input.name,
        version,
        createdAt: new Date().toISOString(),
        featureSchema: input.featureSchema,
        featureSchemaHash: featureSchemaHash(input.featureSchema),
        artifacts,
        metrics: input.metrics,
        parameters: input.parameters,
        lineage: input.lineage,
        ...(input.details ? { details: input.details } : {}),
      };
      // The manifest last: from this PUT on the version exists, with every artifact already in place.
      await store.put(manifestKey(input.name, version), JSON.stringify(manifest, null, 2));
      return manifest;
    },

    async listVersions(name) {
      checkName('model name', name, namePattern);
      const prefix = `${root(name)}/`;
      return (await store.list(prefix))
        .map((key) => /^(v\d{4,})\/manifest\.json$/.exec(key.slice(prefix.length))?.[1])
        .filter((v): v is string => v !== undefined)
        .sort((a, b) => versionNumber(a) - versionNumber(b));
    },

    async getManifest(name, version) {
      checkName('model name', name, namePattern);
      versionNumber(version);
      const manifest = await readJsonIfExists<ModelManifest>(manifestKey(name, version));
      if (!manifest) throw new AppError('VERSION_NOT_FOUND', `model ${name} has no version ${version}`);
      return manifest;
    },

    async readArtifact(manifest, artifactName) {
      const ref = manifest.artifacts.find((a) => a.name === artifactName);
      if (!ref) {
        throw new AppError(
          'OBJECT_NOT_FOUND',
          `${manifest.name} ${manifest.version} lists no ${artifactName}`,
        );
      }
      const key = `${versionDir(manifest.name, manifest.version)}/${artifactName}`;
      const bytes = await store.get(key);
      const where = `${manifest.name} ${manifest.version}/${artifactName}`;
      if (bytes.length !== ref.size) {
        throw new AppError(
          'INTEGRITY_CHECK_FAILED',
          `${where} has ${bytes.length} bytes, the manifest says ${ref.size} (truncated or replaced)`,
          { key },
        );
      }
      if (sha256Hex(bytes) !== ref.sha256) {
        throw new AppError('INTEGRITY_CHECK_FAILED', `${where} does not match its SHA-256 in the manifest`, {
          key,
        });
      }
      return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    },

    async getAlias(name, alias) {
      checkName('model name', name, namePattern);
      checkName('alias', alias, aliasPattern);
      return readJsonIfExists<AliasRecord>(aliasKey(name, alias));
    },

    async listAliases(name) {
      checkName('model name', name, namePattern);
      const prefix = `${root(name)}/aliases/`;
      const aliases = (await store.list(prefix))
        .map((key) => /^([a-z][a-z0-9-]*)\.json$/.exec(key.slice(prefix.length))?.[1])
        .filter((a): a is string => a !== undefined);
      const records = await Promise.all(aliases.map((alias) => registry.getAlias(name, alias)));
      return records.filter((r): r is AliasRecord => r !== undefined);
    },

    async setAlias(name, alias, version) {
      checkName('alias', alias, aliasPattern);
      if (!(await store.exists(manifestKey(name, version)))) {
        throw new AppError('VERSION_NOT_FOUND', `model ${name} has no complete version ${version}`);
      }
      const current = await registry.getAlias(name, alias);
      const previous = current?.version === version ? current.previous : current?.version;
      const record: AliasRecord = {
        alias,
        version,
        updatedAt: new Date().toISOString(),
        ...(previous ? { previous } : {}),
      };
      // One PUT of a small object: readers see the old record or the new one, never a mix.
      await store.put(aliasKey(name, alias), JSON.stringify(record));
      const stamp = record.updatedAt.replace(/[:.]/g, '-');
      await store.put(
        `${root(name)}/alias-history/${alias}/${stamp}-${version}.json`,
        JSON.stringify(record),
      );
      return record;
    },

    async rollback(name, alias, toVersion) {
      const current = await registry.getAlias(name, alias);
      if (!current) throw new AppError('ALIAS_NOT_FOUND', `model ${name} has no alias ${alias}`);
      const target = toVersion ?? current.previous;
      if (!target) {
        throw new AppError(
          'VERSION_NOT_FOUND',
          `alias ${alias} of ${name} has no previous version to roll back to`,
        );
      }
      return registry.setAlias(name, alias, target);
    },
  };
  return registry;
}
