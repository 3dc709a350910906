-- wrk script: POST /package/search with Cosmos's media types.
-- wrk -t2 -c32 -d20s -s bench/search.lua http://127.0.0.1:7070
-- Query: set SEARCH_QUERY in the environment (default "kafka").
wrk.method = "POST"
wrk.path = "/package/search"
wrk.headers["Accept"] = "application/vnd.dcos.package.search-response+json;charset=utf-8;version=v1"
wrk.headers["Content-Type"] = "application/vnd.dcos.package.search-request+json;charset=utf-8;version=v1"
local query = os.getenv("SEARCH_QUERY") or "kafka"
wrk.body = '{"query":"' .. query .. '"}'

function done(summary, latency, requests)
  io.write(string.format("p50 %.2f ms, p99 %.2f ms, %d requests, %d non-2xx\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.requests, summary.errors.status))
end
