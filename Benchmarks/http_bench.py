#!/usr/bin/env python3
"""HTTP benchmarks of Finegrain against baselines measured in the same run.

    python3 Benchmarks/http_bench.py intake                       # case intake vs a bare route and a one-row insert
    python3 Benchmarks/http_bench.py read --database sqlite:/tmp/fg1m/fg.sqlite   # search and queue pages

Each run starts its own servers from the release binary (build it first:
`swift build -c release --product finegrain`), loads them with `wrk` from a second process on
loopback (64 connections, two threads, as in docs/performance.md), prints one table with the ratio
of every figure to its baseline, and stops the servers. Never part of CI: timings there are noise.

`intake` also proves durability: after the load it counts the cases in the database and compares
the count with the 201 answers `wrk` received; every acknowledged case must be there.
"""

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

PASSWORD = "Zibo-Demo-2026!"

POST_LUA = r"""
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local token = os.getenv("FG_TOKEN")
if token and token ~= "" then wrk.headers["Authorization"] = "Bearer " .. token end
local n = 0
local id = 0
setup = function(thread) id = id + 1; thread:set("tid", id) end
init = function(args) n = (tid or 1) * 100000000 end
request = function()
  n = n + 1
  local lon = 118.03 + (n % 97) * 0.0006
  local lat = 36.80 + (n % 89) * 0.0004
  local body = string.format('{"source":"hotline_12345","hotline_ticket":"B%d","class_kind":"matter","class_code":"01001","description":"井盖异常（压测 %d）","lon":%.5f,"lat":%.5f}', n, n, lon, lat)
  return wrk.format(nil, nil, nil, body)
end
"""

GET_LUA = r"""
local token = os.getenv("FG_TOKEN")
if token and token ~= "" then wrk.headers["Authorization"] = "Bearer " .. token end
"""


def free_port():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url, timeout=600):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                if r.status < 500:
                    return
        except Exception:
            time.sleep(0.5)
    sys.exit(f"server at {url} did not answer within {timeout} s")


def wait_for_log(path, text, timeout=1800):
    """Waits until the server's log says `text` (e.g. its background evaluation warm-up is done)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        with open(path, errors="replace") as f:
            if text in f.read():
                return
        time.sleep(1)
    sys.exit(f"the server did not log {text!r} within {timeout} s")


def wait_until_idle(url, timeout=300):
    """Waits until three health checks in a row answer within 20 ms: the last run's backlog is gone."""
    deadline, quick = time.time() + timeout, 0
    while time.time() < deadline and quick < 3:
        start = time.time()
        try:
            urllib.request.urlopen(url, timeout=60).read()
            quick = quick + 1 if time.time() - start < 0.02 else 0
        except urllib.error.URLError:  # 503 while the database is saturated
            quick = 0
        time.sleep(0.2)


def request(method, url, body=None, token=None, cookie=None, csrf=None, timeout=60):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method)
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    if cookie:
        req.add_header("Cookie", cookie)
    if csrf:
        req.add_header("X-CSRF-Token", csrf)
    with urllib.request.urlopen(req, timeout=timeout) as r:
        return r.status, r.headers, json.loads(r.read() or b"null")


def api_key(base, username):
    """Signs in as a demo account and makes a one-day API key."""
    _, headers, me = request("POST", base + "/api/v1/auth/login", {"username": username, "password": PASSWORD})
    cookie = "; ".join(c.split(";")[0] for c in headers.get_all("Set-Cookie"))
    _, _, key = request("POST", base + "/api/v1/me/api-keys", {"name": "bench", "expires_in_days": 1}, cookie=cookie, csrf=me["csrf_token"])
    return key["token"]


