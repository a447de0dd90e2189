import { Type, type Static } from 'typebox';

const VersionSummary = Type.Object({
  version: Type.String(),
  createdAt: Type.String(),
  featureSchema: Type.Array(Type.String()),
  metrics: Type.Record(Type.String(), Type.Number()),
  lineage: Type.Object({
    dataHash: Type.String(),
    codeVersion: Type.String(),
    workflowId: Type.String(),
    runId: Type.String(),
  }),
});

const Alias = Type.Object({
  alias: Type.String(),
  version: Type.String(),
  updatedAt: Type.String(),
  previous: Type.Optional(Type.String()),
});

export const ModelsResponse = Type.Object({
  name: Type.String(),
  versions: Type.Array(VersionSummary),
  aliases: Type.Array(Alias),
  serving: Type.Optional(Type.Object({ version: Type.String(), loadedAt: Type.String() })),
});
export type ModelsResponse = Static<typeof ModelsResponse>;
