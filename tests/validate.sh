#!/bin/sh
# validate.sh -- assert entente's pass rates on PETRARCH's unit-test records.
#
# Run by tests/run.sh with BUILD set (build/ or build-san/). For each records
# file and parser (the given parses, and the built-in tokenizer, tagger and
# parser on the records' text) it runs "entente validate ... --quiet", reads the closing
# "N passed, N failed" line and compares the pass rate with a floor below. A
# check fails when the rate drops under its floor, or when entente crashes or
# prints no closing line. The records and dictionaries are read from
# ../shared/peers/petrarch beside the repository (or $PETRARCH); when they are
# absent both checks are skipped.
#
# Also asserted: how far entente agrees with PETRARCH2's events on the
# GigaWord sample (both with the given parses and the Phoenix set), F1 at
# or above its floor.  Reported, not asserted: how the disagreements that
# remain are judged (tests/petrarch2-judgements.tsv) and each one not yet
# judged, how close the built-in parser comes to the records' parses
# (labelled bracket F1, tag accuracy), and why the built-in parser's
# failures fail.
#
# Last line: "VALIDATE-CHECKS P passed, F failed, S skipped".

# Floors, in percent of records passed. Raise them when the coder improves.
PTB_FLOOR=97.0
CONLLU_FLOOR=89.0
BUILTIN_FLOOR=91.5
GOLD_F1_FLOOR=0.84
# wire development files: the floor of each (tests/wire/README.md)
wire_floor() {
    case $1 in
        wire-a1.xml) echo 0.76 ;;
        wire-a2.xml) echo 0.76 ;;
        wire-b1.xml) echo 0.72 ;;
        wire-b2.xml) echo 0.71 ;;
        wire-c1.xml) echo 0.75 ;;
        wire-c2.xml) echo 0.72 ;;
        wire-d1.xml) echo 0.65 ;;
        wire-d2.xml) echo 0.70 ;;
        wire-e1.xml) echo 0.76 ;;
        wire-e2.xml) echo 0.71 ;;
        wire-f1.xml) echo 0.71 ;;
        wire-f2.xml) echo 0.66 ;;
        wire-f3.xml) echo 0.75 ;;
        wire-g1.xml) echo 0.72 ;;
        wire-g2.xml) echo 0.70 ;;
        wire-h1.xml) echo 0.71 ;;
        wire-h2.xml) echo 0.68 ;;
        wire-i1.xml) echo 0.69 ;;
        wire-i2.xml) echo 0.69 ;;
        wire-j1.xml) echo 0.67 ;;
        wire-j2.xml) echo 0.67 ;;
        wire-k1.xml) echo 0.72 ;;
        wire-k2.xml) echo 0.72 ;;
        wire-l1.xml) echo 0.63 ;;
        wire-l2.xml) echo 0.70 ;;
        wire-m1.xml) echo 0.70 ;;
        wire-m2.xml) echo 0.71 ;;
        wire-n1.xml) echo 0.73 ;;
        wire-n2.xml) echo 0.69 ;;
        wire-o1.xml) echo 0.73 ;;
        wire-o2.xml) echo 0.69 ;;
        *) echo 0 ;;
    esac
}
# F1 of entente's events against PETRARCH2's on its GigaWord sample.
P2_AGREEMENT_F1_FLOOR=0.856

set -u
BUILD=${BUILD:-build}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PETRARCH=${PETRARCH:-$ROOT/../shared/peers/petrarch}
ENTENTE=$BUILD/entente

passed=0
failed=0
skipped=0

# floor_check LABEL VALUE FLOOR DETAIL OUTPUT: a check passes when VALUE is
# at or above FLOOR; on failure the last lines of OUTPUT are shown.
floor_check() {
    if [ -n "$2" ] && awk -v f="$2" -v floor="$3" 'BEGIN { exit !(f + 1e-9 >= floor) }'; then
        echo "$1: $4 (floor $3) ok"
        passed=$((passed + 1))
    else
        echo "$1: FAILED: ${4:-no figure} (floor $3); last output:"
        printf '%s\n' "$5" | tail -5 | sed 's/^/    /'
        failed=$((failed + 1))
    fi
}

