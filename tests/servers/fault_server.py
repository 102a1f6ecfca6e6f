#!/usr/bin/python3
"""Fault-injecting HTTP/1.1 test server for gatekit's health-check tests.

Usage:
  fault_server.py [--host 127.0.0.1|::1] [--port 0] [--port-file FILE]
                  [--max-seconds 300] [--error-share 0.02] [--latency-ms 120]
                  [--rps 100] [--verbose]

Only loopback addresses are accepted.  Once listening, the bound port is
written atomically (temp file + rename) to --port-file and printed as
"listening on HOST:PORT".  The process exits by itself after --max-seconds.

Routes (GET/HEAD; POST accepted everywhere, its body is read and ignored
unless stated; query strings are ignored unless stated):
  /ok                       200 {"status":"ok"} (application/json)
  /status/<code>            <code>, body "status <code>"
  /flaky/<key>/<n>          first n requests for <key> -> 503, then
                            200 {"status":"ok","attempt":k} (k = 1-based count)
  /counter/<key>            200 text/plain: requests seen by /flaky/<key>/...
  /reset-counters           200, clears all /flaky counters
  /slow/<ms>                sleep min(ms, 30000), then 200 "ok"
  /slow-headers/<ms>        status line sent at once, header lines dribble
                            over ms, then body "ok"
  /slow-body/<ms>           full headers at once (Content-Length known), body
                            dribbles over ms (20-byte body, 1 byte at a time)
  /hang                     reads the request, never answers; holds the socket
                            until the client closes it (max 60 s), then closes
  /reset                    closes with RST (SO_LINGER 0), nothing sent
  /close                    closes cleanly (FIN), nothing sent (empty reply)
  /bad-json                 200 application/json '{"status": "ok",'
  /json/grafana             200 {"commit":"abc123","database":"ok","version":"10.2.3"}
  /json/degraded            503 {"status":"degraded","checks":{"db":"down"}}
  /redirect-loop            302 Location: /redirect-loop
  /redirect/<n>             302 Location: /redirect/<n-1>; /redirect/0 -> 200 "arrived"
  /redirect-to?url=U[&status=S]  S (default 302) Location: U (e.g. another origin)
  /nested/<n>               200 application/json {"a":[[...]]}, n arrays deep (cap 1e6)
  /headers                  200 JSON object {lower-cased name: value} of the
                            request headers (repeated headers joined by ", ")
  /require-header/<n>/<v>   200 "ok" if header <n> == <v> (name case-insensitive,
                            both URL-decoded), else 401 "missing or wrong header"
  /body/<text>[?append=T]   200 text/plain, body = URL-decoded <text> followed by T
  /size/<bytes>             200 text/plain, <bytes> x 'x' (cap 64 MiB)
  /metrics                  Prometheus text exposition (see below)
  /set-metrics?error_share=F&latency_ms=F&rps=F
                            200; changes the synthetic-traffic parameters at
                            runtime (counters stay monotonic)
  anything else             404 "not found"

/metrics series (synthetic traffic, a pure function of elapsed time so that
Prometheus rates are exact and do not depend on scrape jitter):
  http_requests_total{code="200"}  = (1 - error_share) * rps * t
  http_requests_total{code="500"}  = error_share * rps * t
      => sum(rate(http_requests_total{code="500"}[w])) / sum(rate(http_requests_total[w]))
         == error_share exactly
  http_request_duration_seconds_bucket{le=...}, _sum, _count (count = rps * t)
      latency distribution with L = latency_ms / 1000:
        95 % of requests uniform on [0, L], 5 % uniform on (L, 2L]
      buckets: 0.005 0.01 0.025 0.05 0.1 0.25 0.5 1 2.5 5 10, plus L and 2L,
      plus +Inf.  Because L and 2L are bucket bounds and the distribution is
      uniform inside every bucket, histogram_quantile(q, ...) is exact:
        q <= 0.95 -> q / 0.95 * L   (so the p95 equals --latency-ms)
        q >  0.95 -> L + (q - 0.95) / 0.05 * L    (p99 = 1.8 L)
      _sum = count * (0.95 * L/2 + 0.05 * 1.5 L)
  app_up 1                                 (gauge)
  fault_server_served_requests_total N     (real requests handled, all routes)
t is seconds since the server started (float); latency_ms <= 0 puts all
observations at 0.
"""

