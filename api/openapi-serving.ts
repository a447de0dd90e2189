/**
 * The OpenAPI document is generated once at start, but which fields /predict requires changes with every
 * hot swap: each request for the document adds the served version's fields (`x-served-model` in `info`,
 * and a paragraph in /predict's description), from the same function as GET /models.
 */
import { versionFields } from '../lib/feature-sets.js';

interface Served {
  name: string;
  version: string;
  featureSchema: readonly string[];
}

interface Document {
  info?: Record<string, unknown>;
  paths?: Record<string, Record<string, { description?: string }>>;
}

export function withServedModel(spec: unknown, served: Served | undefined): unknown {
  const doc = spec as Document;
  const fields = served ? versionFields(served.featureSchema) : undefined;
  doc.info = {
    ...doc.info,
    'x-served-model': served ? { name: served.name, version: served.version, fields } : null,
  };
  const predict = doc.paths?.['/predict']?.post;
  if (predict) {
    const list = (names: string[]) => names.map((n) => `\`${n}\``).join(', ');
    const now =
      served && fields
        ? `Served now: ${served.name} ${served.version}. Required: ${list(fields.required)}. ` +
          `Used by its models: ${list(fields.used)}. Also accepted (answered with a "not used by this ` +
          `version" warning): ${list(fields.accepted.filter((f) => !fields.required.includes(f)))}.`
        : 'No model is served now (503 NO_MODEL_LOADED).';
    predict.description = `${predict.description ?? ''}\n\n${now}`;
  }
  return doc;
}
