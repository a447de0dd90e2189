/**
 * Whether a new training's lineage is the one a registered version already has: same data (hash), same
 * parameters, same code version. Such a training can only reproduce that version, so deployment reuses it
 * instead of registering an identical one (every `npm start` trains the bundled sample again).
 */
import type { ModelManifest } from './types.js';

export interface LineageCandidate {
  dataHash: string;
  codeVersion: string;
  parameters: Record<string, unknown>;
}

/** JSON with object keys sorted at every level, so equal values compare equal whatever their key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** What differs between the version's lineage and the candidate's; empty when the candidate is the same. */
export function lineageDifferences(manifest: ModelManifest, candidate: LineageCandidate): string[] {
  const differences: string[] = [];
  if (manifest.lineage.dataHash !== candidate.dataHash) differences.push('data hash');
  if (manifest.lineage.codeVersion !== candidate.codeVersion) differences.push('code version');
  if (canonicalJson(manifest.parameters) !== canonicalJson(candidate.parameters))
    differences.push('parameters');
  return differences;
}
