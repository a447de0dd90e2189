import { Type, type Static } from 'typebox';

export const FieldProblem = Type.Object({
  field: Type.String({ description: 'Where the problem is, e.g. `data.volatility` or `instances[3].rsi`.' }),
  message: Type.String(),
});
export type FieldProblem = Static<typeof FieldProblem>;

export const ErrorResponse = Type.Object(
  {
    statusCode: Type.Integer(),
    code: Type.String({ description: 'Stable error code from the catalogue (lib/errors.ts).' }),
    error: Type.String(),
    message: Type.String({ description: 'What went wrong; for a 4xx it names the field first.' }),
    field: Type.Optional(Type.String({ description: 'The (first) field at fault, for a 4xx.' })),
    errors: Type.Optional(Type.Array(FieldProblem, { description: 'Every field at fault.' })),
  },
  { description: 'Every error answer has this shape; 5xx answers never carry internal details.' },
);
export type ErrorResponse = Static<typeof ErrorResponse>;