# score_check NAME RECORDS FLOOR: the built-in set's F1 on (source country,
# target country, root) from raw text, at or above FLOOR.
score_check() {
    out=$("$ENTENTE" validate "$2" --dicts "$ROOT/dict" --score --quiet 2>&1)
    f1=$(printf '%s\n' "$out" | sed -n 's/^source country, target country, root: .* F1 \([0-9.]*\) .*/\1/p')
    exact=$(printf '%s\n' "$out" | sed -n 's/^source country, target country, code: .* F1 \([0-9.]*\) .*/\1/p')
    floor_check "$1, built-in set" "$f1" "$3" "F1 $f1 on (country, country, root), exact-code F1 $exact" "$out"
}

# The shipped dictionary set: lint-clean, and the gold set's F1 on (source
# country, target country, root) from raw text at or above its floor.  These
# need nothing outside the repository.
if [ -x "$ENTENTE" ]; then
    out=$("$ENTENTE" dict check --dicts "$ROOT/dict" 2>&1)
    rc=$?
    if [ $rc -eq 0 ] && printf '%s\n' "$out" | grep -q '^messages 0$'; then
        echo "dict check dict/: clean"
        passed=$((passed + 1))
    else
        echo "dict check dict/: FAILED (exit status $rc):"
        printf '%s\n' "$out" | grep -v '^[a-z_]* [0-9a-f.]*$' | head -20 | sed 's/^/    /'
        failed=$((failed + 1))
    fi
    score_check "gold set" "$ROOT/tests/gold/gold.xml" "$GOLD_F1_FLOOR"
    # The wire development files (tests/wire/README.md): real-style wire
    # copy, several events a sentence.
    for wf in "$ROOT"/tests/wire/wire-*.xml; do
        [ -f "$wf" ] || continue
        score_check "wire set $(basename "$wf") (development)" "$wf" "$(wire_floor "$(basename "$wf")")"
    done
fi

if [ ! -d "$PETRARCH/records" ] || [ ! -d "$PETRARCH/dictionaries" ]; then
    echo "validate: skipped: PETRARCH reference data not found at $PETRARCH"
    echo "petrarch2 agreement: skipped: PETRARCH reference data not found at $PETRARCH"
    echo "parser agreement: skipped: PETRARCH reference data not found at $PETRARCH"
    echo "VALIDATE-CHECKS $passed passed, $failed failed, 4 skipped"
    [ "$failed" -eq 0 ]
    exit
fi

# check RECORDS_FILE FLOOR PARSER
check() {
    file=$1
    floor=$2
    parser=$3
    name="$(basename "$file") --parser $parser"
    if [ ! -x "$ENTENTE" ]; then
        echo "validate $name: FAILED: $ENTENTE not found or not executable"
        failed=$((failed + 1))
        return
    fi
    out=$("$ENTENTE" validate "$file" --dicts "$PETRARCH/dictionaries" --parser "$parser" --quiet 2>&1)
    rc=$?
    last=$(printf '%s\n' "$out" | sed -n 's/^\([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed$/\1 \2/p' | tail -1)
    # entente validate exits 0 when every record passes, 2 when some fail,
    # 1 on an error (unreadable records or dictionaries); anything else is a
    # crash.
    crashed=""
    case $rc in
        0 | 2) ;;
        1) crashed="entente validate reported an error (exit status 1)" ;;
        *) crashed="entente validate crashed (exit status $rc)" ;;
    esac
    if [ -z "$crashed" ] && printf '%s\n' "$out" | grep -q 'Sanitizer\|runtime error:'; then
        crashed="sanitizer report"
    fi
    if [ -z "$last" ] || [ -n "$crashed" ]; then
        echo "validate $name: FAILED: ${crashed:-no closing \"N passed, N failed\" line}; last output:"
        printf '%s\n' "$out" | tail -20 | sed 's/^/    /'
        failed=$((failed + 1))
        return
    fi
    p=${last% *}
    f=${last#* }
    verdict=$(awk -v p="$p" -v f="$f" -v floor="$floor" 'BEGIN {
        n = p + f
        rate = n > 0 ? 100.0 * p / n : 0
        ok = (n > 0 && rate + 1e-9 >= floor) ? "ok" : "BELOW FLOOR"
        printf "%d/%d = %.1f%% (floor %.1f%%) %s", p, n, rate, floor, ok
    }')
    echo "validate $name: $verdict"
    printf '%s\n' "$out" | sed -n 's/^failures: /    failures by cause: /p'
    case "$verdict" in
        *" ok") passed=$((passed + 1)) ;;
        *) failed=$((failed + 1)) ;;
    esac
}

