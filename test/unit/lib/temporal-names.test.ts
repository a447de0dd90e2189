import { describe, expect, it } from 'vitest';
import { compactTimestamp, workflowIds } from '../../../lib/temporal-names.js';

describe('workflow ids', () => {
  it('say what and when, sortably', () => {
    const at = new Date('2026-11-21T19:05:03.456Z');
    expect(compactTimestamp(at)).toBe('20261121T190503Z');
    expect(workflowIds.storeProbe(at)).toBe('store-probe-20261121T190503Z');
  });
});
