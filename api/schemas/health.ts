import { Type, type Static } from 'typebox';

const Dependency = Type.Object({
  reachable: Type.Boolean(),
  latencyMs: Type.Number({ description: 'Round trip of the check, in milliseconds.' }),
  error: Type.Optional(Type.String({ description: 'Why the dependency is not reachable.' })),
});

/** The reference system's health answer, `{"status": "healthy", "timestamp": ...}`, plus the product's fields. */
export const HealthResponse = Type.Object({
  status: Type.Union([Type.Literal('healthy'), Type.Literal('degraded')], {
    description:
      '`healthy` when the process and its dependencies answer; `degraded` when a dependency is unreachable ' +
      '(the process itself is alive either way).',
  }),
  timestamp: Type.String({ format: 'date-time', description: 'When this answer was made (ISO 8601, UTC).' }),
  service: Type.String(),
  version: Type.String(),
  uptimeSeconds: Type.Number(),
  dependencies: Type.Object({
    objectStore: Type.Intersect([
      Dependency,
      Type.Object({ endpoint: Type.String(), bucket: Type.String() }),
    ]),
    temporal: Type.Intersect([
      Dependency,
      Type.Object({
        address: Type.String(),
        namespace: Type.String(),
        serverVersion: Type.Optional(Type.String()),
      }),
    ]),
    database: Type.Optional(
      Type.Intersect([Dependency, Type.Object({ url: Type.String({ description: 'Password hidden.' }) })], {
        description: 'PostgreSQL, when the process is configured with one.',
      }),
    ),
  }),
  versions: Type.Record(Type.String(), Type.String(), { description: 'Node.js and library versions.' }),
});
export type HealthResponse = Static<typeof HealthResponse>;
