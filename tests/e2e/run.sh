#!/bin/sh
# run.sh -- the dashboard's browser tests (tests/e2e/dashboard.mjs) when
# what they need is there: node, the npm packages (npm ci, which
# scripts/setup.sh runs), Chromium (Debian's chromium, or $CHROMIUM) and a
# binary built with the dashboard.  Otherwise one skipped check that says
# what is missing.  Run by tests/run.sh with BUILD set.
#
# Last line: "E2E-CHECKS P passed, F failed, S skipped".
set -u
BUILD=${BUILD:-build}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT" || exit 1

skip() {
    echo "e2e: skipped: $1"
    echo "E2E-CHECKS 0 passed, 0 failed, 1 skipped"
    exit 0
}

chromium=${CHROMIUM:-}
if [ -z "$chromium" ]; then
    for c in chromium chromium-browser; do
        if command -v "$c" >/dev/null 2>&1; then chromium=$(command -v "$c"); break; fi
    done
fi
command -v node >/dev/null 2>&1 || skip "node is not installed"
[ -f node_modules/puppeteer-core/package.json ] || skip "node_modules has no puppeteer-core (run npm ci)"
[ -n "$chromium" ] && [ -x "$chromium" ] || skip "no chromium (apt-get install chromium, or set CHROMIUM)"
[ -x "$BUILD/entente" ] || skip "$BUILD/entente is not built"
[ -f "$BUILD/dash/app.js" ] || skip "$BUILD/entente was built without the dashboard (npm ci, then make)"

# bounded: a browser that hangs must not hang the suite
timeout 300 node tests/e2e/dashboard.mjs "$BUILD" "$chromium"
rc=$?
if [ $rc -ne 0 ] && [ $rc -ne 1 ]; then
    echo "e2e: FAILED: tests/e2e/dashboard.mjs ended with status $rc"
    echo "E2E-CHECKS 0 passed, 1 failed, 0 skipped"
fi
exit $rc
