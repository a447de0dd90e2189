#!/usr/bin/env bash
# `npm start`: install whatever is missing, then run the local stack (Ctrl-C stops it).
set -euo pipefail
cd "$(dirname "$0")/.."
bash infra/ensure-node-deps.sh
node --import tsx infra/install.ts
exec node --import tsx infra/stack.ts "$@"
