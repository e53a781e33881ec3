#!/usr/bin/env bash
# Builds engine/render/jsonnet/go-jsonnet.wasm.gz, the jsonnet evaluator the engine runs: main.go
# here with go-jsonnet at the version go.mod pins (the one Argo CD's repo server links), compiled
# for WebAssembly (wasip1) and gzipped. The result is committed, so neither a user nor a developer
# needs Go; run this after changing main.go or go.mod, and commit both outputs. go-jsonnet.wasm.json
# records what it was built from (versions and the SHA-256 of the uncompressed module).
#
# Needs: Go and the Go module proxy. About 2 min on 2 cores.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/.."
command -v go >/dev/null || { echo "jsonnet/wasm/build.sh: Go is needed on PATH" >&2; exit 1; }
export GOTOOLCHAIN="${GOTOOLCHAIN:-local}" CGO_ENABLED=0 GOFLAGS=-buildvcs=false GOOS=wasip1 GOARCH=wasm
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$here" && go build -trimpath -ldflags "-s -w" -o "$tmp/go-jsonnet.wasm" .)
gzip -9 -n -c "$tmp/go-jsonnet.wasm" >"$out/go-jsonnet.wasm.gz"
jsonnet_version="$(cd "$here" && go list -m -f '{{.Version}}' github.com/google/go-jsonnet)"
sha="$(sha256sum "$tmp/go-jsonnet.wasm" | cut -d' ' -f1)"
cat >"$out/go-jsonnet.wasm.json" <<JSON
{
  "goJsonnet": "$jsonnet_version",
  "go": "$(go env GOVERSION)",
  "sha256": "$sha"
}
JSON
echo "built $out/go-jsonnet.wasm.gz (go-jsonnet $jsonnet_version, $(wc -c <"$tmp/go-jsonnet.wasm") bytes)"
