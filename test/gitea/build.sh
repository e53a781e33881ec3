#!/usr/bin/env bash
# Builds the Gitea server the SCM provider and pull-request generator tests start on 127.0.0.1,
# from its Go module, once, into a per-version cache outside the repo (binary, plus the templates
# and options a build without bundled assets reads at run time). A second run returns at once.
#
# Needs: Go (>= the go directive of the pinned release) and the Go module proxy. Cold build:
# about 5 min on 2 cores.
#
# Env: PLUMBLINE_GITEA_VERSION overrides the pinned version; PLUMBLINE_GITEA_CACHE the cache root.
set -euo pipefail

VERSION="${PLUMBLINE_GITEA_VERSION:-v1.27.3}"
CACHE_ROOT="${PLUMBLINE_GITEA_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/plumbline/gitea}"
DIR="$CACHE_ROOT/$VERSION"

if [[ -x "$DIR/bin/gitea" && -d "$DIR/static/templates" ]]; then
  echo "$DIR/bin/gitea"
  exit 0
fi
command -v go >/dev/null || { echo "gitea/build.sh: Go is needed on PATH to build Gitea" >&2; exit 1; }
export GOTOOLCHAIN="${GOTOOLCHAIN:-local}" CGO_ENABLED=0 GOFLAGS=-buildvcs=false

mkdir -p "$DIR/bin"
log="$DIR/build.log"
echo "build: gitea $VERSION ... (log: $log)" >&2
start=$SECONDS
build() {
  local src
  src="$(go mod download -json "code.gitea.io/gitea@$VERSION" | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')"
  [[ -d "$src" ]] || { echo "cannot download code.gitea.io/gitea@$VERSION"; return 1; }
  rm -rf "$DIR/src" "$DIR/static"
  cp -r "$src" "$DIR/src" && chmod -R u+w "$DIR/src"
  # the default tags: pure-Go SQLite, no bundled assets (the API needs none of the web UI's)
  (cd "$DIR/src" && go build -p 2 -trimpath -ldflags "-s -w -X main.Version=${VERSION#v}" -o "$DIR/bin/gitea.tmp" .)
  mkdir -p "$DIR/static"
  mv "$DIR/src/templates" "$DIR/src/options" "$DIR/static/"
  rm -rf "$DIR/src"
  mv "$DIR/bin/gitea.tmp" "$DIR/bin/gitea"
}
if ! build >"$log" 2>&1; then
  echo "build: gitea FAILED; last lines of $log:" >&2
  tail -n 40 "$log" >&2
  exit 1
fi
echo "build: gitea done in $((SECONDS - start))s" >&2
echo "$DIR/bin/gitea"