import argparse
import json
import os
import select
import socket
import struct
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MAX_SLOW_MS = 30000
MAX_SIZE = 64 * 1024 * 1024
HANG_MAX_S = 60
DEFAULT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0]


class Metrics:
    """Synthetic traffic whose counters are a function of elapsed time."""

    def __init__(self, error_share, latency_ms, rps):
        self.lock = threading.Lock()
        self.t0 = time.monotonic()
        self.base_200 = 0.0
        self.base_500 = 0.0
        self.base_count = 0.0
        self.base_sum = 0.0
        self.base_buckets = {}  # le -> cumulative count accumulated so far
        self.error_share = error_share
        self.latency_s = max(0.0, latency_ms / 1000.0)
        self.rps = rps
        self.served = 0

    def _cdf(self, le):
        L = self.latency_s
        if L <= 0:
            return 1.0
        if le <= L:
            return 0.95 * le / L
        if le <= 2 * L:
            return 0.95 + 0.05 * (le - L) / L
        return 1.0

    def _mean(self):
        L = self.latency_s
        return 0.95 * L / 2 + 0.05 * 1.5 * L

    def _bounds(self):
        b = set(DEFAULT_BUCKETS)
        if self.latency_s > 0:
            b.add(round(self.latency_s, 9))
            b.add(round(2 * self.latency_s, 9))
        return sorted(b)

    def _snapshot(self, now):
        """Current totals (caller holds lock). Returns dict."""
        n = self.rps * (now - self.t0)
        buckets = dict(self.base_buckets)
        for le in self._bounds():
            if le in self.base_buckets:
                start = self.base_buckets[le]
            else:  # bound new since last reconfigure: keep buckets cumulative
                start = max([v for b, v in self.base_buckets.items() if b <= le],
                            default=0.0)
            buckets[le] = start + n * self._cdf(le)
        # Bounds that existed in a previous configuration but not now keep
        # growing by the current cdf so all buckets stay cumulative/monotonic.
        for le in list(buckets):
            if le not in self._bounds():
                buckets[le] = self.base_buckets[le] + n * self._cdf(le)
        return {
            "200": self.base_200 + n * (1 - self.error_share),
            "500": self.base_500 + n * self.error_share,
            "count": self.base_count + n,
            "sum": self.base_sum + n * self._mean(),
            "buckets": buckets,
        }

    def reconfigure(self, error_share=None, latency_ms=None, rps=None):
        with self.lock:
            now = time.monotonic()
            snap = self._snapshot(now)
            self.base_200, self.base_500 = snap["200"], snap["500"]
            self.base_count, self.base_sum = snap["count"], snap["sum"]
            self.base_buckets = snap["buckets"]
            self.t0 = now
            if error_share is not None:
                self.error_share = min(1.0, max(0.0, error_share))
            if latency_ms is not None:
                self.latency_s = max(0.0, latency_ms / 1000.0)
            if rps is not None:
                self.rps = max(0.0, rps)

    def count_served(self):
        with self.lock:
            self.served += 1

    def render(self):
        with self.lock:
            snap = self._snapshot(time.monotonic())
            served = self.served
        out = []
        out.append("# HELP http_requests_total Synthetic HTTP requests by status code.")
        out.append("# TYPE http_requests_total counter")
        out.append('http_requests_total{code="200"} %r' % snap["200"])
        out.append('http_requests_total{code="500"} %r' % snap["500"])
        out.append("# HELP http_request_duration_seconds Synthetic request latency.")
        out.append("# TYPE http_request_duration_seconds histogram")
        for le in sorted(snap["buckets"]):
            out.append('http_request_duration_seconds_bucket{le="%r"} %r'
                       % (le, min(snap["buckets"][le], snap["count"])))
        out.append('http_request_duration_seconds_bucket{le="+Inf"} %r' % snap["count"])
        out.append("http_request_duration_seconds_sum %r" % snap["sum"])
        out.append("http_request_duration_seconds_count %r" % snap["count"])
        out.append("# HELP app_up Whether the app is up.")
        out.append("# TYPE app_up gauge")
        out.append("app_up 1")
        out.append("# HELP fault_server_served_requests_total Real requests handled.")
        out.append("# TYPE fault_server_served_requests_total counter")
        out.append("fault_server_served_requests_total %d" % served)
        return ("\n".join(out) + "\n").encode()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out as two writes; with Nagle's algorithm on, the
    # body waits for the client's delayed ACK (40 ms) on a kept-alive connection.
    disable_nagle_algorithm = True
    # malformed request lines get a real "HTTP/1.1 400" status line rather
    # than the bare HTML body Python would send in HTTP/0.9 style
    default_request_version = "HTTP/1.1"
    server_version = "gatekit-fault-server/1"
    sys_version = ""
    timeout = 120  # idle keep-alive connections are dropped after this

    # ------------------------------------------------------------ plumbing
    def log_message(self, fmt, *args):
        if self.server.verbose:
            sys.stderr.write("%s - %s\n" % (self.address_string(), fmt % args))

    def finish(self):
        if getattr(self, "_aborted", False):
            return
        try:
            super().finish()
        except OSError:
            pass

    def _read_body(self):
        te = (self.headers.get("Transfer-Encoding") or "").lower()
        if "chunked" in te:
            data = b""
            for _ in range(100000):
                line = self.rfile.readline(65537)
                if not line:
                    break
                size = int(line.split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    # trailers until blank line
                    for _ in range(1000):
                        t = self.rfile.readline(65537)
                        if t in (b"\r\n", b"\n", b""):
                            break
                    break
                data += self.rfile.read(size)
                self.rfile.readline(65537)
            return data
        n = int(self.headers.get("Content-Length") or 0)
        if n > 0:
            return self.rfile.read(min(n, MAX_SIZE))
        return b""

    def _send(self, code, body=b"", ctype="text/plain; charset=utf-8", headers=()):
        if isinstance(body, str):
            body = body.encode()
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD" and body:
            self.wfile.write(body)

    def _json(self, code, obj):
        self._send(code, json.dumps(obj, separators=(",", ":")), "application/json")

    def _abort_rst(self):
        self._aborted = True
        self.close_connection = True
        try:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                       struct.pack("ii", 1, 0))
            fd = self.connection.detach()
            os.close(fd)
        except OSError:
            pass

    def _hang(self):
        self.close_connection = True
        sock = self.connection
        deadline = time.monotonic() + HANG_MAX_S
        try:
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                r, _, _ = select.select([sock], [], [], min(left, 1.0))
                if r:
                    data = sock.recv(65536)
                    if not data:
                        break
        except OSError:
            pass

    def _sleep_ms(self, ms):
        time.sleep(max(0, min(ms, MAX_SLOW_MS)) / 1000.0)

    # ------------------------------------------------------------ dispatch
    def do_GET(self):
        self._dispatch()

    def do_HEAD(self):
        self._dispatch()

    def do_POST(self):
        self._dispatch()

    def do_PUT(self):
        self._dispatch()

    def _dispatch(self):
        try:
            self.server.metrics.count_served()
            self._body = self._read_body() if self.command in ("POST", "PUT") else b""
            split = urllib.parse.urlsplit(self.path)
            parts = [p for p in split.path.split("/") if p != ""]
            self._route(parts, split)
        except (ConnectionError, BrokenPipeError, socket.timeout, TimeoutError):
            self.close_connection = True
        except Exception as e:  # never let a bad request kill anything
            self.close_connection = True
            if self.server.verbose:
                sys.stderr.write("handler error: %r\n" % (e,))
            try:
                self._send(500, "internal error\n")
            except OSError:
                pass

    def _route(self, p, split):
        n = len(p)
        head = p[0] if p else ""
        if n == 1 and head == "ok":
            return self._json(200, {"status": "ok"})
        if n == 2 and head == "status" and p[1].isdigit():
            code = int(p[1])
            if not 100 <= code <= 599:
                return self._send(400, "bad status\n")
            return self._send(code, "status %d" % code)
        if n == 3 and head == "flaky" and p[2].isdigit():
            k = self.server.bump(p[1])
            if k <= int(p[2]):
                return self._json(503, {"status": "unavailable", "attempt": k})
            return self._json(200, {"status": "ok", "attempt": k})
        if n == 2 and head == "counter":
            return self._send(200, str(self.server.get_count(p[1])))
        if n == 1 and head == "reset-counters":
            self.server.reset_counts()
            return self._send(200, "reset")
        if n == 2 and head == "slow" and p[1].isdigit():
            self._sleep_ms(int(p[1]))
            return self._send(200, "ok")
        if n == 2 and head == "slow-headers" and p[1].isdigit():
            return self._slow_headers(min(int(p[1]), MAX_SLOW_MS))
        if n == 2 and head == "slow-body" and p[1].isdigit():
            return self._slow_body(min(int(p[1]), MAX_SLOW_MS))
        if n == 1 and head == "hang":
            return self._hang()
        if n == 1 and head == "reset":
            return self._abort_rst()
        if n == 1 and head == "close":
            self.close_connection = True
            return
        if n == 1 and head == "bad-json":
            return self._send(200, '{"status": "ok",', "application/json")
        if n == 2 and head == "json" and p[1] == "grafana":
            return self._json(200, {"commit": "abc123", "database": "ok",
                                    "version": "10.2.3"})
        if n == 2 and head == "json" and p[1] == "degraded":
            return self._json(503, {"status": "degraded", "checks": {"db": "down"}})
        if n == 1 and head == "redirect-loop":
            return self._send(302, "redirect\n", headers=[("Location", "/redirect-loop")])
        if n == 2 and head == "redirect" and p[1].isdigit():
            r = int(p[1])
            if r <= 0:
                return self._send(200, "arrived")
            return self._send(302, "redirect\n",
                              headers=[("Location", "/redirect/%d" % (r - 1))])
        if n == 1 and head == "redirect-to":
            # /redirect-to?url=ENCODED[&status=302]: a redirect anywhere, e.g. to another origin.
            query = urllib.parse.parse_qs(split.query)
            target = query.get("url", ["/ok"])[0]
            status = int(query.get("status", ["302"])[0])
            return self._send(status, "redirect\n", headers=[("Location", target)])
        if n == 2 and head == "nested" and p[1].isdigit():
            # /nested/N: {"a": [[[...]]]} nested N arrays deep (capped at 1,000,000).
            depth = min(int(p[1]), 1000000)
            return self._send(200, '{"a":' + "[" * depth + "]" * depth + "}", "application/json")
        if n == 1 and head == "headers":
            h = {}
            for k, v in self.headers.items():
                k = k.lower()
                h[k] = h[k] + ", " + v if k in h else v
            return self._json(200, h)
        if n == 3 and head == "require-header":
            name = urllib.parse.unquote(p[1])
            want = urllib.parse.unquote(p[2])
            got = self.headers.get_all(name) or []
            if want in got:
                return self._send(200, "ok")
            return self._send(401, "missing or wrong header\n",
                              headers=[("WWW-Authenticate", "Bearer")])
        if n >= 2 and head == "body":
            raw = split.path[len("/body/"):]
            tail = urllib.parse.parse_qs(split.query).get("append", [""])[0]
            return self._send(200, urllib.parse.unquote(raw) + tail)
        if n == 2 and head == "size" and p[1].isdigit():
            return self._size(min(int(p[1]), MAX_SIZE))
        if n == 1 and head == "metrics":
            return self._send(200, self.server.metrics.render(),
                              "text/plain; version=0.0.4; charset=utf-8")
        if n == 1 and head == "set-metrics":
            q = urllib.parse.parse_qs(split.query)
            def f(name):
                return float(q[name][0]) if name in q else None
            self.server.metrics.reconfigure(f("error_share"), f("latency_ms"), f("rps"))
            return self._send(200, "ok")
        return self._send(404, "not found\n")

    def _slow_headers(self, ms):
        lines = ["Content-Type: text/plain; charset=utf-8", "Content-Length: 2",
                 "X-Slow-1: 1", "X-Slow-2: 2", "X-Slow-3: 3"]
        self.wfile.write(b"HTTP/1.1 200 OK\r\n")
        self.wfile.flush()
        step = ms / 1000.0 / len(lines)
        for line in lines:
            time.sleep(step)
            self.wfile.write((line + "\r\n").encode())
            self.wfile.flush()
        self.wfile.write(b"\r\n")
        if self.command != "HEAD":
            self.wfile.write(b"ok")
        self.wfile.flush()

    def _slow_body(self, ms):
        nbytes = 20
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(nbytes))
        self.end_headers()
        self.wfile.flush()
        if self.command == "HEAD":
            return
        step = ms / 1000.0 / nbytes
        for _ in range(nbytes):
            time.sleep(step)
            self.wfile.write(b"x")
            self.wfile.flush()

    def _size(self, nbytes):
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(nbytes))
        self.end_headers()
        if self.command == "HEAD":
            return
        chunk = b"x" * 65536
        left = nbytes
        while left > 0:
            k = min(left, len(chunk))
            self.wfile.write(chunk[:k])
            left -= k


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, addr, verbose, metrics):
        if ":" in addr[0]:
            self.address_family = socket.AF_INET6
        self.verbose = verbose
        self.metrics = metrics
        self._counts = {}
        self._clock = threading.Lock()
        super().__init__(addr, Handler)

    def bump(self, key):
        with self._clock:
            self._counts[key] = self._counts.get(key, 0) + 1
            return self._counts[key]

    def get_count(self, key):
        with self._clock:
            return self._counts.get(key, 0)

    def reset_counts(self):
        with self._clock:
            self._counts.clear()

    def handle_error(self, request, client_address):
        if self.verbose:
            super().handle_error(request, client_address)

    def shutdown_request(self, request):
        try:
            super().shutdown_request(request)
        except OSError:
            pass


