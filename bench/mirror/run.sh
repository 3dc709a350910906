#!/usr/bin/env bash
# Mirror benchmarks (docs/mirror.md). Needs squid, apache2-utils, curl, hyperfine, python3 (free ports); run from the
# repo root. Usage: bench/mirror/run.sh [all|startup|throughput|remirror|rss|dryrun]... (default: all)
#   startup    : .NET start-up of the published `universe` (universe --version), to read the other figures with
#   throughput : universe mirror vs curl through the same squid (basic auth), same 8 x 64 MiB files, same parallelism
#                (--jobs 8 vs 8 curl processes), both writing to the same disk; side by side in one hyperfine run
#   remirror   : no-change re-mirror of a 1,000-artifact bundle (conditional requests only)
#   rss        : a 1 GiB blob mirrored, peak RSS
#   dryrun     : --dry-run --selected --dcos-version 2.0 over ../shared/universe-upstream
# The origin is bench/Mirror.Origin: Kestrel static files (multi-threaded, sendfile, ETag/Last-Modified/Range/304),
# so neither side is held back by a slow origin. Environment: RUNS (default 5), JOBS (default 8).
set -euo pipefail
ROOT=$(pwd); WORK=$(mktemp -d /tmp/mirror-bench-XXXX); chmod 755 "$WORK"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
SECTIONS=("$@"); [ ${#SECTIONS[@]} -eq 0 ] && SECTIONS=(all)
want() { for s in "${SECTIONS[@]}"; do [ "$s" = all ] || [ "$s" = "$1" ] && return 0; done; return 1; }
RUNS=${RUNS:-5}; JOBS=${JOBS:-8}

dotnet publish src/Universe.Builder -c Release -r linux-x64 -o "$WORK/universe" -v q >/dev/null   # ReadyToRun single file (see the csproj)
dotnet build bench/Mirror.Origin -c Release -v q >/dev/null
U="$WORK/universe/universe"
echo "load average: $(cat /proc/loadavg)"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
mkdir -p "$WORK/www/many" "$WORK/squid" "$WORK/tree/repo/packages/B/bench/0" "$WORK/tree1000/repo/packages/M/many/0" \
  "$WORK/treebig/repo/packages/B/big/0"
dotnet bench/Mirror.Origin/bin/Release/net10.0/Mirror.Origin.dll "$WORK/www" "$WORK/origin.port" & PIDS+=($!)
for _ in $(seq 1 100); do [ -s "$WORK/origin.port" ] && break; sleep 0.1; done
ORIGIN=$(cat "$WORK/origin.port"); PROXY=$(free_port)

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
chown -R proxy:proxy "$WORK/squid"; squid -N -f "$WORK/squid/squid.conf" & PIDS+=($!)
for _ in $(seq 1 50); do (echo > /dev/tcp/127.0.0.1/$PROXY) 2>/dev/null && break; sleep 0.1; done
echo bench:b3nch > "$WORK/creds"
pkg() { # dir name uris-json
  printf '{"packagingVersion":"4.0","name":"%s","version":"1.0","maintainer":"b@x","description":"b","tags":["b"]}' "$2" > "$1/package.json"
  printf '{"assets":{"uris":%s}}' "$3" > "$1/resource.json"; echo '{"id":"/x"}' > "$1/marathon.json.mustache"; }

if want startup; then
  echo "== start-up: universe --version (the published binary, as the other sections run it)"
  hyperfine -N --warmup 2 --runs 20 "$U --version"
fi

if want throughput; then
  for i in $(seq 1 8); do head -c 64M /dev/urandom > "$WORK/www/f$i.bin"; done
  pkg "$WORK/tree/repo/packages/B/bench/0" bench "{$(for i in $(seq 1 8); do printf '"f%s":"http://127.0.0.1:%s/f%s.bin",' $i $ORIGIN $i; done | sed 's/,$//')}"
  cat > "$WORK/curl.sh" <<SH
#!/usr/bin/env bash
# $JOBS curl processes at once (the mirror's --jobs), each writing its file to disk like the mirror does
mkdir -p $WORK/c
printf '%s\n' 1 2 3 4 5 6 7 8 | xargs -P $JOBS -I{} curl -sSf -o $WORK/c/f{}.bin -x http://127.0.0.1:$PROXY -U bench:b3nch http://127.0.0.1:$ORIGIN/f{}.bin
SH
  cat > "$WORK/curl-fsync.sh" <<SH
#!/usr/bin/env bash
# the same, then each file fsynced (coreutils sync FILE...), as the mirror makes every blob durable before it counts it
"$WORK/curl.sh" && sync $WORK/c/f*.bin
SH
  chmod +x "$WORK/curl.sh" "$WORK/curl-fsync.sh"
  echo "== throughput through squid: 8 x 64 MiB, --jobs $JOBS vs $JOBS curl processes, both to disk (load: $(cut -d' ' -f1-3 /proc/loadavg))"
  hyperfine -N --warmup 1 --runs "$RUNS" --prepare "rm -rf $WORK/b1 $WORK/c" --export-json "$WORK/throughput.json" \
    "$U mirror --source $WORK/tree --out $WORK/b1 --proxy http://127.0.0.1:$PROXY --proxy-credentials-file $WORK/creds --jobs $JOBS" \
    "$WORK/curl.sh" "$WORK/curl-fsync.sh"
  python3 - "$WORK/throughput.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
m, c, d = r[0]["median"], r[1]["median"], r[2]["median"]
print(f"median: mirror {m:.3f} s ({512/m:.0f} MiB/s), curl {c:.3f} s ({512/c:.0f} MiB/s): mirror reaches {100*c/m:.0f}% of curl")
print(f"median: curl then fsync of its files {d:.3f} s ({512/d:.0f} MiB/s): mirror reaches {100*d/m:.0f}% of durable curl")
PY
  rm -rf "$WORK/b1" "$WORK/c"
fi

if want remirror; then
  for i in $(seq 1 1000); do echo "artifact $i" > "$WORK/www/many/a$i.txt"; done
  pkg "$WORK/tree1000/repo/packages/M/many/0" many "{$(for i in $(seq 1 1000); do printf '"a%s":"http://127.0.0.1:%s/many/a%s.txt",' $i $ORIGIN $i; done | sed 's/,$//')}"
  "$U" mirror --source "$WORK/tree1000" --out "$WORK/b2" --jobs 16 >/dev/null
  echo "== no-change re-mirror, 1,000 artifacts, --jobs 16 (load: $(cut -d' ' -f1-3 /proc/loadavg))"
  hyperfine -N --warmup 1 --runs "$RUNS" "$U mirror --source $WORK/tree1000 --out $WORK/b2 --jobs 16"
  /usr/bin/time -f "one run: %e s wall, %U s user + %S s sys CPU, %M KB peak RSS" "$U" mirror --source "$WORK/tree1000" --out "$WORK/b2" --jobs 16 | tail -1
  echo "== the same through squid (conditional requests through the proxy)"
  hyperfine -N --warmup 1 --runs "$RUNS" "$U mirror --source $WORK/tree1000 --out $WORK/b2 --jobs 16 --proxy http://127.0.0.1:$PROXY --proxy-credentials-file $WORK/creds"
fi

if want rss; then
  head -c 1G /dev/urandom > "$WORK/www/big.bin"
  pkg "$WORK/treebig/repo/packages/B/big/0" big "{\"big\":\"http://127.0.0.1:$ORIGIN/big.bin\"}"
  echo "== 1 GiB blob, peak RSS (load: $(cut -d' ' -f1-3 /proc/loadavg))"
  /usr/bin/time -v "$U" mirror --source "$WORK/treebig" --out "$WORK/b3" 2>&1 | grep -E "Maximum resident|Elapsed"
  rm -f "$WORK/www/big.bin"; rm -rf "$WORK/b3"
fi

if want dryrun; then
  echo "== dry run over the upstream tree (load: $(cut -d' ' -f1-3 /proc/loadavg))"
  hyperfine -N --warmup 1 --runs "$RUNS" "$U mirror --source $ROOT/../shared/universe-upstream --selected --dcos-version 2.0 --dry-run --no-head"
  "$U" mirror --source "$ROOT/../shared/universe-upstream" --selected --dcos-version 2.0 --dry-run --no-head | grep -E "^Plan|^HTTP|^Images"
  "$U" mirror --source "$ROOT/../shared/universe-upstream" --selected --dcos-version 1.10 --dry-run --no-head | grep -cE "^Fallback" | sed 's/^/fallbacks for 1.10: /'
  "$U" mirror --source "$ROOT/../shared/universe-upstream" --selected --dcos-version 1.10 --dry-run --no-head | grep -E "^Plan"
fi
echo "load average: $(cat /proc/loadavg)"
