#!/usr/bin/env bash
# Makes sure PostgreSQL and Redis are reachable and exports ConnectionStrings__Postgres and
# ConnectionStrings__Redis for the caller. Source it:  . scripts/services.sh [database-name]
#
# When ConnectionStrings__Postgres / ConnectionStrings__Redis are already set they are used as they
# are. Otherwise Debian's postgresql and redis-server are installed if missing and started on
# loopback with data under .data/ (git-ignored). Idempotent: a second call finds them running.
set -euo pipefail

ANTONIO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ANTONIO_DB="${1:-antonio}"
ANTONIO_PG_PORT="${ANTONIO_PG_PORT:-55432}"
ANTONIO_REDIS_PORT="${ANTONIO_REDIS_PORT:-56379}"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_install() {
  # Installs Debian packages once; apt-get update only when something is missing.
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "services: installing ${missing[*]}" >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  # policy-rc.d keeps Debian from starting its own cluster/daemon: we run our own on other ports.
  as_root env DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 apt-get install -y -qq "${missing[@]}" >/dev/null
}

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

# Runs a command as the database owner: PostgreSQL refuses to run as root.
as_pg_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

data_dir() {
  local dir="$ANTONIO_ROOT/.data"
  mkdir -p "$dir"
  if [ "$(id -u)" = 0 ]; then
    # The postgres user must be able to reach the data directory; a checkout under /root cannot.
    if ! runuser -u postgres -- test -x "$dir" 2>/dev/null; then
      dir="/var/tmp/antonio-$(printf %s "$ANTONIO_ROOT" | md5sum | cut -c1-8)"
      mkdir -p "$dir"
    fi
  fi
  echo "$dir"
}

start_postgres() {
  apt_install postgresql postgresql-contrib
  local bin data
  bin="$(pg_bin)"; data="$(data_dir)"
  local pgdata="$data/pg"
  if [ "$(id -u)" = 0 ]; then mkdir -p "$pgdata"; chown postgres:postgres "$pgdata"; chmod 700 "$pgdata"; fi
  if [ ! -f "$pgdata/PG_VERSION" ]; then
    echo "services: initialising PostgreSQL in $pgdata" >&2
    as_pg_owner "$bin/initdb" -D "$pgdata" -U antonio --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  # A cluster left running without pg_stat_statements (an older checkout started it) is restarted with it.
  if as_pg_owner "$bin/pg_ctl" -D "$pgdata" status >/dev/null 2>&1 && ! "$bin/psql" -h 127.0.0.1 -p "$ANTONIO_PG_PORT" -U antonio \
      -d postgres -tAc "SHOW shared_preload_libraries" 2>/dev/null | grep -q pg_stat_statements; then
    as_pg_owner "$bin/pg_ctl" -D "$pgdata" -w -t 60 stop -m fast >/dev/null
  fi
  if ! as_pg_owner "$bin/pg_ctl" -D "$pgdata" status >/dev/null 2>&1; then
    echo "services: starting PostgreSQL on 127.0.0.1:$ANTONIO_PG_PORT" >&2
    # fsync off: a disposable local cluster for development and tests, never production. pg_stat_statements:
    # each statement's calls and time, for the bench's and /admin/performance's database figures.
    as_pg_owner "$bin/pg_ctl" -D "$pgdata" -l "$pgdata/server.log" -w -t 60 start -o \
      "-p $ANTONIO_PG_PORT -c listen_addresses=127.0.0.1 -k /tmp -c max_connections=300 \
       -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=256MB \
       -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=top" >/dev/null
  fi
  if ! "$bin/psql" -h 127.0.0.1 -p "$ANTONIO_PG_PORT" -U antonio -d postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname = '$ANTONIO_DB'" | grep -q 1; then
    "$bin/createdb" -h 127.0.0.1 -p "$ANTONIO_PG_PORT" -U antonio "$ANTONIO_DB"
  fi
  # The view lives in a database; template1 gives it to every database created later (the tests' own).
  for db in template1 "$ANTONIO_DB"; do
    "$bin/psql" -h 127.0.0.1 -p "$ANTONIO_PG_PORT" -U antonio -d "$db" -qc "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" >/dev/null
  done
  export ConnectionStrings__Postgres="Host=127.0.0.1;Port=$ANTONIO_PG_PORT;Username=antonio;Database=$ANTONIO_DB;Maximum Pool Size=100"
}

start_redis() {
  apt_install redis-server
  local data; data="$(data_dir)/redis"; mkdir -p "$data"
  if ! redis-cli -h 127.0.0.1 -p "$ANTONIO_REDIS_PORT" ping >/dev/null 2>&1; then
    echo "services: starting Redis on 127.0.0.1:$ANTONIO_REDIS_PORT" >&2
    # A cache, bounded: past maxmemory the least recently used keys go (a flood of entries cannot fill the machine).
    redis-server --port "$ANTONIO_REDIS_PORT" --bind 127.0.0.1 --dir "$data" --daemonize yes \
      --maxmemory "${ANTONIO_REDIS_MAXMEMORY:-512mb}" --maxmemory-policy allkeys-lru \
      --save "" --appendonly no --pidfile "$data/redis.pid" --logfile "$data/redis.log"
    for _ in $(seq 1 50); do redis-cli -h 127.0.0.1 -p "$ANTONIO_REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
  fi
  # A Redis left running by an older checkout: bound it too (idempotent).
  redis-cli -h 127.0.0.1 -p "$ANTONIO_REDIS_PORT" config set maxmemory "${ANTONIO_REDIS_MAXMEMORY:-512mb}" >/dev/null
  redis-cli -h 127.0.0.1 -p "$ANTONIO_REDIS_PORT" config set maxmemory-policy allkeys-lru >/dev/null
  export ConnectionStrings__Redis="127.0.0.1:$ANTONIO_REDIS_PORT"
}

# ANTONIO_SERVICES=none: only the helpers above (apt_install …), for a script that needs no database.
if [ "${ANTONIO_SERVICES:-}" != none ]; then
  [ -n "${ConnectionStrings__Postgres:-}" ] || start_postgres
  [ -n "${ConnectionStrings__Redis:-}" ] || start_redis
fi
