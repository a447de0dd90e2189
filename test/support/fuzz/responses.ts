/**
 * Judges one answer against the OpenAPI document: no 5xx, a status the operation documents (exactly or
 * as `4XX`), a body that matches that status's schema, and for every 4xx the documented error shape with
 * its headers (`Allow` on 405, `WWW-Authenticate` on 401, `Retry-After` on 429). Returns the problems.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import type { FuzzRequest, Operation } from './requests.js';
import type { JsonSchema } from './schema-arbitrary.js';

export interface FuzzResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** An error answer is small whatever the request was: lists and echoed names are capped. */
export const maxErrorBodyBytes = 8 * 1024;

export function createResponseChecker(operations: readonly Operation[]) {
  const ajv = new Ajv({ strict: false, allErrors: false, validateFormats: false });
  const compiled = new Map<JsonSchema, ValidateFunction>();
  const validator = (schema: JsonSchema) => {
    let v = compiled.get(schema);
    if (!v) compiled.set(schema, (v = ajv.compile(schema)));
    return v;
  };
  // Every route declares the same error shape for 4XX; any one of them judges answers no route gave.
  const errorSchema = operations
    .map((o) => o.responses['4XX']?.['application/json'])
    .find((s) => s !== undefined);
  if (!errorSchema) throw new Error('the document declares no 4XX error schema');

  function operationOf(request: FuzzRequest): Operation | undefined {
    const path = request.path.split('?')[0];
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    return operations.find((o) => o.path === path && o.method === method);
  }

  return function check(request: FuzzRequest, response: FuzzResponse): string[] {
    const problems: string[] = [];
    const { status } = response;
    if (status >= 500) problems.push(`answered ${status}`);
    const operation = operationOf(request);
    const range = `${Math.floor(status / 100)}XX`;
    const documented = operation
      ? (operation.responses[String(status)] ?? operation.responses[range])
      : undefined;
    if (operation && !documented)
      problems.push(`status ${status} is not documented for ${operation.method} ${operation.path}`);
    if (!operation && status < 400) problems.push(`a request no operation describes answered ${status}`);
    if (request.method === 'HEAD') return problems;

    const type = String(response.headers['content-type'] ?? '').split(';')[0] ?? '';
    const schema = documented
      ? (documented[type] ?? Object.values(documented)[0])
      : status >= 400
        ? errorSchema
        : undefined;
    let body: unknown = response.body.toString('utf8');
    if (type === 'application/json') {
      try {
        body = JSON.parse(body as string);
      } catch {
        problems.push(`answered ${status} with a body that is not JSON`);
        return problems;
      }
    }
    if (schema) {
      const validate = validator(schema);
      if (!validate(body))
        problems.push(`body of ${status} does not match its schema: ${ajv.errorsText(validate.errors)}`);
    }
    if (status >= 400) {
      if (type !== 'application/json') problems.push(`error ${status} is ${type || 'untyped'}, not JSON`);
      const error = body as { statusCode?: number; field?: string; errors?: unknown[] };
      if (!validator(errorSchema)(body)) problems.push(`error ${status} is not in the documented shape`);
      if (error.statusCode !== status)
        problems.push(`error body says ${error.statusCode}, status is ${status}`);
      if (status < 500 && !error.field) problems.push(`error ${status} names no field`);
      if (response.body.length > maxErrorBodyBytes)
        problems.push(`error body of ${response.body.length} bytes`);
      if (status === 405 && !response.headers.allow) problems.push('405 without Allow');
      if (status === 401 && !response.headers['www-authenticate'])
        problems.push('401 without WWW-Authenticate');
      if (status === 429 && !response.headers['retry-after']) problems.push('429 without Retry-After');
    }
    return problems;
  };
}
