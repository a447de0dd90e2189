/**
 * The JSON body parser. Fastify's own answers every refusal with "Body is not valid JSON", also for valid
 * JSON that carries a `__proto__` key (refused because merging such an object can change every object's
 * prototype). This one says which: the syntax error and where, or the refused key and its path.
 */
import fp from 'fastify-plugin';
import { AppError } from '../../../lib/errors.js';

/** Keys refused anywhere in a body: `__proto__`, and `constructor` holding a `prototype` (as secure-json-parse). */
function refusedKeyPath(value: unknown): string | undefined {
  // Iterative: a body nested a hundred thousand levels deep must not overflow the stack.
  const stack: { node: unknown; path: string }[] = [{ node: value, path: 'body' }];
  while (stack.length > 0) {
    const { node, path } = stack.pop() as { node: unknown; path: string };
    if (node === null || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      node.forEach((item, i) => stack.push({ node: item, path: `${path}[${i}]` }));
      continue;
    }
    const record = node as Record<string, unknown>;
    if (Object.prototype.hasOwnProperty.call(record, '__proto__')) return `${path}.__proto__`;
    const ctor = Object.prototype.hasOwnProperty.call(record, 'constructor') ? record.constructor : undefined;
    if (
      ctor !== null &&
      typeof ctor === 'object' &&
      Object.prototype.hasOwnProperty.call(ctor, 'prototype')
    ) {
      return `${path}.constructor.prototype`;
    }
    for (const key of Object.keys(record)) stack.push({ node: record[key], path: `${path}.${key}` });
  }
  return undefined;
}

/** The body's path without the leading `body.`, as other field names are written (`data.x`). */
const asField = (path: string) => path.replace(/^body\./, '');

export default fp(
  async (fastify) => {
    fastify.removeContentTypeParser('application/json');
    fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
      const text = body as string;
      if (text.trim() === '') {
        done(new AppError('BAD_REQUEST', 'body is empty: send a JSON object', { field: 'body' }), undefined);
        return;
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        done(new AppError('BAD_REQUEST', `body is not valid JSON: ${reason}`, { field: 'body' }), undefined);
        return;
      }
      // JSON.parse makes `__proto__` an own key; only a body that mentions one is walked.
      const refused = /__proto__|constructor|\\u/.test(text) ? refusedKeyPath(parsed) : undefined;
      if (refused !== undefined) {
        const field = asField(refused);
        const key = refused.endsWith('__proto__') ? '__proto__' : 'constructor.prototype';
        const message =
          `${field} is refused: the key ${key} is not accepted anywhere in a JSON body (it can change ` +
          'the prototype of objects); rename or remove it';
        done(new AppError('BAD_REQUEST', message, { field }), undefined);
        return;
      }
      done(null, parsed);
    });
  },
  { name: 'json-body' },
);
