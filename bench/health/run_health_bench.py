#!/usr/bin/python3
"""health-check's two speed claims, measured against public peers on the same
targets, all on loopback:

1. Concurrency: 50 endpoints answering in 200..249 ms take about as long as
   the slowest one. Peers: `curl --parallel` (the same 50 URLs, 50 at once)
   and a sequential curl loop (what a shell script of `curl -f` lines does).
2. Load: the latency check against nginx, compared with wrk at the same
   connection count and duration-equivalent request count: requests/s and
   p95 (wrk's p95 via its Lua `done` hook, since --latency prints only
   50/75/90/99); then both against the fault server answering in 20 ms,
   where the latency distribution is the server's and the two must agree.

usage: bench/health/run_health_bench.py [--bin build/bin/health-check] [--runs 5]
       [--requests 100000] [--connections 16]
Needs (Debian): hyperfine wrk curl nginx-light; writes bench/out/health/.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True
ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tests", "servers"))
import servers  # noqa: E402

OUT = os.path.join(ROOT, "bench", "out", "health")


def hyperfine(name, commands, runs):
    export = os.path.join(OUT, "hf_%s.json" % name)
    subprocess.run(["hyperfine", "--runs", str(runs), "--warmup", "1", "--export-json", export]
                   + ["--command-name=%s" % label for label, _ in commands][:0]
                   + [command for _, command in commands], check=True, stdout=subprocess.DEVNULL)
    with open(export, encoding="utf-8") as handle:
        results = json.load(handle)["results"]
    return [(label, result["mean"], result["stddev"]) for (label, _), result in zip(commands, results)]


def concurrency(binary, runs):
    with servers.FaultServer() as server:
        urls = [server.url("/slow/%d" % (200 + i)) for i in range(50)]
        config = os.path.join(OUT, "fifty.json")
        with open(config, "w", encoding="utf-8") as handle:
            json.dump({"defaults": {"retries": 0, "timeout": "5s"},
                       "checks": [{"name": "e%d" % i, "type": "http", "url": url} for i, url in enumerate(urls)]},
                      handle)
        url_args = " ".join("'%s'" % url for url in urls)
        commands = [
            ("health-check, 50 checks", "%s --config %s --parallel 64" % (binary, config)),
            ("curl --parallel --parallel-max 50", "curl -sf --parallel --parallel-max 50 -o /dev/null %s"
             % " -o /dev/null ".join("'%s'" % url for url in urls)),
            ("sequential curl -f loop", "for u in %s; do curl -sf -o /dev/null \"$u\"; done" % url_args),
        ]
        return hyperfine("concurrency", commands, runs)


WRK_P95 = """
done = function(summary, latency, requests)
  io.write(string.format("GATEKIT requests=%d errors=%d duration_us=%d p50_us=%d p95_us=%d p99_us=%d\\n",
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""


def load_once(binary, url, requests, connections, label=""):
    """One health-check latency run and one wrk run of about the same length."""
    config = os.path.join(OUT, "load.json")
    with open(config, "w", encoding="utf-8") as handle:
        json.dump({"checks": [{"name": "load", "type": "latency", "url": url, "requests": requests,
                               "concurrency": connections, "timeout": "10s", "retries": 0}]}, handle)
    report = os.path.join(OUT, "load-report.json")
    subprocess.run([binary, "--config", config, "--report-json", report], check=True, stdout=subprocess.DEVNULL)
    with open(report, encoding="utf-8") as handle:
        m = json.load(handle)["checks"][0]["measurements"]
    ours = ("health-check latency, %d conn%s" % (connections, label), m["requests_per_second"], m["p50_seconds"] * 1e3,
            m["p95_seconds"] * 1e3, m["p99_seconds"] * 1e3, m["errors"])
    # wrk runs for a fixed time: the time health-check needed for its requests.
    seconds = max(2, round(m["requests"] / m["requests_per_second"]))
    script = os.path.join(OUT, "p95.lua")
    with open(script, "w", encoding="utf-8") as handle:
        handle.write(WRK_P95)
    proc = subprocess.run(["wrk", "-t1", "-c%d" % connections, "-d%ds" % seconds, "-s", script, url],
                          check=True, capture_output=True, text=True)
    w = dict(item.split("=") for item in re.search(r"GATEKIT (.*)", proc.stdout).group(1).split())
    theirs = ("wrk -t1 -c%d%s" % (connections, label), int(w["requests"]) / (int(w["duration_us"]) / 1e6),
              int(w["p50_us"]) / 1e3, int(w["p95_us"]) / 1e3, int(w["p99_us"]) / 1e3, int(w["errors"]))
    return [ours, theirs]


def load(binary, requests, connections, runs):
    """Rows at one connection (no queueing: the numbers are round trips and
    must agree) and at `connections` (throughput)."""
    rows = []
    with servers.Nginx(tls=False) as nginx:
        url = nginx.url("/health")
        for _ in range(runs):
            rows += load_once(binary, url, requests // 4, 1)
        for _ in range(runs):
            rows += load_once(binary, url, requests, connections)
    # A server that takes 20 ms per answer: the distribution is the server's,
    # so the two tools' percentiles must agree closely.
    with servers.FaultServer() as server:
        for _ in range(runs):
            rows += load_once(binary, server.url("/slow/20"), 2000, 8, ", 20 ms server")
    return rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default=os.path.join(ROOT, "build", "bin", "health-check"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--requests", type=int, default=100000)
    parser.add_argument("--connections", type=int, default=16)
    options = parser.parse_args()
    os.makedirs(OUT, exist_ok=True)
    binary = os.path.abspath(options.bin)
    lines = ["### 50 endpoints, each answering in 200-249 ms (fault server, loopback)", "",
             "| command | mean | stddev |", "| --- | ---: | ---: |"]
    for label, mean, stddev in concurrency(binary, options.runs):
        lines.append("| %s | %.3f s | %.3f s |" % (label, mean, stddev))
    lines += ["", "### Load on nginx /health (1 worker): one connection, then %d" % options.connections, "",
              "| tool | requests/s | p50 | p95 | p99 | errors |", "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for label, rate, p50, p95, p99, errors in load(binary, options.requests, options.connections,
                                                   max(1, options.runs // 2)):
        lines.append("| %s | %.0f | %.3f ms | %.3f ms | %.3f ms | %d |" % (label, rate, p50, p95, p99, errors))
    table = "\n".join(lines) + "\n"
    with open(os.path.join(OUT, "health.md"), "w", encoding="utf-8") as handle:
        handle.write(table)
    print(table)


if __name__ == "__main__":
    main()
