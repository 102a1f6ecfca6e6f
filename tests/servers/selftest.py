#!/usr/bin/python3
"""Self-test of the gatekit test servers. Exit 0 if every check passes, 1 otherwise.

Usage: selftest.py [--no-nginx] [--no-prometheus]
"""

import http.client
import json
import os
import socket
import ssl
import sys
import time
import traceback
import urllib.error
import urllib.request

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from servers import FaultServer, Nginx, Prometheus, ServerError, _port_open  # noqa: E402

RESULTS = []
T0 = time.monotonic()

RATIO_Q = ('sum(rate(http_requests_total{code="500"}[15s])) / '
           'sum(rate(http_requests_total[15s]))')
P95_Q = ('histogram_quantile(0.95, sum(rate(http_request_duration_seconds_bucket[15s])) '
         'by (le))')


RULES = """\
groups:
  - name: selftest
    rules:
      - record: job:error_ratio:15s
        expr: %s
      - alert: HighErrorRate
        expr: job:error_ratio:15s > 0.01
""" % json.dumps(RATIO_Q)


def check(name, fn):
    t = time.monotonic()
    try:
        detail = fn()
        ok = True
    except Exception as e:  # report and continue
        ok = False
        detail = "%s: %s" % (type(e).__name__, e)
        if os.environ.get("SELFTEST_TRACE"):
            traceback.print_exc()
    RESULTS.append(ok)
    print("%s %-44s %6.2fs %s" % ("PASS" if ok else "FAIL", name,
                                  time.monotonic() - t, detail or ""), flush=True)


def expect(cond, msg):
    if not cond:
        raise AssertionError(msg)


def get(url, method="GET", headers=None, data=None, timeout=5):
    """(status, headers, body) without following redirects or raising on 4xx/5xx."""
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *a, **k):
            return None
    opener = urllib.request.build_opener(NoRedirect)
    req = urllib.request.Request(url, method=method, headers=headers or {}, data=data)
    try:
        with opener.open(req, timeout=timeout) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def raw(port, request, timeout=3, host="127.0.0.1"):
    """Send raw bytes, return everything read until EOF (may raise)."""
    s = socket.create_connection((host, port), timeout=timeout)
    try:
        s.sendall(request)
        out = b""
        while True:
            d = s.recv(65536)
            if not d:
                return out
            out += d
    finally:
        s.close()


