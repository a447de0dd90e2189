/**
 * Margin status along the forecaster's adverse path. The base case: 100 shares at 100 with a 7,000 loan
 * (E 3,000, MR 2,500, excess 500) and P10 price changes of -2, -5, -8 over horizons 1..3:
 *
 *   h  price  value  equity  MR     excess
 *   1  98     9,800  2,800   2,450   350
 *   2  95     9,500  2,500   2,375   125
 *   3  92     9,200  2,200   2,300  -100   <- the first call, 100 to deposit
 */
import { describe, expect, it } from 'vitest';
import { forecastFromCashflow, forecastMarginPath } from '../../../../lib/risk/forecast-risk.js';
import type { MarginAccount } from '../../../../lib/risk/margin-status.js';

const account: MarginAccount = {
  loan: 7_000,
  positions: [{ instrument: 'AAPL:NASDAQ', quantity: 100, price: 100 }],
};

describe('forecast-aware margin status', () => {
  it('sees the call coming at the first step the P10 path crosses maintenance', () => {
    const r = forecastMarginPath({
      account,
      forecasts: [{ instrument: 'aapl:nasdaq', p10: [-2, -5, -8], p90: [2, 5, 8] }],
    });
    expect(r.current).toMatchObject({ equity: 3_000, maintenanceRequirement: 2_500, marginCall: false });
    expect(
      r.steps.map((s) => [
        s.horizon,
        s.marketValue,
        s.equity,
        s.maintenanceRequirement,
        s.maintenanceExcess,
        s.marginCall,
      ]),
    ).toEqual([
      [1, 9_800, 2_800, 2_450, 350, false],
      [2, 9_500, 2_500, 2_375, 125, false],
      [3, 9_200, 2_200, 2_300, -100, true],
    ]);
    expect(r.steps[2]!.callAmount).toBe(100);
    expect(r).toMatchObject({
      firstCallHorizon: 3,
      worstHorizon: 3,
      coveredInstruments: ['AAPL:NASDAQ'],
      uncoveredInstruments: [],
    });
  });

  it('no call on the path: null, and the tightest step named', () => {
    const r = forecastMarginPath({
      account,
      forecasts: [{ instrument: 'AAPL:NASDAQ', p10: [-1, -3, -2] }],
      horizons: [5, 10, 20],
    });
    // Excess at 99, 97, 98: 9,900 - 7,000 - 2,475 = 425; 9,700 - 7,000 - 2,425 = 275; 350.
    expect(r.steps.map((s) => s.maintenanceExcess)).toEqual([425, 275, 350]);
    expect(r).toMatchObject({ firstCallHorizon: null, worstHorizon: 10 });
  });

  it('scales changes made at another price, floors prices at zero, keeps uncovered positions', () => {
    const two: MarginAccount = {
      loan: 5_000,
      positions: [
        { instrument: 'AAPL:NASDAQ', quantity: 100, price: 100 },
        { instrument: 'MSFT:NASDAQ', quantity: 10, price: 400 },
      ],
    };
    // A forecast asked at stock_price 200 with P10 -10 (-5 %): AAPL 100 -> 95. Then -250 (-125 %): price 0.
    const r = forecastMarginPath({
      account: two,
      forecasts: [{ instrument: 'AAPL:NASDAQ', p10: [-10, -250], basePrice: 200 }],
    });
    // h1: 9,500 + 4,000 = 13,500; h2: 0 + 4,000 = 4,000, E = -1,000, MR 1,000: deposit 2,000.
    expect(r.steps.map((s) => [s.marketValue, s.equity, s.callAmount])).toEqual([
      [13_500, 8_500, 0],
      [4_000, -1_000, 2_000],
    ]);
    expect(r.uncoveredInstruments).toEqual(['MSFT:NASDAQ']);
    expect(r.firstCallHorizon).toBe(2);
  });

  it('a short is stressed on its P90 side', () => {
    // Short 100 at 100 with 15,000 cash; P90 +10, +25: prices 110, 125; E = 15,000 - 11,000 = 4,000 (MR 3,300),
    // then 15,000 - 12,500 = 2,500 against MR 3,750: a call for 1,250 at horizon 2.
    const short: MarginAccount = {
      loan: 0,
      cash: 15_000,
      positions: [{ instrument: 'TSLA:NASDAQ', quantity: -100, price: 100 }],
    };
    const r = forecastMarginPath({
      account: short,
      forecasts: [{ instrument: 'TSLA:NASDAQ', p10: [-10, -25], p90: [10, 25] }],
    });
    expect(r.steps.map((s) => s.equity)).toEqual([4_000, 2_500]);
    expect(r.steps[1]!.callAmount).toBeCloseTo(1_250, 9);
    expect(r.firstCallHorizon).toBe(2);
    expect(() =>
      forecastMarginPath({ account: short, forecasts: [{ instrument: 'TSLA:NASDAQ', p10: [-10, -25] }] }),
    ).toThrow(expect.objectContaining({ field: 'forecasts[0].p90' }));
  });

  it('takes a /predict cashflow as it comes, and refuses paths that do not line up', () => {
    const cashflow = [
      { horizon: 1, p10: -2, p50: 0.5, p90: 3 },
      { horizon: 2, p10: -5, p50: 1, p90: 6 },
    ];
    const { forecast, horizons } = forecastFromCashflow('AAPL:NASDAQ', cashflow, 100);
    expect(forecast).toEqual({ instrument: 'AAPL:NASDAQ', p10: [-2, -5], p90: [3, 6], basePrice: 100 });
    const r = forecastMarginPath({ account, forecasts: [forecast], horizons });
    expect(r.steps.map((s) => s.equity)).toEqual([2_800, 2_500]);
    const bad = { instrument: 'MSFT:NASDAQ', p10: [-1] };
    expect(() => forecastMarginPath({ account, forecasts: [forecast, bad], horizons })).toThrow(
      expect.objectContaining({ field: 'forecasts[1].p10' }),
    );
    expect(() =>
      forecastMarginPath({ account, forecasts: [{ ...forecast, p10: [-2, Number.NaN] }] }),
    ).toThrow(expect.objectContaining({ field: 'forecasts[0].p10[1]' }));
  });
});
