/**
 * A mortgage pool as columns of typed arrays (one element per loan), and the per-loan tables the path
 * loop reads, built once per run and shared by every path.
 */
import { uniform53, philox4x32 } from './philox.js';

export interface LoanPool {
  size: number;
  balance: Float64Array;
  /** Annual note rate. */
  noteRate: Float64Array;
  remainingTermMonths: Float64Array;
  ageMonths: Float64Array;
  /** Loan's default hazard relative to the pool's (e.g. from its LTV and credit score). */
  defaultMultiplier: Float64Array;
  /** Share of a default lost. */
  severity: Float64Array;
}

export const POOL_COLUMNS = [
  'balance',
  'noteRate',
  'remainingTermMonths',
  'ageMonths',
  'defaultMultiplier',
  'severity',
] as const;

export interface PoolTables {
  /**
   * Scheduled principal as a share of the performing balance, month-major: element t·size + i is loan i in
   * month t, r / ((1 + r)^n − 1) with n the months it has left (1 in its last month, 0 after).
   */
  scheduledShare: Float64Array;
  /** Loans still amortising in month t: loans are ordered by remaining term, longest first, so a prefix. */
  activeLoans: Int32Array;
  /** Monthly note rate of each loan. */
  monthlyRate: Float64Array;
  /** e^(−k·c) of each loan, its factor in the prepayment S-curve. */
  curveFactor: Float64Array;
}

/** Reorders the loans longest remaining term first (the order the path loop needs). */
export function orderByRemainingTerm(pool: LoanPool): LoanPool {
  const order = Array.from({ length: pool.size }, (_, i) => i).sort(
    (a, b) => pool.remainingTermMonths[b]! - pool.remainingTermMonths[a]! || a - b,
  );
  const pick = (column: Float64Array) => Float64Array.from(order, (i) => column[i]!);
  const out = { size: pool.size } as LoanPool;
  for (const key of POOL_COLUMNS) out[key] = pick(pool[key]);
  return out;
}

export function poolTables(pool: LoanPool, months: number, steepness: number): PoolTables {
  const n = pool.size;
  for (let i = 1; i < n; i++) {
    if (pool.remainingTermMonths[i]! > pool.remainingTermMonths[i - 1]!) {
      throw new RangeError(
        'pool loans must be ordered by remaining term, longest first (orderByRemainingTerm)',
      );
    }
  }
  const scheduledShare = new Float64Array(months * n);
  const activeLoans = new Int32Array(months);
  const monthlyRate = pool.noteRate.map((c) => c / 12);
  const curveFactor = pool.noteRate.map((c) => Math.exp(-steepness * c));
  for (let i = 0; i < n; i++) {
    const r = monthlyRate[i]!;
    const term = Math.min(months, pool.remainingTermMonths[i]!);
    for (let t = 0; t < term; t++) {
      const left = pool.remainingTermMonths[i]! - t;
      // Exactly 1 in the last month ((1 + r) − 1 need not round to r), so a loan ends at exactly zero.
      scheduledShare[t * n + i] = left === 1 ? 1 : r === 0 ? 1 / left : r / (Math.pow(1 + r, left) - 1);
      activeLoans[t] = Math.max(activeLoans[t]!, i + 1);
    }
  }
  return { scheduledShare, activeLoans, monthlyRate, curveFactor };
}

/**
 * A seeded synthetic pool of level-pay 30-year-origination mortgages (balances 80k–600k, note rates
 * 2.5–7.5%, ages 0–60 months, default multipliers 0.5–2, severities 25–45%), ordered for the path loop.
 */
export function syntheticMortgagePool(size: number, seed: number): LoanPool {
  const block = new Uint32Array(4);
  const pool: LoanPool = {
    size,
    balance: new Float64Array(size),
    noteRate: new Float64Array(size),
    remainingTermMonths: new Float64Array(size),
    ageMonths: new Float64Array(size),
    defaultMultiplier: new Float64Array(size),
    severity: new Float64Array(size),
  };
  for (let i = 0; i < size; i++) {
    // Stream 1 of the run's generator, one counter per loan and column pair.
    philox4x32(0, i, 1, 0, seed >>> 0, Math.floor(seed / 4294967296) >>> 0, block);
    const u = [uniform53(block[0]!, block[1]!), uniform53(block[2]!, block[3]!)];
    philox4x32(1, i, 1, 0, seed >>> 0, Math.floor(seed / 4294967296) >>> 0, block);
    u.push(uniform53(block[0]!, block[1]!), uniform53(block[2]!, block[3]!));
    philox4x32(2, i, 1, 0, seed >>> 0, Math.floor(seed / 4294967296) >>> 0, block);
    u.push(uniform53(block[0]!, block[1]!));
    const age = Math.floor(u[2]! * 61);
    pool.balance[i] = Math.round(80_000 + u[0]! * 520_000);
    pool.noteRate[i] = Math.round((0.025 + u[1]! * 0.05) * 8000) / 8000; // eighths of a percent
    pool.ageMonths[i] = age;
    pool.remainingTermMonths[i] = 360 - age;
    pool.defaultMultiplier[i] = 0.5 + u[3]! * 1.5;
    pool.severity[i] = 0.25 + u[4]! * 0.2;
  }
  return orderByRemainingTerm(pool);
}
