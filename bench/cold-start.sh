#!/usr/bin/env bash
# Cold start: launch Cosmos with the upstream tree as its default repository, poll until repository/list says ok with 1235 packages.
port=${PORT:-17171}
data=$(mktemp -d)
start=$(date +%s.%N)
dotnet ${COSMOS_DLL:?build first: dotnet build src/Cosmos -c Release --artifacts-path /tmp/rel, then COSMOS_DLL=/tmp/rel/bin/Cosmos/release/Universe.Cosmos.dll} --urls http://127.0.0.1:$port --Cosmos:DataDirectory=$data \
  --Cosmos:DefaultRepositoryUri=${UNIVERSE_UPSTREAM:-../shared/universe-upstream} --Logging:LogLevel:Default=Warning >/dev/null 2>&1 &
pid=$!
first=""
while true; do
  out=$(curl -s -X POST http://127.0.0.1:$port/package/repository/list -H 'Content-Type: application/vnd.dcos.package.repository.list-request+json;charset=utf-8;version=v1' -H 'Accept: application/vnd.dcos.package.repository.list-response+json;charset=utf-8;version=v1' -d '{}' 2>/dev/null)
  if [[ -n $out && -z $first ]]; then first=$(date +%s.%N); fi
  if grep -q '"state":"ok"' <<<"$out"; then break; fi
  sleep 0.02
done
ready=$(date +%s.%N)
# search must answer with the whole corpus
n=$(curl -s -X POST http://127.0.0.1:$port/package/search -H 'Content-Type: application/vnd.dcos.package.search-request+json;charset=utf-8;version=v1' -H 'Accept: application/vnd.dcos.package.search-response+json;charset=utf-8;version=v1' -d '{"query":""}' | grep -o '"name"' | wc -l)
kill $pid; wait $pid 2>/dev/null; rm -rf $data
printf 'first answer %.2f s, loaded %.2f s, search hits %s\n' $(echo "$first - $start" | bc) $(echo "$ready - $start" | bc) $n