# ---------------------------------------------------------------- fault server
def fault_checks(fs):
    u = fs.url
    p = fs.port

    def ok():
        st, h, b = get(u("/ok?x=1"))
        expect(st == 200 and json.loads(b) == {"status": "ok"}, (st, b))
        expect(h["Content-Type"] == "application/json", h["Content-Type"])
        return b.decode()
    check("GET /ok", ok)

    def head_post():
        st, h, b = get(u("/ok"), method="HEAD")
        expect(st == 200 and b == b"" and h["Content-Length"] == "15", (st, b, h["Content-Length"]))
        st, h, b = get(u("/ok"), method="POST", data=b"payload")
        expect(st == 200 and json.loads(b)["status"] == "ok", (st, b))
    check("HEAD /ok, POST /ok", head_post)

    def status():
        for code in (200, 204, 418, 500, 503):
            st, _, b = get(u("/status/%d" % code))
            expect(st == code, (code, st))
            if code != 204:
                expect(b == b"status %d" % code, b)
    check("/status/<code>", status)

    def flaky():
        sts = []
        for _ in range(4):
            st, _, b = get(u("/flaky/k1/2"))
            sts.append(st)
        expect(sts == [503, 503, 200, 200], sts)
        expect(json.loads(b) == {"status": "ok", "attempt": 4}, b)
        st, _, b = get(u("/counter/k1"))
        expect(st == 200 and b == b"4", b)
        expect(get(u("/counter/other"))[2] == b"0", "other key")
        expect(get(u("/reset-counters"))[0] == 200, "reset")
        expect(get(u("/counter/k1"))[2] == b"0", "after reset")
        expect(get(u("/flaky/k1/1"))[0] == 503, "flaky restarts after reset")
        return "503,503,200,200; counter=4; reset ok"
    check("/flaky + /counter + /reset-counters", flaky)

    def keepalive():
        c = http.client.HTTPConnection("127.0.0.1", p, timeout=5)
        c.request("GET", "/ok")
        r = c.getresponse()
        r.read()
        sock1, lport1 = c.sock, c.sock.getsockname()[1]
        c.request("GET", "/status/500")
        r2 = c.getresponse()
        r2.read()
        expect(c.sock is sock1 and c.sock.getsockname()[1] == lport1, "new connection")
        expect(r.status == 200 and r2.status == 500, (r.status, r2.status))
        c.close()
        return "2 requests on local port %d" % lport1
    check("keep-alive: 2 requests, 1 connection", keepalive)

    def slow():
        t = time.monotonic()
        st, _, b = get(u("/slow/300"))
        dt = time.monotonic() - t
        expect(st == 200 and b == b"ok" and 0.28 <= dt < 2, (st, b, dt))
        try:
            get(u("/slow/2000"), timeout=0.3)
            raise AssertionError("no timeout")
        except (TimeoutError, socket.timeout, urllib.error.URLError) as e:
            expect("timed out" in str(e), e)
        return "%.2fs; 0.3s client timeout fires" % dt
    check("/slow/<ms>", slow)

    def slow_headers():
        c = http.client.HTTPConnection("127.0.0.1", p, timeout=5)
        t = time.monotonic()
        c.request("GET", "/slow-headers/400")
        r = c.getresponse()
        th = time.monotonic() - t
        b = r.read()
        expect(r.status == 200 and b == b"ok" and th >= 0.35, (r.status, b, th))
        expect(r.getheader("X-Slow-3") == "3", r.getheaders())
        c.request("GET", "/ok")  # connection still usable
        expect(c.getresponse().read() == b'{"status":"ok"}', "reuse after slow-headers")
        c.close()
        return "headers complete after %.2fs" % th
    check("/slow-headers/<ms>", slow_headers)

    def slow_body():
        c = http.client.HTTPConnection("127.0.0.1", p, timeout=5)
        t = time.monotonic()
        c.request("GET", "/slow-body/600")
        r = c.getresponse()
        th = time.monotonic() - t
        b = r.read()
        tb = time.monotonic() - t
        c.close()
        expect(r.status == 200 and b == b"x" * 20, (r.status, b))
        expect(th < 0.4 and tb >= 0.55, (th, tb))
        return "headers %.2fs, body %.2fs" % (th, tb)
    check("/slow-body/<ms>", slow_body)

    def hang():
        t = time.monotonic()
        try:
            raw(p, b"GET /hang HTTP/1.1\r\nHost: x\r\n\r\n", timeout=0.5)
            raise AssertionError("got an answer")
        except (TimeoutError, socket.timeout):
            pass
        return "client timeout after %.2fs" % (time.monotonic() - t)
    check("/hang -> client-side timeout", hang)

    def reset():
        try:
            out = raw(p, b"GET /reset HTTP/1.1\r\nHost: x\r\n\r\n")
            raise AssertionError("no RST, read %r" % out)
        except ConnectionResetError:
            pass
        c = http.client.HTTPConnection("127.0.0.1", p, timeout=5)
        try:
            c.request("GET", "/reset")
            c.getresponse()
            raise AssertionError("no error")
        except ConnectionResetError:
            pass
        finally:
            c.close()
        return "ConnectionResetError (raw socket and http.client)"
    check("/reset -> RST", reset)

    def close():
        out = raw(p, b"GET /close HTTP/1.1\r\nHost: x\r\n\r\n")
        expect(out == b"", out)
        c = http.client.HTTPConnection("127.0.0.1", p, timeout=5)
        try:
            c.request("GET", "/close")
            c.getresponse()
            raise AssertionError("no error")
        except http.client.RemoteDisconnected:
            pass
        finally:
            c.close()
        return "empty reply / RemoteDisconnected"
    check("/close -> empty reply", close)

    def jsons():
        st, h, b = get(u("/bad-json"))
        expect(st == 200 and h["Content-Type"] == "application/json", st)
        try:
            json.loads(b)
            raise AssertionError("bad-json parsed")
        except json.JSONDecodeError:
            pass
        st, _, b = get(u("/json/grafana"))
        expect(st == 200 and json.loads(b) == {"commit": "abc123", "database": "ok",
                                               "version": "10.2.3"}, b)
        st, _, b = get(u("/json/degraded"))
        expect(st == 503 and json.loads(b) == {"status": "degraded",
                                               "checks": {"db": "down"}}, b)
    check("/bad-json /json/grafana /json/degraded", jsons)

    def redirects():
        st, h, _ = get(u("/redirect-loop"))
        expect(st == 302 and h["Location"] == "/redirect-loop", (st, h["Location"]))
        st, h, _ = get(u("/redirect/3"))
        expect(st == 302 and h["Location"] == "/redirect/2", (st, h["Location"]))
        with urllib.request.urlopen(u("/redirect/3"), timeout=5) as r:
            expect(r.read() == b"arrived" and r.url.endswith("/redirect/0"), r.url)
        try:
            urllib.request.urlopen(u("/redirect-loop"), timeout=5)
            raise AssertionError("loop followed to an end")
        except urllib.error.HTTPError as e:
            expect(e.code == 302 and "redirect" in str(e).lower(), e)
    check("/redirect-loop /redirect/<n>", redirects)

    def headers():
        st, _, b = get(u("/headers"), headers={"X-Gatekit-Token": "t0k3n",
                                               "Authorization": "Bearer abc"})
        h = json.loads(b)
        expect(h.get("x-gatekit-token") == "t0k3n" and h.get("authorization") == "Bearer abc", h)
        expect(get(u("/require-header/X-Api-Key/s3cret"),
                   headers={"x-api-key": "s3cret"})[0] == 200, "with header")
        expect(get(u("/require-header/X-Api-Key/s3cret"))[0] == 401, "without")
        expect(get(u("/require-header/X-Api-Key/s3cret"),
                   headers={"X-Api-Key": "wrong"})[0] == 401, "wrong value")
        expect(get(u("/require-header/Authorization/Bearer%20abc"),
                   headers={"Authorization": "Bearer abc"})[0] == 200, "url-decoded value")
    check("/headers /require-header", headers)

    def body_size():
        st, h, b = get(u("/body/hello%20w%C3%B6rld%2Fx"))
        expect(st == 200 and b.decode() == "hello w\u00f6rld/x", b)
        expect(h["Content-Type"].startswith("text/plain"), h["Content-Type"])
        st, _, b = get(u("/size/100000"))
        expect(st == 200 and b == b"x" * 100000, len(b))
        st, h, b = get(u("/size/999999999"), method="HEAD")
        expect(h["Content-Length"] == str(64 * 1024 * 1024), h["Content-Length"])
        expect(get(u("/size/0"))[2] == b"", "size 0")
    check("/body/<text> /size/<bytes>", body_size)

    def metrics():
        st, h, b = get(u("/metrics"))
        t = b.decode()
        for s in ('http_requests_total{code="200"}', 'http_requests_total{code="500"}',
                  'http_request_duration_seconds_bucket{le="0.12"}',
                  'http_request_duration_seconds_bucket{le="+Inf"}',
                  "http_request_duration_seconds_sum", "http_request_duration_seconds_count",
                  "\napp_up 1\n"):
            expect(s in t, "missing " + s)
        vals = {l.rsplit(" ", 1)[0]: float(l.rsplit(" ", 1)[1])
                for l in t.splitlines() if l and not l.startswith("#")}
        r = vals['http_requests_total{code="500"}'] / (
            vals['http_requests_total{code="500"}'] + vals['http_requests_total{code="200"}'])
        expect(abs(r - 0.02) < 1e-9, r)
        time.sleep(0.05)
        vals2 = {l.rsplit(" ", 1)[0]: float(l.rsplit(" ", 1)[1])
                 for l in get(u("/metrics"))[2].decode().splitlines()
                 if l and not l.startswith("#")}
        expect(all(vals2[k] >= vals[k] for k in vals), "not monotonic")
        expect(vals2['http_requests_total{code="200"}'] > vals['http_requests_total{code="200"}'],
               "not growing")
        return "ratio %.4f, growing" % r
    check("/metrics exposition", metrics)

    def notfound_and_garbage():
        expect(get(u("/nope"))[0] == 404, "404")
        expect(get(u("/status/abc"))[0] == 404, "404 non-numeric")
        raw(p, b"\x16\x03\x01garbage\r\n\r\n")  # TLS-ish junk: any reply is fine
        out = raw(p, b"GET /ok HTTP/1.1 x\r\n\r\n")
        expect(out.startswith(b"HTTP/1.1 400 "), out[:40])
        s = socket.create_connection(("127.0.0.1", p), timeout=2)
        s.sendall(b"GET /ok HTTP/1.1\r\nHost: x\r\n")  # half a request, then vanish
        s.close()
        expect(get(u("/ok"))[0] == 200, "server died")
    check("404 + garbage does not kill server", notfound_and_garbage)


