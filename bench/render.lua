-- wrk script: POST /package/render of the newest upstream kafka with its defaults.
-- wrk -t2 -c16 -d20s -s bench/render.lua http://127.0.0.1:7070   (Cosmos serving ../shared/universe-upstream)
wrk.method = "POST"
wrk.path = "/package/render"
wrk.headers["Accept"] = "application/vnd.dcos.package.render-response+json;charset=utf-8;version=v1"
wrk.headers["Content-Type"] = "application/vnd.dcos.package.render-request+json;charset=utf-8;version=v1"
wrk.body = '{"packageName":"' .. (os.getenv("RENDER_PACKAGE") or "kafka") .. '"}'

function done(summary, latency, requests)
  io.write(string.format("p50 %.2f ms, p99 %.2f ms, %d requests, %d non-2xx\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.requests, summary.errors.status))
end
