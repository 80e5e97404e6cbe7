#!/usr/bin/env bash
# queue.sh -- fault tests of publish, worker and status against a real
# nats-server with JetStream (file storage, started here on a loopback
# port in a temporary directory) and real PostgreSQL: the server named by
# ENTENTE_TEST_PG, and for the restart test a throwaway cluster of our own
# (scripts/pg-test-server.sh), since restarting a shared server is not ours
# to do.  Each check prints "ok"/"FAIL" with what it compared; the last
# line is "QUEUE-CHECKS N passed, N failed, N skipped".
#
#   BUILD=build bash tests/queue.sh
set -u
BUILD=${BUILD:-build}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
E=$ROOT/$BUILD/entente
[ -x "$E" ] || E=$BUILD/entente
CHECKS=6
NDOCS=${QUEUE_TEST_DOCS:-1500}

passed=0 failed=0 skipped=0
ok() { echo "queue: ok: $1"; passed=$((passed + 1)); }
bad() { echo "queue: FAIL: $1"; failed=$((failed + 1)); }
finish() {
    echo "QUEUE-CHECKS $passed passed, $failed failed, $skipped skipped"
    exit 0
}
skip_all() {
    echo "queue: skipped: $1"
    skipped=$CHECKS
    finish
}

command -v nats-server >/dev/null 2>&1 ||
    skip_all "nats-server is not installed (apt-get install nats-server); the work-queue fault tests need it"
[ -n "${ENTENTE_TEST_PG:-}" ] ||
    skip_all "set ENTENTE_TEST_PG=postgres://... to run the work-queue fault tests (.ci/run does)"
command -v psql >/dev/null 2>&1 || skip_all "psql is needed to make the tests' databases"

# the tests' DROP DATABASE IF EXISTS need not say when there was none
export PGOPTIONS="-c client_min_messages=warning"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/entente-queue-test.XXXXXX")
nats_pid= pgdir= workers=() dbs=()
cleanup() {
    for p in "${workers[@]}"; do { kill -9 "$p" && wait "$p"; } 2>/dev/null; done
    [ -n "$nats_pid" ] && { kill -9 "$nats_pid" && wait "$nats_pid"; } 2>/dev/null
    [ -n "$pgdir" ] && "$ROOT/scripts/pg-test-server.sh" stop "$pgdir" >/dev/null 2>&1
    for d in "${dbs[@]}"; do psql -q "$ENTENTE_TEST_PG" -c "DROP DATABASE IF EXISTS $d" >/dev/null 2>&1; done
    rm -rf "$tmp"
}
trap cleanup EXIT

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

port=14222
while ! port_free "$port"; do port=$((port + 1)); done
NATS=nats://127.0.0.1:$port

start_nats() {
    nats-server -js -a 127.0.0.1 -p "$port" -sd "$tmp/js" >>"$tmp/nats.log" 2>&1 &
    nats_pid=$!
    for _ in $(seq 50); do
        port_free "$port" || return 0
        sleep 0.1
    done
    echo "queue: nats-server did not start:"
    tail -5 "$tmp/nats.log"
    return 1
}

# new_db NAME: a new empty database on the test server, its URL in $db.
# (CREATE DATABASE fails while another session uses its template: tried
# again a few times.)
new_db() {
    local try
    db=
    for try in 1 2 3 4 5; do
        if psql -q "$ENTENTE_TEST_PG" -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" \
            -c "CREATE DATABASE $1" >/dev/null 2>"$tmp/psql.err"; then
            dbs+=("$1")
            db="${ENTENTE_TEST_PG%/*}/$1"
            return 0
        fi
        sleep 1
    done
    echo "queue: cannot make database $1: $(cat "$tmp/psql.err")"
    return 1
}

# status_of STREAM DB KEY: one value of `entente status`
status_of() {
    "$E" status --nats "$NATS" --stream "$1" --db "$2" 2>/dev/null | awk -v k="$3" '$1 == k { print $2 }'
}

