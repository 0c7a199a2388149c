#!/usr/bin/env bash
# Installs every build, test and run dependency of jumbe by Debian 12 package name.
# Idempotent: asks dpkg what is already there, runs `apt-get update` at most once, installs only
# what is missing, and prints what it installed. Needs root (or sudo) only when something is missing.
set -euo pipefail

packages=(
  # toolchain and build
  build-essential g++ cmake ninja-build pkg-config git ca-certificates
  clang libclang-rt-14-dev clang-format clang-tidy
  # libraries of docs/architecture.md's table
  libboost1.74-dev libserialport-dev libsqlite3-dev sqlite3 libyaml-cpp-dev libspdlog-dev
  libfmt-dev nlohmann-json3-dev libcli11-dev libphonenumber-dev libsystemd-dev libexpected-dev
  # tests and benchmarks
  libgtest-dev libgmock-dev googletest libbenchmark-dev valgrind socat procps
  # real AT clients that prove jumbe-sim's realism (test-only)
  gammu smstools
  # webhooks and Kannel callbacks over https (daemon/webhooks)
  libssl-dev
  # the guided tour's Kannel and /metrics requests (tools/tour.sh)
  curl
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages already installed"
  exit 0
fi

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: need root to install: ${missing[*]}" >&2; exit 1; }
  sudo_cmd=(sudo)
fi

echo "install-deps: installing ${#missing[@]} package(s): ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# smstools ships an smsd service that would grab serial ports; jumbe's tests run their own smsd.
if command -v systemctl >/dev/null && systemctl is-active --quiet smstools 2>/dev/null; then
  "${sudo_cmd[@]}" systemctl disable --now smstools >/dev/null 2>&1 || true
fi
echo "install-deps: installed: ${missing[*]}"
