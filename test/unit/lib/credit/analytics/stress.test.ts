/** Projection summaries and stress scenarios: consistency checks worked out in the comments. */
import { describe, expect, it } from 'vitest';
import { priceFromYield } from '../../../../../lib/credit/analytics/bond-math.js';
import {
  runMortgageStresses,
  STANDARD_STRESSES,
  stressAssumptions,
} from '../../../../../lib/credit/analytics/stress.js';
import { summariseProjection } from '../../../../../lib/credit/analytics/summary.js';
import { projectMortgage } from '../../../../../lib/credit/engines/mortgage.js';
import type { ZeroCurve } from '../../../../../lib/credit/analytics/curve.js';

const loan = { balance: 300_000, noteRate: 0.055, remainingTermMonths: 360 };
const assumptions = {
  prepayment: { kind: 'psa' as const, speed: 150 },
  cdr: 0.01,
  severity: 0.35,
  recoveryLagMonths: 12,
};
const curve: ZeroCurve = { times: [1, 10, 30], rates: [0.04, 0.045, 0.05], compounding: 12 };

describe('projection summary', () => {
  it('priced at its own value on the curve, the Z-spread is zero and the yield reprices to the price', () => {
    const p = projectMortgage(loan, assumptions);
    const value = summariseProjection(p, loan.balance, { curve }).value!;
    const s = summariseProjection(p, loan.balance, { curve, price: value });
    expect(s.zSpread).toBeCloseTo(0, 10);
    expect(priceFromYield(p.totalCashFlow, s.yield!, 12) / value).toBeCloseTo(1, 10);
    expect(s.macaulayDuration!).toBeGreaterThan(s.modifiedDuration!);
    expect(s.lossRate).toBeCloseTo(s.totalLoss / 300_000, 12);
    expect(s.totalPrincipal + s.totalLoss).toBeCloseTo(300_000, 6);
    expect(s.notes).toEqual([]);
  });
});

describe('stress scenarios', () => {
  const results = runMortgageStresses(loan, assumptions, { curve });
  const by = (name: string) => results.find((r) => r.scenario.name === name)!.summary;

  it('the base scenario is the unstressed projection', () => {
    expect(by('base')).toEqual(
      summariseProjection(projectMortgage(loan, assumptions), loan.balance, { curve }),
    );
    expect(results).toHaveLength(STANDARD_STRESSES.length);
  });

  it('move losses, life and value the way each stress says', () => {
    expect(by('defaults doubled').totalLoss).toBeGreaterThan(by('base').totalLoss);
    expect(by('severity +20 points').totalLoss).toBeCloseTo((by('base').totalLoss * 0.55) / 0.35, 6);
    expect(by('fast prepayment').weightedAverageLife).toBeLessThan(by('base').weightedAverageLife);
    expect(by('slow prepayment').weightedAverageLife).toBeGreaterThan(by('base').weightedAverageLife);
    expect(by('rates +200 bp').value!).toBeLessThan(by('base').value!);
    expect(by('rates -200 bp').value!).toBeGreaterThan(by('base').value!);
  });

  it('scales PSA speeds and CPR vectors, shifts severities within [0, 1]', () => {
    const s = stressAssumptions(assumptions, { name: 'x', prepaymentMultiplier: 2, severityShift: 0.9 });
    expect(s.prepayment).toEqual({ kind: 'psa', speed: 300 });
    expect(s.severity).toBe(1);
    const v = stressAssumptions(
      { ...assumptions, prepayment: { kind: 'cpr', cpr: [0.1, 0.6] } },
      { name: 'y', prepaymentMultiplier: 2 },
    );
    expect(v.prepayment.kind === 'cpr' && Array.from(v.prepayment.cpr as Float64Array)).toEqual([0.2, 1]);
  });
});
