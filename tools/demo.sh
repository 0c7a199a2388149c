#!/usr/bin/env bash
# The README's first command: installs dependencies, builds, and runs the guided tour on the
# embedded default (no modems or SIM cards needed). The tour grows as the gateway does.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/install-deps.sh
cmake -S . -B build -G Ninja >/dev/null
cmake --build build -j2
exec bash tools/tour.sh build/bin
