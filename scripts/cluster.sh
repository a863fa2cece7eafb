#!/usr/bin/env bash
# A three-node QuantumFlow cluster on this machine, for newcomers: PostgreSQL on loopback (scripts/pg.sh), the journal
# schema (`quantumflow db init`), then a seed node and two workers in the background, each with its own cluster port,
# management port and inspection port. The nodes find each other by cluster bootstrap (--discovery config, every
# node's management endpoint listed as a contact point), not by a fixed seed: any node, the first one included, can
# be killed and restarted into the running cluster. Logs, pid files, each node's command line, the inspection token
# and PostgreSQL's data live in one folder.
#   scripts/cluster.sh start          build the host (Release), start everything, print how to look at it
#   scripts/cluster.sh status         which nodes run, and `quantumflow pbm cluster show`
#   scripts/cluster.sh kill NODE      kill -9 one node (seed, worker-1, worker-2): a crash, no handover
#   scripts/cluster.sh restart NODE   stop NODE if it runs, start it again with the command it was first started with,
#                                     and wait until it is an up member of the running cluster
#   scripts/cluster.sh stop           stop the nodes and PostgreSQL, delete the folder
# Settings: QF_CLUSTER_DIR (default /tmp/qf-cluster), QF_CLUSTER_PORT (first cluster port, default 4053),
# QF_CLUSTER_MANAGEMENT_PORT (first management port, default 8558), QF_CLUSTER_INSPECT_PORT (first inspection port,
# default 9110), QF_BIN (a built quantumflow.dll: skips the build).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${QF_CLUSTER_DIR:-/tmp/qf-cluster}
base=${QF_CLUSTER_PORT:-4053}
inspect=${QF_CLUSTER_INSPECT_PORT:-9110}
management=${QF_CLUSTER_MANAGEMENT_PORT:-8558}
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

index_of() {
  local i
  for i in "${!nodes[@]}"; do [ "${nodes[$i]}" = "$1" ] && { echo "$i"; return 0; }; done
  return 1
}

# Starts node $1 in the background with the command saved in cmd/$1 (arguments one per line), appending to its log.
launch() {
  local name=$1 args=()
  mapfile -t args <"$dir/cmd/$name"
  QF_INSPECT_TOKEN=$(cat "$dir/token") nohup dotnet "$bin" "${args[@]}" >>"$dir/logs/$name.log" 2>&1 &
  echo $! >"$dir/pids/$name.pid"
}

# Saves node $1's command line (index $2, feed arguments after), so `restart` runs exactly the same one, then starts it.
start_node() {
  local name=$1 index=$2 points="" i; shift 2
  for i in "${!nodes[@]}"; do points+="${points:+,}127.0.0.1:$((management + i))"; done
  printf '%s\n' run --journal "$(cat "$dir/journal")" --port $((base + index)) \
    --discovery config --contact-points "$points" --management-port $((management + index)) \
    --inspect-port $((inspect + index)) --status-every 30 "$@" >"$dir/cmd/$name"
  launch "$name"
}

# Node $1's inspection port, from its saved command (not from this shell's settings, which may differ from start's).
inspect_port_of() { grep -A1 -x -- --inspect-port "$dir/cmd/$1" | tail -1; }

# Waits (at most $2 seconds) until node $1 answers `pbm cluster show` as an up member.
await_member() {
  local name=$1 limit=$2 waited=0
  until pbm "127.0.0.1:$(inspect_port_of "$name")" cluster show >/dev/null 2>&1; do
    if ! running "$name"; then echo "$name exited; its log:" >&2; tail -20 "$dir/logs/$name.log" >&2; return 1; fi
    if [ "$waited" -ge "$limit" ]; then echo "$name: not an up member after ${limit}s; its log:" >&2; tail -20 "$dir/logs/$name.log" >&2; return 1; fi
    sleep 1; waited=$((waited + 1))
  done
}

# The node named by $1, or a usage line and exit 2.
node_arg() {
  if [ -z "${1:-}" ] || ! index_of "$1" >/dev/null; then
    echo "usage: $0 ${2:-kill|restart} NODE (one of: ${nodes[*]})" >&2; exit 2
  fi
  [ -f "$dir/cmd/$1" ] || { echo "$1 was never started here ($dir/cmd/$1 missing): scripts/cluster.sh start first" >&2; exit 1; }
}

