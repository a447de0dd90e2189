/**
 * fast-check arbitraries from the JSON schemas of an OpenAPI document, biased towards what breaks
 * services: extreme numbers (1e308, 5e-324, -0), long and odd strings, odd keys (`__proto__`, empty, very
 * long), arrays at and past their limits, impossible dates, and now and then a value of the wrong type.
 * Only the subset of JSON Schema the API's documents use is understood; anything else becomes any JSON.
 */
import fc, { type Arbitrary } from 'fast-check';

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  format?: string;
  examples?: unknown[];
  example?: unknown;
}

/** Finite numbers JSON can carry that sit at the edges of IEEE 754. */
export const extremeNumbers = [
  1e308,
  -1e308,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  5e-324,
  -5e-324,
  2.2250738585072014e-308,
  1e-300,
  -0,
  0,
  -1,
  Number.MAX_SAFE_INTEGER + 2,
  -Number.MAX_SAFE_INTEGER - 2,
  1e21,
  0.1,
];

export const oddStrings = [
  '',
  ' ',
  '\u0000',
  '\ud800',
  '\u202e',
  '😀',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '%00',
  'a.b',
  '[0]',
  'data.volatility',
  'null',
  '1e309',
  'x'.repeat(300),
  'k'.repeat(5000),
];

export const impossibleDates = [
  '9999-99-99',
  '2021-02-29',
  '2020-02-30',
  '2020-13-01',
  '0000-00-00',
  '2020-1-1',
];

export interface ArbitraryOptions {
  /** Names worth using as object keys: the documented examples' keys, the served model's features. */
  knownKeys: readonly string[];
}

const anyJson: Arbitrary<unknown> = fc.jsonValue({ maxDepth: 3 });

/** `arbitrary` once in `n` draws, null otherwise (fc.option's `freq` is the chance of null). */
export function onceIn<T>(n: number, arbitrary: Arbitrary<T>): Arbitrary<T | null> {
  return fc.oneof({ weight: n - 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary });
}

export const hostileNumber: Arbitrary<number> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...extremeNumbers) },
  { weight: 2, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.integer() },
);

