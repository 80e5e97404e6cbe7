#!/usr/bin/env bash
# pg-test-server.sh -- a throwaway PostgreSQL 15 cluster for the tests.
#
#   scripts/pg-test-server.sh start [DIR]   init and start a cluster in DIR
#                                           (default: a new temp dir), create
#                                           database entente_test, print its URL
#   scripts/pg-test-server.sh stop DIR      stop it and remove DIR
#   scripts/pg-test-server.sh pause DIR     stop it at once, as a crash would,
#                                           keeping its data
#   scripts/pg-test-server.sh resume DIR    start a paused cluster again, on
#                                           the same port
#
# The URL is printed alone on stdout (for ENTENTE_TEST_PG); the directory
# is printed on stderr and kept in DIR/.url beside the data.  The cluster
# listens on 127.0.0.1 on a free port with trust authentication, so use it
# for tests only.  initdb refuses to run as root: as root the cluster
# belongs to the unprivileged user "postgres" (created by the postgresql
# package).
set -euo pipefail

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
cmd=${1:-}
dir=${2:-}

as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

# start the cluster in $1 listening on port $2
pg_start() {
    as_owner "$PGBIN/pg_ctl" -D "$1/data" -l "$1/server.log" -w -t 60 \
        -o "-p $2 -k $1 -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null ||
        { cat "$1/server.log" >&2; exit 1; }
}

port_free() {
    ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

case "$cmd" in
start)
    [ -x "$PGBIN/initdb" ] || { echo "pg-test-server: no $PGBIN/initdb (apt-get install postgresql)" >&2; exit 1; }
    if [ -z "$dir" ]; then dir=$(mktemp -d "${TMPDIR:-/tmp}/entente-pg.XXXXXX"); fi
    mkdir -p "$dir"
    user=$(id -un)
    if [ "$(id -u)" -eq 0 ]; then
        id postgres >/dev/null 2>&1 || { echo "pg-test-server: no user postgres to own the cluster" >&2; exit 1; }
        chown postgres "$dir"
        chmod 755 "$dir"
        user=postgres
    fi
    port=54329
    while ! port_free "$port"; do port=$((port + 1)); done
    as_owner "$PGBIN/initdb" -D "$dir/data" -U "$user" --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
        { cat "$dir/initdb.log" >&2; exit 1; }
    pg_start "$dir" "$port"
    as_owner "$PGBIN/createdb" -h 127.0.0.1 -p "$port" -U "$user" entente_test
    url="postgres://$user@127.0.0.1:$port/entente_test"
    echo "$url" | as_owner tee "$dir/.url" >/dev/null
    echo "pg-test-server: cluster in $dir" >&2
    echo "$url"
    ;;
stop)
    [ -n "$dir" ] && [ -d "$dir/data" ] || { echo "usage: $0 stop DIR" >&2; exit 64; }
    as_owner "$PGBIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    rm -rf "$dir"
    ;;
pause)
    [ -n "$dir" ] && [ -d "$dir/data" ] || { echo "usage: $0 pause DIR" >&2; exit 64; }
    as_owner "$PGBIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null
    ;;
resume)
    [ -n "$dir" ] && [ -f "$dir/.url" ] || { echo "usage: $0 resume DIR" >&2; exit 64; }
    port=$(sed -n 's|.*@127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$dir/.url")
    pg_start "$dir" "$port"
    ;;
*)
    echo "usage: $0 start [DIR] | stop DIR | pause DIR | resume DIR" >&2
    exit 64
    ;;
esac
