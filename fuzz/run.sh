#!/bin/sh
# Build each reader's fuzz target (Treebank, CoNLL-U, PETRARCH XML, dictionaries, raw-text documents,
# the HTTP server's query strings and POSTed bodies, the work queue's messages) with libFuzzer + ASan
# + UBSan and run it for SECONDS seconds on its seed corpus; exit non-zero on the first crash.
#   sh fuzz/run.sh SECONDS            (FUZZ_TARGETS="body urlquery" runs only those)
set -u
SECS=${1:-30}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${FUZZ_OUT:-$ROOT/build/fuzz}
CC=${FUZZ_CC:-clang}
mkdir -p "$OUT"
CFLAGS="-std=c17 -D_GNU_SOURCE -g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -I$ROOT/src -I$ROOT/include $(pkg-config --cflags libxml-2.0 libutf8proc json-c)"
LIBS="$(pkg-config --libs libxml-2.0 libutf8proc json-c)"
BASE="$ROOT/src/util.c $ROOT/src/diag.c $ROOT/src/tree.c"

status=0
DOCS="$ROOT/src/doc.c $ROOT/src/lines.c $ROOT/src/split.c $ROOT/src/tokenize.c $ROOT/src/petrxml.c"
for target in ${FUZZ_TARGETS:-ptb conllu petrxml dict text jsonl xmltext urlquery docmsg body}; do
    case $target in
        ptb)     srcs="$BASE $ROOT/src/ptb.c" ;;
        conllu)  srcs="$BASE $ROOT/src/conllu.c" ;;
        petrxml) srcs="$BASE $ROOT/src/ptb.c $ROOT/src/conllu.c $ROOT/src/petrxml.c" ;;
        dict)    srcs="$BASE $(ls "$ROOT"/src/dict*.c | tr '\n' ' ') $ROOT/src/cameo.c $ROOT/src/combine.c $ROOT/build/gen/cameo_table.c" ;;
        text|jsonl|xmltext) srcs="$BASE $DOCS" ;;
        urlquery) srcs="$ROOT/src/urlquery.c" ;;
        # the message reader and its batch, instrumented; the store's
        # hashes and the rest from the library `make` built
        docmsg)  srcs="$ROOT/src/docmsg.c $ROOT/src/batch.c" ;;
        # a POSTed body's path through the server, instrumented: the
        # source and document readers, the pipeline's first stages, the
        # coding job and the JSON read-back; the tagger, parser, coder
        # and store from the library `make` built
        body)    srcs="$ROOT/src/job_code.c $ROOT/src/job_overview.c $ROOT/src/source.c $DOCS $ROOT/src/pipeline.c" ;;
    esac
    libs=$LIBS
    if [ "$target" = docmsg ] || [ "$target" = body ]; then
        [ -f "$ROOT/build/libentente.a" ] || { echo "fuzz: $target needs build/libentente.a (run make)"; status=1; continue; }
        libs="$ROOT/build/libentente.a $(pkg-config --libs libxml-2.0 libutf8proc json-c sqlite3 libpq igraph plplot libmicrohttpd libnats) -lpthread -lm"
    fi
    bin="$OUT/fuzz_$target"
    echo "== building $bin"
    # shellcheck disable=SC2086
    if ! $CC $CFLAGS $srcs "$ROOT/fuzz/fuzz_$target.c" -o "$bin" $libs; then
        echo "fuzz: build of $target failed"; status=1; continue
    fi
    corpus="$OUT/corpus_$target"
    mkdir -p "$corpus"
    echo "== running $target for ${SECS}s"
    # body codes with the source tree's built-in set, wherever this runs
    if ! ENTENTE_DICTS=$ROOT/dict "$bin" -max_len=65536 -max_total_time="$SECS" -timeout=10 \
            -artifact_prefix="$OUT/crash_${target}_" \
            "$corpus" "$ROOT/fuzz/seeds/$target" >"$OUT/$target.log" 2>&1; then
        echo "fuzz: $target crashed; see $OUT/$target.log and $OUT/crash_${target}_*"
        tail -40 "$OUT/$target.log"
        status=1
    else
        tail -1 "$OUT/$target.log"
    fi
done
exit $status
