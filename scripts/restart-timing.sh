#!/usr/bin/env bash
# Measures what a restart costs the main job: a node replaying the shipped sample at 50x is killed with -9 after 15 s,
# started again on the same journal, and the script prints the seconds from the second process's start to its
# "quantumflow node" line (journal recovery included) and from there to its first prediction line (status every
# 0.5 s). Figures in docs/BENCHMARKS.md. Usage: scripts/restart-timing.sh [RUNS] (default 2); builds nothing: run
# `dotnet build src/QuantumFlow.Host -c Release` first.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dll=$root/src/QuantumFlow.Host/bin/Release/net10.0/quantumflow.dll
[ -f "$dll" ] || { echo "build the host first: $dll is missing" >&2; exit 2; }
work=$(mktemp -d)
trap 'kill -9 $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
node() { dotnet "$dll" run --journal "sqlite:$work/journal.db" --no-web --speed 50 --status-every 0.5 --inspect-port 0 >"$1" 2>&1 & }
await() { for _ in $(seq 1 1200); do grep -q "$2" "$1" && return 0; sleep 0.05; done; echo "no '$2' in $1" >&2; return 1; }
for run in $(seq 1 "${1:-2}"); do
  rm -f "$work"/journal.db*
  node "$work/first.log"; first=$!
  sleep 15
  kill -9 "$first"; wait "$first" 2>/dev/null || true
  start=$(date +%s.%N)
  node "$work/second.log"; second=$!
  await "$work/second.log" "^quantumflow node"; up=$(date +%s.%N)
  await "$work/second.log" " prediction "; predicted=$(date +%s.%N)
  kill "$second"; wait "$second" 2>/dev/null || true
  printf 'run %d: process start to node up %.1f s, node up to first prediction %.1f s (load %s)\n' "$run" \
    "$(echo "$up - $start" | bc)" "$(echo "$predicted - $up" | bc)" "$(cut -d' ' -f1 /proc/loadavg)"
done
