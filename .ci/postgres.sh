#!/usr/bin/env bash
# Start a throwaway PostgreSQL server on loopback for the tests and print its URL on the last line.
#   source-free use:  URL=$(bash .ci/postgres.sh start DIR)   ...   bash .ci/postgres.sh stop DIR
# Installs Debian's postgresql package when no server binaries are found (as root, as CI runs). The cluster
# lives in DIR (created; owned by the postgres user when run as root) and listens on 127.0.0.1:$PGPORT (default:
# a free port) with user marsad / password marsad and a database marsad_test.
set -euo pipefail
cmd=${1:?usage: postgres.sh start|stop DIR}
dir=${2:?usage: postgres.sh start|stop DIR}
port=${PGPORT:-}

bindir() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

as_owner() {  # initdb and the server refuse to run as root
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ "$cmd" = stop ]; then
  bin=$(bindir)
  [ -n "$bin" ] && [ -f "$dir/data/PG_VERSION" ] && as_owner "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null || true
  exit 0
fi

if [ -z "$(bindir)" ] || ! command -v psql >/dev/null; then
  if [ "$(id -u)" != 0 ]; then
    echo "postgres.sh: PostgreSQL is not installed and this is not root: apt-get install postgresql" >&2
    exit 1
  fi
  echo "postgres.sh: installing PostgreSQL from Debian's packages" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q postgresql >/dev/null
fi
bin=$(bindir)
if [ -z "$port" ]; then
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
fi
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; fi
if [ ! -f "$dir/data/PG_VERSION" ]; then
  echo marsad > "$dir/pw"
  if [ "$(id -u)" = 0 ]; then chown postgres "$dir/pw"; fi
  as_owner "$bin/initdb" -D "$dir/data" -U marsad --pwfile="$dir/pw" -A scram-sha-256 -E UTF8 --locale=C.UTF-8 \
    >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
fi
if ! as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off" start >/dev/null \
    || { cat "$dir/server.log" >&2; exit 1; }
fi
export PGPASSWORD=marsad
if ! psql -h 127.0.0.1 -p "$port" -U marsad -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='marsad_test'" \
    | grep -q 1; then
  psql -h 127.0.0.1 -p "$port" -U marsad -d postgres -qc "CREATE DATABASE marsad_test" >/dev/null
fi
echo "postgresql://marsad:marsad@127.0.0.1:$port/marsad_test"
