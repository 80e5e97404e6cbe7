#!/bin/sh
# setup.sh -- install the Debian packages that entente's build, tests,
# sanitizer runs and fuzzers need. Safe to run again: when every package is
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
for p in $PKGS; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    case "$status" in
        *" installed") ;;
        *) missing="$missing $p" ;;
    esac
done
[ -z "$missing" ] && exit 0

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
