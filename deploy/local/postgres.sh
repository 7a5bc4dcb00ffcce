#!/usr/bin/env bash
# Starts or stops a private PostgreSQL cluster on loopback, with its own port, socket directory
# and data folder, so it never touches a system cluster.
#
#   deploy/local/postgres.sh start DIR [PORT] [durable|fast]   # prints the state URL when it is up
#   deploy/local/postgres.sh stop DIR
#   deploy/local/postgres.sh psql DIR ARGS...                    # psql against that cluster
#
# DIR holds the data folder, the socket and the log. The cluster listens on 127.0.0.1 only and
# trusts connections from there (it is private to this machine's user and its tests); the URL
# printed is postgres://postgres@127.0.0.1:PORT/postgres?sslmode=disable.
#
# `durable` (the default) keeps PostgreSQL's defaults: every commit is flushed, as a production
# server does, for benchmarks and the fleet. `fast` turns fsync and full-page writes off, for
# the test suite, where a crash of the machine loses nothing anyone needs.
#
# PostgreSQL refuses to run as root: when run as root, the cluster runs as the `postgres` user
# the Debian package creates, DIR is given to it, and DIR's parent is made traversable (not
# readable) so it can reach DIR.
set -euo pipefail

cmd=${1:?usage: postgres.sh start|stop|psql DIR [PORT] [durable|fast]}
dir=${2:?usage: postgres.sh start|stop|psql DIR [PORT] [durable|fast]}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bin" ] || { echo "postgres.sh: PostgreSQL is not installed (Debian package postgresql)" >&2; exit 1; }

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

case "$cmd" in
  start)
    port=${3:-5899}
    mode=${4:-durable}
    echo "$port" >"$dir/port"
    if [ "$(id -u)" -eq 0 ]; then
      chmod o+x "$(dirname "$dir")"
      chown postgres "$dir"
    fi
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
        >"$dir/initdb.log" 2>&1 || { echo "postgres.sh: initdb failed:" >&2; cat "$dir/initdb.log" >&2; exit 1; }
    fi
    options="-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c max_connections=400"
    options="$options -c shared_buffers=128MB -c log_min_messages=warning"
    if [ "$mode" = fast ]; then
      options="$options -c fsync=off -c full_page_writes=off -c synchronous_commit=off"
    fi
    if ! as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -o "$options" -w -t 60 start >"$dir/pg_ctl.out" 2>&1; then
      echo "postgres.sh: PostgreSQL did not start; see $dir/server.log" >&2
      tail -20 "$dir/server.log" >&2 || true
      exit 1
    fi
    echo "postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable"
    ;;
  stop)
    [ -f "$dir/data/postmaster.pid" ] || { echo "postgres.sh: no cluster running in $dir" >&2; exit 0; }
    # pg_ctl stops the server whose pid its data folder records, never one found by name.
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null 2>&1 || true
    ;;
  psql)
    shift 2
    exec "$bin/psql" -X -h 127.0.0.1 -p "$(cat "$dir/port")" -U postgres "$@"
    ;;
  *)
    echo "usage: postgres.sh start|stop|psql DIR [PORT] [durable|fast]" >&2
    exit 2
    ;;
esac
