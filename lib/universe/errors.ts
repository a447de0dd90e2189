/**
 * A problem with the input of a universe analysis (a factor file in another layout, an empty universe,
 * too few months for the beta window): the run is refused, nothing is written. `field` names the input at
 * fault so the API can answer 400 naming it and an activity can fail non-retryably with the same words.
 */
export class UniverseInputError extends Error {
  override name = 'UniverseInputError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}
