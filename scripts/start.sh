#!/usr/bin/env bash
# `npm start`: the whole product on embedded defaults (chDB, in-process bus, simulator) in one process.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
exec node --import tsx server.ts
