/**
 * POST /predict: one row (`data`) or a batch (`instances`) through the served model. The model is taken
 * once per request, so a hot swap never mixes two versions in one answer.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AppError } from '../../../lib/errors.js';
import { FeatureValueError } from '../../../lib/relative-features.js';
import type { RowPrediction } from '../../../models/predictor.js';
import { assertFiniteOutputs, derivedInputError } from '../../finite-output.js';
import { rowsToMatrix } from '../../predict-input.js';
import { ErrorResponse } from '../../schemas/error.js';
import { PredictRequest, PredictResponse, maxBatchRows } from '../../schemas/predict.js';

const predict: FastifyPluginAsyncTypebox = async (fastify) => {
  const { modelHolder, predictionLog, metrics } = fastify;
  fastify.post(
    '/predict',
    {
      schema: {
        summary: 'Forecast from the production model',
        description:
          `Send \`{"data": {...}}\` for one row or \`{"instances": [...]}\` for up to ${maxBatchRows} rows. ` +
          "Which fields are required is the served version's (GET /models `fields`, and below): a missing " +
          'one is a 400 naming each field. A contract field the version does not use, or an unknown name, ' +
          'is ignored and listed in `warnings`. A value outside its range, or one the model cannot compute ' +
          'with, is a 400 naming the field.',
        body: PredictRequest,
        response: {
          200: PredictResponse,
          400: ErrorResponse,
          401: ErrorResponse,
          413: ErrorResponse,
          415: ErrorResponse,
          429: ErrorResponse,
          503: ErrorResponse,
        },
      },
    },
    async (request) => {
      const model = modelHolder.current();
      if (!model)
        throw new AppError('NO_MODEL_LOADED', `no model is loaded: ${modelHolder.status().reason ?? ''}`);
      const { data, instances, as_of } = request.body;
      if ((data === undefined) === (instances === undefined)) {
        throw new AppError(
          'INVALID_INPUT',
          'body must have exactly one of data (one row) or instances (a batch)',
          {
            field: 'body',
          },
        );
      }
      const rows = data !== undefined ? [data] : (instances as Record<string, number | undefined>[]);
      const label = `${model.name} ${model.version}`;
      const { matrix, warnings } = rowsToMatrix(
        rows,
        model.featureSchema,
        data ? 'data' : 'instances',
        label,
      );
      let results: RowPrediction[];
      try {
        results = model.predict(matrix);
      } catch (err) {
        // Values the model cannot use (a non-positive price, say) are the client's to fix.
        if (err instanceof FeatureValueError) {
          const row = data ? 'data' : `instances[${err.row}]`;
          const field = err.field === undefined ? row : `${row}.${err.field}`;
          throw new AppError('INVALID_INPUT', `${field}: ${err.message}`, {
            field,
            errors: [{ field, message: err.message }],
          });
        }
        throw derivedInputError(err, data ? 'data' : 'instances') ?? err;
      }
      assertFiniteOutputs(results, data ? 'data' : 'instances');
      metrics.predictions.inc({ model_version: model.version }, rows.length);
      const ref = { name: model.name, version: model.version };
      for (let i = 0; i < rows.length; i++) {
        if (!predictionLog.shouldSample()) continue;
        const output = results[i] as RowPrediction;
        predictionLog.add(model.name, {
          at: new Date().toISOString(),
          model: ref,
          input: rows[i],
          output,
          ...(as_of ? { as_of } : {}),
        });
      }
      if (data !== undefined) return { ...(results[0] as RowPrediction), model: ref, warnings };
      return { predictions: results, model: ref, warnings };
    },
  );
};

export default predict;
