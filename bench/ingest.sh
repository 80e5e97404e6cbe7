#!/bin/sh
# bench/ingest.sh -- ingest throughput against coding throughput.
#
#   sh bench/ingest.sh BUILD DICTS RAW_CORPUS [SENTENCES]
#
# Takes the first SENTENCES sentences (default 200000, a prefix of whole
# 20-sentence documents) of the raw-text JSONL corpus that bench/run.sh
# writes, then for -j 1 and -j 2 runs, in turn, `entente code` on it and
# `entente ingest` of it into an empty SQLite file and an empty PostgreSQL
# database, RUNS times (default 3), and prints the medians: documents/s,
# sentences/s and events/s of ingest, and its ratio to coding's
# sentences/s on the same input with the same threads (the target is at
# least 0.5); then how many of the stored events have a place.
#
# BASELINE=/path/to/entente (another build, the one before a change to
# the store, say) is run beside it the same way, and each ingest line adds
# its ratio to that build's sentences/s (ratio_to_baseline).
#
# PostgreSQL: the server named by ENTENTE_BENCH_PG or ENTENTE_TEST_PG, or
# else a throwaway one started with scripts/pg-test-server.sh when
# PostgreSQL is installed; skipped otherwise.  Its tables are dropped
# before each run.
set -eu
build=${1:?usage: bench/ingest.sh BUILD DICTS RAW_CORPUS [SENTENCES]}
dicts=${2:?dictionary set}
raw=${3:?raw-text JSONL corpus}
nsent=${4:-200000}
runs=${RUNS:-3}
bin=$build/entente
root=$(cd "$(dirname "$0")/.." && pwd)

tmp=$(mktemp -d "${TMPDIR:-/tmp}/entente-ingest-bench.XXXXXX")
pgdir=
cleanup() {
    if [ -n "$pgdir" ]; then "$root/scripts/pg-test-server.sh" stop "$pgdir" >/dev/null 2>&1 || true; fi
    rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

# whole documents of 20 sentences, as bench/gencorpus writes them
input=$tmp/raw-$nsent.jsonl
head -n $((nsent / 20)) "$raw" >"$input"
ndocs=$(wc -l <"$input")

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)]; else print 0 }'; }
field() { awk -v k="$1" '{ for (i = 1; i < NF; i++) if ($i == k) print $(i + 1) }'; }

pg=${ENTENTE_BENCH_PG:-${ENTENTE_TEST_PG:-}}
if [ -z "$pg" ] && [ -x "${PGBIN:-/usr/lib/postgresql/15/bin}/initdb" ]; then
    # a throwaway server (two tries: another cluster may take the free port first)
    for try in 1 2; do
        pgdir=$(mktemp -d "${TMPDIR:-/tmp}/entente-bench-pg.XXXXXX")
        if pg=$("$root/scripts/pg-test-server.sh" start "$pgdir" 2>"$tmp/pg.log"); then break; fi
        rm -rf "$pgdir"
        pgdir=
        pg=
    done
    [ -n "$pg" ] || { echo "ingest_postgres: throwaway server did not start:"; tail -5 "$tmp/pg.log"; }
fi
if [ -n "$pg" ] && ! command -v psql >/dev/null 2>&1; then
    echo "ingest_postgres: skipped (psql is needed to empty the database between runs)"
    pg=
fi

echo "ingest corpus: first $nsent sentences ($ndocs documents) of $raw, median of $runs runs"

# code_run J -> "sentences_per_s"
code_run() {
    "$bin" code --from jsonl --dicts "$dicts" --to jsonl --stages -j "$1" "$input" \
        >/dev/null 2>"$tmp/code.err" || { tail -5 "$tmp/code.err" >&2; exit 1; }
    grep '^sentences [0-9]* events' "$tmp/code.err" | tail -1 | field sentences_per_s
}

