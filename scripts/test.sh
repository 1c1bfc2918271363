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
echo '{}' > "$results/playwright.json"
CI_JSON="$results/playwright.json" npx playwright test

# The server's clock starts at E2E_NOW (a weekday afternoon by default). The views whose figures
# depend on the day run again on a Monday morning and a Sunday noon, when nothing has shipped for a day.
for now in 2026-11-30T06:00:00Z 2026-11-29T12:00:00Z; do
  echo "==> browser tests of the board and console with the server's clock at $now"
  echo '{}' > "$results/playwright-at-$now.json"
  E2E_NOW="$now" CI_JSON="$results/playwright-at-$now.json" npx playwright test e2e/views.spec.ts e2e/warehouse.spec.ts
done

node scripts/summarize-tests.mjs "$results"
