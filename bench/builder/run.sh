#!/usr/bin/env bash
# Universe.Builder benchmarks: build and validate of the full upstream tree (hyperfine), and wrk on /repo of
# `universe serve` over the bundled universe built output (v5 Accept, dcos/2.0), plus the gzip figure on the full tree.
# Usage: bench/builder/run.sh   (from the repository root; needs hyperfine, wrk, curl; UNIVERSE_UPSTREAM to override the tree)
# Figures: hyperfine's mean ± σ and its range (min … max); on a shared machine read the min and the load average.
# The upstream generator (scripts/gen_universe.py) is not part of ../shared/universe-upstream, so it is not run side by side;
# its figure (about 23 s on this machine class) comes from universe-format.md §3.1.
set -euo pipefail
upstream=${UNIVERSE_UPSTREAM:-../shared/universe-upstream}
out=$(mktemp -d)
trap 'kill ${serve_pid:-} ${serve_full_pid:-} 2>/dev/null || true; rm -rf "$out"' EXIT
dotnet publish src/Universe.Builder -c Release -r linux-x64 -o "$out/bin" >/dev/null
universe="$out/bin/universe"
echo "== load: $(uptime)"

echo "== build of the full upstream tree (validation included; 1,235 revisions, every output), into a fresh directory each run"
hyperfine --warmup 2 --runs 10 --prepare "rm -rf $out/fresh" "$universe build --repository $upstream --out-dir $out/fresh"

echo "== rebuild of the same tree into its previous output (unchanged files are carried over, not rewritten)"
"$universe" build --repository "$upstream" --out-dir "$out/full" >/dev/null
hyperfine --warmup 2 --runs 10 "$universe build --repository $upstream --out-dir $out/full"

echo "== peak memory (fresh, then rebuild)"
rm -rf "$out/fresh"
/usr/bin/time -f "fresh:   peak RSS %M KB, %e s wall, %U s user, %S s sys" "$universe" build --repository "$upstream" --out-dir "$out/fresh" >/dev/null
/usr/bin/time -f "rebuild: peak RSS %M KB, %e s wall, %U s user, %S s sys" "$universe" build --repository "$upstream" --out-dir "$out/full" >/dev/null
echo "== phases of one build (UNIVERSE_TIMINGS=1: wall and CPU per phase)"
UNIVERSE_TIMINGS=1 "$universe" build --repository "$upstream" --out-dir "$out/full" 2>&1 >/dev/null | grep '^timing:' || true

echo "== validate of the full upstream tree (every template rendered with its defaults, Marathon schema checked)"
hyperfine --warmup 1 --runs 5 -i "$universe validate --repository $upstream > /dev/null"
/usr/bin/time -f "validate: peak RSS %M KB, %e s wall, %U s user, %S s sys" "$universe" validate --repository "$upstream" >/dev/null 2>&1 || true

echo "== serve: wrk on /repo over the bundled universe built output"
"$universe" build --repository universe --out-dir "$out/bundled" >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$universe" serve --repository "$out/bundled" --urls "http://127.0.0.1:$port" > /dev/null &
serve_pid=$!
until curl -sf -o /dev/null "http://127.0.0.1:$port/repo-empty-v3.json"; do sleep 0.1; done
accept='application/vnd.dcos.universe.repo+json;charset=utf-8;version=v5,application/vnd.dcos.universe.repo+json;charset=utf-8;version=v4,application/vnd.dcos.universe.repo+json;charset=utf-8;version=v3'
curl -s -o /dev/null -w "body %{size_download} bytes, %{content_type}\n" -H "Accept: $accept" -A dcos/2.0 "http://127.0.0.1:$port/repo"
wrk -t2 -c32 -d20s -H "Accept: $accept" -H "User-Agent: dcos/2.0" "http://127.0.0.1:$port/repo"

echo "== serve: gzip on the full upstream tree (repo-up-to-2.0, about 29 MB raw)"
port2=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$universe" serve --repository "$upstream" --urls "http://127.0.0.1:$port2" > /dev/null &
serve_full_pid=$!
until curl -sf -o /dev/null "http://127.0.0.1:$port2/repo-empty-v3.json"; do sleep 0.2; done
curl -s -o /dev/null -w "gzip body %{size_download} bytes\n" -H "Accept: $accept" -H "Accept-Encoding: gzip" -A dcos/2.0 "http://127.0.0.1:$port2/repo"
wrk -t2 -c32 -d20s -H "Accept: $accept" -H "User-Agent: dcos/2.0" -H "Accept-Encoding: gzip" "http://127.0.0.1:$port2/repo"
echo "== load: $(uptime)"