# wait_for STREAM DB KEY VALUE SECONDS: until status shows KEY >= VALUE
wait_for() {
    local i v
    for ((i = 0; i < $5 * 10; i++)); do
        v=$(status_of "$1" "$2" "$3")
        [ -n "$v" ] && [ "$v" -ge "$4" ] && return 0
        sleep 0.1
    done
    return 1
}

# drained STREAM DB SECONDS: all documents stored, none pending or in
# progress.  (Not the stream's "waiting": a server killed with SIGKILL may
# come back holding messages its consumer had seen acknowledged.)
drained() {
    local i
    for ((i = 0; i < $3 * 10; i++)); do
        if [ "$(status_of "$1" "$2" pending)" = 0 ] && [ "$(status_of "$1" "$2" in_progress)" = 0 ] &&
            [ "$(status_of "$1" "$2" documents_stored)" = "$NDOCS" ]; then
            return 0
        fi
        sleep 0.1
    done
    return 1
}

worker() {   # worker NAME STREAM DB [OPTIONS]: started in the background, its pid in $pid
    local name=$1 stream=$2 db=$3
    shift 3
    "$E" worker --nats "$NATS" --stream "$stream" --db "$db" --batch 16 --ack-wait 2 "$@" \
        >/dev/null 2>"$tmp/$name.log" &
    pid=$!
    workers+=("$pid")
}

# stop_worker PID: SIGTERM, and its exit status must be 0 (drained)
stop_worker() {
    kill -TERM "$1" 2>/dev/null
    wait "$1"
}

# the events without their happening's id (the id of its first mention's
# document key, which depends on the order documents were stored in)
events_of() {
    "$E" events --db "$1" --format csv 2>/dev/null | tail -n +2 |
        awk -F, -v OFS=, '{ $(NF - 3) = ""; print }' | LC_ALL=C sort
}

# same_as_ingest WHAT DB: every document once, events as a plain ingest's
same_as_ingest() {
    local docs
    docs=$(psql -At "$2" -c 'SELECT count(*), count(DISTINCT id) FROM documents' 2>/dev/null)
    events_of "$2" >"$tmp/got.csv"
    if [ "$docs" != "$NDOCS|$NDOCS" ]; then
        bad "$1: documents stored (count|distinct) $docs, expected $NDOCS|$NDOCS"
    elif ! cmp -s "$tmp/ref.csv" "$tmp/got.csv"; then
        bad "$1: events differ from a plain ingest ($(wc -l <"$tmp/got.csv") against $(wc -l <"$tmp/ref.csv")):"
        diff "$tmp/ref.csv" "$tmp/got.csv" | head -5
    else
        ok "$1: $NDOCS documents stored once each, $(wc -l <"$tmp/got.csv") events equal to a plain ingest"
    fi
}

# The corpus: news-like raw text, 20 sentences a document (bench/gencorpus).
cc -std=c17 -O2 -o "$tmp/gencorpus" "$ROOT/bench/gencorpus.c" || skip_all "cannot build bench/gencorpus.c"
"$tmp/gencorpus" --jsonl $((NDOCS * 20)) "$tmp/corpus.jsonl" 20261207 2>/dev/null
start_nats || skip_all "nats-server would not start"

new_db q_ref || skip_all "cannot make databases on ENTENTE_TEST_PG"
ref=$db
"$E" ingest --db "$ref" --progress none "$tmp/corpus.jsonl" 2>"$tmp/ingest.log" ||
    { cat "$tmp/ingest.log"; bad "plain ingest failed"; finish; }
events_of "$ref" >"$tmp/ref.csv"

