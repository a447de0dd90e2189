/** Each expected value is worked out by hand in the comment beside it. */
import { describe, expect, it } from 'vitest';
import {
  atr,
  bollinger,
  ema,
  garmanKlass,
  macd,
  returns,
  rsi,
  sma,
  volatility,
} from '../../../lib/indicators.js';

const f = (...v: number[]) => Float64Array.from(v);
const close = (actual: Float64Array, expected: number[]) => {
  expect(actual.length).toBe(expected.length);
  expected.forEach((e, i) =>
    Number.isNaN(e) ? expect(actual[i]).toBeNaN() : expect(actual[i]).toBeCloseTo(e, 6),
  );
};
const N = Number.NaN;

describe('indicators', () => {
  it('sma: mean of the last n values', () => close(sma(f(1, 2, 3, 4, 5), 3), [N, N, 2, 3, 4]));

  it('ema: seeded with the SMA, then alpha = 2/(n+1)', () => {
    // n = 3, alpha = 0.5: seed (1+2+3)/3 = 2; 0.5*4 + 0.5*2 = 3; 0.5*5 + 0.5*3 = 4
    close(ema(f(1, 2, 3, 4, 5), 3), [N, N, 2, 3, 4]);
  });

  it('returns: close[t] / close[t-lag] - 1', () => close(returns(f(100, 110, 99), 1), [N, 0.1, -0.1]));

  it('volatility: sample std of daily returns', () => {
    // returns 0.1 and -0.1: mean 0, sample variance (0.01 + 0.01) / 1 = 0.02, std 0.141421
    close(volatility(f(100, 110, 99), 2), [N, N, Math.sqrt(0.02)]);
  });

  it("rsi: Wilder's smoothing", () => {
    // changes +1 -1 +1 +1, n = 2: first avg gain 0.5, loss 0.5 -> 50;
    // gain (0.5+1)/2 = 0.75, loss 0.25 -> RS 3 -> 75; gain 0.875, loss 0.125 -> RS 7 -> 87.5
    close(rsi(f(1, 2, 1, 2, 3), 2), [N, N, 50, 75, 87.5]);
  });

  it('rsi is 100 when there are no losses', () => close(rsi(f(1, 2, 3, 4), 2), [N, N, 100, 100]));

  it('macd: EMA(fast) - EMA(slow)', () => {
    // EMA2 (alpha 2/3): 1.5, 2.5, 3.5; EMA3 (alpha 1/2): 2, 3 -> 0.5, 0.5
    close(macd(f(1, 2, 3, 4), 2, 3), [N, N, 0.5, 0.5]);
  });

  it('bollinger: SMA ± k population std', () => {
    // mean 2, population std sqrt(2/3) = 0.816497
    const { upper, lower } = bollinger(f(1, 2, 3), 3, 2);
    close(upper, [N, N, 2 + 2 * Math.sqrt(2 / 3)]);
    close(lower, [N, N, 2 - 2 * Math.sqrt(2 / 3)]);
  });

  it('atr: true range with the previous close, Wilder smoothing', () => {
    // TR1 = max(2, |12-9.5|, |10-9.5|) = 2.5; TR2 = max(2, 0, 2) = 2 -> ATR 2.25;
    // TR3 = max(2, |13-10|, |11-10|) = 3 -> (2.25 + 3) / 2 = 2.625
    close(atr(f(10, 12, 11, 13), f(9, 10, 9, 11), f(9.5, 11, 10, 12), 2), [N, N, 2.25, 2.625]);
  });

  it('garman-klass: 0.5 ln(H/L)^2 - (2 ln2 - 1) ln(C/O)^2, averaged, square-rooted', () => {
    // 0.5 * ln(110/90)^2 = 0.02013436; 0.38629436 * ln(1.05)^2 = 0.00091956; sqrt(0.01921480) = 0.1386175
    const [value] = garmanKlass(f(100), f(110), f(90), f(105), 1);
    expect(value).toBeCloseTo(0.1386175, 6);
  });
});
