#!/bin/sh
# layers.sh -- the layer rules the compiler cannot see, checked:
#   1. rendering does not depend on the store: the renderers (sink.c,
#      export.c, table.c) include no store header, directly or not;
#   2. nothing below the jobs prints: no library module outside the layer
#      of entente.h (job_*.c, pieces.c, and runner.c, flow.c, batch.c and
#      server.c that the jobs run on) names stderr or a FILE *err.
# Ends with "LAYER-CHECKS N passed, N failed, 0 skipped".
set -u
cd "$(dirname "$0")/.." || exit 1
passed=0; failed=0
CFLAGS_DEPS="-std=c17 -D_GNU_SOURCE -Iinclude -Isrc $(pkg-config --cflags libxml-2.0 json-c 2>/dev/null)"

# 1
bad=""
for f in src/sink.c src/export.c src/table.c; do
    # shellcheck disable=SC2086  # the flags, split
    deps=$(${CC:-cc} $CFLAGS_DEPS -MM "$f" 2>&1) || { bad="$bad $f(cc failed: $deps)"; continue; }
    if printf '%s\n' "$deps" | tr ' \\' '\n\n' | grep -q 'src/store[a-z_]*\.h$'; then
        bad="$bad $f"
    fi
done
if [ -z "$bad" ]; then
    echo "layers: renderers include no store header"; passed=$((passed + 1))
else
    echo "layers: FAILED: renderers that include a store header:$bad"; failed=$((failed + 1))
fi

# 2
hits=$(grep -n 'stderr\|FILE \*err\b' src/*.c src/*.h |
       grep -v '^src/\(job_[a-z_]*\|jobs\|pieces\|runner\|flow\|batch\|server\)\.[ch]:' |
       grep -v '^[^:]*:[0-9]*: *\(/\*\|\*\)')
if [ -z "$hits" ]; then
    echo "layers: nothing below the jobs prints"; passed=$((passed + 1))
else
    echo "layers: FAILED: messages printed below the job layer:"
    printf '%s\n' "$hits"
    failed=$((failed + 1))
fi
echo "LAYER-CHECKS $passed passed, $failed failed, 0 skipped"
[ "$failed" -eq 0 ]