# 1. Two workers, one killed with SIGKILL while it holds a batch.
new_db q_kill
"$E" publish --nats "$NATS" --stream KILL "$tmp/corpus.jsonl" 2>"$tmp/publish.log"
worker a KILL "$db"
a=$pid
worker b KILL "$db"
b=$pid
if wait_for KILL "$db" documents_stored $((NDOCS / 5)) 60; then
    held=$(status_of KILL "$db" in_progress)
    { kill -9 "$a" && wait "$a"; } 2>/dev/null
    echo "queue: worker a killed with SIGKILL, $held documents delivered and not acknowledged"
    drained KILL "$db" 90 || echo "queue: the queue did not drain in 90 s"
    stop_worker "$b" || bad "worker b did not drain and exit 0 on SIGTERM (status $?)"
    same_as_ingest "two workers, one killed" "$db"
else
    bad "two workers, one killed: nothing stored in 60 s; the workers said:"
    tail -3 "$tmp/a.log" "$tmp/b.log" "$tmp/publish.log"
fi

# 2. Publishing the same input again adds nothing: the duplicate window
# drops it at the stream; past the window (a new stream here), the workers
# find every document stored and skip it.
"$E" publish --nats "$NATS" --stream KILL "$tmp/corpus.jsonl" 2>"$tmp/republish.log"
again=$(sed -n 's/^publish: \([0-9]*\) documents published, \([0-9]*\) dropped.*/\1 \2/p' "$tmp/republish.log")
"$E" publish --nats "$NATS" --stream AGAIN "$tmp/corpus.jsonl" 2>/dev/null
worker c AGAIN "$db"
c=$pid
drained AGAIN "$db" 60
stop_worker "$c"
skipped_by_worker=$(sed -n 's/.* documents stored, \([0-9]*\) skipped.*/\1/p' "$tmp/c.log")
stored_by_worker=$(sed -n 's/.* \([0-9]*\) documents stored,.*/\1/p' "$tmp/c.log")
if [ "$again" = "0 $NDOCS" ] && [ "$(status_of KILL "$db" pending)" = 0 ] &&
    [ "$stored_by_worker" = 0 ] && [ "$skipped_by_worker" = "$NDOCS" ]; then
    same_as_ingest "re-published twice" "$db"
else
    bad "re-publishing: published|dropped '$again' (expected 0 $NDOCS), worker stored '$stored_by_worker' skipped '$skipped_by_worker' (expected 0 and $NDOCS)"
fi

# 3. SIGTERM mid-run drains: the worker commits and acknowledges every
# batch it holds, exits 0 and leaves nothing in progress; another worker
# finishes the queue.
new_db q_drain
"$E" publish --nats "$NATS" --stream DRAIN "$tmp/corpus.jsonl" 2>/dev/null
worker e DRAIN "$db"
e=$pid
if wait_for DRAIN "$db" documents_stored $((NDOCS / 5)) 60; then
    stop_worker "$e"
    erc=$?
    held=$(status_of DRAIN "$db" in_progress)
    at_stop=$(status_of DRAIN "$db" documents_stored)
    worker e2 DRAIN "$db"
    e2=$pid
    drained DRAIN "$db" 90 || echo "queue: the queue did not drain in 90 s"
    stop_worker "$e2"
    if [ "$erc" = 0 ] && [ "$held" = 0 ]; then
        echo "queue: worker e stopped by SIGTERM with $at_stop documents stored, none held"
        same_as_ingest "SIGTERM mid-run" "$db"
    else
        bad "SIGTERM mid-run: worker e exited $erc and left $held documents in progress (expected 0 and 0)"
    fi
else
    bad "SIGTERM mid-run: nothing stored in 60 s; worker e said:"
    tail -5 "$tmp/e.log"
fi

# 4. nats-server killed and restarted mid-run.
new_db q_nats
"$E" publish --nats "$NATS" --stream RESTART "$tmp/corpus.jsonl" 2>"$tmp/restart.publish.log"
worker d RESTART "$db"
d=$pid
if wait_for RESTART "$db" documents_stored $((NDOCS / 5)) 60; then
    { kill -9 "$nats_pid" && wait "$nats_pid"; } 2>/dev/null
    sleep 1
    start_nats
    drained RESTART "$db" 90 || echo "queue: the queue did not drain in 90 s after the restart"
    stop_worker "$d" || bad "worker d did not exit 0 on SIGTERM after the server came back"
    same_as_ingest "nats-server killed and restarted" "$db"
    grep -q "NATS is back" "$tmp/d.log" || bad "nats-server restart: worker d never saw the server away"
