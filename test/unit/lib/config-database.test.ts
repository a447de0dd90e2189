import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../lib/config.js';

describe('database configuration', () => {
  it("runs a local cluster on 5433 (not Debian's 5432) when DATABASE_URL is not set", () => {
    expect(loadConfig({}).database).toEqual({
      url: 'postgres://cashflow@127.0.0.1:5433/cashflow',
      external: false,
      local: { port: 5433, database: 'cashflow', user: 'cashflow', binDir: undefined },
      poolMax: 10,
    });
  });

  it('builds the local URL from the port, database and superuser settings', () => {
    const config = loadConfig({ POSTGRES_PORT: '25432', POSTGRES_DB: 'risk', POSTGRES_USER: 'ops' });
    expect(config.database.url).toBe('postgres://ops@127.0.0.1:25432/risk');
    expect(config.database.external).toBe(false);
  });

  it('uses the server DATABASE_URL names, and starts none', () => {
    const url = 'postgres://app:secret@db.internal:5432/cashflow';
    const config = loadConfig({ DATABASE_URL: url, DATABASE_POOL_MAX: '3' });
    expect(config.database).toMatchObject({ url, external: true, poolMax: 3 });
  });

  it('refuses a DATABASE_URL it cannot use and a bad port, naming the variable', () => {
    expect(() => loadConfig({ DATABASE_URL: 'http://db/cashflow' })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: 'http://db/cashflow' })).toThrow(
      /^DATABASE_URL must start with postgres:\/\/ or postgresql:\/\//,
    );
    expect(() => loadConfig({ DATABASE_URL: 'postgres://db' })).toThrow(
      /^DATABASE_URL must name one database/,
    );
    expect(() => loadConfig({ POSTGRES_PORT: '70000' })).toThrow(/POSTGRES_PORT="70000" is not a valid port/);
    expect(() => loadConfig({ DATABASE_POOL_MAX: '-1' })).toThrow(
      /DATABASE_POOL_MAX="-1" is not a valid int/,
    );
  });
});
