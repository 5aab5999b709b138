#!/usr/bin/env bash
# A throw-away PostgreSQL (Debian's `postgresql` package) for tests and benchmarks: a fresh
# data directory, loopback only, on a free port; never the system's cluster.
#
#   scripts/pg.sh start DIR [--durable]   initdb DIR/data, start, print the URL (also in DIR/url)
#   scripts/pg.sh stop DIR                stop it (DIR stays; remove it yourself)
#   scripts/pg.sh pause DIR | resume DIR  stop / start the same cluster again (fault tests)
#
# By default fsync is off (a test cluster is thrown away); --durable keeps PostgreSQL's
# defaults (fsync, synchronous_commit on), which is what the benchmarks measure.
# PostgreSQL refuses to run as root: as root, the cluster runs as the `postgres` user (the
# package creates it) and DIR is handed to that user.
set -euo pipefail

cmd="${1:-}"; dir="${2:-}"
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: pg.sh start|stop|pause|resume DIR [--durable]" >&2; exit 2; }

bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
[ -x "$bindir/initdb" ] || { echo "pg.sh: no PostgreSQL server binaries (apt-get install postgresql)" >&2; exit 1; }

# runuser is in /usr/sbin, which a PATH of only /usr/local/bin:/usr/bin:/bin (a minimal login, or
# a CI runner's) leaves out even for root.
runuser_bin="$(command -v runuser || true)"
[ -n "$runuser_bin" ] || runuser_bin=/usr/sbin/runuser
as_owner() { # run a PostgreSQL binary as the cluster's owner
  if [ "$(id -u)" -eq 0 ]; then
    "$runuser_bin" -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  python3 - <<'PY'
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
PY
}

start_cluster() {
  as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 30 start >/dev/null
}

case "$cmd" in
  start)
    durable=0; [ "${3:-}" = "--durable" ] && durable=1
    mkdir -p "$dir"
    dir="$(cd "$dir" && pwd)"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
    as_owner "$bindir/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    port="$(free_port)"
    {
      echo "listen_addresses = '127.0.0.1'"
      echo "port = $port"
      echo "unix_socket_directories = '$dir'"
      echo "max_connections = 200"
      echo "shared_buffers = 128MB"
      if [ "$durable" -eq 0 ]; then
        echo "fsync = off"
        echo "synchronous_commit = off"
        echo "full_page_writes = off"
      fi
    } >>"$dir/data/postgresql.conf"
    start_cluster
    url="postgres://postgres@127.0.0.1:$port/postgres"
    echo "$url" >"$dir/url"
    echo "$url"
    ;;
  stop|pause)
    [ -d "$dir/data" ] || exit 0
    as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null 2>&1 || true
    ;;
  resume)
    start_cluster
    ;;
  *)
    echo "usage: pg.sh start|stop|pause|resume DIR [--durable]" >&2; exit 2 ;;
esac
