/**
 * Margin rates per instrument class, as fractions of a position's absolute market value. The defaults are
 * the US rules for equities: Regulation T's 50 % initial margin for a long purchase and FINRA Rule 4210's
 * 25 % maintenance; for a short sale, Regulation T's 150 % (the proceeds, kept in the account, plus 50 %)
 * and FINRA's 30 % maintenance. FINRA's per-share minimums for shorts of cheap stocks ($2.50 a share
 * under $5, $5 a share above) are not applied: the rate is the requirement. A class without `short`
 * rates does not allow shorting. Brokers' house rules are higher; pass them in.
 */
import { RiskInputError } from './errors.js';

export interface MarginRates {
  initial: number;
  maintenance: number;
}

export interface InstrumentClassRule {
  long: MarginRates;
  /** Omitted when the class cannot be sold short. */
  short?: MarginRates;
}

export type MarginRules = Readonly<Record<string, InstrumentClassRule>>;

export const regTMarginRules: MarginRules = {
  equity: { long: { initial: 0.5, maintenance: 0.25 }, short: { initial: 0.5, maintenance: 0.3 } },
};

/** The default class of a position that names none. */
export const defaultInstrumentClass = 'equity';

/** Rules checked: every rate within [0, 1] and maintenance no higher than initial. */
export function resolveMarginRules(
  rules: Record<string, InstrumentClassRule> = regTMarginRules,
): MarginRules {
  for (const [name, rule] of Object.entries(rules)) {
    for (const side of ['long', 'short'] as const) {
      const rates = rule?.[side];
      if (rates === undefined && side === 'short') continue;
      const at = `rules.${name}.${side}`;
      if (typeof rates !== 'object' || rates === null)
        throw new RiskInputError(at, 'must give initial and maintenance rates');
      for (const key of ['initial', 'maintenance'] as const) {
        const x = rates[key];
        if (!(typeof x === 'number' && x >= 0 && x <= 1))
          throw new RiskInputError(
            `${at}.${key}`,
            `must be a fraction within [0, 1], got ${JSON.stringify(x)}`,
          );
      }
      if (rates.maintenance > rates.initial)
        throw new RiskInputError(
          `${at}.maintenance`,
          `${rates.maintenance} is above the initial rate ${rates.initial}`,
        );
    }
  }
  return rules;
}
