/** Auto loans under the ABS convention; expected values worked out in the comments. */
import { describe, expect, it } from 'vitest';
import { absToSmm, levelPayment } from '../../../../../lib/credit/conventions.js';
import { projectAutoLoan } from '../../../../../lib/credit/engines/auto-loan.js';

describe('auto loan', () => {
  const loan = { balance: 30_000, noteRate: 0.072, remainingTermMonths: 60 };

  it('prepays SMM = ABS / (1 − ABS·(age − 1)) of the balance after scheduled principal', () => {
    const p = projectAutoLoan(
      { ...loan, ageMonths: 10 },
      { absSpeed: 0.015, cdr: 0, severity: 0.5, recoveryLagMonths: 3 },
    );
    const scheduled = levelPayment(30_000, 0.006, 60) - 30_000 * 0.006;
    // First projected month is the loan's 11th: SMM = 0.015 / (1 − 0.015 · 10).
    expect(p.prepayment[0]).toBeCloseTo((30_000 - scheduled) * absToSmm(0.015, 11), 8);
    expect(absToSmm(0.015, 11)).toBeCloseTo(0.015 / 0.85, 12);
  });

  it('pays off fully within its term', () => {
    const p = projectAutoLoan(loan, { absSpeed: 0.013, cdr: 0.02, severity: 0.5, recoveryLagMonths: 3 });
    const out = [p.scheduledPrincipal, p.prepayment, p.defaults].reduce(
      (s, a) => s + a.reduce((x, y) => x + y, 0),
      0,
    );
    expect(out).toBeCloseTo(30_000, 6);
    expect(p.balance[59]).toBeCloseTo(0, 8);
  });
});
