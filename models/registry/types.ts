/**
 * The model registry as the pipeline and the API see it. Layout in the object store:
 *
 *   models/<name>/<version>/manifest.json   what the version is (below); written last
 *   models/<name>/<version>/<artifact>      the artifacts it lists, each with its SHA-256
 *   models/<name>/aliases/<alias>.json      { version, updatedAt, previous } — `production`, `staging`
 *
 * Versions are `v0001`, `v0002`, ... per model name. A version exists once its manifest exists; artifacts
 * are written before it, so a reader that finds a manifest finds every artifact it lists.
 *
 * This interface is what the API, the model holder, the activities and the CLI depend on; which store backs
 * it (object-store-registry.ts works on any S3-compatible store) is wiring.
 */
import { createHash } from 'node:crypto';

/** SHA-256 of the JSON of a feature schema: the manifest's `featureSchemaHash`. */
export function featureSchemaHash(featureSchema: readonly string[]): string {
  return createHash('sha256').update(JSON.stringify(featureSchema)).digest('hex');
}

export interface ArtifactRef {
  /** File name inside the version folder, e.g. `prediction-forest.bin`. */
  name: string;
  /** What the artifact is for: `prediction` | `risk` | `cashflow-topology` | `cashflow-weights` | ... */
  role: string;
  /** Engine or format that reads it, e.g. `histogram-forest`, `tfjs-layers`. */
  format: string;
  size: number;
  sha256: string;
}

export interface ModelManifest {
  name: string;
  version: string;
  createdAt: string;
  /** Feature names in the order the model expects them: the model's signature. */
  featureSchema: string[];
  /** SHA-256 of the JSON of `featureSchema`. */
  featureSchemaHash: string;
  artifacts: ArtifactRef[];
  metrics: Record<string, number>;
  parameters: Record<string, unknown>;
  lineage: {
    dataHash: string;
    datasetKey?: string;
    codeVersion: string;
    workflowId: string;
    runId: string;
  };
  /** Free-form details (backend used, drift baseline key, forecast horizon, ...). */
  details?: Record<string, unknown>;
}

export interface AliasRecord {
  alias: string;
  version: string;
  updatedAt: string;
  /** The version the alias pointed to before, for a one-step rollback and an audit trail. */
  previous?: string;
}

export interface NewArtifact {
  name: string;
  role: string;
  format: string;
  body: Uint8Array;
}

export type NewVersion = Omit<ModelManifest, 'version' | 'createdAt' | 'artifacts' | 'featureSchemaHash'> & {
  artifacts: NewArtifact[];
};

export interface ModelRegistry {
  /**
   * Writes the artifacts, then the manifest, under the next free version. Idempotent on
   * `idempotencyKey` (the pipeline passes workflow id + run id): a retry after a crash or a timeout returns
   * the version the first attempt created instead of creating a second one.
   */
  registerVersion(version: NewVersion, idempotencyKey: string): Promise<ModelManifest>;
  listVersions(name: string): Promise<string[]>;
  getManifest(name: string, version: string): Promise<ModelManifest>;
  /** Reads one artifact and verifies size and SHA-256 against the manifest; a mismatch is an error. */
  readArtifact(manifest: ModelManifest, artifactName: string): Promise<Uint8Array>;
  getAlias(name: string, alias: string): Promise<AliasRecord | undefined>;
  /** Every alias of the model with the version it points to. */
  listAliases(name: string): Promise<AliasRecord[]>;
  /**
   * A token that changes whenever the alias is written (undefined when there is no such alias): a watcher
   * compares it between polls and reads the alias only when it moved.
   */
  aliasRevision(name: string, alias: string): Promise<string | undefined>;
  /** Points the alias at an existing, complete version in one write (readers see old or new, never half). */
  setAlias(name: string, alias: string, version: string): Promise<AliasRecord>;
  /** Points the alias back at `toVersion`, or at the version it pointed to before. */
  rollback(name: string, alias: string, toVersion?: string): Promise<AliasRecord>;
}
