#!/usr/bin/env bash
# `npm test`: every suite, installing or starting what the suites need. The last line is
# `N passed, N failed`, summed over all suites.
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
# A step's heading, with the time: where a run's minutes went.
step() { echo "==> [$(date -u +%T)] $*"; }
bash scripts/ensure-deps.sh install || { echo "0 passed, 1 failed"; exit 1; }

if ! command -v chromium >/dev/null 2>&1 && [ -z "${CHROMIUM_PATH:-}" ]; then
  step "installing Debian's chromium for the browser tests"
  (apt-get install -y chromium >/dev/null 2>&1 || (apt-get update >/dev/null 2>&1 && apt-get install -y chromium >/dev/null 2>&1)) \
    || echo "could not install chromium; the browser suite will fail"
fi

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

# A check that passes or fails as a whole, counted as one test.
check() {
  local name=$1
  shift
  step "$name"
  if "$@"; then echo '{"passed":1,"failed":0}' > "$results/extra-$name.json"; else echo '{"passed":0,"failed":1}' > "$results/extra-$name.json"; fi
}

# The server's clock starts at E2E_NOW (a weekday afternoon by default). The views whose figures
# depend on the day run again on a Monday morning and a Sunday noon, when nothing has shipped for a day;
# their server back-fills 4 days at the main run's density (30k events, not 100k over 14 days: they
# read a day or two), which saves each run ~20 s here alone and more beside the other lane.
CLOCKS="2026-11-30T06:00:00Z 2026-11-29T12:00:00Z"

# Two lanes, one per core, each a queue; what runs in the second lane prints when the first is done.
# First lane: the web app's build, the unit and integration tests, then the browser suite (much of
# it waiting on the product's own timers: silence, escalation). Second lane: the long Kafka-free
# Vitest files (the scripted simulator hour, the rollup and store-endpoint files; vitest.config.ts)
# and the checks, then the board and console's browser tests at the other clocks, on a server of
# their own (port 3220); the typecheck waits for the build (it reads the route types the build
# writes). Each lane is ~10 min of work here. A barrier between Vitest and the browser suites (as
# before) left one core idle for ~3 min while Vitest finished, and the build ran before both lanes.
second_lane() {
  step "long Kafka-free Vitest files: the scripted hour, rollup, store endpoint (vitest --project beside)"
  npx vitest run --project beside --reporter=default --reporter=json --outputFile="$results/vitest-beside.json"
  while [ ! -e "$results/built" ]; do sleep 1; done
  step "typecheck"
  if npx tsc --noEmit -p .; then echo '{"passed":1,"failed":0}' > "$results/typecheck.json"; else echo '{"passed":0,"failed":1}' > "$results/typecheck.json"; fi
  check lint npx eslint . --max-warnings 0
  check format npx prettier --check --log-level warn .
  for now in $CLOCKS; do
    step "browser tests of the board and console with the server's clock at $now (port 3220)"
    E2E_PORT=3220 E2E_NOW="$now" E2E_BACKFILL_DAYS=4 E2E_BACKFILL_EVENTS=30000 CI_JSON="$results/playwright-at-$now.json" \
      npx playwright test e2e/views.spec.ts e2e/warehouse.spec.ts
  done
}

echo '{}' > "$results/vitest-beside.json"
for now in $CLOCKS; do echo '{}' > "$results/playwright-at-$now.json"; done
for c in lint format; do echo '{"passed":0,"failed":1}' > "$results/extra-$c.json"; done
second_lane > "$results/second-lane.log" 2>&1 &
second=$!
check build bash scripts/ensure-deps.sh build
touch "$results/built"
step "unit and integration tests (vitest)"
echo '{}' > "$results/vitest.json"
npx vitest run --project unit --project integration --reporter=default --reporter=json --outputFile="$results/vitest.json"
step "browser tests (playwright, Debian chromium)"
echo '{}' > "$results/playwright.json"
CI_JSON="$results/playwright.json" npx playwright test
step "the second lane, waited for"
wait "$second"
cat "$results/second-lane.log"

# Installing, building and testing must leave a checkout as it was (no rewritten package.json,
# lockfile or tsconfig.json, no stray files): what a user's first `npm start` does too.
clean_checkout() {
  [ -e .git ] || return 0
  local dirty
  dirty=$(git status --porcelain)
  [ -z "$dirty" ] || { echo "the checkout changed:"; echo "$dirty"; return 1; }
}
check clean-checkout clean_checkout

node scripts/summarize-tests.mjs "$results"
