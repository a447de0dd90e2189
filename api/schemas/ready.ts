import { Type, type Static } from 'typebox';

export const ReadyResponse = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('degraded'), Type.Literal('unavailable')], {
    description:
      '`ready` (200): a model is loaded and the store answers. `degraded` (200): a model is loaded and ' +
      'served but the store is unreachable, so new versions are not picked up. `unavailable` (503): no model.',
  }),
  reason: Type.Optional(Type.String()),
  model: Type.Optional(Type.Object({ name: Type.String(), version: Type.String(), loadedAt: Type.String() })),
  objectStore: Type.Object({ reachable: Type.Boolean(), error: Type.Optional(Type.String()) }),
  database: Type.Optional(
    Type.Object(
      { reachable: Type.Boolean(), error: Type.Optional(Type.String()) },
      {
        description:
          'PostgreSQL, when configured. Predictions never need it, so it does not change `status`; the ' +
          'routes that store records answer 503 DEPENDENCY_UNAVAILABLE while it is unreachable.',
      },
    ),
  ),
  lastFailure: Type.Optional(
    Type.Object(
      { version: Type.String(), error: Type.String(), at: Type.String() },
      {
        description: 'The last version that was refused; the serving model stayed in place.',
      },
    ),
  ),
});
export type ReadyResponse = Static<typeof ReadyResponse>;
