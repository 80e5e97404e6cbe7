# common.sh -- sourced by the bench scripts: the build directory (their
# first argument, default build, made absolute), the source tree as the
# working directory, the entente binary and the PETRARCH data beside the
# tree ($PETRARCH to put it elsewhere).
BUILD=${1:-build}
case "$BUILD" in /*) ;; *) BUILD=$(pwd)/$BUILD ;; esac
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
ENTENTE=$BUILD/entente
PETRARCH=${PETRARCH:-$ROOT/../shared/peers/petrarch}
