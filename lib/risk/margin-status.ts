/**
 * A client's margin status from positions and the latest prices:
 *
 *   position value   v_i = q_i · p_i                         (negative for a short, q_i < 0)
 *   market value     L = Σ v_i over longs, S = Σ |v_i| over shorts, gross G = L + S
 *   equity           E = L - S + cash - loan                 cash: credit balance (a short's proceeds
 *                                                             stay here); loan: the margin loan (debit)
 *   requirements     IR = Σ initial_i · |v_i|,  MR = Σ maintenance_i · |v_i|   (rates by class and side)
 *   excess           X = E - MR (negative: a deficit);  initial excess E - IR (negative: restricted,
 *                    no new margin purchases, as Regulation T has it; not a call)
 *   utilisation      U = MR / E: 1 exactly at the maintenance boundary; 0 with nothing required;
 *                    null when E <= 0 while something is required
 *   margin call      when E < MR (at E = MR exactly there is none)
 *   call amount      MR - E: the cash deposit that restores E to MR (a deposit raises E and leaves MR)
 *   liquidation      G · (1 - E / MR) when E > 0: selling that much of every position pro rata, proceeds
 *                    repaying the loan (or buying back shorts), leaves E unchanged and lowers MR to E;
 *                    null when E <= 0, where no sale can restore the account and only a deposit can
 */
import { RiskInputError } from './errors.js';
import { parseInstrumentId } from './instrument-id.js';
import { defaultInstrumentClass, regTMarginRules, type MarginRules } from './margin-rules.js';

export interface MarginPosition {
  /** `SYMBOL:EXCHANGE`. */
  instrument: string;
  /** Units held; negative for a short. */
  quantity: number;
  /** Latest price per unit. */
  price: number;
  /** Key into the margin rules; default `equity`. */
  instrumentClass?: string;
}

export interface MarginAccount {
  /** Margin loan (debit balance), USD. */
  loan: number;
  /** Credit balance, USD; default 0. */
  cash?: number;
  positions: readonly MarginPosition[];
}

export interface PositionMargin {
  instrument: string;
  instrumentClass: string;
  marketValue: number;
  initialRequirement: number;
  maintenanceRequirement: number;
}

export interface MarginStatus {
  longMarketValue: number;
  shortMarketValue: number;
  /** L - S: the positions' net value. */
  marketValue: number;
  loan: number;
  cash: number;
  equity: number;
  initialRequirement: number;
  maintenanceRequirement: number;
  maintenanceExcess: number;
  initialExcess: number;
  restricted: boolean;
  utilisation: number | null;
  marginCall: boolean;
  /** Cash deposit that restores maintenance; 0 without a call. */
  callAmount: number;
  /** Pro-rata sale that restores maintenance instead; 0 without a call, null when no sale can. */
  liquidationToRestore: number | null;
  positions: PositionMargin[];
}

/** Rates of one position, with the class and side checked against the rules. */
function ratesFor(position: MarginPosition, index: number, rules: MarginRules) {
  const cls = position.instrumentClass ?? defaultInstrumentClass;
  const rule = rules[cls];
  if (!rule)
    throw new RiskInputError(
      `positions[${index}].instrumentClass`,
      `no margin rule for ${JSON.stringify(cls)}`,
    );
  const rates = position.quantity < 0 ? rule.short : rule.long;
  if (!rates) throw new RiskInputError(`positions[${index}].quantity`, `${cls} cannot be sold short`);
  return { cls, rates };
}

export function checkMarginAccount(account: MarginAccount, rules: MarginRules = regTMarginRules): void {
  const money = (field: string, x: unknown) => {
    if (!(typeof x === 'number' && Number.isFinite(x) && x >= 0))
      throw new RiskInputError(field, `must be a finite amount >= 0, got ${JSON.stringify(x)}`);
  };
  money('loan', account.loan);
  if (account.cash !== undefined) money('cash', account.cash);
  if (!Array.isArray(account.positions)) throw new RiskInputError('positions', 'must be a list');
  account.positions.forEach((p, i) => {
    parseInstrumentId(p.instrument, `positions[${i}].instrument`);
    if (!(typeof p.quantity === 'number' && Number.isFinite(p.quantity)))
      throw new RiskInputError(
        `positions[${i}].quantity`,
        `must be a finite number, got ${JSON.stringify(p.quantity)}`,
      );
    if (!(typeof p.price === 'number' && Number.isFinite(p.price) && p.price > 0))
      throw new RiskInputError(
        `positions[${i}].price`,
        `must be a positive price, got ${JSON.stringify(p.price)}`,
      );
    ratesFor(p, i, rules);
  });
}

/** The status at given prices (`prices[i]` for position i; the positions' own by default). */
export function computeMarginStatus(
  account: MarginAccount,
  rules: MarginRules = regTMarginRules,
  prices?: ArrayLike<number>,
): MarginStatus {
  checkMarginAccount(account, rules);
  return statusAt(account, rules, prices ?? account.positions.map((p) => p.price));
}

/** Unchecked: for callers that have checked the account once and value it at many prices. */
export function statusAt(
  account: MarginAccount,
  rules: MarginRules,
  prices: ArrayLike<number>,
): MarginStatus {
  const cash = account.cash ?? 0;
  let long = 0;
  let short = 0;
  let initialRequirement = 0;
  let maintenanceRequirement = 0;
  const positions = account.positions.map((p, i) => {
    const { cls, rates } = ratesFor(p, i, rules);
    const marketValue = p.quantity * prices[i]!;
    const gross = Math.abs(marketValue);
    if (marketValue >= 0) long += marketValue;
    else short += gross;
    initialRequirement += rates.initial * gross;
    maintenanceRequirement += rates.maintenance * gross;
    return {
      instrument: parseInstrumentId(p.instrument).id,
      instrumentClass: cls,
      marketValue,
      initialRequirement: rates.initial * gross,
      maintenanceRequirement: rates.maintenance * gross,
    };
  });
  const equity = long - short + cash - account.loan;
  const marginCall = equity < maintenanceRequirement;
  const deficit = maintenanceRequirement - equity;
  return {
    longMarketValue: long,
    shortMarketValue: short,
    marketValue: long - short,
    loan: account.loan,
    cash,
    equity,
    initialRequirement,
    maintenanceRequirement,
    maintenanceExcess: equity - maintenanceRequirement,
    initialExcess: equity - initialRequirement,
    restricted: equity < initialRequirement,
    utilisation: maintenanceRequirement === 0 ? 0 : equity > 0 ? maintenanceRequirement / equity : null,
    marginCall,
    callAmount: marginCall ? deficit : 0,
    liquidationToRestore: !marginCall
      ? 0
      : equity > 0
        ? (long + short) * (1 - equity / maintenanceRequirement)
        : null,
    positions,
  };
}
