/** Roll-rate model: one month worked by hand, and the vintage curve from the same matrix. */
import { describe, expect, it } from 'vitest';
import {
  projectConsumerCredit,
  vintageChargeOffs,
  vintageLossCurve,
} from '../../../../../lib/credit/engines/consumer-credit.js';

// current, dpd30, dpd60, dpd90, dpd120, chargedOff, prepaid
const matrix = [
  [0.9, 0.05, 0, 0, 0, 0, 0.05],
  [0.3, 0.4, 0.3, 0, 0, 0, 0],
  [0.1, 0.1, 0.3, 0.5, 0, 0, 0],
  [0.05, 0, 0.05, 0.2, 0.7, 0, 0],
  [0, 0, 0, 0, 0.1, 0.9, 0],
  [0, 0, 0, 0, 0, 1, 0],
  [0, 0, 0, 0, 0, 0, 1],
];

describe('consumer credit roll rates', () => {
  it('moves balances by the matrix; staying-current balances pay interest and the payment rate', () => {
    const p = projectConsumerCredit(
      { balances: [1000, 100, 0, 0, 50, 0, 0], annualRate: 0.24 },
      { matrix, paymentRate: 0.03, severity: 0.8, recoveryLagMonths: 2, months: 12 },
    );
    // Current: 1000·0.9 stays (pays 2% interest = 18 and 3% principal = 27) + 100·0.3 cures = 900 − 27 + 30.
    expect(p.interest[0]).toBeCloseTo(18, 10);
    expect(p.scheduledPrincipal[0]).toBeCloseTo(27, 10);
    expect(p.buckets.current[0]).toBeCloseTo(903, 10);
    expect(p.buckets.dpd30[0]).toBeCloseTo(50 + 40, 10);
    expect(p.buckets.dpd60[0]).toBeCloseTo(30, 10);
    expect(p.buckets.dpd120[0]).toBeCloseTo(5, 10);
    expect(p.prepayment[0]).toBeCloseTo(50, 10);
    expect(p.defaults[0]).toBeCloseTo(45, 10); // 50 · 0.9 charged off
    expect(p.loss[2]).toBeCloseTo(36, 10);
    expect(p.recovery[2]).toBeCloseTo(9, 10);
    expect(p.balance[0]).toBeCloseTo(903 + 90 + 30 + 5, 10);
  });

  it("a vintage's loss curve rises to its lifetime charge-off; vintages add up by calendar month", () => {
    const curve = vintageLossCurve(matrix, 120);
    // Nothing can charge off before it has rolled through four buckets: months 1-4 are zero.
    expect(curve[3]).toBe(0);
    expect(curve[4]).toBeGreaterThan(0);
    for (let t = 1; t < 120; t++) expect(curve[t]!).toBeGreaterThanOrEqual(curve[t - 1]!);
    const offs = vintageChargeOffs(
      [
        { originationMonth: 0, originalBalance: 100 },
        { originationMonth: 3, originalBalance: 200 },
      ],
      curve,
      12,
    );
    expect(offs[4]).toBeCloseTo(100 * curve[4]!, 12);
    expect(offs[7]).toBeCloseTo(100 * (curve[7]! - curve[6]!) + 200 * curve[4]!, 12);
  });
});
