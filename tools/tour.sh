#!/usr/bin/env bash
# Guided tour of jumbe on simulated hardware. Usage: tools/tour.sh BIN_DIR
# Each step prints what it shows, the command it runs, and the result. It starts four jumbe-sim
# modems (two Safaricom, one Airtel, one Telkom, as config/demo.yaml names them) and jumbed on
# config/demo.yaml, queues messages to numbers of each operator, delivers one SMS from a
# resident, shows where each message went, and stops everything cleanly.
set -euo pipefail
bin=${1:-build/bin}
here=$(cd "$(dirname "$0")/.." && pwd)
demo=/tmp/jumbe-demo
step() { printf '\n\033[1m== %s\033[0m\n' "$1"; }
run() { printf '$ %s\n' "$*"; "$@"; }

step "jumbe $("$bin/jumbe" --version | cut -d' ' -f2): the command line"
run "$bin/jumbe" --help

if [[ ! -x $bin/jumbed || ! -x $bin/jumbe-sim ]]; then
  echo "(jumbed or jumbe-sim not built in $bin: the gateway part of the tour is skipped)"
  exit 0
fi

sim_pid= jumbed_pid=
cleanup() {
  # Stop what this tour started, by pid; leave the demo directory for a look afterwards.
  [[ -n $jumbed_pid ]] && kill -TERM "$jumbed_pid" 2>/dev/null && wait "$jumbed_pid" 2>/dev/null
  [[ -n $sim_pid ]] && kill -TERM "$sim_pid" 2>/dev/null && wait "$sim_pid" 2>/dev/null
  true
}
trap cleanup EXIT

# One JSON request to the simulator's control socket, one JSON line back (docs/jumbe-sim.md).
sim() { printf '%s\n' "$1" | socat -t 5 - UNIX-CONNECT:"$demo/sim.sock"; }

step "Check the demo configuration"
run "$bin/jumbed" --config "$here/config/demo.yaml" --check

step "Start four simulated modems (jumbe-sim) on pseudo-terminals under $demo"
rm -rf "$demo" && mkdir -p "$demo"
cat >"$demo/sim.yaml" <<YAML
modems:
  - {name: saf-1, pty: $demo/modem0, operator: safaricom, profile: generic}
  - {name: saf-2, pty: $demo/modem1, operator: safaricom, profile: huawei}
  - {name: airtel-1, pty: $demo/modem2, operator: airtel, profile: simcom}
  - {name: telkom-1, pty: $demo/modem3, operator: telkom, profile: quectel}
YAML
printf '$ %s\n' "$bin/jumbe-sim --config $demo/sim.yaml --control $demo/sim.sock --send-latency-ms 300 &"
"$bin/jumbe-sim" --config "$demo/sim.yaml" --control "$demo/sim.sock" --send-latency-ms 300 \
  2>"$demo/sim.log" &
sim_pid=$!
for _ in $(seq 100); do [[ -S $demo/sim.sock && -e $demo/modem3 ]] && break; sleep 0.1; done

step "Start jumbed on config/demo.yaml (its log: $demo/jumbed.log)"
printf '$ %s\n' "$bin/jumbed --config config/demo.yaml &"
"$bin/jumbed" --config "$here/config/demo.yaml" 2>"$demo/jumbed.log" &
jumbed_pid=$!
for _ in $(seq 300); do grep -q "ready in" "$demo/jumbed.log" 2>/dev/null && break; sleep 0.1; done
grep -E "starting|ready in" "$demo/jumbed.log" | sed 's/^/  /'

step "Queue messages to residents on each network (jumbed --enqueue: a test path until the API)"
for to in 0712000101 0722000102 0733000103 0750000104 0771000105; do
  run "$bin/jumbed" --config "$here/config/demo.yaml" --enqueue "$to" \
    --text "Maji yatakatika kesho 8am-2pm. Kaunti ya Nakuru." --priority normal
done
run "$bin/jumbed" --config "$here/config/demo.yaml" --enqueue 0712000106 \
  --text "Bulk notice" --priority bulk --count 12

step "A resident texts the gateway (the simulator delivers an SMS to saf-1)"
run sim '{"cmd":"deliver","modem":"saf-1","from":"+254712000777","text":"REPORT maji imekatika Lanet"}'

sleep 6
step "Where the messages went: jumbed's routing log (numbers show only their last 3 digits)"
grep -E "\-> modem|inbound [0-9]+ from|sent$" "$demo/jumbed.log" | sed 's/^.*\] /  /' | head -30

step "What each simulated modem actually sent"
for m in saf-1 saf-2 airtel-1 telkom-1; do
  n=$(sim "{\"cmd\":\"sent\",\"modem\":\"$m\"}" | grep -o '"to"' | wc -l)
  printf '  %-9s %s segment(s)\n' "$m" "$n"
done

step "Stop jumbed (SIGTERM: modems finish their command in flight, results are stored)"
kill -TERM "$jumbed_pid"
wait "$jumbed_pid" && echo "  jumbed exited 0"
jumbed_pid=
tail -2 "$demo/jumbed.log" | sed 's/^/  /'
