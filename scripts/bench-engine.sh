#!/usr/bin/env bash
# Engine benchmark, ours against Go's text/template side by side in one run.
# For each benchmark template (scripts/bench-requests.py: the two seed generators and a
# function-heavy one), parse once and execute it N times (default 1000: one execution per
# tenant of 1,000 tenants with 10 routes each), with our engine and with gotmpl-oracle -bench.
# Prints both mean times per execution and the ratio Go/ours (> 1 means we are faster).
# Needs Go's oracle: ../shared/tools/gotmpl-oracle/build.sh (dev-only; CI does not run this).
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-1000}"
rounds="${ROUNDS:-5}"
oracle="${GOTMPL_ORACLE:-$HOME/.cache/gotmpl-oracle/gotmpl-oracle}"
if [ ! -x "$oracle" ]; then
  oracle="$(bash ../shared/tools/gotmpl-oracle/build.sh | tail -n 1)"
fi
cargo bench --bench template_exec --no-run -q 2>/dev/null
bin="$(ls -t target/release/deps/template_exec-* | grep -v '\.d$' | head -n 1)"
python3 scripts/bench-requests.py target/bench >/dev/null
printf '%-18s %14s %14s %8s\n' template "go ns/op" "ours ns/op" "go/ours"
for req in target/bench/*.json; do
  name="$(basename "$req" .json)"
  best_go=""; best_us=""
  for _ in $(seq "$rounds"); do
    go_ns="$("$oracle" -bench "$n" < "$req" | python3 -c 'import json,sys; print(json.load(sys.stdin)["ns_per_op"])')"
    us_ns="$("$bin" "$req" "$n" | python3 -c 'import json,sys; print(json.load(sys.stdin)["ns_per_op"])')"
    best_go="$(python3 -c "print(min(x for x in [$go_ns, ${best_go:-float('inf')}]))")"
    best_us="$(python3 -c "print(min(x for x in [$us_ns, ${best_us:-float('inf')}]))")"
  done
  python3 -c "print('%-18s %14.0f %14.0f %7.2fx' % ('$name', $best_go, $best_us, $best_go / $best_us))"
done
echo "(best of $rounds rounds of $n executions each; $(nproc) cores, $(uname -m))"
