/**
 * The stochastic model of a mortgage pool, path by path:
 *
 * - short rate: Vasicek, stepped monthly with its exact Gaussian transition
 *   r(t) = θ + (r(t−1) − θ)·e^(−κΔ) + σ·√((1 − e^(−2κΔ)) / (2κ))·Z₁;
 * - prepayment: a refinancing S-curve in the monthly rate, SMM = SMMmin + (SMMmax − SMMmin) / (1 +
 *   e^(−k·(c − m(t) − midpoint))), where c is the loan's note rate and m(t) = r(t) + mortgage spread the
 *   market mortgage rate, times a linear seasoning ramp min(1, age / seasoningMonths) as in PSA;
 * - default: CDR(t) = min(maxCdr, baseCdr · e^(x(t) + β·(r(t) − r(0)))), x an Ornstein-Uhlenbeck credit
 *   factor whose shocks have correlation ρ with Z₁; each loan's monthly default rate is its multiplier
 *   times the pool's MDR; severity per loan; recoveries `recoveryLagMonths` later;
 * - valuation: each path discounted along its own short rate plus an option-adjusted spread.
 *
 * The S-curve's endpoints are quoted as annual CPRs and turned into SMMs once, so the per-loan work needs
 * no power function: e^(−k·(c − m − midpoint)) = e^(−k·c) · e^(k·(m + midpoint)), a per-loan constant
 * times a per-path-month one.
 */
import { cprToSmm } from '../conventions.js';

export interface MortgageMonteCarloModel {
  /** Months the loans are projected (the output adds recoveryLagMonths for the last recoveries). */
  horizonMonths: number;
  shortRate: {
    initial: number;
    longTermMean: number;
    meanReversion: number;
    volatility: number;
  };
  prepayment: {
    /** Market mortgage rate = short rate + this spread. */
    mortgageSpread: number;
    minCpr: number;
    maxCpr: number;
    /** Steepness k of the S-curve per unit of incentive (100 = the curve turns over about 1%). */
    steepness: number;
    /** Incentive (note rate − market rate) at which prepayment is halfway between min and max. */
    midpoint: number;
    seasoningMonths: number;
  };
  default: {
    baseCdr: number;
    maxCdr: number;
    /** β: log-hazard change per unit change of the short rate from its initial value. */
    rateSensitivity: number;
    meanReversion: number;
    volatility: number;
    /** ρ between the credit factor's shocks and the short rate's. */
    correlation: number;
  };
  recoveryLagMonths: number;
  valuation: {
    /** Annual spread added to the short rate to discount each path. */
    oas: number;
    /** Price paid as a fraction of the pool balance: NPV is value − price, IRR is the yield at it. */
    priceRatio: number;
  };
}

export const DEFAULT_MORTGAGE_MODEL: MortgageMonteCarloModel = {
  horizonMonths: 360,
  shortRate: { initial: 0.04, longTermMean: 0.045, meanReversion: 0.15, volatility: 0.012 },
  prepayment: {
    mortgageSpread: 0.017,
    minCpr: 0.03,
    maxCpr: 0.45,
    steepness: 120,
    midpoint: 0.0075,
    seasoningMonths: 30,
  },
  default: {
    baseCdr: 0.008,
    maxCdr: 0.25,
    rateSensitivity: 8,
    meanReversion: 0.3,
    volatility: 0.6,
    correlation: 0.3,
  },
  recoveryLagMonths: 12,
  valuation: { oas: 0.01, priceRatio: 1 },
};

/** Constants of the model that every path shares, worked out once. */
export interface ModelConstants {
  months: number;
  rateDecay: number;
  rateStep: number;
  creditDecay: number;
  creditStep: number;
  correlationComplement: number;
  smmMin: number;
  smmSpan: number;
  invSeasoning: number;
}

const DT = 1 / 12;

/** σ·√((1 − e^(−2κΔ)) / (2κ)), the exact one-step standard deviation of an OU process (σ√Δ when κ = 0). */
function ouStep(kappa: number, sigma: number): number {
  return kappa === 0
    ? sigma * Math.sqrt(DT)
    : sigma * Math.sqrt((1 - Math.exp(-2 * kappa * DT)) / (2 * kappa));
}

export function modelConstants(model: MortgageMonteCarloModel): ModelConstants {
  const smmMin = cprToSmm(model.prepayment.minCpr);
  return {
    months: model.horizonMonths + model.recoveryLagMonths,
    rateDecay: Math.exp(-model.shortRate.meanReversion * DT),
    rateStep: ouStep(model.shortRate.meanReversion, model.shortRate.volatility),
    creditDecay: Math.exp(-model.default.meanReversion * DT),
    creditStep: ouStep(model.default.meanReversion, model.default.volatility),
    correlationComplement: Math.sqrt(1 - model.default.correlation ** 2),
    smmMin,
    smmSpan: cprToSmm(model.prepayment.maxCpr) - smmMin,
    invSeasoning: 1 / model.prepayment.seasoningMonths,
  };
}
