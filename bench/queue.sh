#!/usr/bin/env bash
# bench/queue.sh -- ingest through the NATS JetStream work queue against
# plain ingest, into the same PostgreSQL, on the same corpus.
#
#   bash bench/queue.sh BUILD DICTS RAW_CORPUS [SENTENCES]
#
# Takes the first SENTENCES sentences (default 100000: whole documents of
# 20) of the raw-text JSONL corpus that bench/run.sh writes and, RUNS times
# (default 3), into an emptied database each time:
#   - `entente ingest -j 1` (the baseline);
#   - one `entente worker -j 1`, started and waiting, then `entente
#     publish` of the corpus: the time from the start of publish until the
#     last document is stored;
#   - the same with two workers (-j 1 each).
# It prints the medians: documents/s and sentences/s of each, publish's
# own documents/s, and each queue run's ratio to plain ingest (the target
# for one worker is at least 0.8).
#
# nats-server (JetStream, file storage) is started here in a temporary
# directory on a free loopback port.  PostgreSQL: ENTENTE_BENCH_PG or
# ENTENTE_TEST_PG, or else a throwaway server (scripts/pg-test-server.sh).
set -u
build=${1:?usage: bench/queue.sh BUILD DICTS RAW_CORPUS [SENTENCES]}
dicts=${2:?dictionary set}
raw=${3:?raw-text JSONL corpus}
nsent=${4:-100000}
runs=${RUNS:-3}
bin=$build/entente
root=$(cd "$(dirname "$0")/.." && pwd)

if ! command -v nats-server >/dev/null 2>&1; then
    echo "queue: skipped (nats-server is not installed: apt-get install nats-server)"
    exit 0
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/entente-queue-bench.XXXXXX")
pgdir= nats_pid= pids=()
cleanup() {
    for p in "${pids[@]}"; do { kill -9 "$p" && wait "$p"; } 2>/dev/null; done
    [ -n "$nats_pid" ] && { kill -9 "$nats_pid" && wait "$nats_pid"; } 2>/dev/null
    [ -n "$pgdir" ] && "$root/scripts/pg-test-server.sh" stop "$pgdir" >/dev/null 2>&1
    rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

input=$tmp/raw-$nsent.jsonl
head -n $((nsent / 20)) "$raw" >"$input"
ndocs=$(wc -l <"$input")
nsents=$((ndocs * 20))

pg=${ENTENTE_BENCH_PG:-${ENTENTE_TEST_PG:-}}
if [ -z "$pg" ]; then
    pgdir=$(mktemp -d "${TMPDIR:-/tmp}/entente-queue-bench-pg.XXXXXX")
    pg=$("$root/scripts/pg-test-server.sh" start "$pgdir" 2>"$tmp/pg.log") ||
        { echo "queue: skipped (no PostgreSQL: set ENTENTE_BENCH_PG)"; tail -3 "$tmp/pg.log"; exit 0; }
fi
command -v psql >/dev/null 2>&1 || { echo "queue: skipped (psql is needed to empty the database)"; exit 0; }

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port=14322
while ! port_free "$port"; do port=$((port + 1)); done
nats=nats://127.0.0.1:$port
nats-server -js -a 127.0.0.1 -p "$port" -sd "$tmp/js" >"$tmp/nats.log" 2>&1 &
nats_pid=$!
for _ in $(seq 50); do port_free "$port" || break; sleep 0.1; done

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)]; else print 0 }'; }
pg_empty() {
    psql -q "$pg" -c 'DROP TABLE IF EXISTS events, sentences, documents, dict_sets, meta, dyad_days, happenings, doc_copies CASCADE' \
        >/dev/null 2>&1
}
stored() { psql -At "$pg" -c 'SELECT count(*) FROM documents' 2>/dev/null || echo 0; }

echo "queue corpus: first $nsent sentences ($ndocs documents) of $raw, median of $runs runs"

