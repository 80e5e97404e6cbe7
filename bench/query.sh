#!/bin/sh
# query.sh -- query latency of `entente dyad`, `trends` and `blocs` on a
# store of QUERY_N synthetic events (default 10,000,000).
#
#   sh bench/query.sh BUILD_DIR
#
# Builds bench/genevents.c against BUILD_DIR/libentente.a, writes the store
# (SQLite at BUILD_DIR/bench/events-N.db by bench/store.sh, kept and reused
# while genevents.c and the seed are unchanged; PostgreSQL too when
# ENTENTE_TEST_PG names a server, whose entente tables are replaced), then
# times each command
# (wall clock of the whole process, best and median of QUERY_RUNS runs,
# after one warm-up run) and prints the figures next to the targets:
# dyad < 50 ms, trends < 2 s, blocs < 2 s.  See bench/README.md.
set -eu

. "$(dirname "$0")/common.sh"
N=${QUERY_N:-10000000}
SEED=${QUERY_SEED:-20240426}
RUNS=${QUERY_RUNS:-5}
[ -x "$ENTENTE" ] || { echo "error: $ENTENTE not found; run make first" >&2; exit 1; }

ms() { echo $(($(date +%s%N) / 1000000)); }

# time_cmd LABEL CMD...: warm-up, then RUNS timed runs; prints best/median ms
time_cmd() {
    label=$1; shift
    "$@" >"$BUILD/bench/last.out" 2>&1 || { echo "error: $label failed:" >&2; cat "$BUILD/bench/last.out" >&2; exit 1; }
    : >"$BUILD/bench/times"
    i=0
    while [ $i -lt "$RUNS" ]; do
        t0=$(ms); "$@" >/dev/null 2>&1; t1=$(ms)
        echo $((t1 - t0)) >>"$BUILD/bench/times"
        i=$((i + 1))
    done
    sort -n "$BUILD/bench/times" | awk -v l="$label" '{ v[NR] = $1 } END {
        printf "  %-58s best %6d ms  median %6d ms\n", l, v[1], v[int((NR + 1) / 2)] }'
}

bench_store() {
    db=$1
    echo "store: $2"
    time_cmd "process start (entente version), the floor" "$ENTENTE" version
    time_cmd "dyad RUS IRN --by month" "$ENTENTE" dyad RUS IRN --by month --db "$db"
    time_cmd "dyad RUS USA --by month (busiest dyad)" "$ENTENTE" dyad RUS USA --by month --db "$db"
    time_cmd "dyad RUSMIL IRN --by week (prefix)" "$ENTENTE" dyad RUSMIL IRN --by week --db "$db"
    time_cmd "dyad CHN USA --by day --from 2024-01-01" "$ENTENTE" dyad CHN USA --by day --from 2024-01-01 --db "$db"
    time_cmd "trends (7d window, 12 baseline)" "$ENTENTE" trends --db "$db"
    time_cmd "trends --window 30d --baseline 12" "$ENTENTE" trends --window 30d --db "$db"
    time_cmd "blocs --from 2024-01-01 --to 2024-12-31" "$ENTENTE" blocs --from 2024-01-01 --to 2024-12-31 --db "$db"
    time_cmd "blocs (all 10 years)" "$ENTENTE" blocs --db "$db"
    time_cmd "actors --top 20 (all 10 years)" "$ENTENTE" actors --db "$db"
    echo "  first trend: $("$ENTENTE" trends --db "$db" --top 1 | sed -n 3p)"
}

echo "entente query benchmark: $N events, seed $SEED, $RUNS runs each (targets: dyad < 50 ms, trends < 2 s, blocs < 2 s)"
# the SQLite store (and BUILD/bench/genevents), shared with load.sh
DB=$(sh bench/store.sh "$BUILD")
GEN=$BUILD/bench/genevents
bench_store "$DB" "SQLite $DB"

if [ -n "${ENTENTE_TEST_PG:-}" ]; then
    t0=$(ms)
    "$GEN" pg "$ENTENTE_TEST_PG" "$N" "$SEED"
    t1=$(ms)
    echo "built PostgreSQL store in $(((t1 - t0) / 1000)) s"
    bench_store "$ENTENTE_TEST_PG" "PostgreSQL $(echo "$ENTENTE_TEST_PG" | sed 's#://[^@]*@#://#')"
else
    echo "PostgreSQL: skipped (set ENTENTE_TEST_PG=postgres://... to time it too)"
fi