# ingest_run URL J [BIN] -> "docs_per_s sentences_per_s events_per_s"
ingest_run() {
    "${3:-$bin}" ingest --db "$1" --dicts "$dicts" -j "$2" --progress none "$input" \
        2>"$tmp/ingest.err" || { tail -5 "$tmp/ingest.err" >&2; exit 1; }
    grep '^ingest: ' "$tmp/ingest.err" | tail -1 |
        sed -n 's/^ingest: \([0-9]*\) documents stored, [0-9]* skipped.*, \([0-9]*\) sentences, \([0-9]*\) events in \([0-9.]*\) s.*/\1 \2 \3 \4/p' |
        awk '{ if ($4 > 0) printf "%.0f %.0f %.0f\n", $1 / $4, $2 / $4, $3 / $4; else print "0 0 0" }'
}

pg_empty() {
    psql -q "$pg" -c 'DROP TABLE IF EXISTS events, sentences, documents, dict_sets, meta, dyad_days, happenings, doc_copies CASCADE' \
        >/dev/null 2>&1
}

for j in 1 2; do
    : >"$tmp/code.$j"
    : >"$tmp/sqlite.$j"
    : >"$tmp/postgres.$j"
    : >"$tmp/sqlite-base.$j"
    : >"$tmp/postgres-base.$j"
    r=0
    while [ "$r" -lt "$runs" ]; do
        # the three side by side, so a busy machine slows them alike
        code_run "$j" >>"$tmp/code.$j"
        rm -f "$tmp/bench.db" "$tmp/bench.db-wal" "$tmp/bench.db-shm"
        ingest_run "$tmp/bench.db" "$j" >>"$tmp/sqlite.$j"
        if [ -n "$pg" ]; then
            pg_empty
            ingest_run "$pg" "$j" >>"$tmp/postgres.$j"
        fi
        if [ -n "${BASELINE:-}" ]; then
            rm -f "$tmp/bench.db" "$tmp/bench.db-wal" "$tmp/bench.db-shm"
            ingest_run "$tmp/bench.db" "$j" "$BASELINE" >>"$tmp/sqlite-base.$j"
            if [ -n "$pg" ]; then
                pg_empty
                ingest_run "$pg" "$j" "$BASELINE" >>"$tmp/postgres-base.$j"
            fi
        fi
        r=$((r + 1))
    done
    code=$(median <"$tmp/code.$j")
    echo "code_raw_j${j}_sentences_per_s $code"
    for be in sqlite postgres; do
        if [ ! -s "$tmp/$be.$j" ]; then
            echo "ingest_${be}_j${j}: skipped (set ENTENTE_BENCH_PG=postgres://... or install PostgreSQL)"
            continue
        fi
        docs=$(awk '{ print $1 }' "$tmp/$be.$j" | median)
        sents=$(awk '{ print $2 }' "$tmp/$be.$j" | median)
        events=$(awk '{ print $3 }' "$tmp/$be.$j" | median)
        ratio=$(awk -v a="$sents" -v b="$code" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }')
        base=
        if [ -s "$tmp/$be-base.$j" ]; then
            bsents=$(awk '{ print $2 }' "$tmp/$be-base.$j" | median)
            base=$(awk -v a="$sents" -v b="$bsents" 'BEGIN { if (b > 0) printf " baseline_sentences_per_s %d ratio_to_baseline %.2f", b, a / b }')
        fi
        echo "ingest_${be}_j${j} docs_per_s $docs sentences_per_s $sents events_per_s $events ratio_to_code $ratio$base"
    done
done

# How many of the stored events say where they happened (in the last
# SQLite run's store; nothing is printed for a store without places).
if command -v sqlite3 >/dev/null 2>&1 && [ -s "$tmp/bench.db" ]; then
    sqlite3 "$tmp/bench.db" "SELECT 'ingest_events_placed ' || count(place_name) || ' of ' || count(*) FROM events" \
        2>/dev/null || true
fi