def ipv6_check():
    def v6():
        with FaultServer(host="::1") as fs6:
            expect(fs6.url("/ok").startswith("http://[::1]:"), fs6.url("/ok"))
            st, _, b = get(fs6.url("/ok"))
            expect(st == 200 and b == b'{"status":"ok"}', (st, b))
            c = http.client.HTTPConnection("::1", fs6.port, timeout=5)
            c.request("GET", "/headers")
            expect(c.getresponse().status == 200, "v6 http.client")
            c.close()
            # runtime reconfiguration keeps counters monotonic
            def series():
                return {l.rsplit(" ", 1)[0]: float(l.rsplit(" ", 1)[1])
                        for l in get(fs6.url("/metrics"))[2].decode().splitlines()
                        if l and not l.startswith("#")}
            a = series()
            expect(get(fs6.url("/set-metrics?error_share=0.5&latency_ms=800"))[0] == 200, "set")
            time.sleep(0.05)
            b = series()
            expect(all(b[k] >= a[k] for k in a if k in b), "not monotonic after set-metrics")
            expect('http_request_duration_seconds_bucket{le="0.8"}' in b, "new bucket")
            return fs6.url("/ok") + "; /set-metrics ok"
    check("IPv6 ::1", v6)


def max_seconds_check(short):
    def ms():
        deadline = time.monotonic() + 10
        proc = short.proc
        while proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        expect(proc.poll() is not None, "still running")
        expect(not _port_open("127.0.0.1", short.port), "port still open")
        return "exited by itself (rc=%s)" % proc.returncode
    check("--max-seconds self-exit", ms)


