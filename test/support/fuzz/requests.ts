/**
 * HTTP requests generated from an OpenAPI document: every documented operation with bodies from its
 * request schema, plus the mistakes clients make: wrong or missing tokens, a token in the query string,
 * other content types, broken or oversized JSON, other methods on the same path, paths that do not exist.
 */
import fc, { type Arbitrary } from 'fast-check';
import {
  hostileString,
  onceIn,
  schemaArbitrary,
  type ArbitraryOptions,
  type JsonSchema,
} from './schema-arbitrary.js';

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
}

interface OpenApiOperation {
  security?: unknown[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  responses?: Record<string, { content?: Record<string, { schema?: JsonSchema }> }>;
}

export interface Operation {
  method: string;
  path: string;
  bodySchema?: JsonSchema;
  /** Response schemas by status key (`200`, `4XX`, ...) and content type. */
  responses: Record<string, Record<string, JsonSchema | undefined>>;
}

export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: BodyPieces;
  /** Send the body as Latin-1 bytes, which is not valid UTF-8 once it holds bytes above 0x7f. */
  latin1?: boolean;
}

const methods = ['get', 'head', 'post', 'put', 'delete', 'patch', 'options'];

export function operationsOf(doc: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, byMethod] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(byMethod)) {
      if (!methods.includes(method)) continue;
      const responses = Object.fromEntries(
        Object.entries(op.responses ?? {}).map(([status, r]) => [
          status,
          Object.fromEntries(Object.entries(r.content ?? {}).map(([type, c]) => [type, c.schema])),
        ]),
      );
      operations.push({
        method: method.toUpperCase(),
        path,
        bodySchema: op.requestBody?.content?.['application/json']?.schema,
        responses,
      });
    }
  }
  return operations;
}

/** Header values http.request accepts (visible ASCII), however odd. */
const headerSafe = (s: string) => s.replace(/[^\x20-\x7e]/g, '').slice(0, 2000);

function authorization(token: string): Arbitrary<string | undefined> {
  return fc.oneof(
    { weight: 40, arbitrary: fc.constant(`Bearer ${token}`) },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constant('Bearer not-the-token') },
    { weight: 1, arbitrary: fc.constant(`Basic ${token}`) },
    { weight: 1, arbitrary: hostileString.map((s) => headerSafe(`Bearer ${s}`)) },
  );
}

const contentType: Arbitrary<string | undefined> = fc.oneof(
  { weight: 40, arbitrary: fc.constant('application/json') },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'application/json; charset=utf-8',
      'text/plain',
      'application/x-www-form-urlencoded',
      'application/vnd.api+json',
      'multipart/form-data; boundary=x',
    ),
  },
  { weight: 1, arbitrary: fc.constant(undefined) },
);

const queryString: Arbitrary<string> = fc.oneof(
  { weight: 20, arbitrary: fc.constant('') },
  {
    weight: 2,
    arbitrary: fc
      .array(
        fc.tuple(
          fc.oneof(
            fc.constantFrom('access_token', 'api_key', 'token', 'x', 'page', '__proto__'),
            fc.string({ maxLength: 8 }),
          ),
          fc.string({ maxLength: 12 }),
        ),
        { minLength: 1, maxLength: 3 },
      )
      .map(
        (pairs) => `?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`,
      ),
  },
);

/** A body as pieces, each repeated `times`: a megabyte of padding prints as one short line. */
export type BodyPieces = [text: string, times: number][];

const once = (text: string): BodyPieces => [[text, 1]];

/** Bodies no schema describes: broken, non-finite, deeply nested, oversized, not UTF-8. */
const rawBody: Arbitrary<{ body: BodyPieces; latin1?: boolean }> = fc
  .oneof(
    fc.constantFrom(
      once('{"data": {'),
      once('{"data": {"stock_price": 1e309}}'),
      once('{"instances": [{"stock_price": -1e309}]}'),
      once('{"data": {"stock_price": NaN}}'),
      once('null'),
      once('[]'),
      once('"data"'),
      once('{}'),
      once('{"data": {"__proto__": {"polluted": 1}}}'),
      once('{"constructor": {"prototype": {"polluted": 1}}}'),
      once('{"data": {"\\u005f_proto__": 1}}'),
      [
        ['[', 50_000],
        [']', 50_000],
      ] as BodyPieces,
      [
        ['{"data": {}, "pad": "', 1],
        ['x', 1024 * 1024 + 10],
        ['"}', 1],
      ] as BodyPieces,
    ),
    fc.string({ maxLength: 60 }).map(once),
  )
  .chain((body) =>
    fc.oneof(
      fc.constant({ body }),
      fc.constant({ body: [...body, ['\u00ff\u00fe', 1]] as BodyPieces, latin1: true }),
    ),
  );

function bodyFor(
  operation: Operation,
  options: ArbitraryOptions,
): Arbitrary<{ body: BodyPieces; latin1?: boolean } | undefined> {
  if (!operation.bodySchema) return onceIn(10, rawBody).map((b) => b ?? undefined);
  const fromSchema = schemaArbitrary(operation.bodySchema, options).map((v) => ({
    body: once(JSON.stringify(v) ?? 'null'),
  }));
  return fc.oneof({ weight: 12, arbitrary: fromSchema }, { weight: 2, arbitrary: rawBody });
}

function otherPath(paths: readonly string[]): Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(...paths).map((p) => `${p}/`),
    fc.constantFrom(...paths).map((p) => `${p}/x`),
    fc.constantFrom(...paths).map((p) => p.toUpperCase()),
    fc.constantFrom(...paths).map((p) => `/${p}`),
    fc.constantFrom(
      '/%zz',
      '/predict%2F',
      '/..%2f..%2fetc',
      '/nope',
      '/api/v1/predict',
      `/${'a'.repeat(3000)}`,
    ),
    fc.webPath().filter((p) => !p.startsWith('/docs') && !paths.includes(p.split('?')[0] ?? '')),
  );
}

export function requestArbitrary(
  operations: readonly Operation[],
  options: ArbitraryOptions & { token: string },
): Arbitrary<FuzzRequest> {
  // Operations with a body have the most to get wrong: they get most of the traffic.
  const operation = fc.oneof(
    ...operations.map((o) => ({
      weight: o.bodySchema ? 4 * operations.length : 1,
      arbitrary: fc.constant(o),
    })),
  );
  const documented = operation.chain((operation) =>
    fc
      .record({
        method: fc.oneof(
          { weight: 20, arbitrary: fc.constant(operation.method) },
          { weight: 1, arbitrary: fc.constantFrom(...methods.map((m) => m.toUpperCase())) },
        ),
        query: queryString,
        auth: authorization(options.token),
        type: contentType,
        body: bodyFor(operation, options),
      })
      .map(({ method, query, auth, type, body }): FuzzRequest => {
        const headers: Record<string, string> = {};
        if (auth !== undefined) headers.authorization = auth;
        if (body !== undefined && type !== undefined) headers['content-type'] = type;
        return { method, path: `${operation.path}${query}`, headers, ...body };
      }),
  );
  const paths = [...new Set(operations.map((o) => o.path))];
  const unknown = fc
    .record({
      method: fc.constantFrom('GET', 'POST'),
      path: otherPath(paths),
      auth: authorization(options.token),
    })
    .map(({ method, path, auth }): FuzzRequest => {
      const headers: Record<string, string> = auth === undefined ? {} : { authorization: auth };
      return { method, path, headers };
    });
  return fc.oneof({ weight: 12, arbitrary: documented }, { weight: 1, arbitrary: unknown });
}
