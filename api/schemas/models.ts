import { Type, type Static } from 'typebox';

export const VersionFields = Type.Object(
  {
    required: Type.Array(Type.String(), { description: 'The signature: a request must carry every one.' }),
    used: Type.Array(Type.String(), {
      description: 'The required fields its models read; the others feed drift monitoring only.',
    }),
    accepted: Type.Array(Type.String(), {
      description:
        'Every field a request may carry: the catalogue and the required ones. One not required is ' +
        'answered with a warning that this version does not use it.',
    }),
  },
  { description: 'Which request fields this version requires, uses and accepts.' },
);

const VersionSummary = Type.Object({
  version: Type.String(),
  createdAt: Type.String(),
  featureSchema: Type.Array(Type.String()),
  fields: VersionFields,
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
  serving: Type.Optional(
    Type.Object({ version: Type.String(), loadedAt: Type.String(), fields: VersionFields }),
  ),
});
export type ModelsResponse = Static<typeof ModelsResponse>;