def wrk(url, script, seconds, connections, token=None):
    """Runs wrk; returns requests/s, p50 and p99 in ms, total and non-2xx counts."""
    env = dict(os.environ, FG_TOKEN=token or "")
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(script)
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", f.name, url],
        capture_output=True, text=True, env=env, check=True).stdout
    os.unlink(f.name)

    def ms(label):
        m = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        if not m:
            return float("nan")
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    total = int(re.search(r"(\d+) requests in", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    timeouts = re.search(r"timeout (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": ms("50"), "p99": ms("99"), "requests": total,
        "non2xx": int(bad.group(1)) if bad else 0, "timeouts": int(timeouts.group(1)) if timeouts else 0,
    }


def rss_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        fields = dict(line.split(":", 1) for line in f)
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


class Server:
    def __init__(self, args, log):
        self.log = open(log, "w")
        self.process = subprocess.Popen(args, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
        self.log.close()


def table(rows):
    """Prints each run; a `first` in a run (its route's first request, in ms) adds a column."""
    first = any("first" in r for _, r, _ in rows)
    print(f"{'what':<46} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'non-2xx':>8} {'ratio':>10}" + (f" {'first ms':>9}" if first else ""))
    for label, r, ratio in rows:
        line = f"{label:<46} {r['rps']:>9.0f} {r['p50']:>8.2f} {r['p99']:>8.2f} {r['non2xx'] + r['timeouts']:>8} {ratio:>10}"
        print(line + (f" {r['first']:>9.0f}" if "first" in r else ("" if not first else f" {'':>9}")))


def intake(args):
    work = tempfile.mkdtemp(prefix="fg-bench-intake-")
    base_port, fg_port = free_port(), free_port()
    baseline = Server([args.binary, "bench", "baseline-server", "--port", str(base_port), "--database", f"sqlite:{work}/baseline.sqlite"],
                      f"{work}/baseline.log")
    database = args.database or f"sqlite:{work}/db.sqlite"
    platform = Server([args.binary, "serve", "--demo", "--demo-cases", "0", "--database", database,
                       "--data-dir", f"{work}/data", "--port", str(fg_port)], f"{work}/serve.log")
    try:
        base, fg = f"http://127.0.0.1:{base_port}", f"http://127.0.0.1:{fg_port}"
        wait_for(fg + "/healthz")
        token = api_key(fg, "operator")
        rest_rss = rss_mib(platform.process.pid)[0]
        wrk(fg + "/api/v1/cases", POST_LUA, 2, args.connections, token)  # warm-up
        bare = wrk(base + "/bare", POST_LUA, args.seconds, args.connections)
        insert = wrk(base + "/insert", POST_LUA, args.seconds, args.connections)
        before = request("GET", fg + "/api/v1/cases?per_page=1", token=token)[2]["total"]
        cases = wrk(fg + "/api/v1/cases", POST_LUA, args.seconds, args.connections, token)
        rss, peak = rss_mib(platform.process.pid)
        after = request("GET", fg + "/api/v1/cases?per_page=1", token=token)[2]["total"]
        kind = "PostgreSQL" if database.startswith("postgres") else "SQLite synchronous=FULL"
        print(f"machine: {os.cpu_count()} cores; wrk -t2 -c{args.connections} -d{args.seconds}s on loopback; platform on {kind}")
        table([
            ("POST /bare (bare Hummingbird route)", bare, "1.00"),
            ("POST /insert (one-row durable insert)", insert, f"{insert['rps'] / bare['rps']:.3f}"),
            ("POST /api/v1/cases (durable intake)", cases, f"{cases['rps'] / bare['rps']:.3f}"),
        ])
        print(f"intake / one-row insert: {cases['rps'] / insert['rps']:.2f}x")
        print(f"server RSS: {rest_rss:.0f} MiB at rest, {rss:.0f} MiB after the load (peak {peak:.0f} MiB)")
        acknowledged = cases["requests"] - cases["non2xx"]
        print(f"cases stored by the measured run: {after - before}; 201 answers: {acknowledged}")
        if after - before < acknowledged:
            sys.exit("an acknowledged case is missing from the database")
        if database.startswith("sqlite:"):
            # The write-ahead log must be checkpointed and started over while writes go on: it
            # once grew by 26 KB per case, unseen, while the database file stayed empty.
            path = database[len("sqlite:"):]
            wal = os.path.getsize(path + "-wal") if os.path.exists(path + "-wal") else 0
            print(f"SQLite file {os.path.getsize(path) / 1e6:.0f} MB, its log {wal / 1e6:.0f} MB")
            if wal > 256e6:
                sys.exit(f"the SQLite log grew to {wal / 1e6:.0f} MB: it is not being checkpointed")
    finally:
        platform.stop()
        baseline.stop()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


READ_ROUTES = [
    ("GET /api/v1/cases?status=dispatched (page 1)", "/api/v1/cases?status=dispatched&per_page=20"),
    ("GET /api/v1/cases (newest first, page 1)", "/api/v1/cases?per_page=20"),
    ("GET /api/v1/cases?region=370303&overdue=true", "/api/v1/cases?region=370303&overdue=true&per_page=20"),
    ("GET /api/v1/cases?q=井盖 (a word in ~5 % of cases)", "/api/v1/cases?q=%E4%BA%95%E7%9B%96&per_page=20"),
    ("GET /api/v1/cases?q=加油站对面 井盖 (two words)", "/api/v1/cases?q=" + urllib.parse.quote("加油站对面 井盖") + "&per_page=20"),
    ("GET /api/v1/cases?page=50 (deep page)", "/api/v1/cases?per_page=20&page=50"),
    ("GET /api/v1/queues/mine (dispatcher)", "/api/v1/queues/mine?per_page=20"),
]


def read(args):
    work = tempfile.mkdtemp(prefix="fg-bench-read-")
    base_port, fg_port = free_port(), free_port()
    baseline = Server([args.binary, "bench", "baseline-server", "--port", str(base_port), "--database", f"sqlite:{work}/baseline.sqlite"],
                      f"{work}/baseline.log")
    platform = Server([args.binary, "serve", "--demo", "--database", args.database, "--data-dir", f"{work}/data",
                       "--port", str(fg_port)], f"{work}/serve.log")
    try:
        base, fg = f"http://127.0.0.1:{base_port}", f"http://127.0.0.1:{fg_port}"
        wait_for(fg + "/healthz")
        # Seven month sheets: about 2 minutes at a million cases, 12 at ten million.
        wait_for_log(f"{work}/serve.log", "evaluation cache warmed")
        token = api_key(fg, "dispatcher")
        _, _, page = request("GET", fg + "/api/v1/cases?per_page=1", token=token)
        rest_rss = rss_mib(platform.process.pid)[0]
        bare = wrk(base + "/bare", POST_LUA, args.seconds, args.connections)
        rows = [("POST /bare (bare Hummingbird route)", bare, "1.00")]
        for label, path in READ_ROUTES:
            wait_until_idle(fg + "/healthz")
            # The route's first request alone, reported: it pays what a page reads once (a common
            # word's matches, cold index pages). The measured run starts only after it has answered,
            # so that it measures pages, not one read that every connection waits for.
            start = time.time()
            request("GET", fg + path, token=token, timeout=600)
            first = (time.time() - start) * 1000
            wrk(fg + path, GET_LUA, 1, args.connections, token)
            wait_until_idle(fg + "/healthz")
            r = wrk(fg + path, GET_LUA, args.seconds, args.connections, token)
            r["first"] = first
            rows.append((label, r, f"{r['rps'] / bare['rps']:.3f}"))
        rss, peak = rss_mib(platform.process.pid)
        print(f"machine: {os.cpu_count()} cores; {page['total']:,} cases in {args.database}; wrk -t2 -c{args.connections} -d{args.seconds}s")
        table(rows)
        print(f"server RSS: {rest_rss:.0f} MiB at rest, {rss:.0f} MiB after the load (peak {peak:.0f} MiB)")
    finally:
        platform.stop()
        baseline.stop()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=".build/release/finegrain", help="the release finegrain binary")
    parser.add_argument("--seconds", type=int, default=10, help="length of each measured run")
    parser.add_argument("--connections", type=int, default=64, help="concurrent connections")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory (logs, databases)")
    sub = parser.add_subparsers(dest="command", required=True)
    i = sub.add_parser("intake", help="durable case intake against a bare route and a one-row insert")
    i.add_argument("--database", help="the platform's database (default: a new SQLite file); a PostgreSQL URL to measure that")
    r = sub.add_parser("read", help="search and queue pages of an existing (generated) database")
    r.add_argument("--database", required=True, help="sqlite:PATH or postgres://… of a generated database")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed (apt-get install -y wrk)")
    if not os.access(args.binary, os.X_OK):
        sys.exit(f"{args.binary} not found: swift build -c release --product finegrain")
    {"intake": intake, "read": read}[args.command](args)


if __name__ == "__main__":
    main()
