/**
 * The servers this project runs, pinned. Binaries built from Go modules are cached outside the work tree
 * under TOOLS_DIR/<tool>-<version>/, so every clone on a machine shares one build and a version bump
 * builds afresh next to the old one.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import type { Config } from '../lib/config.js';

export interface GoTool {
  name: 'temporal' | 'minio';
  module: string;
  version: string;
  binary: string;
  /** What the version means, for people reading `install` output. */
  note: string;
}

export const goTools: Record<GoTool['name'], GoTool> = {
  temporal: {
    name: 'temporal',
    module: 'github.com/temporalio/cli/cmd/temporal',
    // Later CLI versions carry a `replace` directive in go.mod and cannot be `go install`ed.
    version: 'v1.5.1',
    binary: 'temporal',
    note: 'Temporal CLI v1.5.1 (dev server: Temporal Server 1.29.1, UI 2.42.1)',
  },
  minio: {
    name: 'minio',
    module: 'github.com/minio/minio',
    // Resolved from `go list -m github.com/minio/minio@latest` on 2026-11-21: commit 7aac2a2c5b7c of
    // 2026-02-12. MinIO tags are not semver, so the module proxy only knows pseudo-versions.
    version: 'v0.0.0-20260212201848-7aac2a2c5b7c',
    binary: 'minio',
    note: 'MinIO server, source commit 7aac2a2c5b7c (2026-02-12)',
  },
};

/** Go version the pinned modules declare in their go.mod (`go 1.25.0` for the Temporal CLI). */
export const minimumGo = { major: 1, minor: 25 };

export function cachedBinaryPath(config: Config, tool: GoTool): string {
  return join(config.toolsDir, 'bin', `${tool.name}-${tool.version}`, tool.binary);
}

function onPath(command: string): string | undefined {
  try {
    return execFileSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

export class ToolMissingError extends Error {
  override name = 'ToolMissingError';
}

/** Where to run a tool from: the user's override, else the cache (Go tools) or PATH (Debian's). */
export function resolveTool(config: Config, name: 'temporal' | 'minio' | 'prometheus' | 'promtool'): string {
  const override = config.bins[name];
  if (override) {
    if (!existsSync(override)) {
      throw new ToolMissingError(`${name.toUpperCase()}_BIN=${override} does not exist`);
    }
    return override;
  }
  if (name === 'temporal' || name === 'minio') {
    const path = cachedBinaryPath(config, goTools[name]);
    if (!existsSync(path)) {
      throw new ToolMissingError(`${name} is not installed at ${path}: run \`npm run install-infra\` first`);
    }
    return path;
  }
  const found = onPath(name) ?? (existsSync(`/usr/bin/${name}`) ? `/usr/bin/${name}` : undefined);
  if (!found) {
    throw new ToolMissingError(`${name} is not installed: run \`npm run install-infra\` first`);
  }
  return found;
}
