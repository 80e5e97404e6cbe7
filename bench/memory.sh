#!/bin/sh
# memory.sh -- peak memory of `entente code` and `entente ingest` on large
# inputs, against the bound that input is streamed (150 MB).
#
#   sh bench/memory.sh BUILD_DIR        (make bench and make bench-memory run it)
#
# Inputs, made from the raw corpus of bench/run.sh (bench/corpus/
# raw-1000000.jsonl, written by gencorpus when absent):
#   - the corpus as JSONL: 1,000,000 sentences in 50,000 documents;
#   - the same as plain text, stories separated by blank lines (read with
#     --date, a story at a time);
#   - one document of 50 MB of plain text: the corpus's texts a line each,
#     no blank line (one story; read whole, as text without --date is).
# Each is coded to /dev/null and ingested into a new SQLite store, with
# the PETRARCH Phoenix dictionaries (../shared/peers/petrarch or
# $PETRARCH), on one coding thread; the peak resident memory is the
# kernel's (GNU time's %M), of the whole process.  One line a run:
#   memory code jsonl-1m peak_mb 71.2 seconds 21.5 (bound 150 MB: met)
set -eu

. "$(dirname "$0")/common.sh"
DICTS=$PETRARCH/dictionaries
BOUND_MB=150
SEED=20240426
RAW=bench/corpus/raw-1000000.jsonl
TEXT=bench/corpus/raw-1000000.txt
BIG=bench/corpus/doc-50mb.txt

if [ ! -f "$DICTS/PETR_config.ini" ]; then
    echo "memory: skipped: no PETRARCH dictionaries at $DICTS (set PETRARCH)"
    exit 0
fi
if [ ! -x /usr/bin/time ]; then
    echo "memory: skipped: no /usr/bin/time (apt-get install time)"
    exit 0
fi
command -v jq >/dev/null 2>&1 || { echo "memory: skipped: no jq (apt-get install jq)"; exit 0; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/entente-memory.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

mkdir -p bench/corpus "$BUILD/bench"
if [ ! -s "$RAW" ]; then
    ${CC:-cc} -std=c17 -O2 -o "$BUILD/bench/gencorpus" bench/gencorpus.c
    "$BUILD/bench/gencorpus" --jsonl 1000000 "$RAW" "$SEED" 2>/dev/null
fi
# stories as paragraphs; one story of 50 MB (the texts as lines)
[ -s "$TEXT" ] || jq -r '.text + "\n"' "$RAW" >"$TEXT"
[ -s "$BIG" ] || { jq -r '.text' "$RAW" | head -c 52428800; echo; } >"$BIG"

failed=0
# run NAME KIND ARGS...: one measured run of `entente KIND ARGS`
run() {
    name=$1 kind=$2
    shift 2
    if ! /usr/bin/time -f '%M %e' -o "$tmp/time" "$ENTENTE" "$kind" "$@" >/dev/null 2>"$tmp/err"; then
        echo "memory $kind $name: entente failed:" >&2
        tail -5 "$tmp/err" >&2
        failed=1
        return 0
    fi
    set -- $(tail -1 "$tmp/time")
    verdict=$(awk -v k="$1" -v b="$BOUND_MB" 'BEGIN { print (k / 1024 < b) ? "met" : "NOT met" }')
    [ "$verdict" = met ] || failed=1
    echo "memory $kind $name peak_mb $(awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }')" \
         "seconds $2 (bound $BOUND_MB MB: $verdict)"
}

echo "memory: peak resident memory, -j 1, Phoenix dictionaries; bound $BOUND_MB MB"
run jsonl-1m code --from jsonl --dicts "$DICTS" -j 1 "$RAW"
run text-1m code --from text --date 2024-01-01 --dicts "$DICTS" -j 1 "$TEXT"
run doc-50mb code --from text --dicts "$DICTS" -j 1 "$BIG"
for name in jsonl-1m text-1m doc-50mb; do
    case $name in
    jsonl-1m) set -- --from jsonl "$RAW" ;;
    text-1m) set -- --from text --date 2024-01-01 "$TEXT" ;;
    doc-50mb) set -- --from text --date 2024-01-01 "$BIG" ;;
    esac
    rm -f "$tmp/m.db" "$tmp/m.db-wal" "$tmp/m.db-shm"
    run "$name" ingest --db "$tmp/m.db" --dicts "$DICTS" -j 1 "$@"
done
exit $failed
