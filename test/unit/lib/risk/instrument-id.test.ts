/** `symbol:exchange` ids: the canonical form, and a refusal naming the field for everything else. */
import { describe, expect, it } from 'vitest';
import { normaliseInstrumentId, parseInstrumentId } from '../../../../lib/risk/instrument-id.js';

const refusal = (value: unknown, field?: string) => {
  try {
    parseInstrumentId(value, field);
  } catch (e) {
    return { field: (e as { field: string }).field, message: (e as Error).message };
  }
  throw new Error(`${JSON.stringify(value)} was accepted`);
};

describe('instrument ids', () => {
  it('parses symbol:exchange into upper-case parts', () => {
    expect(parseInstrumentId('AAPL:NASDAQ')).toEqual({
      symbol: 'AAPL',
      exchange: 'NASDAQ',
      id: 'AAPL:NASDAQ',
    });
    expect(parseInstrumentId('brk.b:nyse').id).toBe('BRK.B:NYSE');
    expect(parseInstrumentId('EUR/USD:FOREX').symbol).toBe('EUR/USD');
    expect(parseInstrumentId('BTC/USD:Binance').exchange).toBe('BINANCE');
    expect(parseInstrumentId('VOD:LSE').id).toBe('VOD:LSE');
    expect(parseInstrumentId('SPY:NYSE ARCA').exchange).toBe('NYSE ARCA');
    expect(normaliseInstrumentId('msft:nasdaq')).toBe('MSFT:NASDAQ');
  });

  it('refuses anything else, naming the field and the part at fault', () => {
    expect(refusal('AAPL')).toEqual({
      field: 'instrument',
      message: 'instrument: "AAPL" must be symbol:exchange with one colon, e.g. AAPL:NASDAQ',
    });
    expect(refusal('A:B:C', 'positions[2].instrument').field).toBe('positions[2].instrument');
    expect(refusal(':NASDAQ').message).toMatch(/has no symbol before the colon/);
    expect(refusal('AAPL:').message).toMatch(/has no exchange after the colon/);
    expect(refusal('AA PL:NASDAQ').message).toMatch(/^instrument: symbol "AA PL" may hold only/);
    expect(refusal('AAPL: NASDAQ').message).toMatch(/^instrument: exchange " NASDAQ" may hold only/);
    expect(refusal(`${'X'.repeat(33)}:NYSE`).message).toMatch(/at most 32/);
    expect(refusal(42, 'instrument').message).toBe(
      'instrument: must be a string like AAPL:NASDAQ, got number',
    );
  });
});