export const hostileString: Arbitrary<string> = fc.oneof(
  fc.constantFrom(...oddStrings),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

function dateString(): Arbitrary<string> {
  const real = fc
    .date({
      min: new Date('1900-01-01T00:00:00Z'),
      max: new Date('2100-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10));
  return fc.oneof(
    { weight: 4, arbitrary: real },
    { weight: 1, arbitrary: fc.constantFrom(...impossibleDates) },
  );
}

function typeOf(schema: JsonSchema): string | undefined {
  const t = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (t) return t;
  if (schema.properties || schema.additionalProperties !== undefined) return 'object';
  if (schema.items) return 'array';
  return undefined;
}

/** A map schema with examples (the API's feature rows): the example's values, some made extreme. */
function exampleRow(
  example: Record<string, unknown>,
  values: JsonSchema,
  options: ArbitraryOptions,
  depth: number,
): Arbitrary<Record<string, unknown>> {
  const keys = [...new Set([...Object.keys(example), ...options.knownKeys])];
  const fields = Object.fromEntries(
    keys.map((key) => [
      key,
      fc.oneof(
        { weight: 8, arbitrary: fc.constant(example[key] ?? 1) },
        { weight: 1, arbitrary: schemaArbitrary(values, options, depth + 1) },
      ),
    ]),
  );
  const extraKey = fc.oneof(fc.constantFrom(...oddStrings), fc.string({ maxLength: 20 }));
  return fc
    .tuple(
      fc.record(fields),
      onceIn(10, fc.constantFrom(...keys)),
      onceIn(5, fc.dictionary(extraKey, schemaArbitrary(values, options, depth + 1), { maxKeys: 5 })),
    )
    .map(([row, dropped, extra]) => {
      const out: Record<string, unknown> = { ...row };
      if (dropped !== null) delete out[dropped];
      // Defined as own properties: `__proto__` must be a key, not a prototype change.
      for (const [k, v] of Object.entries(extra ?? {}))
        Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
      return out;
    });
}

function objectArbitrary(schema: JsonSchema, options: ArbitraryOptions, depth: number): Arbitrary<unknown> {
  const additional = schema.additionalProperties;
  const example = schema.examples?.[0] ?? schema.example;
  if (!schema.properties && typeof additional === 'object') {
    if (example && typeof example === 'object') {
      return fc.oneof(
        { weight: 6, arbitrary: exampleRow(example as Record<string, unknown>, additional, options, depth) },
        {
          weight: 1,
          arbitrary: fc.dictionary(
            fc.oneof(fc.constantFrom(...options.knownKeys, ...oddStrings), fc.string({ maxLength: 20 })),
            schemaArbitrary(additional, options, depth + 1),
            { maxKeys: 30 },
          ),
        },
      );
    }
    return fc.dictionary(fc.string({ maxLength: 20 }), schemaArbitrary(additional, options, depth + 1), {
      maxKeys: 10,
    });
  }
  const properties = schema.properties ?? {};
  const required = schema.required ?? [];
  const names = Object.keys(properties);
  const arbitraries = Object.fromEntries(
    Object.entries(properties).map(([k, s]) => [k, schemaArbitrary(s, options, depth + 1)]),
  );
  // With nothing required (an envelope of alternatives), mostly one or two properties, seldom all.
  const chosen =
    required.length === 0 && names.length > 1
      ? fc.oneof(
          { weight: 3, arbitrary: fc.constantFrom(...names).map((k) => [k]) },
          { weight: 2, arbitrary: fc.subarray(names) },
        )
      : fc.constant(names);
  const record = chosen.chain((keys) =>
    fc.record(Object.fromEntries(keys.map((k) => [k, arbitraries[k] as Arbitrary<unknown>])), {
      requiredKeys: required.length === 0 ? keys : required.filter((k) => keys.includes(k)),
    }),
  );
  // Now and then a key the schema does not allow.
  return fc
    .tuple(record, onceIn(20, fc.tuple(hostileString, anyJson)))
    .map(([value, extra]) => (extra ? { ...value, [extra[0]]: extra[1] } : value));
}

function arrayArbitrary(schema: JsonSchema, options: ArbitraryOptions, depth: number): Arbitrary<unknown> {
  const item = schemaArbitrary(schema.items ?? {}, options, depth + 1);
  const min = schema.minItems ?? 0;
  const max = schema.maxItems ?? 50;
  const small = fc.array(item, { minLength: min, maxLength: Math.min(max, 8) });
  // At the limit and one past it: the same row repeated, so a full batch is cheap to build.
  const edge = fc
    .tuple(item, fc.constantFrom(max, max + 1, Math.max(0, min - 1)))
    .map(([x, n]) => Array.from({ length: n }, () => x));
  return fc.oneof({ weight: 8, arbitrary: small }, { weight: 1, arbitrary: edge });
}

export function schemaArbitrary(
  schema: JsonSchema,
  options: ArbitraryOptions,
  depth = 0,
): Arbitrary<unknown> {
  if (depth > 6) return anyJson;
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((s) => schemaArbitrary(s, options, depth)));
  if (schema.allOf) {
    const merged: JsonSchema = { type: 'object', properties: {}, required: [] };
    for (const part of schema.allOf) {
      Object.assign(merged.properties as object, part.properties);
      merged.required?.push(...(part.required ?? []));
    }
    return schemaArbitrary(merged, options, depth);
  }
  let typed: Arbitrary<unknown>;
  if (schema.enum) typed = fc.constantFrom(...schema.enum);
  else {
    switch (typeOf(schema)) {
      case 'object':
        typed = objectArbitrary(schema, options, depth);
        break;
      case 'array':
        typed = arrayArbitrary(schema, options, depth);
        break;
      case 'number':
        typed = hostileNumber;
        break;
      case 'integer':
        typed = fc.oneof(fc.integer(), fc.constantFrom(0, -1, Number.MAX_SAFE_INTEGER, 1.5));
        break;
      case 'string':
        typed = schema.format === 'date' ? dateString() : hostileString;
        break;
      case 'boolean':
        typed = fc.boolean();
        break;
      default:
        return anyJson;
    }
  }
  // Now and then a value of a type the schema does not allow: often near the top, seldom deep inside
  // (a row of seventeen values would otherwise rarely be well typed).
  return fc.oneof({ weight: depth <= 1 ? 19 : 199, arbitrary: typed }, { weight: 1, arbitrary: anyJson });
}
