#!/usr/bin/env bash
# Mirror benchmarks (docs/mirror.md). Needs squid, apache2-utils, python3, curl, hyperfine; run from the repo root.
#   1. throughput through squid: universe mirror vs curl through the same squid, same files
#   2. no-change re-mirror of a 1,000-artifact bundle
#   3. a 1 GiB blob mirrored, peak RSS
#   4. --dry-run --selected --dcos-version 2.0 over ../shared/universe-upstream
set -euo pipefail
ROOT=$(pwd); WORK=$(mktemp -d /tmp/mirror-bench-XXXX); chmod 755 "$WORK"; trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$WORK"' EXIT
dotnet build src/Universe.Builder -c Release -v q >/dev/null
U="dotnet src/Universe.Builder/bin/Release/net10.0/universe.dll"
uptime
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
ORIGIN=$(free_port); PROXY=$(free_port)
mkdir -p "$WORK/www/many" "$WORK/squid" "$WORK/tree/repo/packages/B/bench/0" "$WORK/tree1000/repo/packages/M/many/0"
for i in $(seq 1 8); do head -c 64M /dev/urandom > "$WORK/www/f$i.bin"; done
for i in $(seq 1 1000); do echo "artifact $i" > "$WORK/www/many/a$i.txt"; done
head -c 1G /dev/urandom > "$WORK/www/big.bin"
(cd "$WORK/www" && exec python3 -m http.server "$ORIGIN" --bind 127.0.0.1 >/dev/null 2>&1) &
htpasswd -bc "$WORK/squid/passwd" bench b3nch >/dev/null 2>&1
cat > "$WORK/squid/squid.conf" <<CONF
http_port 127.0.0.1:$PROXY
pid_filename $WORK/squid/squid.pid
cache_effective_user proxy
cache deny all
access_log none
cache_log $WORK/squid/cache.log
cache_store_log none
coredump_dir $WORK/squid
shutdown_lifetime 1 seconds
dns_nameservers 127.0.0.1
hosts_file /etc/hosts
pinger_enable off
udp_incoming_address 127.0.0.1
udp_outgoing_address 127.0.0.1
auth_param basic program /usr/lib/squid/basic_ncsa_auth $WORK/squid/passwd
auth_param basic children 2 startup=1 idle=1
acl localnet src 127.0.0.0/8
acl authed proxy_auth REQUIRED
http_access deny !localnet
http_access allow authed
http_access deny all
CONF
chown -R proxy:proxy "$WORK/squid"; squid -N -f "$WORK/squid/squid.conf" & sleep 1
echo bench:b3nch > "$WORK/creds"
pkg() { # dir name uris-json
  printf '{"packagingVersion":"4.0","name":"%s","version":"1.0","maintainer":"b@x","description":"b","tags":["b"]}' "$2" > "$1/package.json"
  printf '{"assets":{"uris":%s}}' "$3" > "$1/resource.json"; echo '{"id":"/x"}' > "$1/marathon.json.mustache"; }
pkg "$WORK/tree/repo/packages/B/bench/0" bench "{$(for i in $(seq 1 8); do printf '"f%s":"http://127.0.0.1:%s/f%s.bin",' $i $ORIGIN $i; done | sed 's/,$//')}"
pkg "$WORK/tree1000/repo/packages/M/many/0" many "{$(for i in $(seq 1 1000); do printf '"a%s":"http://127.0.0.1:%s/many/a%s.txt",' $i $ORIGIN $i; done | sed 's/,$//')}"
echo "== 1. throughput through squid (8 x 64 MiB)"
hyperfine -N --runs 3 --prepare "rm -rf $WORK/b1" \
  "$U mirror --source $WORK/tree --out $WORK/b1 --proxy http://127.0.0.1:$PROXY --proxy-credentials-file $WORK/creds --jobs 8" \
  "bash -c 'for i in 1 2 3 4 5 6 7 8; do curl -s -o /dev/null -x http://127.0.0.1:$PROXY -U bench:b3nch http://127.0.0.1:$ORIGIN/f\$i.bin & done; wait'"
echo "== 2. no-change re-mirror, 1,000 artifacts"
$U mirror --source "$WORK/tree1000" --out "$WORK/b2" --jobs 16 >/dev/null
hyperfine -N --warmup 1 --runs 5 "$U mirror --source $WORK/tree1000 --out $WORK/b2 --jobs 16"
echo "== 3. 1 GiB blob, peak RSS"
pkg "$WORK/tree/repo/packages/B/bench/0" bench "{\"big\":\"http://127.0.0.1:$ORIGIN/big.bin\"}"
/usr/bin/time -v $U mirror --source "$WORK/tree" --out "$WORK/b3" 2>&1 | grep -E "Maximum resident|Elapsed"
echo "== 4. dry run over the upstream tree"
hyperfine -N --warmup 1 --runs 5 "$U mirror --source $ROOT/../shared/universe-upstream --selected --dcos-version 2.0 --dry-run --no-head"
$U mirror --source "$ROOT/../shared/universe-upstream" --selected --dcos-version 2.0 --dry-run --no-head | grep -E "^Plan|^HTTP|^Images"
$U mirror --source "$ROOT/../shared/universe-upstream" --selected --dcos-version 1.10 --dry-run --no-head | grep -cE "^Fallback" | sed 's/^/fallbacks for 1.10: /'
$U mirror --source "$ROOT/../shared/universe-upstream" --selected --dcos-version 1.10 --dry-run --no-head | grep -E "^Plan"
uptime
