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
#   scripts/cluster.sh failover       kill -9 the busiest node (the one running the most feeds) and print how long until
#                                     its feeds journal again on a survivor and one of its books answers `book show`,
#                                     then check the journal (contiguous sequence numbers, no batch twice); needs jq
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

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# psql on the cluster's journal (PostgreSQL from scripts/pg.sh: loopback, trust authentication).
journal_sql() {
  local port
  port=$(sed -n 's/.*Port=\([0-9]*\).*/\1/p' "$dir/journal")
  psql -h 127.0.0.1 -p "$port" -U postgres -d postgres -At -c "$1"
}

# kill -9 the node running the most feeds; measure, from the kill, until each of its feeds has events acknowledged
# (journaled) on a survivor, and until `book show` of one of its books answers through a survivor; check the journal.
# Both are asked through pbm sessions opened before the kill (one command per line on their input), so the times do not
# include starting a pbm process: feed status is polled every 0.2 s, and book show is sent once, right after the kill
# (it waits for the book's shard to move rather than failing).
failover() {
  local name i victim="" victim_address="" most=-1 count survivor="" json="" feeds book t0 show_at="" show_rc="" all_at="" pending moved port
  command -v jq >/dev/null || { echo "failover needs jq (apt-get install jq)" >&2; exit 1; }
  for i in "${!nodes[@]}"; do
    name=${nodes[$i]}
    running "$name" || continue
    json=$(pbm "127.0.0.1:$(inspect_port_of "$name")" feed status --json 2>/dev/null) || continue
    break
  done
  [ -n "$json" ] || { echo "no node answers feed status: scripts/cluster.sh start first" >&2; exit 1; }
  for i in "${!nodes[@]}"; do
    running "${nodes[$i]}" || continue
    count=$(jq --arg a "akka.tcp://quantumflow@127.0.0.1:$((base + i))" '[.tables.feeds[] | select(.node == $a)] | length' <<<"$json")
    if [ "$count" -gt "$most" ]; then most=$count; victim=${nodes[$i]}; victim_address="akka.tcp://quantumflow@127.0.0.1:$((base + i))"; fi
  done
  [ "$most" -gt 0 ] || { echo "no running node runs a feed right now (feed status below)" >&2; jq . <<<"$json" >&2; exit 1; }
  feeds=$(jq -r --arg a "$victim_address" '.tables.feeds[] | select(.node == $a) | .feed' <<<"$json")
  for i in "${!nodes[@]}"; do
    if [ "${nodes[$i]}" != "$victim" ] && running "${nodes[$i]}"; then survivor=${nodes[$i]}; break; fi
  done
  [ -n "$survivor" ] || { echo "no other node runs: nothing would take $victim's feeds" >&2; exit 1; }
  port=$(inspect_port_of "$survivor")
  book=$(pbm "127.0.0.1:$port" book list --json | jq -r --arg a "$victim_address" '[.tables.books[] | select(.node == $a) | .entity][0] // empty')
  echo "busiest node: $victim ($victim_address), running $most feed(s): $(echo $feeds)"
  echo "asking through $survivor; book of $victim to ask for: ${book:-none (it hosts no book)}"

  # The two sessions: feed status through a coprocess, book show through a pipe whose answer lands in a file.
  rm -f "$dir/failover-show.in" "$dir/failover-show.out"
  mkfifo "$dir/failover-show.in"
  pbm "127.0.0.1:$port" --json --timeout 60 <"$dir/failover-show.in" >"$dir/failover-show.out" 2>&1 &
  exec 7>"$dir/failover-show.in"
  coproc WATCH { pbm "127.0.0.1:$port" --json 2>/dev/null; }
  watch() {
    local line out=""
    echo "feed status" >&"${WATCH[1]}"
    while IFS= read -r line <&"${WATCH[0]}"; do out+="$line"$'\n'; [ "$line" = "}" ] && break; done
    printf '%s' "$out"
  }
  # Both sessions connected and answering before the kill.
  watch >/dev/null
  echo "cluster status" >&7
  for _ in $(seq 1 300); do [ "$(grep -cx '}' "$dir/failover-show.out")" -ge 1 ] && break; sleep 0.1; done

  kill -9 "$(cat "$dir/pids/$victim.pid")"
  t0=$(now)
  echo "killed $victim (kill -9) at $(date -u +%T.%3N)"
  [ -n "$book" ] && echo "book show -s $book -n 1" >&7
  pending=$feeds
  while [ -n "$pending" ] || { [ -n "$book" ] && [ -z "$show_at" ]; }; do
    if awk -v a="$t0" -v b="$(now)" 'BEGIN { exit !(b - a > 120) }'; then echo "not within 120 s: $(echo $pending) ${book:+book show}" >&2; break; fi
    if [ -n "$book" ] && [ -z "$show_at" ] && [ "$(grep -cx '}' "$dir/failover-show.out")" -ge 2 ]; then
      show_at=$(since "$t0"); show_rc=$(jq -s '.[1].exit' "$dir/failover-show.out" 2>/dev/null || echo "?")
      if [ "$show_rc" = 0 ]; then echo "  $show_at s  book show -s $book answered (through $survivor)"
      else echo "  $show_at s  book show -s $book failed: $(jq -r -s '.[1].error' "$dir/failover-show.out" 2>/dev/null || cat "$dir/failover-show.out")"; fi
    fi
    if [ -n "$pending" ]; then
      json=$(watch)
      moved=""
      for name in $pending; do
        if jq -e --arg f "$name" --arg a "$victim_address" '.tables.feeds[] | select(.feed == $f and .node != null and .node != $a and .acked > 0)' <<<"$json" >/dev/null 2>&1; then
          all_at=$(since "$t0")
          echo "  $all_at s  $name journaling again on $(jq -r --arg f "$name" '.tables.feeds[] | select(.feed == $f) | .node' <<<"$json")"
          moved+=" $name"
        fi
      done
      for name in $moved; do pending=$(echo "$pending" | grep -vx "$name" || true); done
    fi
    sleep 0.2
  done
  [ -z "$pending" ] || all_at="over 120"
  exec 7>&-
  eval "exec ${WATCH[1]}>&-"
  wait 2>/dev/null || true
  echo "journal check (PostgreSQL, every book's journal):"
  local books rows holes twice
  books=$(journal_sql "SELECT count(DISTINCT persistence_id) FROM journal WHERE persistence_id LIKE 'book|%'")
  rows=$(journal_sql "SELECT count(*) FROM journal WHERE persistence_id LIKE 'book|%'")
  holes=$(journal_sql "SELECT persistence_id || ': ' || count(*) || ' rows, sequence numbers ' || min(sequence_number) || '..' || max(sequence_number) FROM journal WHERE persistence_id LIKE 'book|%' GROUP BY persistence_id HAVING min(sequence_number) <> 1 OR max(sequence_number) <> count(*)")
  # A batch journaled twice would be two rows with the same bytes: each batch carries its feed run and number.
  twice=$(journal_sql "SELECT persistence_id || ': ' || (count(*) - count(DISTINCT message)) || ' batch(es) twice' FROM journal WHERE persistence_id LIKE 'book|%' GROUP BY persistence_id HAVING count(*) <> count(DISTINCT message)")
  echo "  $books books, $rows batches; sequence numbers contiguous from 1: $([ -z "$holes" ] && echo yes || echo "NO: $holes")"
  echo "  no batch journaled twice: $([ -z "$twice" ] && echo yes || echo "NO: $twice")"
  echo "summary: kill -9 of $victim -> its feeds journaling again on a survivor: ${all_at} s; -> book show answering: ${show_at:-not asked} s"
  echo "restart it: scripts/cluster.sh restart $victim"
  [ -z "$holes" ] && [ -z "$twice" ] && [ -z "$pending" ] && [ "${show_rc:-0}" = 0 ]
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
    # Feeds, by configuration: the shipped recording replayed in real time and a simulated venue of twelve symbols,
    # each its own cluster singleton. Every node is given both, so both run on the oldest node and move to a survivor
    # when it dies (docs/DEPLOYMENT.md, "Feeds, freshness and failover").
    cat >"$dir/feeds.conf" <<'CONF'
quantumflow.feeds = [
  { feed = replay, speed = 1 }
  { feed = sim, rate = 200, symbols = [SIM-A, SIM-B, SIM-C, SIM-D, SIM-E, SIM-F, SIM-G, SIM-H, SIM-I, SIM-J, SIM-K, SIM-L] }
]
CONF
    start_node seed 0 --hocon "$dir/feeds.conf"
    start_node worker-1 1 --hocon "$dir/feeds.conf"
    start_node worker-2 2 --hocon "$dir/feeds.conf"
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
  scripts/cluster.sh kill seed; scripts/cluster.sh restart seed
  scripts/cluster.sh failover      (kills the node running the feeds and measures the failover)
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
  failover)
    failover
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
    echo "usage: $0 start|status|kill NODE|restart NODE|failover|stop" >&2; exit 2 ;;
esac