LOOPBACK = {"127.0.0.1", "::1", "localhost"}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--port-file")
    ap.add_argument("--max-seconds", type=float, default=300)
    ap.add_argument("--error-share", type=float, default=0.02,
                    help="share of synthetic requests counted as code=500")
    ap.add_argument("--latency-ms", type=float, default=120,
                    help="p95 of the synthetic latency histogram, ms")
    ap.add_argument("--rps", type=float, default=100,
                    help="synthetic requests per second behind /metrics")
    ap.add_argument("--verbose", action="store_true")
    a = ap.parse_args(argv)
    if a.host not in LOOPBACK:
        ap.error("--host must be a loopback address (127.0.0.1 or ::1)")
    host = "127.0.0.1" if a.host == "localhost" else a.host

    metrics = Metrics(min(1.0, max(0.0, a.error_share)), a.latency_ms, max(0.0, a.rps))
    srv = Server((host, a.port), a.verbose, metrics)
    port = srv.server_address[1]

    def die():
        os._exit(0)
    t = threading.Timer(max(0.0, a.max_seconds), die)
    t.daemon = True
    t.start()

    if a.port_file:
        tmp = "%s.tmp.%d" % (a.port_file, os.getpid())
        with open(tmp, "w") as f:
            f.write("%d\n" % port)
        os.replace(tmp, a.port_file)
    print("listening on %s:%d" % (host, port), flush=True)
    try:
        srv.serve_forever(poll_interval=0.5)
    except KeyboardInterrupt:
        pass
    finally:
        srv.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