# ingest_run -> seconds
ingest_run() {
    "$bin" ingest --db "$pg" --dicts "$dicts" -j 1 --progress none "$input" 2>"$tmp/ingest.err" ||
        { tail -5 "$tmp/ingest.err" >&2; exit 1; }
    sed -n 's/^ingest: .* events in \([0-9.]*\) s.*/\1/p' "$tmp/ingest.err" | tail -1
}

start_workers() {   # start_workers N STREAM
    local i
    for ((i = 0; i < $1; i++)); do
        "$bin" worker --nats "$nats" --stream "$2" --db "$pg" --dicts "$dicts" -j 1 \
            2>"$tmp/worker.$i" &
        pids+=($!)
    done
}

publish() {   # publish STREAM -> publish's documents/s
    "$bin" publish --nats "$nats" --stream "$1" "$input" 2>"$tmp/publish.err" ||
        { tail -3 "$tmp/publish.err" >&2; exit 1; }
    sed -n 's/.*in [0-9.]* s (\([0-9]*\) documents\/s).*/\1/p' "$tmp/publish.err"
}

# queue_run WORKERS STREAM MODE -> "seconds publish_docs_per_s"
#   MODE pipeline: the workers wait, publish runs beside them;
#   MODE drain: the queue is filled first, then the workers start.
queue_run() {
    local n=$1 stream=$2 mode=$3 rate
    pids=()
    if [ "$mode" = pipeline ]; then
        start_workers "$n" "$stream"
        for _ in $(seq 300); do   # ready when each has said it is pulling
            [ "$(cat "$tmp"/worker.* 2>/dev/null | grep -c 'pulling from')" -ge "$n" ] && break
            sleep 0.1
        done
        rate=$(publish "$stream")
    else
        rate=$(publish "$stream")
        start_workers "$n" "$stream"
    fi
    while [ "$(stored)" -lt "$ndocs" ]; do sleep 0.5; done
    for p in "${pids[@]}"; do kill -TERM "$p"; wait "$p"; done
    pids=()
    # the time: the longest of the workers' own busy spans (first document
    # taken to last commit), so the polling above neither loads the machine
    # nor rounds the figure
    cat "$tmp"/worker.* | sed -n 's/.*; busy \([0-9.]*\) s .*/\1/p' | sort -n | tail -1 | tr '\n' ' '
    rm -f "$tmp"/worker.*
    echo "$rate"
}

: >"$tmp/ingest"
: >"$tmp/pub"
for m in pipeline drain; do : >"$tmp/q1.$m"; : >"$tmp/q2.$m"; done
r=0
while [ "$r" -lt "$runs" ]; do
    # side by side, so a busy machine slows them alike
    pg_empty
    ingest_run >>"$tmp/ingest"
    for m in pipeline drain; do
        for w in 1 2; do
            pg_empty
            set -- $(queue_run "$w" "BENCH$w${m}R$r" "$m")
            echo "$1" >>"$tmp/q$w.$m"
            echo "$2" >>"$tmp/pub"
        done
    done
    r=$((r + 1))
done

base=$(median <"$tmp/ingest")
report() {   # report NAME SECONDS
    awk -v name="$1" -v s="$2" -v d="$ndocs" -v n="$nsents" -v b="$base" 'BEGIN {
        if (s <= 0) { print name ": no measurement"; exit }
        printf "%s docs_per_s %.0f sentences_per_s %.0f", name, d / s, n / s
        if (name != "ingest_postgres_j1") printf " ratio_to_ingest %.2f", b / s
        printf "\n" }'
}
report ingest_postgres_j1 "$base"
echo "publish docs_per_s $(median <"$tmp/pub")"
report queue_1_worker_j1 "$(median <"$tmp/q1.pipeline")"
report queue_2_workers_j1 "$(median <"$tmp/q2.pipeline")"
report queue_1_worker_j1_drain "$(median <"$tmp/q1.drain")"
report queue_2_workers_j1_drain "$(median <"$tmp/q2.drain")"
