#!/usr/bin/env bash
# Builds and runs every benchmark (Release build in build-bench/). Figures go to stdout; record
# them in docs/benchmarks.md with this command. Usage: tests/bench/run.sh [FILTER]
set -euo pipefail
cd "$(dirname "$0")/../.."
filter=${1:-}
cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DJUMBE_BENCH=ON -DJUMBE_TESTS=OFF >/dev/null
cmake --build build-bench -j2 --target jumbe_benchmarks all
for b in build-bench/bench/*; do
  name=$(basename "$b")
  [ -z "$filter" ] || [[ "$name" == *"$filter"* ]] || continue
  echo "=== $name"
  "$b"
done
