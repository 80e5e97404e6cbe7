#!/bin/sh
# The shared library exports exactly the functions include/entente.h
# declares: nothing internal (a program linked to an internal function would
# break when it changes), nothing declared left out (a missing ENTENTE_API
# mark).  Ends with "EXPORT-CHECKS N passed, N failed, N skipped".
set -u
BUILD=${BUILD:-build}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT" || exit 1
lib=$BUILD/libentente.so
passed=0; failed=0

check() {   # check NAME LIST: LIST empty passes, else it is printed
    if [ -z "$2" ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "exports: FAILED: $1:"
        printf '%s\n' "$2" | sed 's/^/    /'
    fi
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/entente-exports.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

# Declared: the names called in the preprocessed header (comments gone).
${CC:-cc} -E -P -Iinclude include/entente.h |
    grep -oE '\bentente_[A-Za-z0-9_]+[[:space:]]*\(' | tr -d ' \t(' | sort -u > "$tmp/declared"
# Exported: every defined dynamic symbol, with its type (T: a function).
if [ -f "$lib" ] && nm -D --defined-only "$lib" > "$tmp/nm"; then
    awk '{print $NF}' "$tmp/nm" | sort -u > "$tmp/exported"
    awk '$(NF-1) == "T" {print $NF}' "$tmp/nm" | sort -u > "$tmp/functions"
else
    echo "exports: FAILED: cannot list the symbols of $lib (run make)"
    echo "EXPORT-CHECKS 0 passed, 1 failed, 0 skipped"
    exit 1
fi

check "$lib exports symbols entente.h does not declare" \
    "$(comm -13 "$tmp/declared" "$tmp/exported")"
check "$lib does not export functions entente.h declares (no ENTENTE_API?)" \
    "$(comm -23 "$tmp/declared" "$tmp/functions")"
# an unreadable header would make the first check pass on nothing
[ -s "$tmp/declared" ] || check "include/entente.h" "no function declaration found"

echo "exports: $(wc -l < "$tmp/exported") symbols exported, $(wc -l < "$tmp/declared") declared"
echo "EXPORT-CHECKS $passed passed, $failed failed, 0 skipped"
[ "$failed" -eq 0 ]
