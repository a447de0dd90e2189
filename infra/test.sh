#!/usr/bin/env bash
# `npm test`: install whatever is missing, then lint, format check, type check, and every test
# (unit, and integration against a real Temporal dev server and a real MinIO started by the test setup).
set -euo pipefail
cd "$(dirname "$0")/.."
bash infra/ensure-node-deps.sh
node --import tsx infra/install.ts

step() { echo; echo "== $* =="; }
step "lint (eslint)"
npx --no-install eslint .
step "format (prettier --check)"
npx --no-install prettier --check . --log-level warn
step "type check (tsc)"
npx --no-install tsc --noEmit
step "tests (vitest)"
mkdir -p var
results=var/test-results.json
status=0
npx --no-install vitest run --reporter=default --reporter=json --outputFile.json="$results" "$@" || status=$?
# One plain closing line, whatever the runner printed above.
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
' "$results" || true
exit $status