# ---------------------------------------------------------------- nginx
def nginx_checks():
    n = Nginx(tls=True)

    def start():
        t = time.monotonic()
        n.start()
        return "http %d, https %d in %.2fs" % (n.http_port, n.https_port, time.monotonic() - t)
    check("nginx start", start)
    if n.http_port is None or n.proc is None:
        n.stop()
        return
    try:
        def plain():
            st, h, b = get(n.url("/health"))
            expect(st == 200 and json.loads(b) == {"status": "ok"}, (st, b))
            expect(h["Content-Type"] == "application/json", h["Content-Type"])
            st, _, b = get(n.url("/"))
            expect(st == 200 and b"hello from nginx" in b, (st, b))
            expect(get(n.url("/status/503"))[0] == 503, "503")
            expect(get(n.url("/missing"))[0] == 404, "404")
        check("nginx plain /health / /status/503", plain)

        def tls_system_store():
            ctx = ssl.create_default_context()
            try:
                urllib.request.urlopen(n.url("/health", tls=True), context=ctx, timeout=5)
                raise AssertionError("verified against system store")
            except urllib.error.URLError as e:
                expect(isinstance(e.reason, ssl.SSLCertVerificationError), e)
            return "SSLCertVerificationError"
        check("nginx TLS fails with system CA store", tls_system_store)

        def tls_ca():
            ctx = ssl.create_default_context(cafile=n.ca_file)
            with urllib.request.urlopen(n.url("/health", tls=True), context=ctx, timeout=5) as r:
                expect(r.status == 200 and json.loads(r.read()) == {"status": "ok"}, r.status)
            u = "https://127.0.0.1:%d/health" % n.https_port  # IP SAN
            with urllib.request.urlopen(u, context=ctx, timeout=5) as r:
                expect(r.status == 200, r.status)
            return "localhost + 127.0.0.1 verified with .ca_file"
        check("nginx TLS passes with .ca_file", tls_ca)
    finally:
        tmp, ports = n.tmpdir, (n.http_port, n.https_port)
        n.stop()

        def stopped():
            expect(not any(_port_open("127.0.0.1", q) for q in ports), "ports still open")
            expect(tmp is None or not os.path.exists(tmp), "tmp dir left")
        check("nginx stopped, temp dir removed", stopped)


