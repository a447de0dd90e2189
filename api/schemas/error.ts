import { Type, type Static } from 'typebox';

export const FieldProblem = Type.Object({
  field: Type.String({ description: 'Where the problem is, e.g. `data.volatility` or `instances[3].rsi`.' }),
  message: Type.String(),
});
export type FieldProblem = Static<typeof FieldProblem>;

export const ErrorResponse = Type.Object(
  {
    statusCode: Type.Integer({ description: 'The HTTP status, repeated.' }),
    code: Type.String({ description: 'Stable error code from the catalogue (lib/errors.ts).' }),
    error: Type.String({ description: 'The HTTP status text, e.g. `Bad Request`.' }),
    message: Type.String({ description: 'What went wrong; for a 4xx it names the field first.' }),
    field: Type.String({
      description:
        'The (first) field at fault, e.g. `data.rsi`, `body`, `authorization`, `query.access_token`; ' +
        'empty for a 5xx, where no client field is at fault.',
    }),
    errors: Type.Array(FieldProblem, {
      description: 'Every field at fault (at most 20 are listed); empty for a 5xx.',
    }),
  },
  {
    description:
      'Every error answer has this shape, 4xx and 5xx alike, including the errors of the HTTP parser ' +
      '(408, 431) and of the router (404, 405); 5xx answers never carry internal details.',
  },
);
export type ErrorResponse = Static<typeof ErrorResponse>;
