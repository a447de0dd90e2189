/**
 * A problem with the input of a margin computation (an instrument id that is not `symbol:exchange`, a
 * negative price, a short in a class that does not allow one): nothing is computed. `field` names the
 * input at fault (`positions[2].instrument`) so the API can answer 400 naming it.
 */
export class RiskInputError extends Error {
  override name = 'RiskInputError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}
