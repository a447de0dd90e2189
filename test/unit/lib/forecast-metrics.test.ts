import { describe, expect, it } from 'vitest';
import { forecastMetrics, intervalCoverage } from '../../../lib/forecast-metrics.js';

describe('forecast metrics', () => {
  it('match hand-computed values', () => {
    // errors 1, -1, 0, 2: MAE 1, RMSE sqrt(6/4); mean 2.5, SS_tot 5 -> R2 = 1 - 6/5 = -0.2
    // signs: (1,0) skipped, (2,3) hit, (3,3) hit, (4,2) hit -> 1; MASE = 4 / (1+2+3+4) = 0.4
    const m = forecastMetrics([1, 2, 3, 4], [0, 3, 3, 2]);
    expect(m.mae).toBe(1);
    expect(m.rmse).toBeCloseTo(Math.sqrt(1.5), 12);
    expect(m.r2).toBeCloseTo(-0.2, 12);
    expect(m.directionalAccuracy).toBe(1);
    expect(m.mase).toBeCloseTo(0.4, 12);
  });

  it('coverage counts outcomes inside the interval', () => {
    expect(intervalCoverage([1, 5, 3, 10], [0, 0, 3, 0], [2, 4, 4, 9])).toBe(0.5);
  });
});
