/** Validation of a Monte Carlo run's model, pool and path range, with field-named problems. */
import { POOL_COLUMNS } from '../monte-carlo/pool.js';
import { checkNumber, prop, type Problem } from './checks.js';

export function validateMonteCarloModel(model: unknown, field = 'model'): Problem[] {
  const problems: Problem[] = [];
  const n = (path: string, value: unknown, rule: Parameters<typeof checkNumber>[3]) =>
    checkNumber(problems, `${field}.${path}`, value, rule);
  const group = (key: string) => prop(model, key);
  n('horizonMonths', group('horizonMonths'), { min: 1, max: 600, integer: true });
  n('recoveryLagMonths', group('recoveryLagMonths'), { min: 0, max: 120, integer: true });
  const sr = group('shortRate');
  n('shortRate.initial', prop(sr, 'initial'), { min: -0.05, max: 0.5 });
  n('shortRate.longTermMean', prop(sr, 'longTermMean'), { min: -0.05, max: 0.5 });
  n('shortRate.meanReversion', prop(sr, 'meanReversion'), { min: 0, max: 10 });
  n('shortRate.volatility', prop(sr, 'volatility'), { min: 0, max: 0.5 });
  const pp = group('prepayment');
  n('prepayment.mortgageSpread', prop(pp, 'mortgageSpread'), { min: -0.05, max: 0.2 });
  const minOk = n('prepayment.minCpr', prop(pp, 'minCpr'), { min: 0, max: 1 });
  if (n('prepayment.maxCpr', prop(pp, 'maxCpr'), { min: 0, max: 1 }) && minOk) {
    if ((prop(pp, 'maxCpr') as number) < (prop(pp, 'minCpr') as number)) {
      problems.push({ field: `${field}.prepayment.maxCpr`, message: 'must be at least prepayment.minCpr' });
    }
  }
  n('prepayment.steepness', prop(pp, 'steepness'), { min: 0, max: 1000 });
  n('prepayment.midpoint', prop(pp, 'midpoint'), { min: -0.2, max: 0.2 });
  n('prepayment.seasoningMonths', prop(pp, 'seasoningMonths'), { min: 0, minExclusive: true, max: 600 });
  const d = group('default');
  n('default.baseCdr', prop(d, 'baseCdr'), { min: 0, max: 1 });
  n('default.maxCdr', prop(d, 'maxCdr'), { min: 0, max: 1 });
  n('default.rateSensitivity', prop(d, 'rateSensitivity'), { min: -100, max: 100 });
  n('default.meanReversion', prop(d, 'meanReversion'), { min: 0, max: 10 });
  n('default.volatility', prop(d, 'volatility'), { min: 0, max: 5 });
  n('default.correlation', prop(d, 'correlation'), { min: -1, max: 1 });
  const v = group('valuation');
  n('valuation.oas', prop(v, 'oas'), { min: -0.1, max: 0.5 });
  n('valuation.priceRatio', prop(v, 'priceRatio'), { min: 0, minExclusive: true, max: 5 });
  return problems;
}

/** Every pool column present, of the pool's size, with values in range; terms within the horizon. */
export function validateLoanPool(pool: unknown, horizonMonths: number, field = 'pool'): Problem[] {
  const problems: Problem[] = [];
  const size = prop(pool, 'size');
  if (!checkNumber(problems, `${field}.size`, size, { min: 1, max: 1_000_000, integer: true }))
    return problems;
  const rules: Record<(typeof POOL_COLUMNS)[number], Parameters<typeof checkNumber>[3]> = {
    balance: { min: 0 },
    noteRate: { min: 0, max: 1 },
    remainingTermMonths: { min: 1, max: horizonMonths, integer: true },
    ageMonths: { min: 0, max: 600, integer: true },
    defaultMultiplier: { min: 0, max: 100 },
    severity: { min: 0, max: 1 },
  };
  for (const key of POOL_COLUMNS) {
    const column = prop(pool, key) as ArrayLike<unknown> | undefined;
    if (!column || typeof column.length !== 'number' || column.length !== size) {
      problems.push({
        field: `${field}.${key}`,
        message: `must hold ${size as number} values, one per loan`,
      });
      continue;
    }
    for (let i = 0; i < column.length; i++)
      checkNumber(problems, `${field}.${key}[${i}]`, column[i], rules[key]);
  }
  return problems;
}

/** A range of paths [fromPath, toPath) and the run's seed. */
export function validatePathRange(range: unknown, field = 'range'): Problem[] {
  const problems: Problem[] = [];
  checkNumber(problems, `${field}.seed`, prop(range, 'seed'), {
    min: 0,
    max: Number.MAX_SAFE_INTEGER,
    integer: true,
  });
  const from = prop(range, 'fromPath');
  const to = prop(range, 'toPath');
  const ok = checkNumber(problems, `${field}.fromPath`, from, { min: 0, max: 2 ** 32 - 1, integer: true });
  if (
    checkNumber(problems, `${field}.toPath`, to, { min: 1, max: 2 ** 32, integer: true }) &&
    ok &&
    (to as number) <= (from as number)
  ) {
    problems.push({ field: `${field}.toPath`, message: `must be greater than fromPath (${from as number})` });
  }
  return problems;
}
