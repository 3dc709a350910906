#!/usr/bin/env bash
# Container benchmarks (run as root, after a Release build): cached-image start latency, first pull of a ~100 MB image
# vs skopeo copy, Runtime CPU with 50 idle containers. Usage: bench/containers/bench.sh [N]
# The figures of record come from bench/Containers.Bench (start latency timed on the /v2/events TASK_RUNNING event,
# pull+store / pull+unpack side by side with skopeo and umoci); see docs/containers.md "Figures".
set -euo pipefail
N=${1:-15}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DLL=$ROOT/src/Runtime/Host/bin/Release/net10.0/Universe.Runtime.Host.dll
W=$(mktemp -d /tmp/ctr-bench-XXXX)
free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
REG=$(free_port); API=$(free_port)
cat > $W/reg.yml <<YML
version: 0.1
storage: {filesystem: {rootdirectory: $W/reg}}
http: {addr: 127.0.0.1:$REG}
YML
docker-registry serve $W/reg.yml > $W/reg.log 2>&1 & REGPID=$!
# images: hello (busybox) and big (busybox + 100 MB of random data in its own layer)
umoci init --layout $W/L >/dev/null; umoci new --image $W/L:hello >/dev/null
mkdir -p $W/root/bin $W/root/tmp; cp /bin/busybox $W/root/bin/; for a in sh sleep cat; do ln -s busybox $W/root/bin/$a; done
umoci insert --image $W/L:hello $W/root / >/dev/null
umoci config --image $W/L:hello --config.cmd /bin/sh >/dev/null
mkdir -p $W/big; head -c 100000000 /dev/urandom > $W/big/blob.bin
umoci insert --image $W/L:hello --tag big $W/big /data >/dev/null 2>&1 || { cp -r $W/L $W/L2; umoci insert --image $W/L:hello $W/big /data; }
sleep 1
skopeo copy --quiet --dest-tls-verify=false oci:$W/L:hello docker://127.0.0.1:$REG/library/hello:latest
skopeo copy --quiet --dest-tls-verify=false oci:$W/L:big docker://127.0.0.1:$REG/library/big:latest
start_runtime() {
  dotnet $DLL --urls http://127.0.0.1:$API --Logging:LogLevel:Default=Warning --Runtime:DataDirectory=$W/rt \
    --Runtime:LocalAgent:Enabled=true "--Runtime:LocalAgent:Resources=cpus:8;mem:16384;disk:100000;ports:[24000-24999]" \
    --Runtime:SimulatedAgents:Count=0 --Runtime:Containers:BridgeName=ubench0 --Runtime:Containers:Subnet=10.252.0.0/24 \
    --Runtime:Containers:CgroupParent=universe-bench --Runtime:Registries:docker.io:Mirror=http://127.0.0.1:$REG > $W/rt.log 2>&1 &
  RTPID=$!; until curl -sf localhost:$API/ping >/dev/null; do sleep 0.1; done
}
post() { curl -sf -XPOST -H 'Content-Type: application/json' localhost:$API/v2/apps -d "$1" >/dev/null; }
running() { curl -sf localhost:$API/v2/apps/$1 | python3 -c 'import json,sys;print(json.load(sys.stdin)["app"]["tasksRunning"])'; }
wait_running() { while [ "$(running $1)" != "$2" ]; do sleep 0.005; done; }
delete() { curl -sf -XDELETE "localhost:$API/v2/apps/$1?force=true" >/dev/null; while [ "$(curl -sf localhost:$API/v2/tasks | python3 -c 'import json,sys;print(len(json.load(sys.stdin)["tasks"]))')" != 0 ]; do sleep 0.1; done; }
start_runtime
echo "== 1. first pull of a ~100 MB image (pull + verify + unpack + runc start) vs skopeo copy to an OCI layout"
t0=$(date +%s.%N); post '{"id":"/big","cpus":0.01,"mem":32,"cmd":"exec sleep 600","container":{"type":"DOCKER","docker":{"image":"big"}}}'; wait_running big 1; t1=$(date +%s.%N)
echo "runtime: $(python3 -c "print(round($t1-$t0,2))") s"; delete big
t0=$(date +%s.%N); skopeo copy --quiet --src-tls-verify=false docker://127.0.0.1:$REG/library/big:latest oci:$W/copy:big; t1=$(date +%s.%N)
echo "skopeo copy: $(python3 -c "print(round($t1-$t0,2))") s"
echo "== 2. POST /v2/apps of a DOCKER app with a cached image -> TASK_RUNNING ($N runs)"
post '{"id":"/warm","cpus":0.01,"mem":32,"cmd":"exec sleep 600","container":{"type":"DOCKER","docker":{"image":"hello"}}}'; wait_running warm 1; delete warm
for i in $(seq 1 $N); do
  t0=$(date +%s.%N); post "{\"id\":\"/c$i\",\"cpus\":0.01,\"mem\":32,\"cmd\":\"exec sleep 600\",\"container\":{\"type\":\"DOCKER\",\"docker\":{\"image\":\"hello\"}}}"; wait_running c$i 1; t1=$(date +%s.%N)
  python3 -c "print(round(($t1-$t0)*1000))" >> $W/lat.txt; delete c$i
done
python3 -c "import statistics;v=[int(l) for l in open('$W/lat.txt')];print('ms: median',statistics.median(v),'min',min(v),'max',max(v),'all',v)"
echo "== 3. 50 containers running; Runtime CPU over 30 s"
post '{"id":"/fifty","instances":50,"cpus":0.01,"mem":16,"cmd":"exec sleep 3600","container":{"type":"DOCKER","docker":{"image":"hello"}}}'
wait_running fifty 50; sleep 5
cpu() { awk '{print $14+$15}' /proc/$RTPID/stat; }
c0=$(cpu); sleep 30; c1=$(cpu); echo "runtime CPU: $(python3 -c "print(round(($c1-$c0)/$(getconf CLK_TCK)/30*100,2))") % of one core"
echo "runc list: $(runc --root $W/rt/containers/runc list -q | wc -l) containers"
delete fifty
kill $RTPID; wait $RTPID 2>/dev/null || true; kill $REGPID; ip link del ubench0 2>/dev/null || true
rm -rf $W; uptime