check "$PETRARCH/records/PETR.UnitTest.records.xml" "$PTB_FLOOR" given
check "$PETRARCH/records/PETR.UnitTest.records.conllu.xml" "$CONLLU_FLOOR" given
check "$PETRARCH/records/PETR.UnitTest.records.xml" "$BUILTIN_FLOOR" builtin

# PETRARCH2's events on the GigaWord sample against entente's, both from the
# given parses with the Phoenix set.
GIGA=$PETRARCH/records/GigaWord.sample.PETR.xml
P2EVENTS=$PETRARCH/records/GigaWord.sample.petrarch2-events.tsv
if [ -f "$GIGA" ] && [ -f "$P2EVENTS" ]; then
    out=$("$ENTENTE" validate "$GIGA" --dicts "$PETRARCH/dictionaries" --parser given \
        --compare "$P2EVENTS" --judged "$ROOT/tests/petrarch2-judgements.tsv" --quiet 2>&1)
    line=$(printf '%s\n' "$out" | sed -n 's/^agreement with .*: \(precision .*\)$/\1/p')
    f1=$(printf '%s\n' "$line" | sed -n 's/.* F1 \([0-9.]*\) .*/\1/p')
    floor_check "petrarch2 agreement" "$f1" "$P2_AGREEMENT_F1_FLOOR" "$line" "$out"
    printf '%s\n' "$out" | sed -n 's/^judged \([0-9]* of [0-9]* disagreements\) ([^)]*)/    judged \1/p'
    printf '%s\n' "$out" | grep '^not judged\|^judged, no longer' | sed 's/^/    /'
else
    echo "petrarch2 agreement: skipped: $GIGA or $P2EVENTS not found"
    skipped=$((skipped + 1))
fi

# The built-in tokenizer, tagger and parser against the records' parses.
for f in "$PETRARCH/records/PETR.UnitTest.records.xml" "$GIGA"; do
    [ -f "$f" ] || { echo "parser agreement $(basename "$f"): skipped: not found"; continue; }
    out=$("$ENTENTE" validate "$f" --dicts "$PETRARCH/dictionaries" --parser-agreement 2>&1)
    br=$(printf '%s\n' "$out" | sed -n 's/^parser agreement, brackets: .* F1 \([0-9.]*\) .*/\1/p')
    tg=$(printf '%s\n' "$out" | sed -n 's/^parser agreement, tags: accuracy \([0-9.]*\) .*/\1/p')
    sk=$(printf '%s\n' "$out" | sed -n 's/^parser agreement, skipped: //p')
    echo "parser agreement $(basename "$f"): bracket F1 ${br:-none}, tag accuracy ${tg:-none} (skipped: ${sk:-?})"
done

# The gold set with PETRARCH's Phoenix dictionaries, for comparison (reported, not asserted).
out=$("$ENTENTE" validate "$ROOT/tests/gold/gold.xml" --dicts "$PETRARCH/dictionaries" --score --quiet 2>&1)
echo "gold set, Phoenix set (for comparison): $(printf '%s\n' "$out" | sed -n 's/^source country, target country, root: //p')"

echo "VALIDATE-CHECKS $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
