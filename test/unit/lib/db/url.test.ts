import { describe, expect, it } from 'vitest';
import {
  localDatabaseUrl,
  parseDatabaseUrl,
  redactDatabaseUrl,
  withDatabase,
} from '../../../../lib/db/url.js';

describe('database URLs', () => {
  it('read host, port (5432 when left out), database and user', () => {
    expect(parseDatabaseUrl('postgres://app:secret@db.internal:6543/credit')).toEqual({
      host: 'db.internal',
      port: 6543,
      database: 'credit',
      user: 'app',
    });
    expect(parseDatabaseUrl('postgresql://db.internal/risk%20data')).toEqual({
      host: 'db.internal',
      port: 5432,
      database: 'risk data',
      user: undefined,
    });
  });

  it('say what is wrong with a URL that cannot be used', () => {
    expect(parseDatabaseUrl('not a url').problem).toMatch(/^is not a URL such as postgres:\/\//);
    expect(parseDatabaseUrl('mysql://h/db').problem).toMatch(
      /must start with postgres:\/\/ .* \(got mysql:\/\/\)/,
    );
    expect(parseDatabaseUrl('postgres://h:5432').problem).toMatch(/must name one database/);
    expect(parseDatabaseUrl('postgres://h:5432/a/b').problem).toMatch(/must name one database/);
  });

  it("build the local cluster's URL without a password, quoting odd names", () => {
    expect(localDatabaseUrl({ port: 5433, database: 'cashflow', user: 'cashflow' })).toBe(
      'postgres://cashflow@127.0.0.1:5433/cashflow',
    );
    expect(localDatabaseUrl({ port: 1, database: 'a/b', user: 'u@x' })).toBe(
      'postgres://u%40x@127.0.0.1:1/a%2Fb',
    );
  });

  it('point at another database of the same server, keeping credentials and options', () => {
    expect(withDatabase('postgres://app:secret@h:5432/credit?sslmode=require', 'postgres')).toBe(
      'postgres://app:secret@h:5432/postgres?sslmode=require',
    );
  });

  it('hide the password when printed, wherever it is given', () => {
    expect(redactDatabaseUrl('postgres://app:s3cr%40t@h:5432/credit')).toBe(
      'postgres://app:***@h:5432/credit',
    );
    expect(redactDatabaseUrl('postgres://app@h/credit?password=s3cret&sslmode=require')).toBe(
      'postgres://app@h/credit?password=***&sslmode=require',
    );
    expect(redactDatabaseUrl('postgres://h/credit')).toBe('postgres://h/credit');
    expect(redactDatabaseUrl('::')).toBe('(not a URL)');
  });
});