else
    bad "nats-server restart: nothing stored in 60 s; worker d said:"
    tail -5 "$tmp/d.log" "$tmp/restart.publish.log"
fi

# 5. PostgreSQL stopped as by a crash, and started again, mid-run.
pgdir=$(mktemp -d "${TMPDIR:-/tmp}/entente-queue-pg.XXXXXX")
if own=$("$ROOT/scripts/pg-test-server.sh" start "$pgdir" 2>"$tmp/pg.log"); then
    "$E" publish --nats "$NATS" --stream PGRESTART "$tmp/corpus.jsonl" 2>/dev/null
    worker f PGRESTART "$own"
    f=$pid
    if wait_for PGRESTART "$own" documents_stored $((NDOCS / 5)) 60; then
        "$ROOT/scripts/pg-test-server.sh" pause "$pgdir"
        sleep 2
        "$ROOT/scripts/pg-test-server.sh" resume "$pgdir"
        drained PGRESTART "$own" 90 || echo "queue: the queue did not drain in 90 s after the restart"
        stop_worker "$f" || bad "worker f did not exit 0 on SIGTERM after the store came back"
        if grep -q "trying again" "$tmp/f.log"; then
            same_as_ingest "PostgreSQL restarted" "$own"
        else
            bad "PostgreSQL restarted: the worker never retried (was the server stopped mid-run?)"
        fi
    else
        bad "PostgreSQL restart: nothing stored in 60 s; worker f said:"
        tail -5 "$tmp/f.log"
    fi
else
    echo "queue: skipped: no throwaway PostgreSQL cluster:"
    tail -3 "$tmp/pg.log"
    skipped=$((skipped + 1))
fi

# 6. A poison message (not a document, published by some other feeder)
# goes to the dead letters with its reason after --max-deliver deliveries;
# the documents beside it are stored.
new_db q_poison
head -n 3 "$tmp/corpus.jsonl" >"$tmp/three.jsonl"
"$E" publish --nats "$NATS" --stream POISON "$tmp/three.jsonl" 2>/dev/null
hdr=$'NATS/1.0\r\nNats-Msg-Id: poison-1\r\n\r\n'
body='{"id": "poison-1", "text": '   # cut short: not JSON
if exec 3<>"/dev/tcp/127.0.0.1/$port"; then
    printf 'CONNECT {"verbose":false,"headers":true}\r\nHPUB POISON.docs %d %d\r\n%s%s\r\nPING\r\n' \
        ${#hdr} $((${#hdr} + ${#body})) "$hdr" "$body" >&3
    timeout 5 grep -m1 -q PONG <&3
    exec 3>&-
fi
worker g POISON "$db" --max-deliver 3
g=$pid
wait_for POISON "$db" dead_letters 1 30
"$E" status --nats "$NATS" --stream POISON --db "$db" --dead-letters >"$tmp/poison.status" 2>&1
stop_worker "$g"
grc=$?
dead=$(grep '^dead ' "$tmp/poison.status")
if [ "$(awk '$1 == "documents_stored" { print $2 }' "$tmp/poison.status")" = 3 ] &&
    [ "$(awk '$1 == "pending" { print $2 }' "$tmp/poison.status")" = 0 ] &&
    [ "$grc" = 0 ] && printf '%s\n' "$dead" | grep -q '^dead poison-1 deliveries 3: not a document'; then
    ok "poison message: $dead; the 3 documents beside it stored"
else
    bad "poison message: expected 3 documents stored, nothing waiting and a dead letter for poison-1 after 3 deliveries; status:"
    cat "$tmp/poison.status"
    tail -5 "$tmp/g.log"
fi

finish
