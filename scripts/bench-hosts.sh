#!/usr/bin/env bash
# Host benchmark: in each host, capsule-render against a pass-through `cat` function on the same
# package of about 2,000 items (scripts/gen-scale-package.py: 222 tenants x 5 routes = 2,001
# items), side by side, with our added cost as a share of the host's own time (host + cat).
#   1. kpt exec:                 kpt fn eval PKG --exec FN -o unwrap
#   2. kubectl kustomize legacy: the binary (or a `cat` script) at the RenderConfig plugin path
#   3. container stand-in:       kubectl kustomize with a `container:` transformer run by
#                                tests/fixtures/hosts/docker (static binary vs a static cat)
# Usage: scripts/bench-hosts.sh [TENANTS] [ROUTES]   (ROUNDS=3 runs each, mean wall time)
set -euo pipefail
cd "$(dirname "$0")/.."
tenants="${1:-222}"
routes="${2:-5}"
rounds="${ROUNDS:-3}"
work="${BENCH_DIR:-target/bench-hosts}"
mkdir -p "$work"
work="$(cd "$work" && pwd)"
musl=x86_64-unknown-linux-musl
cargo build --release -q
bin="$PWD/target/release/capsule-render"
python3 scripts/gen-scale-package.py "$work/pkg" "$tenants" "$routes" >/dev/null
items=$(cat "$work"/pkg/*.yaml | grep -c '^kind: ' || true)

# mean wall time in seconds of "$@" over $rounds runs (output discarded; a failure aborts)
mean() {
  local total=0 s e
  for _ in $(seq "$rounds"); do
    s=$(date +%s.%N)
    "$@" >/dev/null 2>"$work/last.err" || { echo "failed: $*" >&2; cat "$work/last.err" >&2; exit 1; }
    e=$(date +%s.%N)
    total=$(echo "$total + $e - $s" | bc -l)
  done
  echo "$total / $rounds" | bc -l
}

row() {  # host, cat time, ours time, replay time (or "")
  local r="${4:-}"
  printf '%-28s %8.2f s %8.2f s %+8.2f s %+7.1f %%' "$1" "$2" "$3" "$(echo "$3 - $2" | bc -l)" \
    "$(echo "($3 - $2) * 100 / $2" | bc -l)"
  if [ -n "$r" ]; then
    printf ' %8.2f s %+8.2f s %+7.1f %%' "$r" "$(echo "$3 - $r" | bc -l)" "$(echo "($3 - $r) * 100 / $2" | bc -l)"
  fi
  printf '\n'
}

# A function that records our answer (run once), and one that replays it without computing.
recorder() {  # script path, answer file
  printf '#!/bin/sh\n"%s" "$@" | tee "%s"\n' "$bin" "$2" > "$1"; chmod +x "$1"
}
replayer() {  # script path, answer file
  printf '#!/bin/sh\ncat >/dev/null\ncat "%s"\n' "$2" > "$1"; chmod +x "$1"
}

# A kustomization over the package's files with a RenderConfig transformer.
kustomization() {  # dir, function annotation (empty for the legacy plugin)
  local dir="$1" annotation="$2"
  mkdir -p "$dir"
  cp "$work"/pkg/*.yaml "$dir/"
  { echo "resources:"; for f in "$work"/pkg/*.yaml; do echo "- $(basename "$f")"; done
    echo "transformers: [render-config.yaml]"; } > "$dir/kustomization.yaml"
  { printf 'apiVersion: capsule-render.dev/v1alpha1\nkind: RenderConfig\nmetadata:\n  name: capsule-render\n'
    [ -n "$annotation" ] && printf '  annotations:\n    config.kubernetes.io/function: |\n      %s\n' "$annotation"
    printf 'spec:\n  runChecks: true\n'; } > "$dir/render-config.yaml"
}

echo "package: $items items ($tenants tenants x $routes routes), $rounds rounds, mean wall time"
printf '%-28s %10s %10s %10s %9s %10s %10s %9s\n' host "cat" ours added "added/host" replay "ours-replay" "/host"

# 1. kpt exec
if command -v kpt >/dev/null; then
  c=$(mean kpt fn eval "$work/pkg" --exec cat -o unwrap)
  o=$(mean kpt fn eval "$work/pkg" --exec "$bin" -o unwrap)
  recorder "$work/rec-kpt" "$work/answer-kpt"; replayer "$work/replay-kpt" "$work/answer-kpt"
  kpt fn eval "$work/pkg" --exec "$work/rec-kpt" -o unwrap >/dev/null 2>&1
  r=$(mean kpt fn eval "$work/pkg" --exec "$work/replay-kpt" -o unwrap)
  row "kpt fn eval --exec" "$c" "$o" "$r"
else
  echo "kpt: skipped (not installed)"
fi

# 2. kubectl kustomize, legacy exec plugin
if command -v kubectl >/dev/null; then
  kustomization "$work/k-legacy" ""
  for fn in cat ours rec replay; do
    d="$work/plugins-$fn/capsule-render.dev/v1alpha1/renderconfig"
    mkdir -p "$d"
    case "$fn" in
      cat) printf '#!/bin/sh\nexec cat\n' > "$d/RenderConfig"; chmod +x "$d/RenderConfig" ;;
      ours) cp "$bin" "$d/RenderConfig" ;;
      rec) recorder "$d/RenderConfig" "$work/answer-legacy" ;;
      replay) replayer "$d/RenderConfig" "$work/answer-legacy" ;;
    esac
  done
  c=$(KUSTOMIZE_PLUGIN_HOME="$work/plugins-cat" mean kubectl kustomize --enable-alpha-plugins "$work/k-legacy")
  o=$(KUSTOMIZE_PLUGIN_HOME="$work/plugins-ours" mean kubectl kustomize --enable-alpha-plugins "$work/k-legacy")
  KUSTOMIZE_PLUGIN_HOME="$work/plugins-rec" kubectl kustomize --enable-alpha-plugins "$work/k-legacy" >/dev/null 2>&1
  r=$(KUSTOMIZE_PLUGIN_HOME="$work/plugins-replay" mean kubectl kustomize --enable-alpha-plugins "$work/k-legacy")
  row "kubectl kustomize (legacy)" "$c" "$o" "$r"
else
  echo "kubectl kustomize: skipped (not installed)"
fi

# 3. container stand-in (needs root for chroot, and the musl target for static binaries)
if command -v kubectl >/dev/null && [ "$(id -u)" = 0 ] && rustup target list --installed | grep -q "$musl"; then
  CARGO_TARGET_DIR=target/static cargo build --release -q --locked --target "$musl" --bin capsule-render
  static="$PWD/target/static/$musl/release/capsule-render"
  printf 'use std::io::{copy, stdin, stdout};\nfn main() { let _ = copy(&mut stdin().lock(), &mut stdout().lock()); }\n' > "$work/cat.rs"
  rustc -O --target "$musl" -o "$work/static-cat" "$work/cat.rs"
  kustomization "$work/k-container" "container: {image: ghcr.io/capsule-render/capsule-render:v0.1.0}"
  export PATH="$PWD/tests/fixtures/hosts:$PATH"
  c=$(FAKE_DOCKER_BINARY="$work/static-cat" mean kubectl kustomize --enable-alpha-plugins "$work/k-container")
  o=$(FAKE_DOCKER_BINARY="$static" mean kubectl kustomize --enable-alpha-plugins "$work/k-container")
  row "kustomize container stand-in" "$c" "$o"
else
  echo "container stand-in: skipped (needs kubectl, root and the $musl target)"
fi
