#!/usr/bin/env bash
# The README's test command: installs dependencies, builds everything in build/, runs every test.
# Ends with ctest's summary; exits non-zero if a test fails or if no test ran.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/install-deps.sh
cmake -S . -B build -G Ninja -DJUMBE_TESTS=ON
cmake --build build -j2
ctest --test-dir build --output-on-failure -j2 --no-tests=error
