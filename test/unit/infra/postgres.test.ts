import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { debianBinDirs, findPostgresBinDir, serverUser } from '../../../infra/postgres.js';

const root = mkdtempSync(join(tmpdir(), 'pg-bins-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function fakeVersion(version: string, files = ['initdb', 'postgres']): string {
  const bin = join(root, version, 'bin');
  mkdirSync(bin, { recursive: true });
  for (const f of files) writeFileSync(join(bin, f), '');
  return bin;
}

describe("finding Debian's PostgreSQL", () => {
  it('lists the versions that have initdb, newest first by number, not by text', () => {
    fakeVersion('9.6');
    fakeVersion('15');
    fakeVersion('13');
    fakeVersion('17', ['psql']); // a client-only install: no server to run
    expect(debianBinDirs(root)).toEqual([
      join(root, '15', 'bin'),
      join(root, '13', 'bin'),
      join(root, '9.6', 'bin'),
    ]);
    expect(debianBinDirs(join(root, 'missing'))).toEqual([]);
  });

  it('takes POSTGRES_BIN_DIR when it holds initdb and postgres, and says so when it does not', () => {
    expect(findPostgresBinDir(join(root, '13', 'bin'))).toBe(join(root, '13', 'bin'));
    expect(() => findPostgresBinDir(join(root, '17', 'bin'))).toThrow(
      `POSTGRES_BIN_DIR=${join(root, '17', 'bin')} holds no initdb and postgres`,
    );
  });
});

describe('the user that runs the cluster', () => {
  it("is Debian's postgres user under root, else nobody; ourselves otherwise", () => {
    const passwd = join(root, 'passwd');
    writeFileSync(passwd, 'root:x:0:0:root:/root:/bin/bash\nnobody:x:65534:65534::/:/sbin/nologin\n');
    const asRoot = process.getuid?.() === 0;
    expect(serverUser(passwd)).toEqual(asRoot ? { name: 'nobody', uid: 65534, gid: 65534 } : undefined);
    writeFileSync(passwd, 'postgres:x:101:104:PostgreSQL administrator:/var/lib/postgresql:/bin/bash\n', {
      flag: 'a',
    });
    expect(serverUser(passwd)).toEqual(asRoot ? { name: 'postgres', uid: 101, gid: 104 } : undefined);
  });
});
