/**
 * Stage 6, deployment: registers the run's artifacts as a new version (idempotent on workflow and run id,
 * so a retried activity returns the version its first attempt created) and, when asked, points the
 * `production` alias at it in one atomic write. When the alias already points at a version with this run's
 * lineage (data hash, parameters, code version), that version is kept and nothing is registered.
 */
import { runIdentity } from './run-context.js';
import { lineageDifferences, type LineageCandidate } from '../models/registry/lineage.js';
import type { ModelRegistry } from '../models/registry/types.js';
import type { ObjectStore } from '../lib/object-store.js';
import { failingFastOnBadInput } from './failures.js';
import type { FeatureSetRef } from './features.js';
import type { DatasetRef } from './ingestion.js';
import type { ArtifactOutput } from './training.js';
import type { ValidationResult } from './validation.js';

export interface DeployModelInput {
  modelName: string;
  dataset: DatasetRef;
  features: FeatureSetRef;
  artifacts: ArtifactOutput[];
  validation: ValidationResult;
  parameters: Record<string, unknown>;
  details: Record<string, unknown>;
  /** Alias to point at the new version, e.g. `production`; none registers only. */
  alias?: string;
}

export interface DeploymentResult {
  name: string;
  version: string;
  alias?: string;
  /** The alias already pointed at a version of the same lineage (data, parameters, code): kept, nothing registered. */
  reused?: boolean;
}

export function createDeploymentActivities(deps: {
  store: ObjectStore;
  registry: ModelRegistry;
  codeVersion: string;
}) {
  /**
   * The version `alias` points at, when its lineage is the candidate's and another run registered it (a
   * retry of the run that did is not a reuse: it goes the idempotent way and reports its own version).
   */
  async function sameAsAliased(name: string, alias: string, candidate: LineageCandidate) {
    const current = await deps.registry.getAlias(name, alias);
    if (!current) return undefined;
    const manifest = await deps.registry.getManifest(name, current.version);
    const { workflowId, runId } = runIdentity();
    const ours = manifest.lineage.workflowId === workflowId && manifest.lineage.runId === runId;
    return !ours && lineageDifferences(manifest, candidate).length === 0 ? manifest : undefined;
  }

  return {
    deployModel: failingFastOnBadInput(async (input: DeployModelInput): Promise<DeploymentResult> => {
      const { workflowId, runId } = runIdentity();
      const candidate = {
        dataHash: input.dataset.dataHash,
        codeVersion: deps.codeVersion,
        parameters: input.parameters,
      };
      const reusable = input.alias && (await sameAsAliased(input.modelName, input.alias, candidate));
      if (reusable) {
        return { name: reusable.name, version: reusable.version, alias: input.alias, reused: true };
      }
      const artifacts = await Promise.all(
        input.artifacts.map(async (a) => ({
          name: `${a.role}.bin`,
          role: a.role,
          format: a.format,
          body: new Uint8Array(await deps.store.get(a.key)),
        })),
      );
      const manifest = await deps.registry.registerVersion(
        {
          name: input.modelName,
          featureSchema: input.features.featureNames,
          artifacts,
          metrics: input.validation.metrics,
          parameters: input.parameters,
          lineage: {
            dataHash: candidate.dataHash,
            datasetKey: input.dataset.key,
            codeVersion: candidate.codeVersion,
            workflowId,
            runId,
          },
          details: {
            ...input.details,
            featuresKey: input.features.key,
            driftBaselineKey: input.features.baselineKey,
            horizon: input.features.horizon,
            inputExample: input.features.exampleRow,
            champion: input.validation.champion?.version ?? null,
          },
        },
        `${workflowId}/${runId}`,
      );
      if (input.alias) await deps.registry.setAlias(input.modelName, input.alias, manifest.version);
      return {
        name: manifest.name,
        version: manifest.version,
        ...(input.alias ? { alias: input.alias } : {}),
      };
    }),
  };
}
