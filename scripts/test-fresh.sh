#!/usr/bin/env bash
# `npm run test:fresh`: README's Quick start as a new machine runs it. In a fresh clone of HEAD,
# with HOME and the npm cache in empty temp folders and no browser on PATH, it runs
#   npm ci && npm run build
#   npm test
# and `npm test` runs with no network at all (a network namespace with only loopback, where
# `unshare` allows it; otherwise npm's offline mode), which shows it downloads nothing after
# `npm ci`. Needs nothing installed but Node, npm, git and bash. Exits with the first failure.
# It hides browsers on PATH only: on macOS, a Chrome in /Applications is still found.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
fresh="$(mktemp -d "${TMPDIR:-/tmp}/versori-issues-fresh-XXXXXX")"
trap 'rm -rf "$fresh"' EXIT

step() { printf '\n=== %s\n' "$*"; }
elapsed() { printf '%s s' "$((SECONDS - $1))"; }

# PATH with every browser hidden: a folder that holds one is replaced by a folder of links to
# everything else in it, so the rest of that folder's tools stay at hand.
BROWSERS=" chromium chromium-browser google-chrome google-chrome-stable chrome "
path_without_browsers() {
  local result="" dir entry name shadow
  local -a dirs
  IFS=: read -ra dirs <<<"$PATH"
  for dir in "${dirs[@]}"; do
    # A relative entry means a different folder once the clone is the working directory.
    case "$dir" in /*) ;; *) continue ;; esac
    for name in $BROWSERS; do
      if [ -e "$dir/$name" ]; then
        shadow="$fresh/path/${#result}"
        mkdir -p "$shadow"
        for entry in "$dir"/*; do
          case "$BROWSERS" in *" ${entry##*/} "*) ;; *) ln -s "$entry" "$shadow/" ;; esac
        done
        dir="$shadow"
        break
      fi
    done
    result="${result:+$result:}$dir"
  done
  printf '%s' "$result"
}

if [ -n "$(git -C "$root" status --porcelain)" ]; then
  echo "note: the clone holds HEAD ($(git -C "$root" rev-parse --short HEAD)); uncommitted changes are not in it"
fi
git clone --quiet "$root" "$fresh/repo"
mkdir -p "$fresh/home"

# A new user's environment: none of npm's own variables (set when this runs as an npm script),
# no CHROMIUM_PATH or REDOCLY_TELEMETRY (the scripts turn telemetry off themselves), an empty
# HOME, npm cache and TMPDIR (no compile cache carried over), and no browser on PATH.
while IFS= read -r name; do
  case "$name" in npm_* | NPM_* | INIT_CWD | CHROMIUM_PATH | REDOCLY_TELEMETRY) unset "$name" ;; esac
done < <(compgen -e)
mkdir -p "$fresh/tmp"
export HOME="$fresh/home" npm_config_cache="$fresh/home/.npm" TMPDIR="$fresh/tmp"
PATH="$(path_without_browsers)"
export PATH
cd "$fresh/repo"

# As root (CI), a network namespace: nothing can reach beyond loopback. Elsewhere npm alone is
# kept offline; a user namespace would do, but tar cannot then chown what it unpacks.
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null && command -v ip >/dev/null &&
  unshare --net ip link set lo up 2>/dev/null; then
  offline=(unshare --net sh -c 'ip link set lo up && exec "$@"' sh)
  how="in a network namespace with only loopback"
else
  offline=(env npm_config_offline=true)
  how="with npm in offline mode (a network namespace needs root, unshare and ip)"
fi

start=$SECONDS
step "npm ci && npm run build   (HOME and npm cache empty: $HOME)"
# Two lines for README's one: `set -e` does not stop at a failure on the left of `&&`.
npm ci
npm run build
install_time=$(elapsed "$start")

start=$SECONDS
step "npm test   ($how, no browser on PATH)"
"${offline[@]}" npm test
test_time=$(elapsed "$start")

printf '\n✔ README Quick start on a fresh clone: npm ci && npm run build in %s, npm test in %s\n' \
  "$install_time" "$test_time"
