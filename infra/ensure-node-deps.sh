#!/usr/bin/env bash
# Installs the npm dependencies when node_modules is missing or older than package-lock.json.
# @tensorflow/tfjs-node is optional: where its native download is blocked, npm skips it and the code
# falls back to @tensorflow/tfjs with the WASM backend.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "Node.js 20.19+ with npm is required: install it from https://nodejs.org or your package manager." >&2
  exit 1
fi
major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$major" -lt 20 ]; then
  echo "Node.js $(node --version) is too old: this project needs Node.js 20.19 or newer." >&2
  exit 1
fi

stamp=node_modules/.cashflow-lock-hash
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  echo "[deps] node_modules matches package-lock.json"
  exit 0
fi
echo "[deps] installing npm dependencies ..."
start=$(date +%s)
# `npm install` rather than `npm ci`: the lock file lists @swc/core's platform packages only for the
# platforms the registry serves here, and `npm ci` rejects such a lock file as out of sync.
npm install --no-audit --no-fund --loglevel=error
echo "$want" >"$stamp"
echo "[deps] installed in $(($(date +%s) - start))s"
