#!/usr/bin/env bash
# Quick end-to-end throughput measure of jumbed on jumbe-sim without Google Benchmark: queues
# COUNT messages, starts jumbed, waits until the simulated modems sent them all, and prints
# segments/s and utilisation from the simulator's own send time stamps.
# Usage: tests/bench/daemon/measure.sh BIN_DIR MODEMS LATENCY_MS COUNT   (needs socat, python3)
set -u
bin=$(cd "$1" && pwd); shift
n=$1 lat=$2 count=$3
d=/tmp/jd-m; rm -rf $d; mkdir -p $d; cd $d
{ echo "modems:"; for i in $(seq 0 $((n-1))); do echo "  - {name: m$i, pty: $d/modem$i, operator: safaricom}"; done; } > sim.yaml
{ echo "store:"; echo "  path: $d/jumbe.db"; echo "modems:";
  for i in $(seq 0 $((n-1))); do printf '  - name: m%s\n    device: %s/modem%s\n    operator: safaricom\n    profile: generic\n    send_rate: 100000/min\n    burst: 1000\n' $i $d $i; done
  printf 'api:\n  socket: %s/s.sock\n  socket_group: ""\nlogging:\n  level: warn\n  sink: stderr\n' $d; } > j.yaml
$bin/jumbe-sim --config sim.yaml --control $d/sim.sock --send-latency-ms $lat 2>sim.log & sp=$!
sleep 1
$bin/jumbed --config j.yaml --enqueue 0712000001 --text bench --count $count
$bin/jumbed --config j.yaml 2>jd.log & jp=$!
while :; do
  tot=0; for i in $(seq 0 $((n-1))); do c=$(printf '{"cmd":"sent","modem":%s}\n' $i | socat -t 5 - UNIX-CONNECT:$d/sim.sock | grep -o '"to"' | wc -l); tot=$((tot+c)); done
  [ $tot -ge $count ] && break; sleep 1
done
ps -o rss=,time= -p $jp
python3 - $d $n $lat $count <<'PY'
import json,socket,sys
d,n,lat,count=sys.argv[1],int(sys.argv[2]),int(sys.argv[3]),int(sys.argv[4])
ts=[]
for i in range(n):
    s=socket.socket(socket.AF_UNIX); s.connect(d+"/sim.sock"); s.sendall(('{"cmd":"sent","modem":%d}\n'%i).encode())
    buf=b""
    while not buf.endswith(b"\n"): buf+=s.recv(1<<20)
    ts+= [x["time_ms"] for x in json.loads(buf)["sent"]]
span=max(ts)-min(ts)
ideal=(count/n-1)*lat
print(f"modems={n} latency={lat}ms count={count} span={span}ms seg/s={(count-1)*1000/span if span else 0:.1f} utilisation={ideal/span if span and lat else 0:.3f}")
PY
kill -TERM $jp; wait $jp; kill $sp; wait $sp 2>/dev/null
