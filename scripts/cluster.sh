#!/usr/bin/env bash
# A three-node QuantumFlow cluster on this machine, for newcomers: PostgreSQL on loopback (scripts/pg.sh), the journal
# schema (`quantumflow db init`), then a seed node and two workers in the background, each with its own cluster port
# and inspection port. Logs, pid files, the inspection token and PostgreSQL's data live in one folder.
#   scripts/cluster.sh start    build the host (Release), start everything, print how to look at it
#   scripts/cluster.sh status   which nodes run, and `quantumflow pbm cluster show`
#   scripts/cluster.sh stop     stop the nodes and PostgreSQL, delete the folder
# Settings: QF_CLUSTER_DIR (default /tmp/qf-cluster), QF_CLUSTER_PORT (first cluster port, default 4053),
# QF_CLUSTER_INSPECT_PORT (first inspection port, default 9110), QF_BIN (a built quantumflow.dll: skips the build).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${QF_CLUSTER_DIR:-/tmp/qf-cluster}
base=${QF_CLUSTER_PORT:-4053}
inspect=${QF_CLUSTER_INSPECT_PORT:-9110}
bin=${QF_BIN:-$root/src/QuantumFlow.Host/bin/Release/net10.0/quantumflow.dll}
export QF_PG_DIR="$dir/pg" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
nodes=(seed worker-1 worker-2)

pbm() { QF_INSPECT_TOKEN=$(cat "$dir/token" 2>/dev/null || true) dotnet "$bin" pbm "$@"; }

running() { [ -f "$dir/pids/$1.pid" ] && kill -0 "$(cat "$dir/pids/$1.pid")" 2>/dev/null; }

# Waits (at most $2 seconds) for a line matching $3 in node $1's log; fails with the log's tail if the node died.
await_log() {
  local name=$1 limit=$2 pattern=$3 waited=0
  until grep -q "$pattern" "$dir/logs/$name.log" 2>/dev/null; do
    if ! running "$name"; then echo "$name exited; its log:" >&2; tail -20 "$dir/logs/$name.log" >&2; return 1; fi
    if [ "$waited" -ge "$limit" ]; then echo "$name: no '$pattern' after ${limit}s; its log:" >&2; tail -20 "$dir/logs/$name.log" >&2; return 1; fi
    sleep 1; waited=$((waited + 1))
  done
}

start_node() {
  local name=$1 index=$2; shift 2
  QF_INSPECT_TOKEN=$(cat "$dir/token") nohup dotnet "$bin" run --journal "$(cat "$dir/journal")" \
    --port $((base + index)) --seed-nodes "akka.tcp://quantumflow@127.0.0.1:$base" --inspect-port $((inspect + index)) \
    --status-every 30 "$@" >"$dir/logs/$name.log" 2>&1 &
  echo $! >"$dir/pids/$name.pid"
}

stop_nodes() {
  local name pid
  for name in "${nodes[@]}"; do
    running "$name" || continue
    pid=$(cat "$dir/pids/$name.pid")
    kill "$pid"
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid"; fi
    echo "stopped $name"
  done
}

case "${1:-}" in
  start)
    for name in "${nodes[@]}"; do
      if running "$name"; then echo "already running ($name); scripts/cluster.sh stop first" >&2; exit 1; fi
    done
    if [ -z "${QF_BIN:-}" ]; then
      echo "building the host (Release)..."
      dotnet build "$root/src/QuantumFlow.Host" -c Release -v q --nologo >/dev/null
    fi
    rm -rf "$dir"; mkdir -p "$dir/logs" "$dir/pids"
    trap 'echo "start failed: stopping what started" >&2; stop_nodes; "$root/scripts/pg.sh" stop' ERR
    echo "postgres:$("$root/scripts/pg.sh" start)" >"$dir/journal"
    head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$dir/token"
    dotnet "$bin" db init --journal "$(cat "$dir/journal")" >"$dir/logs/db-init.log" 2>&1
    # Feeds: the shipped recording replayed in real time on the seed; the simulator on each worker, with its own symbols.
    start_node seed 0 --feed replay --speed 1
    start_node worker-1 1 --feed sim --rate 200 --symbols SIM-A SIM-B SIM-C SIM-D SIM-E SIM-F SIM-G SIM-H SIM-I SIM-J SIM-K SIM-L
    start_node worker-2 2 --feed sim --rate 100 --seed 2 --symbols ALT-A ALT-B ALT-C ALT-D
    for name in "${nodes[@]}"; do await_log "$name" 120 "^inspection:"; done
    up=0
    for _ in $(seq 1 60); do
      up=$(pbm "127.0.0.1:$inspect" cluster show --json 2>/dev/null | grep -c '"status": "Up"' || true)
      [ "$up" -ge 3 ] && break
      sleep 1
    done
    [ "$up" -ge 3 ] || { echo "the three nodes did not all come up within 60 s (up: $up); logs in $dir/logs" >&2; false; }
    trap - ERR
    cat <<MSG
three nodes up; folder $dir (logs/, pids/, token)
  seed      akka.tcp://quantumflow@127.0.0.1:$base      inspect 127.0.0.1:$inspect
  worker-1  akka.tcp://quantumflow@127.0.0.1:$((base + 1))      inspect 127.0.0.1:$((inspect + 1))
  worker-2  akka.tcp://quantumflow@127.0.0.1:$((base + 2))      inspect 127.0.0.1:$((inspect + 2))
try:
  dotnet $bin pbm 127.0.0.1:$inspect cluster show
  dotnet $bin pbm 127.0.0.1:$inspect cluster-sharding region-stats -r book
  dotnet $bin pbm 127.0.0.1:$((inspect + 1)) feed status
  QF_INSPECT_TOKEN=\$(cat $dir/token) dotnet $bin pbm 127.0.0.1:$inspect      (interactive prompt)
stop: scripts/cluster.sh stop
MSG
    ;;
  status)
    for name in "${nodes[@]}"; do
      if running "$name"; then echo "$name: running (pid $(cat "$dir/pids/$name.pid"))"; else echo "$name: not running"; fi
    done
    for i in 0 1 2; do
      if pbm "127.0.0.1:$((inspect + i))" cluster show 2>/dev/null; then exit 0; fi
    done
    echo "no node answers on 127.0.0.1:$inspect..$((inspect + 2))" >&2; exit 1
    ;;
  stop)
    stop_nodes
    "$root/scripts/pg.sh" stop
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start|status|stop" >&2; exit 2 ;;
esac
