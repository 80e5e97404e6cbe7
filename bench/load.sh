#!/bin/sh
# load.sh -- `entente serve` under load: latency and errors of the dyad and
# events routes at 1, 10 and 50 concurrent clients, and the rate of the
# cached overview, on the synthetic store that query.sh reads; then the
# dyads again from a server that keeps no answer (dyad-made), each made
# from the store for its request.
#
#   sh bench/load.sh BUILD_DIR        (make bench runs it with build/)
#
# The store is bench/store.sh's (QUERY_N events, default 10,000,000; made
# once and kept). The server listens on a free port of 127.0.0.1 and every
# request goes there: nothing leaves the machine. The load comes from wrk
# (Debian's package `wrk`); without it the bench says so and prints no
# figures. Each measurement stops after LOAD_REQUESTS responses (default
# 3000; the overview LOAD_OVERVIEW_REQUESTS, default 100000) or LOAD_SECONDS
# seconds (default 10), whichever comes first, after a short warm-up.
# LOAD_THREADS sets serve's --threads (default: serve's own, 4).
# Targets (issue 12): dyad p99 under 100 ms at 50 clients with no errors;
# the cached overview at 2,000 requests/s or more. See bench/README.md.
set -eu

. "$(dirname "$0")/common.sh"
N=${QUERY_N:-10000000}
SECS=${LOAD_SECONDS:-10}
REQS=${LOAD_REQUESTS:-3000}
OV_REQS=${LOAD_OVERVIEW_REQUESTS:-100000}
CLIENTS="1 10 50"

echo "entente load benchmark (serve over HTTP on loopback)"
if ! command -v wrk >/dev/null 2>&1; then
    echo "skipped: wrk is not installed (apt-get install wrk); no serve latency figures"
    exit 0
fi
[ -x "$ENTENTE" ] || { echo "error: $ENTENTE not found; run make first" >&2; exit 1; }

DB=$(sh bench/store.sh "$BUILD")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/entente-load.XXXXXX")
pid=
stop() {
    if [ -n "$pid" ]; then
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    fi
    rm -rf "$tmp"
}
trap stop EXIT
trap 'exit 130' INT TERM

# serve CACHE: entente serve started on the store, its answers kept for
# CACHE seconds (0: each made for its request); sets pid and URL.  Port 0:
# the kernel picks a free port, which serve prints.  Making the overview
# reads the whole store, which takes a minute at ten million events,
# longer than serve's default query timeout of 10 s
serve() {
    "$ENTENTE" serve --db "$DB" --listen 127.0.0.1:0 --cache "$1" --query-timeout 600 \
        ${LOAD_THREADS:+--threads "$LOAD_THREADS"} 2>"$tmp/serve.log" &
    pid=$!
    port=
    i=0
    while [ $i -lt 120 ]; do
        port=$(sed -n 's#^entente: serving .* at http://127\.0\.0\.1:\([0-9][0-9]*\)/.*#\1#p' "$tmp/serve.log")
        [ -n "$port" ] && break
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "error: entente serve did not start:" >&2
            cat "$tmp/serve.log" >&2
            exit 1
        fi
        sleep 0.5
        i=$((i + 1))
    done
    [ -n "$port" ] || { echo "error: entente serve printed no port in 60 s" >&2; exit 1; }
    URL=http://127.0.0.1:$port
}

# answers kept for the whole run, so the overview's figure is the kept
# answer's, and the dyad's those of the kept answers of its four questions
serve 3600

echo "machine: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start"
echo "store: SQLite $DB ($N events)"
echo "server: entente serve --threads ${LOAD_THREADS:-4} on 127.0.0.1:$port; load: $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)"
echo "each: at most $REQS requests (overview $OV_REQS) or ${SECS} s, after a warm-up"

# run CLIENTS LIMIT PATH...: one wrk run, its summary line in $tmp/line
# (sh has no local variables: the names here are run's own)
run() {
    run_c=$1
    run_lim=$2
    shift 2
    run_t=$((run_c < 2 ? 1 : 2))                  # wrk threads: the machine has two CPUs
    run_per=$(((run_lim + run_t - 1) / run_t))    # load.lua stops each thread after its share
    if ! timeout $((SECS + 60)) wrk -t "$run_t" -c "$run_c" -d "${SECS}s" --timeout 10s \
            -s bench/load.lua "$URL" -- "$run_per" "$@" >"$tmp/wrk.out" 2>&1; then
        echo "error: wrk failed:" >&2
        cat "$tmp/wrk.out" >&2
        exit 1
    fi
    grep '^requests [0-9]' "$tmp/wrk.out" | tail -1 >"$tmp/line"
    [ -s "$tmp/line" ] || { echo "error: wrk printed no summary:" >&2; cat "$tmp/wrk.out" >&2; exit 1; }
}

