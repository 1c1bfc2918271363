#!/usr/bin/env bash
# Installs node_modules on a fresh clone (or when the lockfile changed) and builds the Next.js app
# when there is no build or a source file is newer than it. Shared by `npm start` and `npm test`.
# `install` or `build` does only that step (`npm test` builds on one core while the other tests).
set -euo pipefail
only="${1:-}"
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

if [ "$only" != build ]; then
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "==> installing dependencies"
    # The lockfile holds every platform's optional binaries (scripts/lock-platforms.mjs), so the
    # standard clean install works here, on a Mac and in a Dockerfile alike.
    npm ci --no-audit --no-fund
  fi
fi
[ "$only" = install ] && exit 0

stale=""
if [ -f .next/BUILD_ID ]; then
  stale=$(find app components lib next.config.js postcss.config.mjs package-lock.json -newer .next/BUILD_ID -type f -print -quit 2>/dev/null || true)
fi
if [ ! -f .next/BUILD_ID ] || [ -n "$stale" ]; then
  echo "==> building the web app (next build)"
  npx next build
fi
