"""Test servers for gatekit's health-check tests (context managers).

    from servers import FaultServer, Nginx, Prometheus, free_port

    with FaultServer(error_share=0.02, latency_ms=120) as fs, \\
         Prometheus(scrape_targets=["127.0.0.1:%d" % fs.port]) as prom:
        prom.wait_for_samples('sum(rate(http_requests_total[15s]))')
        ...

Everything binds loopback only, lives in a private temp dir (removed on
exit), runs in its own process group (killed on exit, and via atexit if the
test forgets) and kills itself after max_seconds (fault server: its own
timer; nginx/prometheus: a watchdog thread in this process plus atexit).
All readiness waits are bounded (default 15 s) and raise ServerError.
"""

import atexit
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
FAULT_SERVER = os.path.join(HERE, "fault_server.py")
READY_TIMEOUT = 15.0
PORT_RETRIES = 5

__all__ = ["ServerError", "free_port", "FaultServer", "Nginx", "Prometheus"]


class ServerError(RuntimeError):
    pass


def free_port(host="127.0.0.1"):
    """A currently free TCP port on host (bind to 0, read, close).

    Racy by nature: callers that hand the port to another program must retry
    on a bind collision (Nginx and Prometheus below do)."""
    fam = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(fam, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def _host_for_url(host):
    return "[%s]" % host if ":" in host else host


def _port_open(host, port, timeout=0.5):
    fam = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        with socket.socket(fam, socket.SOCK_STREAM) as s:
            s.settimeout(timeout)
            s.connect((host, port))
            return True
    except OSError:
        return False


def _sweep_stale_tmpdirs(min_age=120.0):
    """Remove temp dirs left by test processes that were SIGKILLed (their
    servers are already gone: max_seconds).  Only dirs of ours, with an
    owner.pid whose process no longer exists, older than min_age seconds."""
    base = tempfile.gettempdir()
    try:
        names = os.listdir(base)
    except OSError:
        return
    now = time.time()
    for n in names:
        if not n.startswith(("gatekit-fault-", "gatekit-nginx-", "gatekit-prometheus-")):
            continue
        d = os.path.join(base, n)
        try:
            if now - os.stat(d).st_mtime < min_age:
                continue
            with open(os.path.join(d, "owner.pid")) as f:
                pid = int(f.read().strip())
            os.kill(pid, 0)
            continue  # owner alive
        except ProcessLookupError:
            shutil.rmtree(d, ignore_errors=True)
        except (OSError, ValueError):
            continue


_live = set()
_live_lock = threading.Lock()


def _signal_group(proc, sig, grace):
    """Sends `sig` to the process group, then waits (bounded) for the leader."""
    try:
        os.killpg(proc.pid, sig)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        pass


def _kill_group(proc, grace=5.0):
    """SIGTERM the process group, wait (bounded), then SIGKILL."""
    if proc is None:
        return
    if proc.poll() is None:
        _signal_group(proc, signal.SIGTERM, grace)
    # kill the whole group even if the leader is gone (stray workers)
    _signal_group(proc, signal.SIGKILL, grace)


@atexit.register
def _cleanup_all():
    with _live_lock:
        items = list(_live)
    for srv in items:
        try:
            srv.stop()
        except Exception:
            pass


class _Managed:
    """Base: temp dir, process in its own group, log file, stop()."""

    name = "server"

    def __init__(self, max_seconds=300.0):
        self.max_seconds = max_seconds
        self.proc = None
        self.tmpdir = None
        self._log = None
        self._watchdog = None
        self._stopped = threading.Event()

    def _mktemp(self):
        _sweep_stale_tmpdirs()
        self.tmpdir = tempfile.mkdtemp(prefix="gatekit-%s-" % self.name)
        with open(os.path.join(self.tmpdir, "owner.pid"), "w") as f:
            f.write("%d\n" % os.getpid())

    def _spawn(self, argv, logname, wrap_timeout=True):
        timeout_bin = shutil.which("timeout")
        if wrap_timeout and self.max_seconds and timeout_bin:
            # coreutils timeout kills its whole process group at expiry, so
            # the server dies even if this Python process is SIGKILLed.
            argv = [timeout_bin, "-k", "5", "%gs" % self.max_seconds] + list(argv)
        self._log = open(os.path.join(self.tmpdir, logname), "ab")
        self.proc = subprocess.Popen(
            argv, stdin=subprocess.DEVNULL, stdout=self._log,
            stderr=subprocess.STDOUT, cwd=self.tmpdir, start_new_session=True)
        with _live_lock:
            _live.add(self)
        if self._watchdog is None and self.max_seconds:
            self._watchdog = threading.Thread(target=self._watch, daemon=True)
            self._watchdog.start()

    def _watch(self):
        # backstop only: the real deadline is enforced out of process
        if not self._stopped.wait(self.max_seconds + 10):
            try:
                self._kill_proc()
            except Exception:
                pass

    def _kill_proc(self):
        proc, self.proc = self.proc, None
        _kill_group(proc)

    def log_text(self, limit=4000):
        """Tail of the server's combined stdout/stderr (for error messages)."""
        if not self.tmpdir:
            return ""
        out = []
        for fn in sorted(os.listdir(self.tmpdir)):
            if fn.endswith(".log"):
                try:
                    with open(os.path.join(self.tmpdir, fn), "rb") as f:
                        data = f.read()[-limit:]
                    out.append("--- %s ---\n%s" % (fn, data.decode("utf-8", "replace")))
                except OSError:
                    pass
        return "\n".join(out)

    def _fail(self, msg):
        text = "%s: %s\n%s" % (self.name, msg, self.log_text())
        self.stop()
        raise ServerError(text)

    def _check_alive(self, what):
        if self.proc is None or self.proc.poll() is not None:
            rc = None if self.proc is None else self.proc.returncode
            self._fail("exited (rc=%s) while waiting for %s" % (rc, what))

    def stop(self):
        self._stopped.set()
        self._kill_proc()
        if self._log is not None:
            try:
                self._log.close()
            except OSError:
                pass
            self._log = None
        if self.tmpdir and os.environ.get("GATEKIT_KEEP_SERVER_TMP") != "1":
            shutil.rmtree(self.tmpdir, ignore_errors=True)
            self.tmpdir = None
        with _live_lock:
            _live.discard(self)

    def __enter__(self):
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc):
        self.stop()
        return False


