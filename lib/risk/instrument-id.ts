/**
 * Instrument ids as the risk seed and Twelve Data write them: `SYMBOL:EXCHANGE` (`AAPL:NASDAQ`,
 * `BRK.B:NYSE`, `EUR/USD:FOREX`, `BTC/USD:BINANCE`). Both parts are kept upper case, so `aapl:nasdaq` and
 * `AAPL:NASDAQ` are one instrument. A symbol is a letter or digit followed by up to 31 letters, digits or
 * `. / - _`; an exchange is a letter or digit followed by up to 31 letters, digits, spaces or `. - _`,
 * with no space at either end.
 */
import { RiskInputError } from './errors.js';

export interface InstrumentId {
  symbol: string;
  exchange: string;
  /** `SYMBOL:EXCHANGE`, the canonical form. */
  id: string;
}

const symbolPattern = /^[A-Z0-9][A-Z0-9./_-]{0,31}$/;
const exchangePattern = /^[A-Z0-9](?:[A-Z0-9 ._-]{0,30}[A-Z0-9._-])?$/;

export function parseInstrumentId(value: unknown, field = 'instrument'): InstrumentId {
  if (typeof value !== 'string')
    throw new RiskInputError(field, `must be a string like AAPL:NASDAQ, got ${typeof value}`);
  const parts = value.split(':');
  if (parts.length !== 2)
    throw new RiskInputError(
      field,
      `${JSON.stringify(value)} must be symbol:exchange with one colon, e.g. AAPL:NASDAQ`,
    );
  const symbol = parts[0]!.toUpperCase();
  const exchange = parts[1]!.toUpperCase();
  if (symbol === '')
    throw new RiskInputError(field, `${JSON.stringify(value)} has no symbol before the colon`);
  if (exchange === '')
    throw new RiskInputError(field, `${JSON.stringify(value)} has no exchange after the colon`);
  if (!symbolPattern.test(symbol))
    throw new RiskInputError(
      field,
      `symbol ${JSON.stringify(parts[0])} may hold only letters, digits and . / - _ (at most 32)`,
    );
  if (!exchangePattern.test(exchange))
    throw new RiskInputError(
      field,
      `exchange ${JSON.stringify(parts[1])} may hold only letters, digits, inner spaces and . - _ (at most 32)`,
    );
  return { symbol, exchange, id: `${symbol}:${exchange}` };
}

/** The canonical form of an instrument id, or a field-named error. */
export const normaliseInstrumentId = (value: unknown, field = 'instrument') =>
  parseInstrumentId(value, field).id;
