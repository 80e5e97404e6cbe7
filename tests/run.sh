#!/bin/sh
# Run every cmocka test program and the validation-rate checks, then print
# one closing line: "N passed, N failed, N skipped".
set -u
BUILD=${BUILD:-build}
passed=0; failed=0; skipped=0; bad_progs=""
for t in "$BUILD"/tests/test_*; do
    [ -x "$t" ] || continue
    out=$("$t" 2>&1); rc=$?
    printf '%s\n' "$out"
    p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -1)
    f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -1)
    s=$(printf '%s\n' "$out" | sed -n 's/^\[  SKIPPED \] \([0-9]*\) test.*/\1/p' | tail -1)
    passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${s:-0}))
    if [ $rc -ne 0 ] && [ -z "$f" ]; then
        # crashed or aborted before cmocka could count: one failure
        failed=$((failed + 1)); bad_progs="$bad_progs $t"
    fi
done
# The shared library exports only what entente.h declares.
out=$(BUILD=$BUILD sh tests/exports.sh 2>&1)
printf '%s\n' "$out"
line=$(printf '%s\n' "$out" | sed -n 's/^EXPORT-CHECKS \([0-9]*\) passed, \([0-9]*\) failed, \([0-9]*\) skipped$/\1 \2 \3/p')
# shellcheck disable=SC2086  # the three counts, split; none: one failure
set -- ${line:-0 1 0}
passed=$((passed + $1)); failed=$((failed + $2)); skipped=$((skipped + $3))
# The layer rules: renderers without the store, nothing printed below
# the jobs.
out=$(sh tests/layers.sh 2>&1)
printf '%s\n' "$out"
line=$(printf '%s\n' "$out" | sed -n 's/^LAYER-CHECKS \([0-9]*\) passed, \([0-9]*\) failed, \([0-9]*\) skipped$/\1 \2 \3/p')
# shellcheck disable=SC2086  # the three counts, split; none: one failure
set -- ${line:-0 1 0}
passed=$((passed + $1)); failed=$((failed + $2)); skipped=$((skipped + $3))
# The dashboard in headless Chromium (tests/e2e/; skipped, saying why,
# without chromium or node_modules).
out=$(BUILD=$BUILD sh tests/e2e/run.sh 2>&1)
printf '%s\n' "$out"
line=$(printf '%s\n' "$out" | sed -n 's/^E2E-CHECKS \([0-9]*\) passed, \([0-9]*\) failed, \([0-9]*\) skipped$/\1 \2 \3/p')
# shellcheck disable=SC2086  # the three counts, split; none: one failure
set -- ${line:-0 1 0}
passed=$((passed + $1)); failed=$((failed + $2)); skipped=$((skipped + $3))
# Validation pass rates against PETRARCH's unit-test records (asserted).
if [ -f tests/validate.sh ]; then
    out=$(BUILD=$BUILD sh tests/validate.sh 2>&1); rc=$?
    printf '%s\n' "$out"
    p=$(printf '%s\n' "$out" | sed -n 's/^VALIDATE-CHECKS \([0-9]*\) passed, \([0-9]*\) failed, \([0-9]*\) skipped$/\1/p')
    f=$(printf '%s\n' "$out" | sed -n 's/^VALIDATE-CHECKS \([0-9]*\) passed, \([0-9]*\) failed, \([0-9]*\) skipped$/\2/p')
    s=$(printf '%s\n' "$out" | sed -n 's/^VALIDATE-CHECKS \([0-9]*\) passed, \([0-9]*\) failed, \([0-9]*\) skipped$/\3/p')
    passed=$((passed + ${p:-0})); failed=$((failed + ${f:-1})); skipped=$((skipped + ${s:-0}))
fi
# The work queue's fault tests (nats-server, PostgreSQL; skipped without).
if [ -f tests/queue.sh ]; then
    out=$(BUILD=$BUILD bash tests/queue.sh 2>&1)
    printf '%s\n' "$out"
    line=$(printf '%s\n' "$out" | sed -n 's/^QUEUE-CHECKS \([0-9]*\) passed, \([0-9]*\) failed, \([0-9]*\) skipped$/\1 \2 \3/p')
    set -- ${line:-0 1 0}
    passed=$((passed + $1)); failed=$((failed + $2)); skipped=$((skipped + $3))
fi
[ -n "$bad_progs" ] && echo "test programs that crashed:$bad_progs"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
