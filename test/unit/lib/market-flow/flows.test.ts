/** Flow intensity, pair and member net flows, and the flow score, worked out by hand. */
import { describe, expect, it } from 'vitest';
import {
  flowIntensity,
  flowScore,
  netFlowsBetween,
  pairNetFlow,
  shareShiftFlows,
} from '../../../../lib/market-flow/flows.js';

describe('money flows', () => {
  it('flow intensity is the change in market value over where it started', () => {
    // (230 - 200) / 200 = 0.15
    expect(flowIntensity(200, 230)).toBeCloseTo(0.15, 14);
  });

  it('a pair net flow is the shift of the target share, and its value at the end', () => {
    // Source 100 -> 90, target 100 -> 120: target share 100/200 = 0.5 -> 120/210 = 0.571429, Δs = 0.071429;
    // amount = Δs · 210 = 120 - 0.5 · 210 = 15: what the target holds beyond its old share of the total.
    const flow = pairNetFlow(100, 90, 100, 120);
    expect(flow.shareShift).toBeCloseTo(120 / 210 - 0.5, 14);
    expect(flow.amount).toBeCloseTo(15, 10);
    // Both growing alike moves nothing.
    expect(pairNetFlow(100, 110, 300, 330).amount).toBeCloseTo(0, 10);
  });

  it('member net flows are each share change priced at the end, and sum to zero', () => {
    // Start 100 100 200 (total 400), end 90 120 190 (total 400): shares .25 .25 .5 -> .225 .3 .475,
    // flows (-.025, +.05, -.025) · 400 = -10, +20, -10.
    const flows = shareShiftFlows(Float64Array.of(100, 100, 200), Float64Array.of(90, 120, 190));
    expect(Array.from(flows).map((x) => Number(x.toFixed(9)))).toEqual([-10, 20, -10]);
  });

  it('net flows between every pair point from the side that lost share', () => {
    const flows = netFlowsBetween(
      ['a', 'b', 'c'],
      Float64Array.of(100, 100, 200),
      Float64Array.of(90, 120, 190),
    );
    // a-b: as above, a -> b, 15 and 7.142857 points.
    // a-c: c's share 200/300 = .666667 -> 190/280 = .678571, Δs = .011905: a -> c, 190 - .666667·280 = 3.333333.
    // b-c: c's share .666667 -> 190/310 = .612903, Δs = -.053763: c -> b, |190 - .666667·310| = 16.666667.
    const expected = [
      ['a', 'b', 15, 100 * (120 / 210 - 0.5)],
      ['a', 'c', 10 / 3, 100 * (190 / 280 - 2 / 3)],
      ['c', 'b', 50 / 3, 100 * (2 / 3 - 190 / 310)],
    ] as const;
    expect(flows).toHaveLength(3);
    expected.forEach(([source, target, amount, percent], k) => {
      expect(flows[k]!.source).toBe(source);
      expect(flows[k]!.target).toBe(target);
      expect(flows[k]!.amount).toBeCloseTo(amount, 9);
      expect(flows[k]!.netFlowPercent).toBeCloseTo(percent, 9);
    });
    expect(flows[2]!.netFlowPercent).toBeCloseTo(5.376344, 6);
  });

  it('flow score: the relative move in standard deviations over the range', () => {
    // A 2 % relative move in a week against 20 % relative volatility: 0.02 / (0.2 · sqrt(1/52)) = 0.721110.
    expect(flowScore(0.02, 0.2, 1 / 52)).toBeCloseTo(0.02 / (0.2 * Math.sqrt(1 / 52)), 12);
    expect(flowScore(0.02, 0.2, 1 / 52)).toBeCloseTo(0.72111, 5);
    // Two holdings that never move apart have nothing to score.
    expect(flowScore(0, 0, 1 / 52)).toBe(0);
  });
});
