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

function toWire(row: RowPrediction) {
  return {
    prediction: row.prediction,
    risk_flag: row.riskFlag,
    risk_probability: row.riskProbability,
    position_size: row.positionSize,
    cashflow: row.cashflow,
  };
}

const predict: FastifyPluginAsyncTypebox = async (fastify) => {
  const { modelHolder, predictionLog, metrics } = fastify;
  fastify.post(
    '/predict',
    {
      schema: {
        summary: 'Forecast from the production model',
        description:
          `Send \`{"data": {...}}\` for one row or \`{"instances": [...]}\` for up to ${maxBatchRows} rows. ` +
          'Missing features are a 400 naming each field; unknown ones are ignored and listed in `warnings`.',
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
      const rows = data !== undefined ? [data] : (instances as Record<string, number>[]);
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
          throw new AppError('INVALID_INPUT', `${data ? 'data' : 'instances'}.${err.field}: ${err.message}`, {
            field: `${data ? 'data' : 'instances'}.${err.field}`,
          });
        }
        throw derivedInputError(err, data ? 'data' : 'instances') ?? err;
      }
      assertFiniteOutputs(results, data ? 'data' : 'instances');
      metrics.predictions.inc({ model_version: model.version }, rows.length);
      const ref = { name: model.name, version: model.version };
      for (let i = 0; i < rows.length; i++) {
        if (!predictionLog.shouldSample()) continue;
        const output = toWire(results[i] as RowPrediction);
        predictionLog.add(model.name, {
          at: new Date().toISOString(),
          model: ref,
          input: rows[i],
          output,
          ...(as_of ? { as_of } : {}),
        });
      }
      if (data !== undefined) return { ...toWire(results[0] as RowPrediction), model: ref, warnings };
      return { predictions: results.map(toWire), model: ref, warnings };
    },
  );
};

export default predict;
