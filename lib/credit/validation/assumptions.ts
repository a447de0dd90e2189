/**
 * Validation of each engine's inputs, returning every problem with its field path; an empty list means
 * the engine can run. Vectors must have one value per projected period, so their length depends on the
 * loan's term: loan and assumptions are checked together.
 */
import { ROLL_STATES } from '../engines/consumer-credit.js';
import {
  checkArray,
  checkNumber,
  checkRateVector,
  checkStochasticMatrix,
  prop,
  type Problem,
} from './checks.js';

const MAX_MONTHS = 600;
const rate = { min: 0, max: 1 };
const noteRate = { min: 0, max: 1 };
const months = { min: 1, max: MAX_MONTHS, integer: true };
const lag = { min: 0, max: 120, integer: true };
const positive = { min: 0, minExclusive: true };

/** Projected periods of a loan: its remaining term when valid, otherwise 0 (vector lengths then unchecked). */
function termOf(problems: Problem[], field: string, value: unknown): number {
  return checkNumber(problems, field, value, months) ? (value as number) : 0;
}

function checkLoanBasics(problems: Problem[], field: string, loan: unknown): number {
  checkNumber(problems, `${field}.balance`, prop(loan, 'balance'), positive);
  checkNumber(problems, `${field}.noteRate`, prop(loan, 'noteRate'), noteRate);
  const age = prop(loan, 'ageMonths');
  if (age !== undefined)
    checkNumber(problems, `${field}.ageMonths`, age, { min: 0, max: MAX_MONTHS, integer: true });
  return termOf(problems, `${field}.remainingTermMonths`, prop(loan, 'remainingTermMonths'));
}

function checkVectorIfTerm(problems: Problem[], field: string, value: unknown, term: number): void {
  if (term > 0) checkRateVector(problems, field, value, term, rate);
}

/** Default rate, severity and recovery lag: the credit assumptions every amortising engine shares. */
function checkCredit(problems: Problem[], field: string, assumptions: unknown, term: number): void {
  checkVectorIfTerm(problems, `${field}.cdr`, prop(assumptions, 'cdr'), term);
  checkVectorIfTerm(problems, `${field}.severity`, prop(assumptions, 'severity'), term);
  checkNumber(problems, `${field}.recoveryLagMonths`, prop(assumptions, 'recoveryLagMonths'), lag);
}

export function validateMortgage(
  loan: unknown,
  assumptions: unknown,
  at = { loan: 'loan', assumptions: 'assumptions' },
): Problem[] {
  const problems: Problem[] = [];
  const term = checkLoanBasics(problems, at.loan, loan);
  const arm = prop(loan, 'arm');
  if (arm !== undefined) {
    const f = `${at.loan}.arm`;
    if (term > 0)
      checkRateVector(problems, `${f}.indexRate`, prop(arm, 'indexRate'), term, { min: -0.05, max: 1 });
    checkNumber(problems, `${f}.margin`, prop(arm, 'margin'), { min: -0.05, max: 0.2 });
    checkNumber(problems, `${f}.monthsToFirstReset`, prop(arm, 'monthsToFirstReset'), {
      min: 0,
      max: MAX_MONTHS,
      integer: true,
    });
    checkNumber(problems, `${f}.resetEveryMonths`, prop(arm, 'resetEveryMonths'), months);
    checkNumber(problems, `${f}.periodicCap`, prop(arm, 'periodicCap'), { min: 0 });
    const floor = prop(arm, 'lifetimeFloor');
    const cap = prop(arm, 'lifetimeCap');
    if (
      checkNumber(problems, `${f}.lifetimeFloor`, floor, noteRate) &&
      checkNumber(problems, `${f}.lifetimeCap`, cap, noteRate)
    ) {
      if ((cap as number) < (floor as number)) {
        problems.push({
          field: `${f}.lifetimeCap`,
          message: `must be at least lifetimeFloor (${floor as number})`,
        });
      }
    }
  }
  const a = at.assumptions;
  const prepayment = prop(assumptions, 'prepayment');
  const kind = prop(prepayment, 'kind');
  if (kind === 'psa')
    checkNumber(problems, `${a}.prepayment.speed`, prop(prepayment, 'speed'), { min: 0, max: 5000 });
  else if (kind === 'cpr') checkVectorIfTerm(problems, `${a}.prepayment.cpr`, prop(prepayment, 'cpr'), term);
  else
    problems.push({
      field: `${a}.prepayment.kind`,
      message: `must be "cpr" or "psa" (got ${JSON.stringify(kind)})`,
    });
  checkCredit(problems, a, assumptions, term);
  return problems;
}

export function validateAutoLoan(
  loan: unknown,
  assumptions: unknown,
  at = { loan: 'loan', assumptions: 'assumptions' },
): Problem[] {
  const problems: Problem[] = [];
  const term = checkLoanBasics(problems, at.loan, loan);
  const a = at.assumptions;
  // Above ~10% ABS a 60-month pool would be gone within the first year: no real speed is that fast.
  checkNumber(problems, `${a}.absSpeed`, prop(assumptions, 'absSpeed'), { min: 0, max: 0.1 });
  checkCredit(problems, a, assumptions, term);
  return problems;
}

