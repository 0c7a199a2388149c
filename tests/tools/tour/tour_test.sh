#!/usr/bin/env bash
# The README's first command ends in tools/tour.sh: run it against this build and check that every
# scenario it shows still happens (exit 0 and one line per step that proves it).
# Usage: tour_test.sh REPO_DIR BIN_DIR
set -uo pipefail
repo=$1 bin=$2
out=$(bash "$repo/tools/tour.sh" "$bin" 2>&1)
rc=$?
fail=0
if [[ $rc -ne 0 ]]; then
  echo "tour.sh exited $rc"
  fail=1
fi
for want in \
  "Modems:   4 of 4 ready" \
  "+254712000101: sent (saf-1)" \
  "queued #5 to +254771000105" \
  "added 6 of 6 to LANET" \
  "6/6  sent 6" \
  "0: Accepted for delivery" \
  "REPORT maji imekatika Lanet" \
  "acknowledged up to #1" \
  "Your balance is KES" \
  "jumbe_messages_sent_total" \
  "jumbed exited 0"; do
  if ! grep -qF -- "$want" <<<"$out"; then
    echo "missing from the tour's output: $want"
    fail=1
  fi
done
if [[ $fail -ne 0 ]]; then
  echo "---- tour output ----"
  echo "$out"
  echo "---- jumbed log ----"
  cat /tmp/jumbe-demo/jumbed.log 2>/dev/null
fi
exit $fail