# --------------------------------------------------------------------------
class FaultServer(_Managed):
    """fault_server.py as a subprocess.

    FaultServer(host="127.0.0.1", *, max_seconds=300, python=None, **flags)
    flags map to CLI options: error_share=0.05 -> --error-share 0.05,
    verbose=True -> --verbose (False/None are omitted).
    """

    name = "fault"

    def __init__(self, host="127.0.0.1", max_seconds=300.0, python=None, **flags):
        super().__init__(max_seconds)
        self.host = host
        self.flags = flags
        self.python = python or (
            "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable)
        self.port = None

    def start(self, timeout=READY_TIMEOUT):
        self._mktemp()
        pf = os.path.join(self.tmpdir, "port")
        argv = [self.python, FAULT_SERVER, "--host", self.host, "--port", "0",
                "--port-file", pf, "--max-seconds", str(self.max_seconds)]
        for k, v in self.flags.items():
            opt = "--" + k.replace("_", "-")
            if v is True:
                argv.append(opt)
            elif v is False or v is None:
                continue
            else:
                argv += [opt, str(v)]
        # fault_server.py enforces --max-seconds itself (os._exit timer)
        self._spawn(argv, "fault_server.log", wrap_timeout=False)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self._check_alive("its port file")
            try:
                with open(pf) as f:
                    txt = f.read().strip()
                if txt:
                    self.port = int(txt)
                    return self
            except (OSError, ValueError):
                pass
            time.sleep(0.02)
        self._fail("no port file after %.0f s" % timeout)

    @property
    def base_url(self):
        return "http://%s:%d" % (_host_for_url(self.host), self.port)

    def url(self, path="/"):
        if not path.startswith("/"):
            path = "/" + path
        return self.base_url + path

    @property
    def target(self):
        """host:port as a Prometheus scrape target."""
        return "%s:%d" % (_host_for_url(self.host), self.port)


# --------------------------------------------------------------------------
NGINX_CONF = """\
{user}
worker_processes 1;
daemon off;
master_process on;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 64; }}
http {{
    access_log {tmp}/access.log;
    client_body_temp_path {tmp}/client_body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    default_type text/plain;
    keepalive_timeout 30s;
    server {{
        listen 127.0.0.1:{http_port};
        listen 127.0.0.1:{https_port} ssl;
        server_name localhost;
        ssl_certificate {tmp}/server.crt;
        ssl_certificate_key {tmp}/server.key;
        root {tmp}/www;
        location = /health {{
            default_type application/json;
            return 200 '{{"status":"ok"}}';
        }}
        location = /status/503 {{
            return 503 'status 503';
        }}
        location / {{
            index index.html;
        }}
    }}
}}
"""

INDEX_HTML = "<!doctype html><title>gatekit test</title><p>hello from nginx</p>\n"


def _run(argv, cwd, timeout=30):
    r = subprocess.run(argv, cwd=cwd, stdin=subprocess.DEVNULL,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       timeout=timeout)
    if r.returncode != 0:
        raise ServerError("%s failed (rc=%d):\n%s" % (
            " ".join(argv), r.returncode, r.stdout.decode("utf-8", "replace")))


def make_ca_and_cert(d, openssl="openssl"):
    """Throwaway CA + server cert for localhost/127.0.0.1/::1 in directory d.

    Returns (ca.crt, server.crt, server.key) paths."""
    ca_key, ca_crt = os.path.join(d, "ca.key"), os.path.join(d, "ca.crt")
    key, csr, crt = (os.path.join(d, n) for n in ("server.key", "server.csr", "server.crt"))
    ext = os.path.join(d, "server.ext")
    with open(ext, "w") as f:
        f.write("basicConstraints=critical,CA:FALSE\n"
                "keyUsage=critical,digitalSignature,keyEncipherment\n"
                "extendedKeyUsage=serverAuth\n"
                "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1\n")
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"]
    _run([openssl, "req", "-x509", *ec, "-nodes", "-keyout", ca_key, "-out", ca_crt,
          "-days", "2", "-subj", "/CN=gatekit test CA",
          "-addext", "basicConstraints=critical,CA:TRUE",
          "-addext", "keyUsage=critical,keyCertSign,cRLSign"], d)
    _run([openssl, "req", "-new", *ec, "-nodes", "-keyout", key, "-out", csr,
          "-subj", "/CN=localhost"], d)
    _run([openssl, "x509", "-req", "-in", csr, "-CA", ca_crt, "-CAkey", ca_key,
          "-CAcreateserial", "-out", crt, "-days", "2", "-extfile", ext], d)
    return ca_crt, crt, key


class Nginx(_Managed):
    """nginx serving /health (200 JSON), / (static file), /status/503.

    Nginx(tls=True, *, max_seconds=300, nginx="nginx", openssl="openssl")
    .http_port, .https_port (None when tls=False), .ca_file,
    .url(path="/", tls=False)
    """

    name = "nginx"

    def __init__(self, tls=True, max_seconds=300.0, nginx="nginx", openssl="openssl"):
        super().__init__(max_seconds)
        self.tls = tls
        self.nginx = shutil.which(nginx) or shutil.which(nginx, path="/usr/sbin:/sbin") or nginx
        self.openssl = openssl
        self.http_port = None
        self.https_port = None
        self.ca_file = None

    def _user_line(self):
        if os.geteuid() != 0:
            return ""  # non-root: workers run as us; a user directive would only warn
        # root: nginx would drop workers to 'nobody', who cannot read the 0700
        # temp dir -> keep workers as root (the caller's own identity).
        import grp
        import pwd
        u = pwd.getpwuid(os.geteuid()).pw_name
        try:
            g = grp.getgrgid(os.getegid()).gr_name
        except KeyError:
            g = u
        return "user %s %s;" % (u, g)

    def start(self, timeout=READY_TIMEOUT):
        self._mktemp()
        tmp = self.tmpdir
        os.mkdir(os.path.join(tmp, "www"))
        with open(os.path.join(tmp, "www", "index.html"), "w") as f:
            f.write(INDEX_HTML)
        self.ca_file, _, _ = make_ca_and_cert(tmp, self.openssl)
        conf_path = os.path.join(tmp, "nginx.conf")
        for attempt in range(PORT_RETRIES):
            self.http_port = free_port()
            self.https_port = free_port() if self.tls else None
            while self.tls and self.https_port == self.http_port:
                self.https_port = free_port()
            conf = NGINX_CONF.format(user=self._user_line(), tmp=tmp,
                                     http_port=self.http_port,
                                     https_port=self.https_port or 0)
            if not self.tls:
                conf = "\n".join(l for l in conf.splitlines()
                                 if " ssl" not in l and "ssl_" not in l) + "\n"
            with open(conf_path, "w") as f:
                f.write(conf)
            self._spawn([self.nginx, "-p", tmp + "/", "-e", tmp + "/error.log",
                         "-c", conf_path], "nginx.log")
            if self._wait_ready(timeout):
                return self
            # nginx exited: port collision -> retry with new ports, else fail
            err = self.log_text()
            if "Address already in use" in err and attempt + 1 < PORT_RETRIES:
                self._kill_proc()
                continue
            self._fail("did not become ready")
        self._fail("no free ports after %d attempts" % PORT_RETRIES)

    def _wait_ready(self, timeout):
        deadline = time.monotonic() + timeout
        ports = [p for p in (self.http_port, self.https_port) if p]
        while time.monotonic() < deadline:
            if self.proc is None or self.proc.poll() is not None:
                return False
            if all(_port_open("127.0.0.1", p) for p in ports):
                return True
            time.sleep(0.05)
        self._fail("ports %s not accepting after %.0f s" % (ports, timeout))

    def url(self, path="/", tls=False):
        if not path.startswith("/"):
            path = "/" + path
        if tls:
            if not self.https_port:
                raise ServerError("Nginx started with tls=False")
            return "https://localhost:%d%s" % (self.https_port, path)
        return "http://127.0.0.1:%d%s" % (self.http_port, path)


# --------------------------------------------------------------------------
class Prometheus(_Managed):
    """Prometheus scraping the given targets.

    Prometheus(scrape_targets=("127.0.0.1:PORT",), scrape_interval="1s", *,
               rule_files=(), evaluation_interval=None, max_seconds=300,
               prometheus="prometheus")
    .port, .url(path="/"), .query(expr) -> result list,
    .wait_for_samples(query, timeout=20) -> result list (non-empty)
    rule_files: list of YAML *strings* (rule group files) written to the
    temp dir and loaded (evaluation_interval defaults to scrape_interval).
    """

    name = "prometheus"

    def __init__(self, scrape_targets=(), scrape_interval="1s", rule_files=(),
                 evaluation_interval=None, max_seconds=300.0, prometheus="prometheus"):
        super().__init__(max_seconds)
        self.scrape_targets = list(scrape_targets)
        self.scrape_interval = scrape_interval
        self.evaluation_interval = evaluation_interval or scrape_interval
        self.rule_files = list(rule_files)
        self.prometheus = prometheus
        self.port = None
        self.started_at = None

    def _config(self):
        rules = []
        for i, text in enumerate(self.rule_files):
            p = os.path.join(self.tmpdir, "rules%d.yml" % i)
            with open(p, "w") as f:
                f.write(text)
            rules.append(p)
        lines = ["global:",
                 "  scrape_interval: %s" % self.scrape_interval,
                 "  scrape_timeout: %s" % self.scrape_interval,
                 "  evaluation_interval: %s" % self.evaluation_interval]
        if rules:
            lines.append("rule_files:")
            lines += ["  - %s" % json.dumps(r) for r in rules]
        lines += ["scrape_configs:",
                  "  - job_name: test",
                  "    static_configs:",
                  "      - targets: %s" % json.dumps(self.scrape_targets)]
        return "\n".join(lines) + "\n"

    def start(self, timeout=READY_TIMEOUT):
        self.started_at = time.monotonic()
        self._mktemp()
        cfg = os.path.join(self.tmpdir, "prometheus.yml")
        with open(cfg, "w") as f:
            f.write(self._config())
        data = os.path.join(self.tmpdir, "data")
        for attempt in range(PORT_RETRIES):
            self.port = free_port()
            self._spawn([self.prometheus,
                         "--config.file=" + cfg,
                         "--storage.tsdb.path=" + data,
                         "--storage.tsdb.retention.time=1h",
                         "--web.listen-address=127.0.0.1:%d" % self.port,
                         "--web.console.templates=" + self.tmpdir,
                         "--web.console.libraries=" + self.tmpdir,
                         "--log.level=warn"], "prometheus.log")
            if self._wait_ready(timeout):
                return self
            err = self.log_text()
            if "address already in use" in err.lower() and attempt + 1 < PORT_RETRIES:
                self._kill_proc()
                continue
            self._fail("exited before becoming ready")
        self._fail("no free port after %d attempts" % PORT_RETRIES)

    def _wait_ready(self, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc is None or self.proc.poll() is not None:
                return False
            try:
                with urllib.request.urlopen(self.url("/-/ready"), timeout=1) as r:
                    if r.status == 200:
                        return True
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.1)
        self._fail("/-/ready not 200 after %.0f s" % timeout)

    def url(self, path="/"):
        if not path.startswith("/"):
            path = "/" + path
        return "http://127.0.0.1:%d%s" % (self.port, path)

    def query(self, expr, timeout=5):
        """Instant query; returns data.result (list). Raises ServerError on API error."""
        u = self.url("/api/v1/query?" + urllib.parse.urlencode({"query": expr}))
        try:
            with urllib.request.urlopen(u, timeout=timeout) as r:
                body = json.load(r)
        except urllib.error.HTTPError as e:
            raise ServerError("query %r: HTTP %d %s" % (expr, e.code, e.read()[:500]))
        if body.get("status") != "success":
            raise ServerError("query %r failed: %r" % (expr, body))
        return body["data"]["result"]

    def wait_for_samples(self, query, timeout=20):
        """Poll until `query` returns >= 1 series with a finite value; return the result."""
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            self._check_alive("samples")
            try:
                res = self.query(query)
                if res and all(_finite(s) for s in res):
                    return res
                last = res
            except (ServerError, urllib.error.URLError, OSError) as e:
                last = e
            time.sleep(0.2)
        raise ServerError("prometheus: no samples for %r after %.0f s (last: %r)\n%s"
                          % (query, timeout, last, self.log_text()))

    def scalar(self, query, timeout=20):
        """wait_for_samples, then float value of the first series."""
        return float(self.wait_for_samples(query, timeout)[0]["value"][1])


def _finite(series):
    try:
        v = float(series["value"][1])
    except (KeyError, IndexError, TypeError, ValueError):
        return True  # range vectors etc.
    return v == v and v not in (float("inf"), float("-inf"))
