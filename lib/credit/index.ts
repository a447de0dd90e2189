/**
 * The credit cash-flow engine's public surface: what the API, the scenario store and the Monte Carlo
 * activities import. Pure functions on typed arrays; nothing here does I/O.
 */
export * from './projection.js';
export * from './conventions.js';
export { projectMortgage, armRatePath } from './engines/mortgage.js';
export type { MortgageLoan, MortgageAssumptions, ArmTerms, Prepayment } from './engines/mortgage.js';
export { projectAutoLoan } from './engines/auto-loan.js';
export type { AutoLoan, AutoLoanAssumptions } from './engines/auto-loan.js';
export {
  projectConsumerCredit,
  vintageLossCurve,
  vintageChargeOffs,
  ROLL_STATES,
} from './engines/consumer-credit.js';
export type {
  ConsumerPool,
  ConsumerAssumptions,
  ConsumerProjection,
  RollRateMatrix,
  RollState,
  Vintage,
} from './engines/consumer-credit.js';
export { projectCommercialLoan, commercialStressGrid } from './engines/commercial-loan.js';
export type {
  CommercialLoan,
  CommercialAssumptions,
  CommercialProjection,
  StressCell,
} from './engines/commercial-loan.js';
export { projectCollateralPool, perPeriodRate } from './engines/collateral-pool.js';
export type { CollateralPool, CollateralAssumptions } from './engines/collateral-pool.js';
export { runWaterfall } from './engines/clo-waterfall.js';
export type {
  Tranche,
  WaterfallInputs,
  WaterfallResult,
  TrancheFlows,
  CoverageTest,
} from './engines/clo-waterfall.js';
export type { AmortisedProjection } from './engines/amortise.js';

export { npv, irr } from './analytics/irr.js';
export type { IrrResult, IrrOptions } from './analytics/irr.js';
export { brentRoot } from './analytics/root.js';
export {
  priceFromYield,
  yieldFromPrice,
  macaulayDuration,
  modifiedDuration,
  convexity,
  weightedAverageLife,
} from './analytics/bond-math.js';
export type { YieldResult } from './analytics/bond-math.js';
export { spotRate, discountFactor, shiftCurve, priceOnCurve, zSpread } from './analytics/curve.js';
export type { ZeroCurve, ZSpreadResult } from './analytics/curve.js';
export { shockGrid, effectiveMeasures } from './analytics/sensitivity.js';
export type { ShockValuer, ShockPoint, EffectiveMeasures } from './analytics/sensitivity.js';
export { summariseProjection } from './analytics/summary.js';
export type { ProjectionSummary, ValuationInputs } from './analytics/summary.js';
export { runMortgageStresses, stressAssumptions, STANDARD_STRESSES } from './analytics/stress.js';
export type { StressScenario, StressResult } from './analytics/stress.js';

export { DEFAULT_MORTGAGE_MODEL } from './monte-carlo/model.js';
export type { MortgageMonteCarloModel } from './monte-carlo/model.js';
export { syntheticMortgagePool, orderByRemainingTerm, POOL_COLUMNS } from './monte-carlo/pool.js';
export type { LoanPool } from './monte-carlo/pool.js';
export { preparePool, simulatePaths, CHUNK_SERIES, CHUNK_SCALARS } from './monte-carlo/simulate.js';
export type { PathChunk, PathRange, PreparedPool } from './monte-carlo/simulate.js';
export { mergePathChunks, summarisePaths, distribution, percentileOfSorted } from './monte-carlo/summary.js';
export type { MonteCarloSummary, Distribution, Band } from './monte-carlo/summary.js';
export { encodePathChunk, decodePathChunk } from './monte-carlo/chunk-codec.js';

export * from './validation/checks.js';
export * from './validation/assumptions.js';
export * from './validation/monte-carlo.js';
