#!/usr/bin/env bash
# `npm run test:fresh`: proves that a new user's first `npm test` passes. Clones this checkout's committed HEAD into a
# new temp folder (<tmp>/paper-shelf-fresh-XXXXXX/repo: nothing beside it, so no ../shared), points HOME at an empty
# folder (no ~/.npmrc, npm cache or ~/.cache/paper-shelf, so npm ci and the code-server host install from scratch),
# clears every npm_* and PAPER_SHELF_* variable, and runs .ci/run there, which is `npm test` plus one closing line.
# Debian packages are the machine's own: remove one first (e.g. `apt-get remove -y pandoc`) to exercise the apt step.
#
#   npm run test:fresh [-- --keep]     --keep: leave the temp folder (it is removed after a passing run)
#
# Expect 10+ minutes: npm ci and the code-server build start with empty caches. Uncommitted changes are not tested.
set -euo pipefail

keep=0
for arg in "$@"; do
	case "$arg" in
		--keep) keep=1 ;;
		*) echo "usage: npm run test:fresh [-- --keep]" >&2; exit 2 ;;
	esac
done

repo="$(git -C "$(dirname "${BASH_SOURCE[0]}")" rev-parse --show-toplevel)"
head="$(git -C "$repo" rev-parse HEAD)"
work="$(mktemp -d "${TMPDIR:-/tmp}/paper-shelf-fresh-XXXXXX")"
clone="$work/repo"
home="$work/home"
log="$work/npm-test.log"
mkdir -p "$home"

say() { echo "[fresh] $*"; }

if [ -n "$(git -C "$repo" status --porcelain --untracked-files=no)" ]; then
	say "note: $repo has uncommitted changes; the clone tests the committed HEAD only"
fi
git clone --quiet --no-hardlinks "$repo" "$clone"
git -C "$clone" -c advice.detachedHead=false checkout --quiet "$head"
say "clone of $(git -C "$clone" log -1 --format='%h %s' | cut -c1-100)"
say "in $clone (beside it: $(ls -A "$work" | tr '\n' ' '))"
say "HOME=$home (empty); running .ci/run (npm test) there, log: $log"

# A clean environment: what a fresh login shell would have, minus anything npm or this checkout injected.
path_clean="$(printf '%s' "$PATH" | tr ':' '\n' | grep -v 'node_modules/\.bin' | paste -sd: -)"
env_keep=(PATH="$path_clean" HOME="$home" LANG="${LANG:-C.UTF-8}" TERM="${TERM:-dumb}" CI="${CI:-}")
for name in TMPDIR TZ LC_ALL http_proxy https_proxy no_proxy HTTP_PROXY HTTPS_PROXY NO_PROXY; do
	if [ -n "${!name:-}" ]; then env_keep+=("$name=${!name}"); fi
done

start=$(date +%s)
status=0
(cd "$clone" && env -i "${env_keep[@]}" bash .ci/run) 2>&1 | tee "$log" || status=$?
seconds=$(($(date +%s) - start))

say "finished in $((seconds / 60)) min $((seconds % 60)) s with exit $status, in $clone"
say "$(grep -E '^all: [0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1 || echo 'no closing line')"
if [ "$status" = 0 ] && [ "$keep" = 0 ]; then
	rm -rf "$work"
	say "removed $work"
else
	say "kept $work (log: $log)"
fi
exit "$status"
