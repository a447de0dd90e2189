/**
 * A PostgreSQL cluster of the project's own, from Debian's `postgresql` package: found under
 * /usr/lib/postgresql/<version>/bin, created once with initdb (a known superuser, trust authentication,
 * listening on 127.0.0.1 only), run in the foreground as a supervised child. Shared by the local stack
 * (data in STATE_DIR/postgres) and the integration-test setup (data in a temporary folder).
 *
 * initdb and postgres refuse to run as root. Started by root, they run as Debian's `postgres` user (or
 * `nobody` where there is none), and the data folder belongs to that user.
 */
import { spawn } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { canConnect, ensureDatabase } from '../lib/db/admin.js';
import { localDatabaseUrl } from '../lib/db/url.js';
import { startProcess, stopUnlessReady, waitUntilReady, type ManagedProcess } from './processes.js';
import { assertPortFree, ownsPort } from './servers.js';
import { ToolMissingError } from './tools.js';

const debianRoot = '/usr/lib/postgresql';

/** Debian's versioned folders holding initdb, newest first (`/usr/lib/postgresql/15/bin`, ...). */
export function debianBinDirs(root = debianRoot): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((v) => /^\d+(\.\d+)?$/.test(v) && existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a))
    .map((v) => join(root, v, 'bin'));
}

/** The folder with initdb and postgres: POSTGRES_BIN_DIR, else the newest Debian version installed. */
export function findPostgresBinDir(override?: string): string {
  if (override) {
    if (!existsSync(join(override, 'initdb')) || !existsSync(join(override, 'postgres'))) {
      throw new ToolMissingError(`POSTGRES_BIN_DIR=${override} holds no initdb and postgres`);
    }
    return override;
  }
  const found = debianBinDirs()[0];
  if (!found) {
    throw new ToolMissingError(
      `PostgreSQL is not installed (no ${debianRoot}/<version>/bin/initdb): run \`npm run install-infra\` ` +
        `(it installs Debian's postgresql package), set POSTGRES_BIN_DIR, or DATABASE_URL to use a running server`,
    );
  }
  return found;
}

export interface ServerUser {
  name: string;
  uid: number;
  gid: number;
}

/** Who runs the cluster: ourselves, unless we are root (which initdb and postgres refuse). */
export function serverUser(passwd = '/etc/passwd'): ServerUser | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const entries = readFileSync(passwd, 'utf8')
    .split('\n')
    .map((line) => line.split(':'))
    .filter((f) => f.length >= 4);
  for (const name of ['postgres', 'nobody']) {
    const entry = entries.find((f) => f[0] === name);
    if (entry) return { name, uid: Number(entry[2]), gid: Number(entry[3]) };
  }
  throw new Error('running as root, and neither a `postgres` nor a `nobody` user exists to run PostgreSQL');
}

function mayTraverse(path: string, user: ServerUser): boolean {
  const st = statSync(path);
  if (st.uid === user.uid) return (st.mode & 0o100) !== 0;
  if (st.gid === user.gid) return (st.mode & 0o010) !== 0;
  return (st.mode & 0o001) !== 0;
}

/**
 * The server user must be able to walk down to its data folder. Folders of ours on the way (the state
 * folder, a test's temporary folder, usually 0700) are opened for traversal only (o+x: no listing); a folder
 * above them that stays closed is an error naming it.
 */
function openPathFor(dataDir: string, user: ServerUser, ownFolder: string): void {
  const own = resolve(ownFolder);
  for (let dir = dirname(resolve(dataDir)); ; dir = dirname(dir)) {
    if (!mayTraverse(dir, user)) {
      if (dir === own || dir.startsWith(`${own}/`)) {
        chmodSync(dir, statSync(dir).mode | 0o001);
      } else {
        throw new Error(
          `PostgreSQL runs as ${user.name}, who cannot enter ${dir} on the way to ${dataDir}: ` +
            `allow it (chmod o+x ${dir}) or set STATE_DIR elsewhere`,
        );
      }
    }
    if (dir === dirname(dir)) return;
  }
}

function runAs(
  command: string,
  args: string[],
  user: ServerUser | undefined,
): Promise<{ code: number | null; output: string }> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, {
      // The server user may not enter our working folder; initdb warns about that otherwise.
      cwd: '/',
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C', LC_ALL: 'C' },
      ...(user ? { uid: user.uid, gid: user.gid } : {}),
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', fail);
    child.on('exit', (code) => done({ code, output }));
  });
}

