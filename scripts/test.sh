#!/usr/bin/env bash
# `npm test`: every suite, installing or starting what the suites need. The last line is
# `N passed, N failed`, summed over all suites.
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
bash scripts/ensure-deps.sh || { echo "0 passed, 1 failed"; exit 1; }

if ! command -v chromium >/dev/null 2>&1 && [ -z "${CHROMIUM_PATH:-}" ]; then
  echo "==> installing Debian's chromium for the browser tests"
  (apt-get install -y chromium >/dev/null 2>&1 || (apt-get update >/dev/null 2>&1 && apt-get install -y chromium >/dev/null 2>&1)) \
    || echo "could not install chromium; the browser suite will fail"
fi

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

echo "==> typecheck"
if npx tsc --noEmit -p .; then echo '{"passed":1,"failed":0}' > "$results/typecheck.json"; else echo '{"passed":0,"failed":1}' > "$results/typecheck.json"; fi

echo "==> unit and integration tests (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile="$results/vitest.json"

echo "==> browser tests (playwright, Debian chromium)"
CI_JSON="$results/playwright.json" npx playwright test

node scripts/summarize-tests.mjs "$results"
