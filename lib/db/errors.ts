/**
 * Reading PostgreSQL failures: is the database unreachable (a 503 that says so, retryable), or did the
 * request break a constraint of the schema (the domain answers 400/404/409 naming the field)? Codes are
 * PostgreSQL's SQLSTATEs (https://www.postgresql.org/docs/current/errcodes-appendix.html).
 */

const unreachableNodeCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
]);
/** 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up), 53300 too_many_connections. */
const unreachableSqlStates = new Set(['57P01', '57P02', '57P03', '53300']);
/** What `pg` and its pool say when the socket goes or no connection comes in time (they set no code). */
const unreachableMessages = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error/i,
  /PostgreSQL at .* did not answer within/,
];

/** True when `err` says the database cannot be reached now (retrying later can help). */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (unreachableNodeCodes.has(code) || unreachableSqlStates.has(code) || code.startsWith('08'))
      return true;
  }
  // An AggregateError (every address of a host refused) carries the codes on its members.
  if (err instanceof AggregateError && err.errors.some(isDatabaseUnavailable)) return true;
  return unreachableMessages.some((pattern) => pattern.test(err.message));
}

export interface ConstraintViolation {
  kind: 'unique' | 'foreign-key' | 'not-null' | 'check';
  /** The constraint's name as the migration declared it (or PostgreSQL generated it). */
  constraint?: string;
  table?: string;
  column?: string;
  /** PostgreSQL's own explanation, e.g. `Key (client_id)=(7) is not present in table "clients".` */
  detail?: string;
}

const constraintKinds: Record<string, ConstraintViolation['kind']> = {
  '23505': 'unique',
  '23503': 'foreign-key',
  '23502': 'not-null',
  '23514': 'check',
};

/** The constraint `err` broke, or undefined when it is another error. */
export function constraintViolation(err: unknown): ConstraintViolation | undefined {
  const e = err as { code?: unknown; constraint?: string; table?: string; column?: string; detail?: string };
  const kind = typeof e?.code === 'string' ? constraintKinds[e.code] : undefined;
  if (!kind) return undefined;
  return { kind, constraint: e.constraint, table: e.table, column: e.column, detail: e.detail };
}
