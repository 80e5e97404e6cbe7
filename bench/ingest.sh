#!/bin/sh
# bench/ingest.sh -- ingest throughput: documents/s and events/s into SQLite
# and, when ENTENTE_BENCH_PG (or ENTENTE_TEST_PG) names a server, PostgreSQL.
#
#   sh bench/ingest.sh BUILD DICTS INPUT [THREADS]
#
# INPUT is any file `entente ingest` reads.  Each store starts empty; the
# figures are those of ingest's closing summary line.
set -eu
build=${1:?usage: bench/ingest.sh BUILD DICTS INPUT [THREADS]}
dicts=${2:?dictionary set}
input=${3:?input file}
threads=${4:-1}
bin=$build/entente
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

run() {   # run NAME URL
    line=$("$bin" ingest --db "$2" --dicts "$dicts" -j "$threads" --progress none "$input" 2>&1 |
        grep '^ingest: ' | tail -1)
    docs=$(echo "$line" | sed -n 's/.*(\([0-9]*\) documents\/s, \([0-9]*\) events\/s).*/\1/p')
    events=$(echo "$line" | sed -n 's/.*(\([0-9]*\) documents\/s, \([0-9]*\) events\/s).*/\2/p')
    printf 'ingest_%s_docs_per_s %s\ningest_%s_events_per_s %s\n' "$1" "${docs:-?}" "$1" "${events:-?}"
}

run sqlite "$tmp/bench.db"
pg=${ENTENTE_BENCH_PG:-${ENTENTE_TEST_PG:-}}
if [ -n "$pg" ]; then
    # an empty store: drop what an earlier run left
    psql -q "$pg" -c 'DROP TABLE IF EXISTS events, sentences, documents, dict_sets, meta CASCADE' >/dev/null 2>&1 || true
    run postgres "$pg"
else
    echo "ingest_postgres: skipped (set ENTENTE_BENCH_PG=postgres://...)"
fi