stop_node() {
  local name=$1 pid
  running "$name" || return 0
  pid=$(cat "$dir/pids/$name.pid")
  kill "$pid"
  for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid"; fi
  echo "stopped $name"
}

stop_nodes() {
  local name
  for name in "${nodes[@]}"; do stop_node "$name"; done
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
    rm -rf "$dir"; mkdir -p "$dir/logs" "$dir/pids" "$dir/cmd"
    trap 'echo "start failed: stopping what started" >&2; stop_nodes; "$root/scripts/pg.sh" stop' ERR
    echo "postgres:$("$root/scripts/pg.sh" start)" >"$dir/journal"
    head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$dir/token"
    dotnet "$bin" db init --journal "$(cat "$dir/journal")" >"$dir/logs/db-init.log" 2>&1
    # Feeds: the shipped recording replayed in real time on the seed; the simulator on each worker, with its own symbols.
    start_node seed 0 --feed replay --speed 1
    start_node worker-1 1 --feed sim --rate 200 --symbols SIM-A SIM-B SIM-C SIM-D SIM-E SIM-F SIM-G SIM-H SIM-I SIM-J SIM-K SIM-L
    # The same feed as worker-1: a standby for it. The feed runs on the older of the two (a cluster singleton), and
    # `kill worker-1` moves it here (docs/DEPLOYMENT.md, "Feeds, freshness and failover").
    start_node worker-2 2 --feed sim --rate 200 --symbols SIM-A SIM-B SIM-C SIM-D SIM-E SIM-F SIM-G SIM-H SIM-I SIM-J SIM-K SIM-L
    for name in "${nodes[@]}"; do await_log "$name" 120 "^inspection:"; done
    up=0
    for _ in $(seq 1 60); do
      up=$(pbm "127.0.0.1:$inspect" cluster show --json 2>/dev/null | grep -c '"status": "Up"' || true)
      [ "$up" -ge 3 ] && break
      sleep 1
    done
    [ "$up" -ge 3 ] || { echo "the three nodes did not all come up within 60 s (up: $up); logs in $dir/logs" >&2; false; }
    trap - ERR
    echo "three nodes up; folder $dir (logs/, pids/, cmd/, token)"
    for i in "${!nodes[@]}"; do
      name=${nodes[$i]}
      printf '  %-9s akka.tcp://quantumflow@127.0.0.1:%s  inspect 127.0.0.1:%s  %s\n' "$name" $((base + i)) $((inspect + i)) \
        "$(grep -m1 '^dashboard: ' "$dir/logs/$name.log" | cut -d' ' -f1-2)"
    done
    cat <<MSG
try:
  dotnet $bin pbm 127.0.0.1:$inspect cluster show
  dotnet $bin pbm 127.0.0.1:$inspect cluster-sharding region-stats -r book
  dotnet $bin pbm 127.0.0.1:$((inspect + 1)) feed status
  QF_INSPECT_TOKEN=\$(cat $dir/token) dotnet $bin pbm 127.0.0.1:$inspect      (interactive prompt)
  scripts/cluster.sh kill worker-1; scripts/cluster.sh restart worker-1
stop: scripts/cluster.sh stop
MSG
    ;;
  kill)
    node_arg "${2:-}" kill
    running "$2" || { echo "$2 is not running" >&2; exit 1; }
    kill -9 "$(cat "$dir/pids/$2.pid")"
    for _ in $(seq 1 50); do running "$2" || break; sleep 0.2; done
    echo "killed $2 (kill -9, pid $(cat "$dir/pids/$2.pid")); the others mark it unreachable, then the split-brain resolver downs it"
    ;;
  restart)
    node_arg "${2:-}" restart
    stop_node "$2"
    echo "--- restarted $(date -u +%FT%TZ) ---" >>"$dir/logs/$2.log"
    launch "$2"
    await_member "$2" 120
    echo "$2 restarted (pid $(cat "$dir/pids/$2.pid")) and is an up member:"
    pbm "127.0.0.1:$(inspect_port_of "$2")" cluster show
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
    echo "usage: $0 start|status|kill NODE|restart NODE|stop" >&2; exit 2 ;;
esac
