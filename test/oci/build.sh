#!/usr/bin/env bash
# Builds the CNCF distribution registry (cmd/registry) the OCI source tests start on 127.0.0.1,
# from its Go module, once, into a per-version cache outside the repo. A second run returns at once.
#
# Needs: Go (>= the go directive of the pinned release) and the Go module proxy. Cold build:
# about 5 min on 2 cores (15 min while other builds run).
#
# Env: PLUMBLINE_REGISTRY_VERSION overrides the pinned version; PLUMBLINE_REGISTRY_CACHE the cache root.
set -euo pipefail

VERSION="${PLUMBLINE_REGISTRY_VERSION:-v3.1.2}"
CACHE_ROOT="${PLUMBLINE_REGISTRY_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/plumbline/registry}"
DIR="$CACHE_ROOT/$VERSION"

if [[ -x "$DIR/bin/registry" ]]; then
  echo "$DIR/bin/registry"
  exit 0
fi
command -v go >/dev/null || { echo "oci/build.sh: Go is needed on PATH to build the registry" >&2; exit 1; }
export GOTOOLCHAIN="${GOTOOLCHAIN:-local}" CGO_ENABLED=0 GOFLAGS=-buildvcs=false

mkdir -p "$DIR/bin"
log="$DIR/build.log"
echo "build: registry $VERSION ... (log: $log)" >&2
start=$SECONDS
build() {
  local src
  src="$(go mod download -json "github.com/distribution/distribution/v3@$VERSION" | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')"
  [[ -d "$src" ]] || { echo "cannot download github.com/distribution/distribution/v3@$VERSION"; return 1; }
  rm -rf "$DIR/src"
  cp -r "$src" "$DIR/src" && chmod -R u+w "$DIR/src"
  (cd "$DIR/src" && go build -p 2 -trimpath -ldflags "-s -w" -o "$DIR/bin/registry.tmp" ./cmd/registry)
  rm -rf "$DIR/src"
  mv "$DIR/bin/registry.tmp" "$DIR/bin/registry"
}
if ! build >"$log" 2>&1; then
  echo "build: registry FAILED; last lines of $log:" >&2
  tail -n 40 "$log" >&2
  exit 1
fi
echo "build: registry done in $((SECONDS - start))s" >&2
echo "$DIR/bin/registry"
