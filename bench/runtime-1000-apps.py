#!/usr/bin/env python3
"""Loads a running Runtime with 1,000 apps (100 per PUT /v2/apps) for the GET /v2/apps throughput figure.

  dotnet <Universe.Runtime.Host.dll> --urls http://127.0.0.1:17373 --Runtime:DataDirectory=$(mktemp -d) \
    --Runtime:LocalAgent:Enabled=false --Runtime:SimulatedAgents:Count=10 \
    "--Runtime:SimulatedAgents:Resources=cpus:200;mem:400000;disk:100000;ports:[31000-32000]"
  python3 bench/runtime-1000-apps.py 17373
  wrk -t2 -c16 -d10s http://127.0.0.1:17373/v2/apps
"""
import json
import sys
import urllib.request

port = sys.argv[1]
apps = [{"id": f"/bench/app-{i:04d}", "cmd": "sleep 1000", "cpus": 0.1, "mem": 32, "instances": 1,
         "labels": {"team": "t%d" % (i % 7)}, "env": {"X": str(i)}} for i in range(1000)]
for i in range(0, 1000, 100):
    request = urllib.request.Request(f"http://127.0.0.1:{port}/v2/apps", data=json.dumps(apps[i:i + 100]).encode(),
                                     method="PUT", headers={"Content-Type": "application/json"})
    urllib.request.urlopen(request).read()
print(len(json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/v2/apps"))["apps"]), "apps")