# field NAME: a value of the last summary line
field() { awk -v k="$1" '{ for (i = 1; i < NF; i++) if ($i == k) print $(i + 1) }' "$tmp/line"; }

# route LABEL LIMIT PATH...: warm-up, then one row for each number of clients;
# the last row's figures stay in $tmp/line
route() {
    label=$1
    lim=$2
    shift 2
    run 1 $((2 * $#)) "$@"
    for c in $CLIENTS; do
        run "$c" "$lim" "$@"
        printf '  %-9s %7d %9d %9.0f %9.2f %9.2f %9.2f %7d\n' "$label" "$c" "$(field requests)" \
            "$(field rps)" "$(field p50_ms)" "$(field p99_ms)" "$(field max_ms)" \
            $(($(field socket_errors) + $(field timeouts) + $(field status_errors)))
        if [ "$label" = dyad ] && [ "$c" = 50 ]; then cp "$tmp/line" "$tmp/dyad50"; fi
        if [ "$label" = overview ]; then cat "$tmp/line" >>"$tmp/overview"; fi
    done
}

printf '  %-9s %7s %9s %9s %9s %9s %9s %7s\n' route clients requests "req/s" "p50 ms" "p99 ms" "max ms" errors
# dyads LABEL: the four dyads query.sh times (the busiest, a prefix, a
# day series)
dyads() {
    route "$1" "$REQS" \
        '/api/v1/dyad?a=RUS&b=IRN&by=month' \
        '/api/v1/dyad?a=RUS&b=USA&by=month' \
        '/api/v1/dyad?a=RUSMIL&b=IRN&by=week' \
        '/api/v1/dyad?a=CHN&b=USA&by=day&from=2024-01-01'
}
dyads dyad
# pages of events as the dashboard asks for them: a month of the busiest
# dyad with sentences (a click in the dyad view), a month of one country's
# events (a click on the map), the events table's first page, and a year
# of a dyad
route events "$REQS" \
    '/api/v1/events?dyad=RUS,USA&from=2024-06-01&to=2024-06-30&limit=200&sentences=true' \
    '/api/v1/events?actor=IRN&from=2024-12-01&to=2024-12-31&limit=1000' \
    '/api/v1/events?limit=100&sentences=true' \
    '/api/v1/events?dyad=CHN,USA&from=2024-01-01&to=2024-12-31&limit=100'
# the overview is made once before it is measured: each try sends one
# request and gives up on it after LOAD_SECONDS, but the server goes on making it,
# and a later request waits for that one and takes what it kept
i=0
until run 1 1 /api/v1/overview && [ "$(field requests)" -ge 1 ]; do
    i=$((i + 1))
    [ $i -lt 60 ] || { echo "error: no overview after 60 tries of ${SECS} s" >&2; exit 1; }
done
route overview "$OV_REQS" '/api/v1/overview'
# the same dyads from a server that keeps nothing: each answer made from
# the store for its request, as for questions not asked before
kill "$pid"
wait "$pid" 2>/dev/null || true
pid=
serve 0
dyads dyad-made

echo "load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
cp "$tmp/dyad50" "$tmp/line"
p99=$(field p99_ms)
errs=$(($(field socket_errors) + $(field timeouts) + $(field status_errors)))
verdict=$(awk -v p="$p99" -v e="$errs" 'BEGIN { print (p < 100 && e == 0) ? "met" : "NOT met" }')
echo "target: dyad p99 under 100 ms at 50 clients, no errors: p99 $p99 ms, $errs errors: $verdict"
best=$(awk '{ for (i = 1; i < NF; i++) if ($i == "rps") print $(i + 1) }' "$tmp/overview" | sort -n | tail -1)
verdict=$(awk -v r="$best" 'BEGIN { print (r >= 2000) ? "met" : "NOT met" }')
echo "target: cached overview at 2000 requests/s or more: best $best requests/s: $verdict"
