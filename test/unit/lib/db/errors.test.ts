import { describe, expect, it } from 'vitest';
import { constraintViolation, isDatabaseUnavailable } from '../../../../lib/db/errors.js';

const withCode = (message: string, code: string, extra: object = {}) =>
  Object.assign(new Error(message), { code, ...extra });

describe('reading PostgreSQL failures', () => {
  it('takes refused, reset and timed-out connections, shutdowns and connection exceptions for an outage', () => {
    expect(isDatabaseUnavailable(withCode('connect ECONNREFUSED 127.0.0.1:5433', 'ECONNREFUSED'))).toBe(true);
    expect(
      isDatabaseUnavailable(withCode('terminating connection due to administrator command', '57P01')),
    ).toBe(true);
    expect(isDatabaseUnavailable(withCode('the database system is starting up', '57P03'))).toBe(true);
    expect(isDatabaseUnavailable(withCode('connection failure', '08006'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    const refusedEverywhere = new AggregateError(
      [withCode('connect ECONNREFUSED ::1:5433', 'ECONNREFUSED')],
      '',
    );
    expect(isDatabaseUnavailable(refusedEverywhere)).toBe(true);
  });

  it('does not take a query or constraint error for an outage', () => {
    expect(isDatabaseUnavailable(withCode('relation "x" does not exist', '42P01'))).toBe(false);
    expect(isDatabaseUnavailable(withCode('duplicate key value violates unique constraint', '23505'))).toBe(
      false,
    );
    expect(isDatabaseUnavailable(new Error('something else'))).toBe(false);
    expect(isDatabaseUnavailable('ECONNREFUSED')).toBe(false);
  });

  it('names the constraint, table and column a write broke', () => {
    const fk = withCode('insert or update on table "positions" violates foreign key constraint', '23503', {
      constraint: 'positions_client_id_fkey',
      table: 'positions',
      detail: 'Key (client_id)=(7) is not present in table "clients".',
    });
    expect(constraintViolation(fk)).toEqual({
      kind: 'foreign-key',
      constraint: 'positions_client_id_fkey',
      table: 'positions',
      column: undefined,
      detail: 'Key (client_id)=(7) is not present in table "clients".',
    });
    expect(constraintViolation(withCode('dup', '23505'))?.kind).toBe('unique');
    expect(constraintViolation(withCode('null', '23502', { column: 'name' }))).toMatchObject({
      kind: 'not-null',
      column: 'name',
    });
    expect(constraintViolation(withCode('check', '23514'))?.kind).toBe('check');
    expect(constraintViolation(withCode('syntax', '42601'))).toBeUndefined();
    expect(constraintViolation(undefined)).toBeUndefined();
  });
});
