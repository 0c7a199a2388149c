#!/usr/bin/env bash
# Guided tour of jumbe on simulated hardware. Usage: tools/tour.sh BIN_DIR
# Each step prints what it shows, the command it runs, and the result. It starts four jumbe-sim
# modems (two Safaricom, one Airtel, one Telkom, as config/demo.yaml names them) and jumbed on
# config/demo.yaml, then drives it through the API with the jumbe CLI and curl: status, a
# verification code followed to "sent", messages routed by operator, a group alert with live
# progress, a Kannel-style request, a resident's SMS in the inbox, a USSD balance check, the event
# log and metrics; it stops everything cleanly.
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

export JUMBE_SOCKET=$demo/jumbe.sock  # the CLI's socket (config/demo.yaml api.socket)
jumbe() { printf '$ jumbe %s\n' "$*"; "$bin/jumbe" "$@"; }

step "The gateway as the operator sees it (GET /v1/status and /v1/modems on the unix socket)"
jumbe status
sleep 2  # the first health poll fills in signal and network
jumbe modems

step "An integrator sends a verification code: high priority, valid 5 minutes, followed to the end"
jumbe send --to 0712000101 --text "Nambari yako ya uthibitisho ni 482913" --priority high \
  --valid-for 5m --wait --timeout 60s

step "Messages to residents on each network: each goes out on a modem of the recipient's operator"
for to in 0722000102 0733000103 0750000104 0771000105; do
  jumbe send --to "$to" --text "Maji yatakatika kesho 8am-2pm. Kaunti ya Nakuru."
done

step "The chief's alert to the LANET group, with live progress from the event stream"
jumbe groups add LANET 0712000201 0712000202 0733000203 0750000204 0771000205 0722000206
jumbe broadcast --group LANET --text "Baraza kesho saa nne asubuhi, ofisi ya chifu Lanet." \
  --follow

step "A system that speaks Kannel (RapidPro, playSMS) switches by changing its URL"
url="http://127.0.0.1:8725/cgi-bin/sendsms?username=demo&password=demo-password"
url+="&to=%2B254712000301&text=Karibu+kwenye+huduma&dlr-mask=3"
printf '$ curl -s "%s"\n' "$url"
curl -s "$url"
echo

step "A resident texts the gateway; it waits in the inbox until an integrator acknowledges it"
run sim '{"cmd":"deliver","modem":"saf-1","from":"+254712000777","text":"REPORT maji imekatika Lanet"}'
for _ in $(seq 50); do
  "$bin/jumbe" inbox --json 2>/dev/null | grep -q "maji imekatika" && break
  sleep 0.2
done
jumbe inbox --ack

step "USSD: check saf-1's airtime balance (the simulator plays the network's menu)"
jumbe ussd --modem saf-1 '*144#'

step "The durable event log, the same one integrators follow by SSE or webhooks"
printf '$ jumbe watch --since 0 --kinds inbound,delivery,ussd   (2 seconds of it)\n'
timeout 2 "$bin/jumbe" watch --since 0 --kinds inbound,delivery,ussd | tail -8 || true

step "Prometheus metrics (GET /metrics; a few lines)"
printf '$ curl -s -H "Authorization: Bearer ..." http://127.0.0.1:8725/metrics | grep ...\n'
curl -s -H "Authorization: Bearer demo-token-not-for-production" http://127.0.0.1:8725/metrics |
  grep -E '^jumbe_(messages_sent_total|modem_signal_dbm)|^jumbe_queue_depth\{state="queued"' |
  sed 's/^/  /'

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
