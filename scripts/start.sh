#!/usr/bin/env bash
# `npm start`: the whole product on embedded defaults (chDB, in-process bus, simulator) in one process.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
# A capped old space: V8 otherwise lets garbage grow to a large share of the machine before it
# collects (docs/benchmarks.md, memory). OPS_HEAP_MB raises it for a large deployment.
exec node --max-old-space-size="${OPS_HEAP_MB:-512}" --import tsx server.ts
