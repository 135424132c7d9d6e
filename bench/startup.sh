#!/usr/bin/env bash
# Time from `next start` to the first page served, on a fresh embedded data folder.
# Run after `npm run build`: bash bench/startup.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
port=3199
for i in $(seq 1 "$runs"); do
  dir=$(mktemp -d)
  start=$(date +%s%N)
  DATA_DIR="$dir" PORT=$port SEED_ADMIN_PASSWORD=bench-password-1 node scripts/server.mjs >/dev/null 2>&1 &
  pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/sign-in"; do sleep 0.05; done
  echo "run $i: first page after $(( ($(date +%s%N) - start) / 1000000 )) ms"
  kill $pid; wait $pid 2>/dev/null || true
  rm -rf "$dir"
done
