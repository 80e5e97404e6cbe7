#!/bin/sh
# store.sh -- the synthetic SQLite store that the query and load benches
# read: QUERY_N events (default 10,000,000) from bench/genevents.c with a
# fixed seed, at BUILD_DIR/bench/events-N.db.
#
#   sh bench/store.sh BUILD_DIR      prints the store's path on stdout
#
# Builds genevents against BUILD_DIR/libentente.a (BUILD_DIR/bench/genevents,
# which query.sh also uses for PostgreSQL) and writes the store only when it
# is missing or was made by another generator, schema, size or seed: at ten
# million events it takes minutes, and both benches want the same one.
set -eu

. "$(dirname "$0")/common.sh"
N=${QUERY_N:-10000000}
SEED=${QUERY_SEED:-20240426}
[ -f "$BUILD/libentente.a" ] || { echo "error: $BUILD/libentente.a not found; run make first" >&2; exit 1; }

mkdir -p "$BUILD/bench"
GEN=$BUILD/bench/genevents
# pkg-config's flags are several words each: split on purpose
# shellcheck disable=SC2046
${CC:-cc} -std=c17 -O2 -D_GNU_SOURCE -Isrc -Iinclude $(pkg-config --cflags sqlite3 libpq) \
    -o "$GEN" bench/genevents.c "$BUILD/libentente.a" \
    $(pkg-config --libs libxml-2.0 libutf8proc json-c sqlite3 libpq igraph plplot) -lpthread -lm

DB=$BUILD/bench/events-$N.db
STAMP=$DB.stamp
# the store is rebuilt when the generator or the SQLite schema changes
want="$(cat bench/genevents.c src/store_sqlite.c | sha256sum | cut -c1-16) $N $SEED"
if [ ! -s "$DB" ] || [ "$(cat "$STAMP" 2>/dev/null)" != "$want" ]; then
    rm -f "$STAMP"
    t0=$(date +%s)
    "$GEN" sqlite "$DB" "$N" "$SEED" >&2
    t1=$(date +%s)
    echo "$want" >"$STAMP"
    echo "built SQLite store in $((t1 - t0)) s: $(du -h "$DB" | cut -f1)" >&2
fi
echo "$DB"
