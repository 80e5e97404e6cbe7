#!/bin/sh
# run.sh -- entente's benchmark: dictionary load and coding throughput.
#
#   sh bench/run.sh BUILD_DIR        (make bench runs it with build/)
#
# Builds bench/gencorpus.c, writes the reproducible corpus
# bench/corpus/parsed-50k.xml (50,000 parsed sentences), then with the
# PETRARCH Phoenix dictionaries from ../shared/peers/petrarch (or $PETRARCH)
# measures dictionary load time and peak memory, and coding throughput with
# the given parses on one thread and on two. See bench/README.md.
set -eu

. "$(dirname "$0")/common.sh"
NSENT=50000
SEED=20240426
CORPUS=bench/corpus/parsed-50k.xml
RUNS_LOAD=5
RUNS_CODE=3

tmp=$(mktemp -d "${TMPDIR:-/tmp}/entente-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# median of the numbers on stdin
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'; }

echo "entente benchmark"
echo "machine: $(nproc 2>/dev/null || echo '?') CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -1)"
echo "binary: $ENTENTE"

# 1. The corpus.
mkdir -p bench/corpus "$BUILD/bench"
${CC:-cc} -std=c17 -O2 -o "$BUILD/bench/gencorpus" bench/gencorpus.c
"$BUILD/bench/gencorpus" "$NSENT" "$CORPUS" "$SEED" 2>"$tmp/gen"
sum=$(sha256sum "$CORPUS" | cut -c1-16)
echo "corpus: $CORPUS: $(sed 's/^gencorpus: //; s/ -> .*//' "$tmp/gen"), seed $SEED, sha256 $sum..."

if [ ! -d "$PETRARCH/dictionaries" ]; then
    echo "skipped: PETRARCH dictionaries not found at $PETRARCH/dictionaries;"
    echo "         no load or throughput figures (they need the Phoenix set)"
    exit 0
fi
if [ ! -x "$ENTENTE" ]; then
    echo "error: $ENTENTE not found; run make first" >&2
    exit 1
fi
DICTS=$PETRARCH/dictionaries

# 2. Phoenix dictionary load: median load time and worst peak memory.
: >"$tmp/load"
: >"$tmp/rss"
i=0
while [ $i -lt $RUNS_LOAD ]; do
    if ! "$ENTENTE" dict stats --dicts "$DICTS" >"$tmp/stats" 2>&1; then
        echo "error: entente dict stats failed:" >&2
        tail -20 "$tmp/stats" >&2
        exit 1
    fi
    sed -n 's/^load_ms[[:space:]]*\([0-9.]*\).*/\1/p' "$tmp/stats" | tail -1 >>"$tmp/load"
    sed -n 's/^peak_rss_kb[[:space:]]*\([0-9]*\).*/\1/p' "$tmp/stats" | tail -1 >>"$tmp/rss"
    i=$((i + 1))
done
load_ms=$(median <"$tmp/load")
rss_kb=$(sort -n "$tmp/rss" | tail -1)
if [ -z "$load_ms" ] || [ -z "$rss_kb" ]; then
    echo "error: entente dict stats printed no load_ms / peak_rss_kb line:" >&2
    cat "$tmp/stats" >&2
    exit 1
fi
echo "Phoenix load ($RUNS_LOAD runs): median load_ms $load_ms, max peak_rss_kb $rss_kb" \
     "($(awk -v k="$rss_kb" 'BEGIN { printf "%.1f", k / 1024 }') MB)"

# 3. Coding throughput with the given parses.
# code_rate J: median sentences_per_s over RUNS_CODE runs of -j J
code_rate() {
    : >"$tmp/rates"
    k=0
    while [ $k -lt $RUNS_CODE ]; do
        if ! "$ENTENTE" code --from petrarch-xml --parser given --dicts "$DICTS" --to jsonl \
                --stats -j "$1" "$CORPUS" >/dev/null 2>"$tmp/code"; then
            echo "error: entente code -j $1 failed:" >&2
            tail -20 "$tmp/code" >&2
            exit 1
        fi
        line=$(grep '^sentences [0-9]* events [0-9]* seconds' "$tmp/code" | tail -1)
        if [ -z "$line" ]; then
            echo "error: entente code --stats printed no statistics line:" >&2
            tail -20 "$tmp/code" >&2
            exit 1
        fi
        echo "$line" >>"$tmp/lines.$1"
        echo "$line" | awk '{ for (i = 1; i < NF; i++) if ($i == "sentences_per_s") print $(i + 1) }' \
            >>"$tmp/rates"
        k=$((k + 1))
    done
    median <"$tmp/rates"
}

r1=$(code_rate 1)
sents=$(tail -1 "$tmp/lines.1" | awk '{ print $2 }')
events=$(tail -1 "$tmp/lines.1" | awk '{ print $4 }')
if [ "$sents" != "$NSENT" ]; then
    echo "warning: entente coded $sents sentences, the corpus has $NSENT" >&2
fi
echo "coding, given parses, -j 1 (median of $RUNS_CODE): $r1 sentences/s ($sents sentences, $events events)"
r2=$(code_rate 2)
echo "coding, given parses, -j 2 (median of $RUNS_CODE): $r2 sentences/s"
echo "speed-up -j 2 over -j 1: $(awk -v a="$r1" -v b="$r2" 'BEGIN { if (a > 0) printf "%.2f", b / a; else print "n/a" }')"

# 4. Raw text end to end: the built-in splitter, tokenizer, tagger and parser,
#    then the coder, on RAW_N news-like sentences (the same generator, written
#    as raw text, 20 sentences to a JSONL document).
RAW_N=${RAW_N:-1000000}
RAW=bench/corpus/raw-$RAW_N.jsonl
if [ ! -s "$RAW" ]; then
    "$BUILD/bench/gencorpus" --jsonl "$RAW_N" "$RAW" "$SEED" 2>"$tmp/genraw"
fi
echo "raw corpus: $RAW: $RAW_N sentences in $((RAW_N / 20)) documents, sha256 $(sha256sum "$RAW" | cut -c1-16)..."
raw_run() {
    if ! "$ENTENTE" code --from jsonl --dicts "$DICTS" --to jsonl --stages -j "$1" "$RAW" \
            >/dev/null 2>"$tmp/raw.$1"; then
        echo "error: entente code --from jsonl -j $1 failed:" >&2
        tail -20 "$tmp/raw.$1" >&2
        exit 1
    fi
    grep '^sentences [0-9]* events' "$tmp/raw.$1" | tail -1
}
l1=$(raw_run 1)
l2=$(raw_run 2)
rate() { echo "$1" | awk '{ for (i = 1; i < NF; i++) if ($i == "sentences_per_s") print $(i + 1) }'; }
rss() { echo "$1" | awk '{ for (i = 1; i < NF; i++) if ($i == "peak_rss_kb") print $(i + 1) }'; }
echo "raw text, built-in pipeline, -j 1: $(rate "$l1") sentences/s, peak $(rss "$l1") kB ($(echo "$l1" | awk '{ print $4 }') events)"
echo "raw text, built-in pipeline, -j 2: $(rate "$l2") sentences/s, peak $(rss "$l2") kB"
echo "speed-up -j 2 over -j 1: $(awk -v a="$(rate "$l1")" -v b="$(rate "$l2")" 'BEGIN { if (a > 0) printf "%.2f", b / a; else print "n/a" }')"
echo "time per stage, -j 1 (thread seconds): $(grep '^stages' "$tmp/raw.1" | sed 's/^stages (thread seconds): //')"

# 5. Ingest: documents, sentences and events per second into SQLite and
#    PostgreSQL on a prefix of the raw corpus, against `entente code` on the
#    same prefix and threads (bench/ingest.sh; INGEST_N sentences).
sh bench/ingest.sh "$BUILD" "$DICTS" "$RAW" "${INGEST_N:-200000}"

# 6. The work queue: publish, NATS JetStream and one or two workers against
#    plain ingest into the same PostgreSQL (bench/queue.sh; QUEUE_N
#    sentences; skipped without nats-server).
bash bench/queue.sh "$BUILD" "$DICTS" "$RAW" "${QUEUE_N:-100000}"
