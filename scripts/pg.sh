#!/usr/bin/env bash
# A throwaway PostgreSQL for tests: loopback only, trust authentication, a free port, its own data folder.
#   scripts/pg.sh start   -> starts it and prints the connection string (also written to $QF_PG_DIR/connection)
#   scripts/pg.sh stop    -> stops it and deletes its data
# PostgreSQL refuses to run as root, so as root it runs as a dedicated system user (qfpg).
set -euo pipefail
dir=${QF_PG_DIR:-/tmp/qf-pg}
bin=${QF_PG_BIN:-/usr/lib/postgresql/15/bin}

as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u qfpg -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    if [ ! -x "$bin/initdb" ]; then
      echo "PostgreSQL binaries not found in $bin; installing postgresql" >&2
      if [ "$(id -u)" = 0 ]; then
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null; }
      else
        echo "install PostgreSQL 15 (or set QF_PG_BIN)" >&2; exit 1
      fi
    fi
    if [ "$(id -u)" = 0 ] && ! id qfpg >/dev/null 2>&1; then
      useradd --system --no-create-home --shell /usr/sbin/nologin qfpg
    fi
    if [ -f "$dir/data/postmaster.pid" ]; then as_pg "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true; fi
    rm -rf "$dir"
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown qfpg "$dir"
    port=""
    for p in $(seq 55432 55532); do
      if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then port=$p; break; fi
    done
    [ -n "$port" ] || { echo "no free port for PostgreSQL" >&2; exit 1; }
    as_pg "$bin/initdb" -D "$dir/data" -A trust -U postgres --no-sync -E UTF8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    # Tests run with durability off for speed; QF_PG_DURABLE=1 keeps PostgreSQL's defaults (fsync on), for benchmarks.
    durability="-c fsync=off -c synchronous_commit=off"
    [ "${QF_PG_DURABLE:-0}" = 1 ] && durability=""
    as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir $durability -c max_connections=200" start >/dev/null \
      || { cat "$dir/server.log" >&2; exit 1; }
    echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Pooling=true" | tee "$dir/connection"
    ;;
  stop)
    if [ -f "$dir/data/postmaster.pid" ]; then as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true; fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