export interface ClusterOptions {
  binDir: string;
  dataDir: string;
  /** Superuser name initdb creates (trust authentication: no password). */
  superuser: string;
  /** Folder of ours the data folder lives in, which may be opened for the server user to reach it. */
  ownFolder: string;
}

/** Creates the cluster unless the folder already holds one; says which. */
export async function initCluster(options: ClusterOptions): Promise<'created' | 'existing'> {
  const { binDir, dataDir, superuser } = options;
  if (existsSync(join(dataDir, 'PG_VERSION'))) return 'existing';
  const user = serverUser();
  // initdb refuses a folder that is not empty: a failed first attempt must not block the next one.
  const ours = !existsSync(dataDir);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (user) {
    chownSync(dataDir, user.uid, user.gid);
    openPathFor(dataDir, user, options.ownFolder);
  }
  const args = ['-D', dataDir, '-U', superuser, '--auth=trust', '--encoding=UTF8', '--no-locale'];
  const { code, output } = await runAs(join(binDir, 'initdb'), args, user);
  if (code !== 0) {
    if (ours) rmSync(dataDir, { recursive: true, force: true });
    throw new Error(
      `initdb ${args.join(' ')} failed (exit ${code}):\n${output.trim().split('\n').slice(-15).join('\n')}`,
    );
  }
  return 'created';
}

export interface PostgresOptions {
  binDir: string;
  dataDir: string;
  port: number;
  superuser: string;
  logDir: string;
  /** A throw-away cluster (tests): no fsync, since a crash loses nothing worth keeping. */
  ephemeral?: boolean;
}

/**
 * Runs `postgres` in the foreground (so the supervisor sees it exit) on 127.0.0.1 only, without a Unix
 * socket (the folder Debian uses belongs to its own cluster), and waits until it accepts connections.
 */
export async function startPostgres(options: PostgresOptions): Promise<ManagedProcess> {
  mkdirSync(options.logDir, { recursive: true });
  const settings = ['listen_addresses=127.0.0.1', 'unix_socket_directories=', `port=${options.port}`];
  if (options.ephemeral) settings.push('fsync=off', 'synchronous_commit=off', 'full_page_writes=off');
  const args = ['-D', options.dataDir, ...settings.flatMap((s) => ['-c', s])];
  assertPortFree(options.port, 'PostgreSQL');
  const user = serverUser();
  const proc = startProcess('postgres', join(options.binDir, 'postgres'), args, {
    logFile: join(options.logDir, 'postgres.log'),
    cwd: '/',
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C', LC_ALL: 'C' },
    user,
    // SIGINT is PostgreSQL's fast shutdown: sessions are ended, a checkpoint written, helpers stopped.
    stopSignal: { signal: 'SIGINT', leaderOnly: true },
  });
  const adminUrl = localDatabaseUrl({ port: options.port, database: 'postgres', user: options.superuser });
  return stopUnlessReady(proc, () =>
    waitUntilReady(
      `PostgreSQL on 127.0.0.1:${options.port}`,
      async () => (await canConnect(adminUrl, 1000)) && ownsPort(proc, options.port),
      { process: proc, timeoutMs: 60_000, intervalMs: 200 },
    ),
  );
}

/**
 * A throw-away cluster in `dir` on a free port (tests, benchmarks): initdb, start, and a database named
 * `database` created. `stop` stops the server; removing `dir` is the caller's.
 */
export async function startScratchPostgres(
  dir: string,
  options: { port: number; logDir: string; database: string; binDir?: string },
): Promise<{ url: string; proc: ManagedProcess }> {
  const binDir = findPostgresBinDir(options.binDir);
  const dataDir = join(dir, 'postgres');
  const superuser = 'cashflow';
  await initCluster({ binDir, dataDir, superuser, ownFolder: dir });
  const proc = await startPostgres({
    binDir,
    dataDir,
    port: options.port,
    superuser,
    logDir: options.logDir,
    ephemeral: true,
  });
  const url = localDatabaseUrl({ port: options.port, database: options.database, user: superuser });
  await ensureDatabase(url);
  return { url, proc };
}
