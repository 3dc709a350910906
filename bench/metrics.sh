#!/usr/bin/env bash
# /metrics (Marathon JSON) and /metrics/prometheus of a standalone Runtime with 100 apps x 2 simulated tasks, after
# 10 s of GET /v2/apps load (so the HTTP timers hold full reservoirs): wrk throughput and latency of each endpoint.
# Build first: dotnet build Universe.sln -c Release. Rerun: bench/metrics.sh   (DURATION=10s CONNECTIONS=8 to change)
set -euo pipefail
cd "$(dirname "$0")/.."
dll=${RUNTIME_DLL:-src/Runtime/Host/bin/Release/net10.0/Universe.Runtime.Host.dll}
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
data=$(mktemp -d)
dotnet "$dll" --urls "http://127.0.0.1:$port" --Runtime:DataDirectory="$data" --Runtime:LocalAgent:Enabled=false \
  --Runtime:SimulatedAgents:Count=4 --Runtime:SimulatedAgents:Resources='cpus:64;mem:262144;disk:100000;ports:[31000-32000]' \
  --Logging:LogLevel:Default=Warning >/dev/null 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$data"' EXIT
until curl -sf "http://127.0.0.1:$port/ping" >/dev/null; do sleep 0.1; done
apps=$(python3 -c 'import json; print(json.dumps({"id":"/bench","apps":[{"id":"/bench/a%d"%i,"cmd":"sleep 1000","cpus":0.01,"mem":8,"instances":2} for i in range(100)]}))')
curl -sf -X PUT "http://127.0.0.1:$port/v2/groups/bench" -H 'Content-Type: application/json' -d "$apps" >/dev/null
until [[ $(curl -s "http://127.0.0.1:$port/metrics" | jq '.gauges["marathon.instances.running.gauge"].value') == 200 ]]; do sleep 0.2; done
duration=${DURATION:-10s}; connections=${CONNECTIONS:-8}
echo "load: $(uptime | sed 's/.*load average/load average/')"
for path in v2/apps metrics metrics/prometheus; do
  printf '%-20s ' "/$path"
  wrk -t2 -c"$connections" -d"$duration" --latency "http://127.0.0.1:$port/$path" | awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} END {printf "%s req/s, p50 %s, p99 %s\n", rps, p50, p99}'
done
printf 'JSON %s bytes, %s timers; Prometheus %s bytes\n' "$(curl -s "http://127.0.0.1:$port/metrics" | wc -c)" \
  "$(curl -s "http://127.0.0.1:$port/metrics" | jq '.timers | length')" "$(curl -s "http://127.0.0.1:$port/metrics/prometheus" | wc -c)"
