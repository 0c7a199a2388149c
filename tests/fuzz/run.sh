#!/usr/bin/env bash
# Builds every libFuzzer target with clang and runs each for SECONDS (default 60), starting from
# its seed corpus in tests/fuzz/corpus/NAME/. Exits non-zero on the first crash, leak or timeout,
# leaving the reproducer in BUILD_DIR/fuzz/. Usage: tests/fuzz/run.sh [BUILD_DIR] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build-fuzz}
seconds=${2:-60}
# -O1 -g1: libFuzzer's usual optimisation level; line tables are enough for crash stack traces.
CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" -DJUMBE_FUZZ=ON -DJUMBE_TESTS=OFF >/dev/null
cmake --build "$build" -j2 --target jumbe_fuzzers
shopt -s nullglob
fuzzers=("$build"/fuzz/*)
[ ${#fuzzers[@]} -gt 0 ] || { echo "fuzz: no targets built" >&2; exit 1; }
for f in "${fuzzers[@]}"; do
  name=$(basename "$f")
  seeds=tests/fuzz/corpus/$name
  work="$build/fuzz-corpus/$name"
  mkdir -p "$work"
  echo "fuzz: $name for ${seconds}s"
  log="$build/fuzz-corpus/$name.log"
  status=0
  (cd "$build/fuzz" && "./$name" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 "$OLDPWD/$work" $( [ -d "$seeds" ] && echo "$OLDPWD/$seeds" )) \
    >"$log" 2>&1 || status=$?
  grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|INFO: Seed|==[0-9]+==|SUMMARY)' \
    "$log" || true
  if [ "$status" -ne 0 ]; then
    tail -n 60 "$log" >&2
    echo "fuzz: $name FAILED (exit $status; full log $log, reproducer in $build/fuzz/)" >&2
    exit 1
  fi
done
echo "fuzz: ${#fuzzers[@]} target(s) ran clean"
