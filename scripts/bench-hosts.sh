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

# Mean wall time and mean CPU time (user + system of the host and every process it waited
# for, our function included) in seconds, over $rounds runs, of several commands run in
# turn within each round (so drift in the machine's load hits them alike). Arguments: one
# string per command, evaluated by the shell. Prints "wall cpu" per command, one per line.
measure() {
  local n=$# i
  local -a wall cpu
  for ((i = 0; i < n; i++)); do wall[i]=0; cpu[i]=0; done
  for _ in $(seq "$rounds"); do
    i=0
    for cmd in "$@"; do
      /usr/bin/time -f "%e %U %S" -o "$work/time.txt" bash -c "$cmd" >/dev/null 2>"$work/last.err" \
        || { echo "failed: $cmd" >&2; cat "$work/last.err" >&2; exit 1; }
      read -r e u sy < "$work/time.txt"
      wall[i]=$(echo "${wall[i]} + $e" | bc -l)
      cpu[i]=$(echo "${cpu[i]} + $u + $sy" | bc -l)
      i=$((i + 1))
    done
  done
  for ((i = 0; i < n; i++)); do
    echo "$(echo "${wall[i]} / $rounds" | bc -l) $(echo "${cpu[i]} / $rounds" | bc -l)"
  done
}

row() {  # host, then "wall cpu" of cat, ours, and replay (empty when not measured)
  local host="$1" cw cc ow oc rw rc label m c o r
  read -r cw cc <<< "$2"; read -r ow oc <<< "$3"; read -r rw rc <<< "$4"
  for m in wall cpu; do
    if [ "$m" = wall ]; then c=$cw o=$ow r=${rw:-}; label=$host; else c=$cc o=$oc r=${rc:-}; label=""; fi
    printf '%-30s %-4s %6.2f %6.2f s  added %+6.1f %%' "$label" "$m" "$c" "$o" "$(echo "($o - $c) * 100 / $c" | bc -l)"
    if [ -n "$r" ]; then
      printf '  replay %6.2f s  ours-replay %+6.1f %%' "$r" "$(echo "($o - $r) * 100 / $c" | bc -l)"
    fi
    printf '\n'
  done
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

echo "package: $items items ($tenants tenants x $routes routes), $rounds rounds, means"
echo "columns: cat, ours, replay (a function printing our recorded answer without computing it);"
echo "added = (ours - cat) / cat; ours-replay = (ours - replay) / cat, what our computation adds"

# 1. kpt exec
if command -v kpt >/dev/null; then
  recorder "$work/rec-kpt" "$work/answer-kpt"; replayer "$work/replay-kpt" "$work/answer-kpt"
  kpt fn eval "$work/pkg" --exec "$work/rec-kpt" -o unwrap >/dev/null 2>&1
  mapfile -t t < <(measure "kpt fn eval '$work/pkg' --exec cat -o unwrap" \
    "kpt fn eval '$work/pkg' --exec '$bin' -o unwrap" \
    "kpt fn eval '$work/pkg' --exec '$work/replay-kpt' -o unwrap")
  row "kpt fn eval --exec" "${t[0]}" "${t[1]}" "${t[2]}"
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
  KUSTOMIZE_PLUGIN_HOME="$work/plugins-rec" kubectl kustomize --enable-alpha-plugins "$work/k-legacy" >/dev/null 2>&1
  k="kubectl kustomize --enable-alpha-plugins '$work/k-legacy'"
  mapfile -t t < <(measure "KUSTOMIZE_PLUGIN_HOME='$work/plugins-cat' $k" \
    "KUSTOMIZE_PLUGIN_HOME='$work/plugins-ours' $k" "KUSTOMIZE_PLUGIN_HOME='$work/plugins-replay' $k")
  row "kubectl kustomize (legacy)" "${t[0]}" "${t[1]}" "${t[2]}"
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
  k="kubectl kustomize --enable-alpha-plugins '$work/k-container'"
  mapfile -t t < <(measure "FAKE_DOCKER_BINARY='$work/static-cat' $k" "FAKE_DOCKER_BINARY='$static' $k")
  row "kustomize container stand-in" "${t[0]}" "${t[1]}" ""
else
  echo "container stand-in: skipped (needs kubectl, root and the $musl target)"
fi
