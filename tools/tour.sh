#!/usr/bin/env bash
# Guided tour of jumbe on simulated hardware. Usage: tools/tour.sh BIN_DIR
# Each step prints what it shows, the command it runs, and the result.
set -euo pipefail
bin=${1:-build/bin}
step() { printf '\n\033[1m== %s\033[0m\n' "$1"; }
run() { printf '$ %s\n' "$*"; "$@"; }

step "jumbe $("$bin/jumbe" --version | cut -d' ' -f2): the command line"
run "$bin/jumbe" --help
