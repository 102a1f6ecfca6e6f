#!/usr/bin/python3
"""health-check against real servers on loopback: the project's fault-injecting
server, nginx (plain and TLS) and Prometheus. Each scenario is one CTest case:

  live_checks.py --bin PATH/health-check SCENARIO

Every server binds 127.0.0.1 or ::1 only and is stopped when the scenario
ends; every run of the tool is bounded by a subprocess timeout, and timing
assertions check that deadlines hold within a margin.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "servers"))
import servers  # noqa: E402

BIN = None
FAILURES = []


def run(args, env=None, timeout=60, github=False):
    """Runs health-check; returns (exit code, stdout, stderr, seconds, files)."""
    with tempfile.TemporaryDirectory(prefix="gatekit-hc-") as tmp:
        full_env = dict(os.environ)
        full_env.pop("GITHUB_ACTIONS", None)
        if github:
            full_env.update(GITHUB_ACTIONS="true", GITHUB_OUTPUT=os.path.join(tmp, "output"),
                            GITHUB_STEP_SUMMARY=os.path.join(tmp, "summary"))
        full_env.update(env or {})
        args = [a.replace("{tmp}", tmp) for a in args]
        start = time.monotonic()
        proc = subprocess.run([BIN] + args, capture_output=True, text=True, env=full_env,
                              timeout=timeout, cwd=tmp)
        elapsed = time.monotonic() - start
        files = {}
        for name in os.listdir(tmp):
            with open(os.path.join(tmp, name), encoding="utf-8", errors="replace") as handle:
                files[name] = handle.read()
        return proc.returncode, proc.stdout, proc.stderr, elapsed, files


def expect(condition, what, context=""):
    if condition:
        print("  ok: " + what)
    else:
        print("  FAIL: " + what + ("\n" + context if context else ""))
        FAILURES.append(what)


def run_config(config, extra=(), **kwargs):
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(config, handle)
        path = handle.name
    try:
        return run(["--config", path, "--report-json", "{tmp}/report.json"] + list(extra), **kwargs)
    finally:
        os.unlink(path)


def checks_by_name(files):
    report = json.loads(files["report.json"])
    return report, {check["name"]: check for check in report["checks"]}


def scenario_fault():
    with servers.FaultServer() as server:
        url = server.url
        config = {"defaults": {"timeout": "2s", "retries": 0}, "checks": [
            {"name": "ok", "type": "http", "url": url("/ok"), "json": [{"pointer": "/status", "equals": "ok"}]},
            {"name": "grafana", "type": "http", "url": url("/json/grafana"),
             "json": [{"pointer": "/database", "equals": "ok"}, {"pointer": "/version", "contains": "10."}]},
            {"name": "port", "type": "tcp", "host": "127.0.0.1", "port": server.port},
            {"name": "flaky", "type": "http", "url": url("/flaky/a/2"), "retries": 2, "retry_delay": "100ms"},
            {"name": "degraded", "type": "http", "url": url("/json/degraded"), "severity": "warning"},
        ]}
        code, out, err, _, files = run_config(config, ["--prom-file", "{tmp}/health.prom"])
        expect(code == 0, "healthy endpoints pass (exit 0)", out + err)
        report, checks = checks_by_name(files)
        expect(report["tool"] == "health-check" and report["gate"]["passed"] is True,
               "report has the shape manifest-gen reads")
        expect(checks["flaky"]["attempts"] == 3 and checks["flaky"]["result"] == "passed",
               "a service failing twice passes on the third attempt", json.dumps(checks["flaky"]))
        with urllib.request.urlopen(url("/counter/a"), timeout=5) as answer:
            expect(answer.read().decode().strip() == "3", "the server saw exactly 3 requests")
        expect(checks["degraded"]["result"] == "warning" and report["totals"]["warnings"] == 1,
               "a failing warning-severity check is reported, not gating")
        expect('gatekit_health_check_up{check="port",type="tcp",severity="critical"} 1' in files["health.prom"]
               and "gatekit_health_healthy 1" in files["health.prom"], "metrics file for node_exporter")

        config = {"defaults": {"timeout": "2s", "retries": 0}, "checks": [
            {"name": "reset", "type": "http", "url": url("/reset")},
            {"name": "close", "type": "http", "url": url("/close")},
            {"name": "bad-json", "type": "http", "url": url("/bad-json"),
             "json": [{"pointer": "/status", "equals": "ok"}]},
            {"name": "loop", "type": "http", "url": url("/redirect-loop"), "follow_redirects": True},
            {"name": "redirect-not-followed", "type": "http", "url": url("/redirect/2")},
            {"name": "slow", "type": "http", "url": url("/slow/400"), "max_response_time": "100ms"},
            {"name": "refused", "type": "tcp", "host": "127.0.0.1", "port": servers.free_port()},
            {"name": "flaky-out-of-retries", "type": "http", "url": url("/flaky/b/5"), "retries": 1,
             "retry_delay": "50ms"},
        ]}
        code, out, err, _, files = run_config(config)
        expect(code == 1, "every fault fails the gate (exit 1)", out + err)
        _, checks = checks_by_name(files)
        details = {name: check["detail"] for name, check in checks.items()}
        expect("connection broken" in details["reset"] or "reset" in details["reset"].lower(),
               "a reset connection is named", details["reset"])
        expect("closed the connection without answering" in details["close"], "an empty reply is named",
               details["close"])
        expect("body is not valid JSON" in details["bad-json"], "truncated JSON is named", details["bad-json"])
        expect("redirect loop" in details["loop"], "a redirect loop is named", details["loop"])
        expect(details["redirect-not-followed"].startswith("status 302"),
               "redirects are not followed unless asked", details["redirect-not-followed"])
        expect("slower than the 100 ms allowed" in details["slow"], "max response time", details["slow"])
        expect(details["refused"].startswith("connection refused (Failed to connect to 127.0.0.1 port "), "a closed port is named", details["refused"])
        expect(checks["flaky-out-of-retries"]["attempts"] == 2
               and "status 503" in details["flaky-out-of-retries"], "retries are bounded")


def scenario_deadlines():
    with servers.FaultServer() as server:
        url = server.url
        # One attempt against a server that never answers: the timeout holds.
        code, out, err, elapsed, _ = run(["--url", url("/hang"), "--timeout", "1s", "--retries", "0"])
        expect(code == 1 and "timed out after 1.00 s" in out, "a hanging server times out", out + err)
        expect(0.9 <= elapsed <= 2.0, "the 1 s timeout holds (took %.2f s)" % elapsed)
        # Headers at once, body dribbling: the limit is on the whole exchange.
        code, out, err, elapsed, _ = run(["--url", url("/slow-body/3000"), "--timeout", "500ms", "--retries", "0"])
        expect(code == 1 and "timed out" in out, "a dribbling body times out", out + err)
        expect(elapsed <= 1.5, "the total-time limit holds for a slow body (took %.2f s)" % elapsed)
        # --wait: retry with backoff until the deadline, then stop.
        port = servers.free_port()
        code, out, err, elapsed, _ = run(["--tcp", "127.0.0.1:%d" % port, "--wait", "2s", "--retry-delay", "200ms"])
        expect(code == 1, "nothing listening: fails at the deadline", out + err)
        expect(1.8 <= elapsed <= 3.0, "the 2 s --wait deadline holds (took %.2f s)" % elapsed)
        # --wait outlasts a service that comes up late (fails 4 times first).
        code, out, err, elapsed, _ = run(["--url", url("/flaky/late/4"), "--wait", "10s", "--retry-delay", "100ms"])
        expect(code == 0 and "after 4 failed attempt(s)" in out, "--wait keeps retrying until it passes", out + err)
        expect(elapsed < 5.0, "and stops as soon as it passes (took %.2f s)" % elapsed)
        # Twenty slow endpoints run concurrently: the run takes as long as one.
        code, out, err, elapsed, _ = run(["--url=" + "\n".join(url("/slow/%d" % (700 + i)) for i in range(20))])
        expect(code == 0, "20 slow endpoints pass", out + err)
        expect(elapsed < 2.0, "20 endpoints of 0.7 s each take about 0.7 s, not 14 s (took %.2f s)" % elapsed)
        # Polling: rounds every interval for the duration.
        code, out, err, elapsed, files = run(["--url", url("/ok"), "--interval", "300ms", "--duration", "1s",
                                              "--report-json", "{tmp}/report.json"])
        rounds = json.loads(files["report.json"])["totals"]["rounds"] if "report.json" in files else 0
        expect(code == 0 and rounds >= 3, "polling runs repeated rounds (%d)" % rounds, out + err)
        expect(elapsed <= 2.0, "polling stops after its duration (took %.2f s)" % elapsed)


def scenario_ipv6():
    # A service listening on ::1 only: "localhost" must still work.
    with servers.FaultServer(host="::1") as server:
        local = "http://localhost:%d/ok" % server.port
        code, out, err, _, _ = run(["--url", local, "--retries", "0", "--timeout", "3s"])
        expect(code == 0 and "200 in" in out, "localhost reaches an IPv6-only service", out + err)
        code, out, err, elapsed, _ = run(["--url", local, "--ip-version", "4", "--retries", "0", "--timeout", "3s"])
        expect(code == 1 and "connection refused" in out, "--ip-version 4 does not fall back to IPv6", out + err)
        expect(elapsed < 2.0, "and fails fast (took %.2f s)" % elapsed)
        code, out, err, _, _ = run(["--tcp", "[::1]:%d" % server.port, "--retries", "0"])
        expect(code == 0, "tcp to an IPv6 literal", out + err)


def scenario_nginx():
    with servers.Nginx(tls=True) as nginx:
        https = nginx.url("/health", tls=True)
        code, out, err, elapsed, _ = run(["--url", https, "--retries", "0", "--timeout", "3s"])
        expect(code == 1 and "TLS certificate not trusted" in out,
               "a self-signed certificate fails verification by default", out + err)
        expect(elapsed < 2.0, "and fails fast (took %.2f s)" % elapsed)
        code, out, err, _, _ = run(["--url", https, "--ca-file", nginx.ca_file, "--expect-json", "/status=ok",
                                    "--retries", "0"])
        expect(code == 0, "verification passes with the CA file", out + err)
        config = {"checks": [
            {"name": "plain", "type": "http", "url": nginx.url("/health"), "body_regex": "\"status\": *\"ok\""},
            {"name": "unavailable", "type": "http", "url": nginx.url("/status/503"), "retries": 0},
            {"name": "load", "type": "latency", "url": nginx.url("/health"), "requests": 2000,
             "concurrency": 16, "max_p95": "500ms", "warn_p95": "200ms", "max_error_rate": 1},
            {"name": "load-insecure", "type": "latency", "url": https, "tls_verify": False, "requests": 200,
             "concurrency": 4, "max_p95": "1s"},
        ]}
        code, out, err, _, files = run_config(config)
        _, checks = checks_by_name(files)
        expect(code == 1 and checks["unavailable"]["result"] == "failed" and checks["plain"]["result"] == "passed",
               "plain HTTP against nginx: 200 passes, 503 fails", out + err)
        load = checks["load"]["measurements"]
        expect(checks["load"]["result"] == "passed" and load["requests"] == 2000 and load["errors"] == 0,
               "2000 requests, no errors (%.0f req/s, p95 %.2f ms)" % (load.get("requests_per_second", 0),
                                                                       load["p95_seconds"] * 1e3),
               json.dumps(checks["load"]))
        expect(checks["load-insecure"]["result"] == "passed", "tls_verify false for a latency check",
               json.dumps(checks["load-insecure"]))


def scenario_prometheus():
    with servers.FaultServer(error_share=0.02, latency_ms=120) as app:
        with servers.Prometheus(scrape_targets=[app.target]) as prometheus:
            error_rate = ('sum(rate(http_requests_total{code="500"}[15s])) / '
                          'sum(rate(http_requests_total[15s]))')
            p95 = "histogram_quantile(0.95, sum(rate(http_request_duration_seconds_bucket[15s])) by (le))"
            prometheus.wait_for_samples(error_rate, timeout=30)
            base = prometheus.url("/").rstrip("/")
            config = {"defaults": {"retries": 0, "timeout": "5s"}, "checks": [
                {"name": "prometheus up", "type": "http", "url": prometheus.url("/-/healthy")},
                {"name": "error rate", "type": "prometheus", "url": base, "query": error_rate, "max": 0.01},
                {"name": "p95", "type": "prometheus", "url": base, "query": p95, "max": 0.5, "warn_max": 0.1},
                {"name": "scraped", "type": "prometheus", "url": base, "query": "app_up", "min": 1},
                {"name": "no series", "type": "prometheus", "url": base, "query": "absent_metric_xyz", "max": 1},
                {"name": "bad query", "type": "prometheus", "url": base, "query": "sum(", "max": 1},
            ]}
            code, out, err, _, files = run_config(config)
            _, checks = checks_by_name(files)
            expect(code == 1, "the error-rate rollback trigger fails the gate", out + err)
            expect(checks["error rate"]["result"] == "failed" and " > 0.01" in checks["error rate"]["detail"],
                   "error rate 2% > 1% from real Prometheus data", checks["error rate"]["detail"])
            value = checks["error rate"]["measurements"]["value"]
            expect(0.015 <= value <= 0.025, "the measured error rate is about 0.02 (%.4f)" % value)
            expect(checks["p95"]["result"] == "warning" and "0.12" in checks["p95"]["detail"],
                   "P95 0.12 s: under 500 ms, over the 100 ms warning", checks["p95"]["detail"])
            expect(checks["scraped"]["result"] == "passed", "an instant vector within bounds passes")
            expect(checks["no series"]["detail"] == "the query returned no series (no_data: fail)",
                   "a query with no series fails clearly", checks["no series"]["detail"])
            expect("bad_data" in checks["bad query"]["detail"], "Prometheus's own error is shown",
                   checks["bad query"]["detail"])
            expect(checks["prometheus up"]["result"] == "passed", "Prometheus /-/healthy")


def scenario_secrets():
    with servers.FaultServer() as server:
        config = {"checks": [{"name": "auth", "type": "http",
                              "url": server.url("/require-header/x-api-key/hunter2secret"),
                              "headers": {"X-Api-Key": "${API_KEY}"}, "retries": 0},
                             {"name": "auth-wrong", "type": "http",
                              "url": server.url("/require-header/x-api-key/other") + "?k=${API_KEY}",
                              "headers": {"X-Api-Key": "${API_KEY}"}, "retries": 0}]}
        code, out, err, _, files = run_config(config, ["--summary-markdown", "{tmp}/summary.md"],
                                              env={"API_KEY": "hunter2secret"}, github=True)
        _, checks = checks_by_name(files)
        expect(checks["auth"]["result"] == "passed", "a header taken from the environment is sent", out + err)
        expect(code == 1 and checks["auth-wrong"]["result"] == "failed", "a wrong key fails")
        expect(out.startswith("::add-mask::hunter2secret\n"), "the secret is masked before anything is printed",
               out[:200])
        leaked = [name for name, text in files.items() if "hunter2secret" in text]
        expect(out.count("hunter2secret") == 1 and not leaked and "hunter2secret" not in err,
               "the secret appears nowhere else (stdout, report, summary, outputs)", str(leaked))
        expect("?k=${API_KEY}" in files["report.json"], "targets show the unexpanded reference")
        code, out, err, _, files = run_config(config, env={})
        expect(code == 2 and "environment variable API_KEY is not set" in err and "report.json" not in files,
               "an unset variable is a config error (exit 2, no report)", out + err)
        # A body echoing the secret where the excerpt is cut: no prefix of it survives.
        secret = "hunter2secretvalue0123456789"
        config = {"checks": [{"name": "echo", "type": "http", "retries": 0, "expect_status": "404",
                              "url": server.url("/body/") + "A" * 70 + "?append=${API_KEY}"}]}
        code, out, err, _, files = run_config(config, env={"API_KEY": secret}, github=True)
        leaked = [name for name, text in files.items() if secret[:6] in text]
        expect(code == 1 and secret[:6] not in out.split("\n", 1)[1] and not leaked,
               "a secret cut off in an excerpt leaves no prefix behind", out[:600] + str(leaked))
        # Headers set by the config do not follow a redirect to another origin.
        other = server.url("/headers").replace("127.0.0.1", "localhost")
        config = {"checks": [{"name": "hop", "type": "http", "retries": 0, "follow_redirects": True,
                              "url": server.url("/redirect-to?url=") + urllib.parse.quote(other, safe=""),
                              "headers": {"X-Api-Key": "${API_KEY}"},
                              "json": [{"pointer": "/x-api-key", "equals": "absent"}]}]}
        code, out, err, _, files = run_config(config, env={"API_KEY": "k3y-k3y-k3y"})
        _, checks = checks_by_name(files)
        expect("the body has no /x-api-key" in checks["hop"]["detail"],
               "a configured header is dropped when a redirect changes origin", checks["hop"]["detail"])
        # Host and port from the environment are addresses, not secrets to mask.
        config = {"checks": [{"name": "addr", "type": "http", "retries": 0,
                              "url": "http://${HOST}:${PORT}/ok"}]}
        code, out, err, _, _ = run_config(config, env={"HOST": "127.0.0.1", "PORT": str(server.port)},
                                          github=True)
        expect(code == 0 and "::add-mask::" not in out, "host and port are not masked", out[:300])


def scenario_hostile_answers():
    """What a deployed service (or something in its place) can answer must not
    crash the run, pass a down port, or outlast the timeout."""
    with servers.FaultServer() as server:
        url = server.url
        closed = servers.free_port()
        # A proxy in the environment must not make a closed port look open.
        code, out, err, _, _ = run(["--tcp", "127.0.0.1:%d" % closed, "--retries", "0"],
                                   env={"http_proxy": server.url("/"), "HTTPS_PROXY": server.url("/"),
                                        "ALL_PROXY": server.url("/")})
        expect(code == 1 and "connection refused" in out, "tcp ignores proxy variables", out + err)
        config = {"defaults": {"retries": 0, "timeout": "3s"}, "checks": [
            {"name": "deep", "type": "http", "url": url("/nested/200000"),
             "json": [{"pointer": "/a", "equals": 1}]},
            {"name": "huge index", "type": "http", "url": url("/ok"),
             "json": [{"pointer": "/items/99999999999999999999999", "equals": 1}]},
            {"name": "ok", "type": "http", "url": url("/ok")},
            {"name": "mostly errors", "type": "latency", "url": url("/flaky/lat/19"), "requests": 20,
             "concurrency": 1, "max_p95": "1s"},
            {"name": "bodiless post", "type": "http", "method": "POST", "url": url("/headers"),
             "json": [{"pointer": "/content-length", "equals": "0"}]},
        ]}
        code, out, err, _, files = run_config(config)
        expect(code == 1 and "report.json" in files, "hostile bodies fail checks, not the run", out + err)
        _, checks = checks_by_name(files)
        expect("nests deeper than 256 levels" in checks["deep"]["detail"], "a deeply nested body is refused",
               checks["deep"]["detail"])
        expect("has no /items/99999999999999999999999" in checks["huge index"]["detail"],
               "an index too large for an array is simply absent", checks["huge index"]["detail"])
        expect(checks["ok"]["result"] == "passed", "the other checks still run")
        expect(checks["mostly errors"]["result"] == "failed"
               and "error rate 95.00% > 1%" in checks["mostly errors"]["detail"],
               "a latency check without max_error_rate still fails on errors (default 1%)",
               checks["mostly errors"]["detail"])
        expect(checks["bodiless post"]["result"] == "passed", "a POST without a body sends Content-Length: 0",
               checks["bodiless post"]["detail"])
        # The latency check's timeout bounds the whole batch.
        config = {"checks": [{"name": "slow batch", "type": "latency", "url": url("/slow/400"),
                              "requests": 20, "concurrency": 1, "timeout": "1s", "retries": 0}]}
        code, out, err, elapsed, files = run_config(config)
        _, checks = checks_by_name(files)
        expect(code == 1 and "timeout ended the batch after" in checks["slow batch"]["detail"],
               "a batch cut off by its timeout fails and says so", checks["slow batch"]["detail"])
        expect(elapsed < 2.0, "the 1 s timeout of a latency batch holds (took %.2f s)" % elapsed)
        # A proxy from the environment is used as curl uses it, and "proxy" overrides it.
        dead = "http://127.0.0.1:%d" % servers.free_port()
        config = {"defaults": {"retries": 0, "timeout": "3s"}, "checks": [
            {"name": "via env proxy", "type": "http", "url": url("/ok")},
            {"name": "direct", "type": "http", "url": url("/ok"), "proxy": ""},
            {"name": "via named proxy", "type": "http", "url": "http://upstream.invalid/ok",
             "proxy": server.url("/")}]}
        code, out, err, _, files = run_config(config, env={"http_proxy": dead, "no_proxy": ""})
        _, checks = checks_by_name(files)
        expect(checks["via env proxy"]["result"] == "failed", "http_proxy from the environment is used",
               checks["via env proxy"]["detail"])
        expect(checks["direct"]["result"] == "passed", "\"proxy\": \"\" goes direct", checks["direct"]["detail"])
        expect(checks["via named proxy"]["result"] == "passed", "a named proxy carries the request",
               checks["via named proxy"]["detail"])
        code, out, err, _, _ = run(["--url", url("/ok"), "--proxy", "none", "--retries", "0"],
                                   env={"http_proxy": dead, "no_proxy": ""})
        expect(code == 0, "--proxy none ignores the environment", out + err)
        # A config file that is a FIFO blocks open() forever: the timeout still holds.
        with tempfile.TemporaryDirectory(prefix="gatekit-fifo-") as fifo_dir:
            fifo = os.path.join(fifo_dir, "feature_flags.json")
            os.mkfifo(fifo)
            config = {"checks": [{"name": "config files", "type": "files", "parse": [fifo],
                                  "timeout": "1s", "retries": 0}]}
            code, out, err, elapsed, _ = run_config(config)
            expect(code == 1 and "timed out after 1.00 s" in out, "a blocking file check times out", out + err)
            expect(elapsed < 2.5, "and the run ends (took %.2f s)" % elapsed)
        # A full body is read even past what is kept, so the response time is the download's.
        code, out, err, _, files = run(["--url", url("/size/20000000"), "--retries", "0",
                                        "--report-json", "{tmp}/report.json"])
        report = json.loads(files["report.json"])
        expect(code == 0 and report["checks"][0]["measurements"]["status"] == 200,
               "a 20 MB body is read to its end", out + err)


SCENARIOS = {name[len("scenario_"):]: function for name, function in globals().items()
             if name.startswith("scenario_")}


def main():
    global BIN
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("scenario", choices=sorted(SCENARIOS))
    options = parser.parse_args()
    BIN = os.path.abspath(options.bin)
    print("scenario: " + options.scenario)
    SCENARIOS[options.scenario]()
    if FAILURES:
        print("%d check(s) failed" % len(FAILURES))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
