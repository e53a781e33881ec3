#!/usr/bin/env bash
# Checks the cluster lifecycle from the outside: `cluster:up` twice reuses the
# running clusters (same processes), every component listens on 127.0.0.1
# only, and `cluster:down` leaves no process behind.
# Note: it ends with `cluster:down`, so it stops clusters that were already up.
set -euo pipefail
cd "$(dirname "$0")/../.."

if [[ -x node_modules/.bin/tsx ]]; then tsx=(node_modules/.bin/tsx); else tsx=(npx -y tsx); fi
bin_dir="${PLUMBLINE_K8S_BIN_DIR:-$(bash test/cluster/build.sh | tail -n 1)}"
fail() { echo "check-idempotent: FAIL: $*" >&2; exit 1; }
procs() { pgrep -f "$bin_dir/" | sort || true; }

start=$SECONDS
kubeconfig="$("${tsx[@]}" test/cluster/up.ts)"
echo "first up: $((SECONDS - start))s, kubeconfig $kubeconfig"
[[ -s "$kubeconfig" ]] || fail "no kubeconfig at $kubeconfig"
first="$(procs)"
[[ "$(wc -l <<<"$first")" -eq 10 ]] || fail "expected 10 processes (5 per cluster), got: $first"

if command -v ss >/dev/null; then
  pattern="$(paste -sd'|' <<<"$first")"
  wide="$(ss -Hltnp | grep -E "pid=($pattern)," | awk '$4 !~ /^127\.0\.0\.1:/' || true)"
  [[ -z "$wide" ]] || fail "listening beyond 127.0.0.1: $wide"
fi

start=$SECONDS
"${tsx[@]}" test/cluster/up.ts >/dev/null
echo "second up: $((SECONDS - start))s"
[[ "$(procs)" == "$first" ]] || fail "second up did not reuse the running processes"

"${tsx[@]}" test/cluster/down.ts
left="$(procs)"
[[ -z "$left" ]] || fail "processes left after down: $left"
[[ ! -e test/cluster/kubeconfig ]] || fail "kubeconfig left after down"
echo "check-idempotent: OK (up, up again reused, down left no process)"
