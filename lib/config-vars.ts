/**
 * How a configuration variable is declared and read: its kind (which fixes the type it is read as), its
 * default and a doc line, written once. A section of the configuration is a set of declarations with the
 * function that shapes their values (`configSection`); lib/config.ts lists the sections.
 */

export type Kind = 'string' | 'port' | 'int' | 'number' | 'fraction' | 'url';

export interface VarSpec {
  kind: Kind;
  /**
   * Default when unset; `undefined` means "unset is meaningful" (e.g. use the local server). A function is
   * asked when the variable is read, for defaults that depend on other variables of the environment.
   */
  default?: string | ((env: NodeJS.ProcessEnv) => string);
  doc: string;
}

export type VarSpecs = Record<string, VarSpec>;

type NumericKind = 'port' | 'int' | 'number' | 'fraction';

/** The value a declaration is read as: a number for numeric kinds, possibly undefined without a default. */
export type VarValue<S extends VarSpec> =
  (S['kind'] extends NumericKind ? number : string) | (S extends { default: unknown } ? never : undefined);

export type VarValues<T extends VarSpecs> = { readonly [K in keyof T]: VarValue<T[K]> };

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads and checks one variable; the error names it, its value and what it should be. */
export function readVar(key: string, spec: VarSpec, env: NodeJS.ProcessEnv): string | number | undefined {
  const raw = env[key];
  const fallback = typeof spec.default === 'function' ? spec.default(env) : spec.default;
  const value = raw === undefined || raw === '' ? fallback : raw;
  if (value === undefined) return undefined;
  if (spec.kind === 'port' || spec.kind === 'int') {
    const n = Number(value);
    const max = spec.kind === 'port' ? 65535 : Number.MAX_SAFE_INTEGER;
    if (!Number.isInteger(n) || n < 0 || n > max) {
      throw new ConfigError(`${key}=${JSON.stringify(value)} is not a valid ${spec.kind} (${spec.doc})`);
    }
    return n;
  }
  if (spec.kind === 'number' || spec.kind === 'fraction') {
    const n = Number(value);
    const ok = Number.isFinite(n) && n >= 0 && (spec.kind === 'number' || n <= 1);
    if (!ok) {
      const what = spec.kind === 'fraction' ? 'a number from 0 to 1' : 'a non-negative number';
      throw new ConfigError(`${key}=${JSON.stringify(value)} is not ${what} (${spec.doc})`);
    }
    return n;
  }
  if (spec.kind === 'url') {
    if (!/^https?:\/\/[^/]+/.test(value) || !URL.canParse(value)) {
      throw new ConfigError(`${key}=${JSON.stringify(value)} is not a URL such as http://127.0.0.1:9000`);
    }
  }
  return value;
}

export function readVars<T extends VarSpecs>(specs: T, env: NodeJS.ProcessEnv): VarValues<T> {
  return Object.fromEntries(
    Object.entries(specs).map(([key, spec]) => [key, readVar(key, spec, env)]),
  ) as VarValues<T>;
}

/** A part of the configuration: its variables and the typed value built from them. */
export interface ConfigSection<T extends VarSpecs, V> {
  vars: T;
  build(values: VarValues<T>): V;
}

export function configSection<T extends VarSpecs, V>(
  vars: T,
  build: (values: VarValues<T>) => V,
): ConfigSection<T, V> {
  return { vars, build };
}

/** Reads a section's variables from `env` and builds its value. */
export function loadSection<T extends VarSpecs, V>(section: ConfigSection<T, V>, env: NodeJS.ProcessEnv): V {
  return section.build(readVars(section.vars, env));
}
