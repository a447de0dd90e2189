import { Type, type Static } from 'typebox';
import { featureCatalogue, type FeatureEntry } from '../../lib/feature-catalogue.js';
import { describeRange, entriesIn, exampleRow } from '../../lib/feature-sets.js';
import { RowPrediction, predictionRowProperties } from '../../models/prediction-row.js';
import { FieldProblem } from './error.js';

export { RowPrediction };

/** Largest batch one request may carry; larger batches are split by the client. */
export const maxBatchRows = 1000;

/** The reference request's row (the catalogue's contract fields): the documented example of `data`. */
export const referenceRow: Record<string, number> = exampleRow(entriesIn('contract'));

/**
 * A row of features: every catalogue field with its description and valid range, each optional here
 * because which ones are required depends on the served version (GET /models); other names are accepted
 * as numbers, ignored and reported in `warnings`.
 */
export function featureRowSchema(catalogue: readonly FeatureEntry[] = featureCatalogue) {
  const properties = Object.fromEntries(
    catalogue.map((e) => [
      e.name,
      Type.Optional(
        Type.Number({
          ...e.range,
          description: `${e.description} Valid: ${describeRange(e.range)}. Sets: ${e.sets.join(', ')}.`,
          examples: [e.example],
        }),
      ),
    ]),
  );
  return Type.Object(properties, {
    additionalProperties: Type.Number(),
    description:
      "Feature values by name. The served version's fields (GET /models: `required`, `used`, `accepted`) " +
      'decide which are required; a contract field the version does not use, or an unknown name, is ' +
      'ignored and reported in `warnings`.',
    examples: [exampleRow(entriesIn('contract', catalogue))],
  });
}

const FeatureRow = featureRowSchema();

export const PredictRequest = Type.Object(
  {
    data: Type.Optional(FeatureRow),
    instances: Type.Optional(
      Type.Array(FeatureRow, {
        minItems: 1,
        maxItems: maxBatchRows,
        description: `1 to ${maxBatchRows} rows.`,
      }),
    ),
    as_of: Type.Optional(
      Type.String({
        format: 'date',
        description:
          'Optional market date (YYYY-MM-DD, a real calendar date) the features describe. Kept with the ' +
          'logged prediction, so its realised error can be measured once the horizon has passed.',
        examples: ['2020-04-09'],
      }),
    ),
  },
  {
    additionalProperties: false,
    description: 'Exactly one of `data` (one row) or `instances` (a batch), and optionally `as_of`.',
  },
);
export type PredictRequest = Static<typeof PredictRequest>;

export const ModelRef = Type.Object({ name: Type.String(), version: Type.String() });

const Warnings = Type.Array(FieldProblem, {
  description:
    'Fields that were present but not used: contract fields this version does not use, unknown names.',
});

export const SinglePrediction = Type.Object({
  ...predictionRowProperties,
  model: ModelRef,
  warnings: Warnings,
});
export const BatchPrediction = Type.Object({
  predictions: Type.Array(RowPrediction, { description: 'One per instance, in order.' }),
  model: ModelRef,
  warnings: Warnings,
});
export const PredictResponse = Type.Union([SinglePrediction, BatchPrediction]);
export type SinglePrediction = Static<typeof SinglePrediction>;
export type BatchPrediction = Static<typeof BatchPrediction>;
