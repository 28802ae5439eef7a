#!/usr/bin/env bash
# Installs the code-server test host (VS Code's own server + web workbench) offline, from npm and Debian packages only:
# the VS Code the integration and UI tests run in, and `npm start`'s fallback where desktop VS Code cannot be downloaded.
#
#   bash test/host/install-code-server.sh      -> prints one summary line; the binary is
#                                                 $PAPER_SHELF_HOST_CACHE/code-server-4.100.3/node_modules/.bin/code-server
#
# `npm test` and `npm start` run it from test/host/bootstrap.js, after the Debian packages and before any build or test.
# It first checks the Debian packages the build needs (build-essential, python3, libkrb5-dev, ripgrep) with
# test/host/systemPackages.js, which owns that list: apt-get as root, else the exact command to run.
# Idempotent: a marker file records a completed install, so a second run takes well under a second.
# The cache lives outside the repo (default ~/.cache/paper-shelf) so clones, `git clean` and CI reuse it.
# Steps follow ../shared/docs/vscode-test-host.md; code-server 4.100.x is the last line that runs on Node 20.
# Everything is logged to <cache>/code-server-4.100.3.log; on failure the tail of that log is printed.
set -euo pipefail

VERSION=4.100.3
CACHE_ROOT="${PAPER_SHELF_HOST_CACHE:-$HOME/.cache/paper-shelf}"
DIR="$CACHE_ROOT/code-server-$VERSION"
MARKER="$DIR/.paper-shelf-installed"
LOG="$CACHE_ROOT/code-server-$VERSION.log"
BIN="$DIR/node_modules/.bin/code-server"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

say() { echo "[code-server] $*"; }

mkdir -p "$CACHE_ROOT"
PAPER_SHELF_LOG_TAG='[code-server]' node "$HERE/systemPackages.js" host --quiet

if [ -f "$MARKER" ] && [ -x "$BIN" ]; then
	say "$VERSION ready (cached) at $DIR"
	exit 0
fi

# --- the install, under a lock so two runs never build into the same folder ----------------------------------------------

exec 9>"$CACHE_ROOT/.code-server-$VERSION.lock"
flock 9
if [ -f "$MARKER" ] && [ -x "$BIN" ]; then
	say "$VERSION ready (installed by a concurrent run) at $DIR"
	exit 0
fi

start=$(date +%s)
: >"$LOG"
on_error() {
	local rc=$?
	say "install FAILED (exit $rc) at: $BASH_COMMAND"
	say "last lines of $LOG:"
	tail -n 40 "$LOG" >&2
	exit "$rc"
}
trap on_error ERR

# The machine's npmrc may set yes=false; one native build script runs `npx node-gyp` and must not stop to ask.
export npm_config_yes=true
# node-gyp builds against Node's own headers when they are installed (Debian's and NodeSource's nodejs ship them in
# <prefix>/include/node); otherwise it downloads them from nodejs.org, which CI and these machines cannot reach.
node_headers="$(dirname "$(dirname "$(command -v node)")")/include/node"
if [ -z "${npm_config_nodedir:-}" ] && [ -f "$node_headers/node.h" ]; then export npm_config_nodedir="${node_headers%/include/node}"; fi
export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false

say "installing code-server $VERSION, the VS Code the integration and UI tests run in, into $DIR (3-5 minutes; log: $LOG)"
rm -rf "$DIR"
mkdir -p "$DIR"
cd "$DIR"
echo '{ "name": "paper-shelf-code-server-host", "private": true }' >package.json

{
	echo "== 1. code-server package (scripts off: its postinstall refuses root and downloads ripgrep)"
	npm install --ignore-scripts "code-server@$VERSION"
	cd node_modules/code-server/lib/vscode
	echo "== 2. VS Code server dependencies"
	npm install --omit=dev --ignore-scripts
	mkdir -p node_modules/@vscode/ripgrep/bin
	cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
	npm rebuild
	echo "== 3. links and built-in extensions"
	ln -sfn node_modules node_modules.asar
	(cd bin/remote-cli && ln -sfn code-linux.sh code-server)
	(cd bin/helpers && ln -sfn browser-linux.sh browser.sh)
	(cd extensions && npm install --omit=dev)
	cd "$DIR"
	echo "== 4. argon2 (password hashing; code-server loads it even with --auth none)"
	npm rebuild argon2
	echo "== 5. check"
	"$BIN" --config "$DIR/config.yaml" --version
} >>"$LOG" 2>&1

# --config keeps even `--version` from writing ~/.config/code-server/config.yaml.
version_line="$("$BIN" --config "$DIR/config.yaml" --version 2>/dev/null | tail -n 1)"
case "$version_line" in
	"$VERSION"*) ;;
	*) say "unexpected version output: $version_line"; tail -n 40 "$LOG" >&2; exit 1 ;;
esac
date -u +%FT%TZ >"$MARKER"
say "installed $VERSION in $(($(date +%s) - start)) s at $DIR ($version_line)"