# ---------------------------------------------------------------- prometheus
def prometheus_checks(prom, t_start):
    def ratio():
        v = prom.scalar(RATIO_Q, timeout=20)
        dt = time.monotonic() - t_start
        expect(0.01 <= v <= 0.03, v)
        return "%.6f, data %.1fs after start" % (v, dt)
    check("prometheus error ratio (error_share=0.02)", ratio)

    def p95():
        v = prom.scalar(P95_Q, timeout=10)
        expect(0.11 <= v <= 0.13, v)
        return "%.4f s (latency_ms=120)" % v
    check("prometheus histogram_quantile(0.95)", p95)

    def up():
        res = prom.wait_for_samples("app_up", timeout=5)
        expect(res[0]["value"][1] == "1", res)
    check("prometheus app_up", up)

    def rule():
        v = prom.scalar("job:error_ratio:15s", timeout=10)
        expect(abs(v - 0.02) < 0.005, v)
        a = prom.wait_for_samples('ALERTS{alertname="HighErrorRate"}', timeout=10)
        return "recorded %.4f, alert %s after %.1fs" % (
            v, a[0]["metric"].get("alertstate"), time.monotonic() - t_start)
    check("prometheus rule_files (record + alert)", rule)


def main():
    args = set(sys.argv[1:])
    prom = fs = short = None
    try:
        fs = FaultServer(error_share=0.02, latency_ms=120)
        check("fault server start", lambda: "port %d" % fs.start().port)
        short = FaultServer(max_seconds=1)
        short.start()
        t_prom = time.monotonic()
        if "--no-prometheus" not in args and fs.port:
            prom = Prometheus(scrape_targets=[fs.target], scrape_interval="1s",
                              rule_files=[RULES])
            check("prometheus start (/-/ready)",
                  lambda: "port %d in %.2fs" % (prom.start().port, time.monotonic() - t_prom))
        if fs.port:
            fault_checks(fs)
        ipv6_check()
        max_seconds_check(short)
        if "--no-nginx" not in args:
            nginx_checks()
        if prom is not None and prom.proc is not None:
            prometheus_checks(prom, t_prom)
    except ServerError as e:
        RESULTS.append(False)
        print("FAIL server startup: %s" % e, flush=True)
    finally:
        for s in (prom, fs, short):
            if s is not None:
                s.stop()
    failed = RESULTS.count(False)
    print("%d checks, %d failed, %.1fs" % (len(RESULTS), failed, time.monotonic() - T0))
    return 1 if failed or not RESULTS else 0


if __name__ == "__main__":
    sys.exit(main())
