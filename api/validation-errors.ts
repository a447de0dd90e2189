/**
 * Turns schema validation errors (TypeBox's, shaped like Ajv's) into field problems a client can act on:
 * `instances[3].rsi must be number`, `data.volatility is required`, `extra is not allowed`.
 */
import type { FastifySchemaValidationError } from 'fastify';
import type { FieldProblem } from './schemas/error.js';

/** Clearer words than the validator's for the formats the schemas use. */
const formatMessages: Record<string, string> = {
  date: 'must be a real calendar date written YYYY-MM-DD',
};

/** A name as a path step: `.name`, or `[""]` for the empty name, which a dot would hide. */
function step(path: string, name: string): string {
  if (name === '') return `${path}[""]`;
  return path ? `${path}.${name}` : name;
}

function fieldOf(instancePath: string, context: string): string {
  // `/instances/0/` has an empty last name: every part after the leading slash counts.
  const parts = instancePath === '' ? [] : instancePath.split('/').slice(1);
  if (parts.length === 0) return context;
  const path = parts
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : step(path, part)), '');
  return path.startsWith('[') ? `${context}${path}` : path;
}

function join(base: string, name: string, context: string): string {
  return base === context ? (name === '' ? `${context}[""]` : name) : step(base, name);
}

export function describeValidation(errors: FastifySchemaValidationError[], context: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const extra = new Set<string>();
  const notAllowed = (field: string) => {
    if (extra.has(field)) return;
    extra.add(field);
    problems.push({ field, message: 'is not allowed' });
  };
  for (const error of errors) {
    const base = fieldOf(error.instancePath, context);
    const params = error.params as {
      requiredProperties?: string[];
      additionalProperties?: string[];
      format?: string;
    };
    if (error.keyword === 'required' && params.requiredProperties) {
      for (const name of params.requiredProperties)
        problems.push({ field: join(base, name, context), message: 'is required' });
    } else if (error.keyword === 'additionalProperties' && params.additionalProperties) {
      for (const name of params.additionalProperties) notAllowed(join(base, name, context));
    } else if (error.keyword === 'boolean' && error.schemaPath.endsWith('additionalProperties')) {
      // The validator names each extra property here, and once more in an `additionalProperties` error
      // that it leaves out when it stops early (after a few errors): either is reported, once.
      notAllowed(base);
    } else if (error.keyword === 'format' && params.format && formatMessages[params.format]) {
      problems.push({ field: base, message: formatMessages[params.format] as string });
    } else {
      problems.push({ field: base, message: error.message ?? 'is invalid' });
    }
  }
  return problems.length > 0 ? problems : [{ field: context, message: 'is invalid' }];
}
