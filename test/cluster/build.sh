#!/usr/bin/env bash
# Builds the test control plane (kube-apiserver, kube-controller-manager,
# kube-scheduler, etcd, kwok) from Go modules, once, into a per-version cache
# outside the repo. A second run finds the binaries and returns in seconds.
#
# Needs: Go (>= the go directive of the chosen Kubernetes release) and access
# to the Go module proxy. Cold build: ~15-25 min on 2 cores, ~3 GB RAM peak.
#
# Env: PLUMBLINE_K8S_VERSION, PLUMBLINE_ETCD_VERSION, PLUMBLINE_KWOK_VERSION
# override the pinned versions; PLUMBLINE_K8S_CACHE overrides the cache root.
set -euo pipefail

K8S_VERSION="${PLUMBLINE_K8S_VERSION:-v1.34.4}"
ETCD_VERSION="${PLUMBLINE_ETCD_VERSION:-v3.6.16}"
KWOK_VERSION="${PLUMBLINE_KWOK_VERSION:-v0.7.0}"

CACHE_ROOT="${PLUMBLINE_K8S_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/plumbline/k8s}"
DIR="$CACHE_ROOT/$K8S_VERSION"
BIN="$DIR/bin"
LOGS="$DIR/logs"
mkdir -p "$BIN" "$LOGS"

# By default never let a go directive trigger a toolchain download: use the local Go.
export GOTOOLCHAIN="${GOTOOLCHAIN:-local}" CGO_ENABLED=0 GOFLAGS=-buildvcs=false

# Each component records the version it was built from in bin/.<name>.version,
# so changing a pinned version rebuilds just that component.
built() { # name version
  [[ -x "$BIN/$1" && "$(cat "$BIN/.$1.version" 2>/dev/null)" == "$2" ]]
}
mark() { echo "$2" >"$BIN/.$1.version"; }

# Only a build needs Go; a cached run does not.
need_go() {
  command -v go >/dev/null || { echo "build.sh: Go (>= 1.24) is needed on PATH to build the test control plane" >&2; exit 1; }
}

# Runs a build step with its output in a log; on failure shows the log tail.
step() { # name cmd...
  local name="$1" log="$LOGS/$1.log" start=$SECONDS
  shift
  echo "build: $name ... (log: $log)" >&2
  if ! "$@" >"$log" 2>&1; then
    echo "build: $name FAILED; last lines of $log:" >&2
    tail -n 40 "$log" >&2
    exit 1
  fi
  echo "build: $name done in $((SECONDS - start))s" >&2
}

# --- Kubernetes ---------------------------------------------------------------
# k8s.io/kubernetes pins its staging modules at v0.0.0 with `=> ./staging/...`
# replaces, which Go ignores in a dependency. A wrapper module replaces each of
# them with the published release of the same minor (v1.X.Y -> v0.X.Y).
K8S_CMDS=(kube-apiserver kube-controller-manager kube-scheduler)

k8s_wrapper() {
  local wrap="$DIR/src/kubernetes" staging="v0.${K8S_VERSION#v1.}"
  local gomod
  gomod="$(go mod download -json "k8s.io/kubernetes@$K8S_VERSION" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')"
  [[ -f "$gomod" ]] || { echo "cannot download k8s.io/kubernetes@$K8S_VERSION"; return 1; }
  rm -rf "$wrap" && mkdir -p "$wrap"
  {
    echo "module plumbline.test/k8sbuild"
    echo
    grep -E '^(go|godebug) ' "$gomod" # same language version and GODEBUG defaults
    echo
    echo "require k8s.io/kubernetes $K8S_VERSION"
    echo
    echo "replace ("
    grep -E '=> \./staging/' "$gomod" | awk -v v="$staging" '{ print "\t" $1 " => " $1 " " v }'
    echo ")"
  } >"$wrap/go.mod"
  cat "$wrap/go.mod"
  local pkgs=()
  for c in "${K8S_CMDS[@]}"; do pkgs+=("k8s.io/kubernetes/cmd/$c@$K8S_VERSION"); done
  (cd "$wrap" && go get "${pkgs[@]}")
}

k8s_build() { # cmd
  local minor="${K8S_VERSION#v1.}"
  minor="${minor%%.*}"
  local ldflags="-s -w" pkg
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ldflags+=" -X $pkg.gitVersion=$K8S_VERSION -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor"
    ldflags+=" -X $pkg.gitTreeState=clean"
  done
  # -p 2: one binary at a time at the 2-core budget; link peaks near 3 GB.
  (cd "$DIR/src/kubernetes" && go build -p 2 -trimpath -tags selinux,notest \
    -ldflags "$ldflags" -o "$BIN/$1.tmp" "k8s.io/kubernetes/cmd/$1")
  mv "$BIN/$1.tmp" "$BIN/$1"
}

need_k8s=0
for c in "${K8S_CMDS[@]}"; do built "$c" "$K8S_VERSION" || need_k8s=1; done
if ((need_k8s)); then
  need_go
  step kubernetes-modules k8s_wrapper
  for c in "${K8S_CMDS[@]}"; do
    built "$c" "$K8S_VERSION" && continue
    step "$c" k8s_build "$c"
    mark "$c" "$K8S_VERSION"
  done
fi

# --- etcd ---------------------------------------------------------------------
# go.etcd.io/etcd/server/v3 is the etcd main package; its go.mod has local
# replaces too, so it is built from a wrapper module that `go get`s it.
etcd_build() {
  local wrap="$DIR/src/etcd"
  rm -rf "$wrap" && mkdir -p "$wrap"
  (cd "$wrap" && go mod init plumbline.test/etcdbuild &&
    go get "go.etcd.io/etcd/server/v3@$ETCD_VERSION" &&
    go build -p 2 -trimpath -ldflags "-s -w" -o "$BIN/etcd.tmp" go.etcd.io/etcd/server/v3)
  mv "$BIN/etcd.tmp" "$BIN/etcd"
}
if ! built etcd "$ETCD_VERSION"; then
  need_go
  step etcd etcd_build
  mark etcd "$ETCD_VERSION"
fi

# --- kwok ---------------------------------------------------------------------
kwok_build() {
  GOBIN="$BIN" go install -p 2 -trimpath \
    -ldflags "-s -w -X sigs.k8s.io/kwok/pkg/consts.Version=$KWOK_VERSION" \
    "sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION"
}
if ! built kwok "$KWOK_VERSION"; then
  need_go
  step kwok kwok_build
  mark kwok "$KWOK_VERSION"
fi

echo "$BIN"
