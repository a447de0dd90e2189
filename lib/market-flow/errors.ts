/**
 * A problem with the input of a market-flow computation (a series out of order, a node naming a series
 * that does not exist, a correlation matrix that is not positive definite): nothing is computed. `field`
 * names the input at fault (`series[3].dates`, `industry.nodes[1].seriesId`) so the API can answer 400
 * naming it and an activity can fail non-retryably with the same words.
 */
export class MarketFlowInputError extends Error {
  override name = 'MarketFlowInputError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}
