/**
 * Margin status on hand-checked accounts with the Reg T defaults (long: 50 % initial, 25 % maintenance;
 * short: 50 % initial beyond the proceeds, 30 % maintenance). E = long - short + cash - loan,
 * MR = Σ rate · |value|, a call when E < MR, deposit MR - E, pro-rata sale G · (1 - E / MR).
 */
import { describe, expect, it } from 'vitest';
import { RiskInputError } from '../../../../lib/risk/errors.js';
import { regTMarginRules, resolveMarginRules } from '../../../../lib/risk/margin-rules.js';
import { computeMarginStatus, type MarginAccount } from '../../../../lib/risk/margin-status.js';

const long = (quantity: number, price: number, loan: number, cash = 0): MarginAccount => ({
  loan,
  cash,
  positions: [{ instrument: 'AAPL:NASDAQ', quantity, price }],
});

const fieldOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(RiskInputError);
    return (e as RiskInputError).field;
  }
  return undefined;
};

describe('margin status', () => {
  it('long only, no loan', () => {
    // 100 × 150 = 15,000 of equity; IR 50 % = 7,500; MR 25 % = 3,750; excess 11,250; U = 3,750 / 15,000.
    expect(computeMarginStatus(long(100, 150, 0))).toMatchObject({
      longMarketValue: 15_000,
      shortMarketValue: 0,
      marketValue: 15_000,
      equity: 15_000,
      initialRequirement: 7_500,
      maintenanceRequirement: 3_750,
      maintenanceExcess: 11_250,
      initialExcess: 7_500,
      restricted: false,
      utilisation: 0.25,
      marginCall: false,
      callAmount: 0,
      liquidationToRestore: 0,
    });
  });

  it('with a loan: above maintenance, below initial (restricted, no call)', () => {
    // E = 15,000 - 8,000 = 7,000; MR 3,750, excess 3,250; U = 3,750 / 7,000 = 0.535714; E - IR = -500.
    const s = computeMarginStatus(long(100, 150, 8_000));
    expect(s).toMatchObject({
      equity: 7_000,
      maintenanceExcess: 3_250,
      initialExcess: -500,
      restricted: true,
      marginCall: false,
    });
    expect(s.utilisation).toBeCloseTo(0.535714, 6);
    expect(s.positions).toEqual([
      {
        instrument: 'AAPL:NASDAQ',
        instrumentClass: 'equity',
        marketValue: 15_000,
        initialRequirement: 7_500,
        maintenanceRequirement: 3_750,
      },
    ]);
  });

  it('exactly at the maintenance boundary: no call', () => {
    // 100 × 100 = 10,000 with a 7,500 loan: E = 2,500 = 25 % of 10,000 = MR.
    expect(computeMarginStatus(long(100, 100, 7_500))).toMatchObject({
      equity: 2_500,
      maintenanceRequirement: 2_500,
      maintenanceExcess: 0,
      utilisation: 1,
      marginCall: false,
      callAmount: 0,
    });
  });

  it('a call: the deposit and the pro-rata sale that restore maintenance', () => {
    // The price falls to 90: 9,000 - 7,500 = 1,500 of equity against MR 2,250: a 750 deficit.
    // Deposit 750, or sell 9,000 × (1 - 1,500 / 2,250) = 3,000 of stock and repay the loan with it.
    const s = computeMarginStatus(long(100, 90, 7_500));
    expect(s).toMatchObject({
      equity: 1_500,
      maintenanceRequirement: 2_250,
      maintenanceExcess: -750,
      marginCall: true,
      callAmount: 750,
    });
    expect(s.liquidationToRestore).toBeCloseTo(3_000, 9);
    // Check: after the sale, 6,000 of stock and a 4,500 loan: E 1,500 = MR 1,500, no call.
    const after = computeMarginStatus(long((100 * 2) / 3, 90, 4_500));
    expect(after.equity).toBeCloseTo(1_500, 9);
    expect(after.maintenanceRequirement).toBeCloseTo(1_500, 9);
    // After a 750 deposit (cash): E 2,250 = MR.
    expect(computeMarginStatus(long(100, 90, 7_500, 750))).toMatchObject({
      equity: 2_250,
      marginCall: false,
    });
  });

  it('under water: only a deposit can restore it', () => {
    // 7,000 of stock against a 7,500 loan: E = -500, MR 1,750, deposit 2,250; no sale helps, no utilisation.
    expect(computeMarginStatus(long(100, 70, 7_500))).toMatchObject({
      equity: -500,
      marginCall: true,
      callAmount: 2_250,
      liquidationToRestore: null,
      utilisation: null,
    });
  });

  it('a short: proceeds in cash, 30 % maintenance', () => {
    // Short 100 at 100 with 15,000 of cash (10,000 proceeds + 5,000 deposited): E = 15,000 - 10,000 = 5,000,
    // IR 5,000 (Reg T's 150 % less the proceeds), MR 3,000.
    const account = (price: number): MarginAccount => ({
      loan: 0,
      cash: 15_000,
      positions: [{ instrument: 'TSLA:NASDAQ', quantity: -100, price }],
    });
    expect(computeMarginStatus(account(100))).toMatchObject({
      shortMarketValue: 10_000,
      marketValue: -10_000,
      equity: 5_000,
      initialRequirement: 5_000,
      maintenanceRequirement: 3_000,
      marginCall: false,
    });
    // At 120: E = 15,000 - 12,000 = 3,000 < MR 3,600: deposit 600, or buy back 12,000 × (1 - 3,000 / 3,600) = 2,000.
    const s = computeMarginStatus(account(120));
    expect(s).toMatchObject({ equity: 3_000, marginCall: true });
    expect(s.maintenanceRequirement).toBeCloseTo(3_600, 9);
    expect(s.callAmount).toBeCloseTo(600, 9);
    expect(s.liquidationToRestore).toBeCloseTo(2_000, 9);
  });

  it('rates per instrument class, configurable', () => {
    const rules = resolveMarginRules({
      ...regTMarginRules,
      crypto: { long: { initial: 1, maintenance: 0.5 } },
    });
    // 10,000 of equities (MR 2,500) and 4,000 of crypto (MR 2,000); a 5,000 loan: E = 9,000, MR 4,500.
    const account: MarginAccount = {
      loan: 5_000,
      positions: [
        { instrument: 'MSFT:NASDAQ', quantity: 25, price: 400 },
        { instrument: 'BTC/USD:BINANCE', quantity: 0.1, price: 40_000, instrumentClass: 'crypto' },
      ],
    };
    const s = computeMarginStatus(account, rules);
    expect(s).toMatchObject({
      equity: 9_000,
      maintenanceRequirement: 4_500,
      initialRequirement: 9_000,
      utilisation: 0.5,
    });
    // Crypto cannot be shorted under these rules, and an unknown class has no rule.
    const short = {
      ...account,
      positions: [account.positions[0]!, { ...account.positions[1]!, quantity: -0.1 }],
    };
    expect(fieldOf(() => computeMarginStatus(short, rules))).toBe('positions[1].quantity');
    const unknown = { ...account, positions: [{ ...account.positions[0]!, instrumentClass: 'option' }] };
    expect(fieldOf(() => computeMarginStatus(unknown, rules))).toBe('positions[0].instrumentClass');
  });

  it('refuses bad accounts and rules naming the field', () => {
    expect(fieldOf(() => computeMarginStatus(long(100, 150, -1)))).toBe('loan');
    expect(fieldOf(() => computeMarginStatus(long(100, 0, 0)))).toBe('positions[0].price');
    expect(fieldOf(() => computeMarginStatus(long(Number.NaN, 10, 0)))).toBe('positions[0].quantity');
    expect(fieldOf(() => computeMarginStatus({ loan: 0, cash: -5, positions: [] }))).toBe('cash');
    expect(
      fieldOf(() =>
        computeMarginStatus({ loan: 0, positions: [{ instrument: 'AAPL', quantity: 1, price: 1 }] }),
      ),
    ).toBe('positions[0].instrument');
    expect(fieldOf(() => resolveMarginRules({ equity: { long: { initial: 0.25, maintenance: 0.5 } } }))).toBe(
      'rules.equity.long.maintenance',
    );
    expect(fieldOf(() => resolveMarginRules({ equity: { long: { initial: 1.5, maintenance: 0.5 } } }))).toBe(
      'rules.equity.long.initial',
    );
    // No positions and a loan larger than the cash: equity -100 below a zero requirement is a call for 100.
    expect(computeMarginStatus({ loan: 200, cash: 100, positions: [] })).toMatchObject({
      equity: -100,
      marginCall: true,
      callAmount: 100,
      utilisation: 0,
    });
  });
});