export function validateConsumerCredit(
  pool: unknown,
  assumptions: unknown,
  at = { pool: 'pool', assumptions: 'assumptions' },
): Problem[] {
  const problems: Problem[] = [];
  const balances = prop(pool, 'balances');
  if (!Array.isArray(balances) || balances.length !== ROLL_STATES.length) {
    problems.push({
      field: `${at.pool}.balances`,
      message: `must be ${ROLL_STATES.length} balances (${ROLL_STATES.join(', ')})`,
    });
  } else {
    balances.forEach((b: unknown, i) => checkNumber(problems, `${at.pool}.balances[${i}]`, b, { min: 0 }));
  }
  checkNumber(problems, `${at.pool}.annualRate`, prop(pool, 'annualRate'), noteRate);
  const a = at.assumptions;
  const term = termOf(problems, `${a}.months`, prop(assumptions, 'months'));
  checkStochasticMatrix(problems, `${a}.matrix`, prop(assumptions, 'matrix'), ROLL_STATES.length);
  checkVectorIfTerm(problems, `${a}.paymentRate`, prop(assumptions, 'paymentRate'), term);
  checkVectorIfTerm(problems, `${a}.severity`, prop(assumptions, 'severity'), term);
  checkNumber(problems, `${a}.recoveryLagMonths`, prop(assumptions, 'recoveryLagMonths'), lag);
  return problems;
}

export function validateCommercialLoan(
  loan: unknown,
  assumptions: unknown,
  at = { loan: 'loan', assumptions: 'assumptions' },
): Problem[] {
  const problems: Problem[] = [];
  const l = at.loan;
  checkNumber(problems, `${l}.balance`, prop(loan, 'balance'), positive);
  checkNumber(problems, `${l}.noteRate`, prop(loan, 'noteRate'), noteRate);
  const term = termOf(problems, `${l}.termMonths`, prop(loan, 'termMonths'));
  const io = prop(loan, 'interestOnlyMonths');
  if (
    checkNumber(problems, `${l}.interestOnlyMonths`, io, { min: 0, max: MAX_MONTHS, integer: true }) &&
    term > 0 &&
    (io as number) > term
  ) {
    problems.push({ field: `${l}.interestOnlyMonths`, message: `must be at most termMonths (${term})` });
  }
  checkNumber(problems, `${l}.amortisationMonths`, prop(loan, 'amortisationMonths'), {
    min: 1,
    max: 1200,
    integer: true,
  });
  checkNumber(problems, `${l}.noi`, prop(loan, 'noi'), { min: 0 });
  checkNumber(problems, `${l}.propertyValue`, prop(loan, 'propertyValue'), positive);
  const a = at.assumptions;
  for (const key of ['noiShock', 'valueShock'] as const) {
    const v = prop(assumptions, key);
    if (v !== undefined) checkNumber(problems, `${a}.${key}`, v, { min: -1, max: 10 });
  }
  const growth = prop(assumptions, 'annualGrowth');
  if (growth !== undefined) checkNumber(problems, `${a}.annualGrowth`, growth, { min: -0.5, max: 1 });
  checkNumber(problems, `${a}.termDefaultDscr`, prop(assumptions, 'termDefaultDscr'), { min: 0, max: 10 });
  checkNumber(problems, `${a}.refinanceMaxLtv`, prop(assumptions, 'refinanceMaxLtv'), { min: 0, max: 5 });
  checkNumber(problems, `${a}.refinanceMinDscr`, prop(assumptions, 'refinanceMinDscr'), { min: 0, max: 10 });
  checkNumber(problems, `${a}.refinanceRate`, prop(assumptions, 'refinanceRate'), noteRate);
  checkNumber(
    problems,
    `${a}.refinanceAmortisationMonths`,
    prop(assumptions, 'refinanceAmortisationMonths'),
    { min: 1, max: 1200, integer: true },
  );
  checkNumber(problems, `${a}.liquidationCost`, prop(assumptions, 'liquidationCost'), rate);
  checkNumber(problems, `${a}.recoveryLagMonths`, prop(assumptions, 'recoveryLagMonths'), lag);
  const cpr = prop(assumptions, 'cpr');
  if (cpr !== undefined) checkNumber(problems, `${a}.cpr`, cpr, rate);
  return problems;
}

/** Tranches of a waterfall: names unique, balances and coupons in range, triggers above zero. */
export function validateTranches(tranches: unknown, field = 'tranches'): Problem[] {
  const problems: Problem[] = [];
  const list = checkArray(problems, field, tranches);
  const seen = new Set<string>();
  list?.forEach((tr, i) => {
    const f = `${field}[${i}]`;
    const name = prop(tr, 'name');
    if (typeof name !== 'string' || name.length === 0)
      problems.push({ field: `${f}.name`, message: 'must be a non-empty string' });
    else if (seen.has(name)) problems.push({ field: `${f}.name`, message: `repeats the name "${name}"` });
    else seen.add(name);
    checkNumber(problems, `${f}.balance`, prop(tr, 'balance'), { min: 0 });
    checkNumber(problems, `${f}.coupon`, prop(tr, 'coupon'), { min: 0, max: 1 });
    for (const key of ['ocTrigger', 'icTrigger'] as const) {
      const v = prop(tr, key);
      if (v !== undefined) checkNumber(problems, `${f}.${key}`, v, { min: 0, minExclusive: true, max: 10 });
    }
  });
  return problems;
}
