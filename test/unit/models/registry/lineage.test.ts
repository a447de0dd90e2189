import { describe, expect, it } from 'vitest';
import { canonicalJson, lineageDifferences } from '../../../../models/registry/lineage.js';
import type { ModelManifest } from '../../../../models/registry/types.js';

const manifest = {
  lineage: { dataHash: 'abc', codeVersion: '1234', workflowId: 'w', runId: 'r' },
  parameters: { nEstimators: 100, gate: { maxMase: 1.1, minDirectionalAccuracy: 0.5 }, horizon: 5 },
} as unknown as ModelManifest;

describe('lineageDifferences', () => {
  it('finds none for the same data hash, code version and parameters, whatever the key order', () => {
    const parameters = { horizon: 5, gate: { minDirectionalAccuracy: 0.5, maxMase: 1.1 }, nEstimators: 100 };
    expect(lineageDifferences(manifest, { dataHash: 'abc', codeVersion: '1234', parameters })).toEqual([]);
  });

  it('names each part that differs', () => {
    const parameters = { ...manifest.parameters, gate: { maxMase: 1.2, minDirectionalAccuracy: 0.5 } };
    expect(
      lineageDifferences(manifest, { dataHash: 'abd', codeVersion: '1234-dirty-0f', parameters }),
    ).toEqual(['data hash', 'code version', 'parameters']);
    expect(
      lineageDifferences(manifest, {
        dataHash: 'abc',
        codeVersion: '1234',
        parameters: { ...manifest.parameters, seed: 7 },
      }),
    ).toEqual(['parameters']);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every level and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe('{"a":{"c":null,"d":[2,1]},"b":1}');
  });
});
