#!/bin/sh
# build-dash.sh -- the dashboard's files into OUTDIR, which the build then
# compiles into the binary (scripts/gen-c-assets.sh):
#
#   index.html, style.css   copied from web/
#   app.js                  web/js/main.js and the npm modules it imports,
#                           bundled and minified by esbuild
#   world.json              the world map (scripts/dash-world.mjs)
#
# The npm packages are the ones package-lock.json pins, installed by
# `npm ci` (scripts/setup.sh runs it); nothing is fetched here.  Without
# node or node_modules the C build must still succeed: OUTDIR then holds
# only a page that says the dashboard was not built and how to build it,
# and the API is served as ever.
#
# usage: build-dash.sh OUTDIR
set -eu
out=$1
root=$(cd "$(dirname "$0")/.." && pwd)
ISO_JSON=${ISO_JSON:-/usr/share/iso-codes/json/iso_3166-1.json}
rm -rf "$out"
mkdir -p "$out"

if command -v node >/dev/null 2>&1 && [ -x "$root/node_modules/.bin/esbuild" ] &&
    [ -f "$root/node_modules/world-atlas/countries-110m.json" ] && [ -r "$ISO_JSON" ]; then
    cp "$root/web/index.html" "$root/web/style.css" "$out/"
    "$root/node_modules/.bin/esbuild" "$root/web/js/main.js" --bundle --minify --format=esm \
        --target=es2020 --legal-comments=none --log-level=warning --outfile="$out/app.js"
    node "$root/scripts/dash-world.mjs" "$ISO_JSON" "$out/world.json"
else
    why="node_modules is missing (run npm ci)"
    command -v node >/dev/null 2>&1 || why="node is not installed"
    [ -r "$ISO_JSON" ] || why="$ISO_JSON is missing (the iso-codes package)"
    echo "build-dash.sh: the dashboard is not built: $why; the API is served without it" >&2
    sed "s|@WHY@|$why|" "$root/web/not-built.html" > "$out/index.html"
fi
touch "$out/.built"
