#!/usr/bin/env python3
"""Crash test of case intake: nothing acknowledged is ever lost, including on kill -9.

    python3 scripts/crash-test.py                                   # a new SQLite database
    python3 scripts/crash-test.py --database 'postgres://fg:fg@127.0.0.1:5432/crashtest?sslmode=disable'

A 201 answer to POST /api/v1/cases promises the case is durably stored: a reporter who got a case
number must find the case again whatever happens to the server afterwards. This script holds the
intake path (and its group commit) to that promise. It starts the release binary on a fresh demo
database, has --clients threads file 12345-hotline reports as fast as they can (the body of
Benchmarks/http_bench.py's POST_LUA), and after --seconds kills the server's process group with
SIGKILL while the requests are still in flight. It then restarts the server on the same database
and data directory and fetches every acknowledged case by id: each must be there with the number
it was given, and the numbers must be unique. Exits 1 if any is missing or nothing was acknowledged.
Python 3 standard library only; build the binary first (swift build -c release --product finegrain).
"""

import argparse
import http.client
import json
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections import Counter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "Benchmarks"))
from http_bench import Server, api_key, free_port, request, wait_for  # noqa: E402

BINARIES = [".build-release/release/finegrain", ".build/release/finegrain", ".build/debug/finegrain"]


def report_body(n):
    """The body POST_LUA in Benchmarks/http_bench.py sends: a hotline report with its own ticket and point."""
    return json.dumps({
        "source": "hotline_12345", "hotline_ticket": f"B{n}", "class_kind": "matter", "class_code": "01001",
        "description": f"井盖异常（压测 {n}）", "lon": round(118.03 + (n % 97) * 0.0006, 5), "lat": round(36.80 + (n % 89) * 0.0004, 5),
    }, ensure_ascii=False).encode()


class Load:
    """--clients threads posting reports over one keep-alive connection each, until stopped."""

    def __init__(self, port, token, clients):
        self.port, self.token = port, token
        self.killed, self.stopped = threading.Event(), threading.Event()
        self.lock = threading.Lock()
        self.acknowledged = []                 # (id, number) of every 201
        self.statuses = Counter()              # every other answer, by status
        self.early_5xx = []                    # 5xx answers before the kill: failures
        self.errors_before_kill = Counter()    # connection errors before the kill (reported)
        self.cut_by_kill = 0                   # requests in flight when the server died (expected)
        self.threads = [threading.Thread(target=self.client, args=(i + 1,), daemon=True) for i in range(clients)]

    def client(self, tid):
        headers = {"Content-Type": "application/json", "Authorization": "Bearer " + self.token}
        connection, n, cut = None, tid * 100_000_000, False
        while not self.stopped.is_set():
            n += 1
            try:
                connection = connection or http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                connection.request("POST", "/api/v1/cases", report_body(n), headers)
                response = connection.getresponse()
                data = response.read()
                killed = self.killed.is_set()
                with self.lock:
                    if response.status == 201:
                        case = json.loads(data)
                        self.acknowledged.append((case["id"], case["number"]))
                    else:
                        self.statuses[response.status] += 1
                        if response.status >= 500 and not killed:
                            self.early_5xx.append((response.status, data[:200].decode(errors="replace")))
            except (OSError, http.client.HTTPException) as error:
                if connection:
                    connection.close()
                connection = None
                with self.lock:
                    if not self.killed.is_set():
                        self.errors_before_kill[type(error).__name__] += 1
                    elif not cut:  # the request this thread had in flight when the server died
                        self.cut_by_kill, cut = self.cut_by_kill + 1, True
                if self.stopped.wait(0.05 if not self.killed.is_set() else 0.01):
                    break


def verify(port, token, cases, threads=8):
    """Fetches every case by id after the restart; returns the (id, number, what) of those not as acknowledged."""
    missing, lock, queue = [], threading.Lock(), list(cases)

    def worker():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while True:
            with lock:
                if not queue:
                    return
                case_id, number = queue.pop()
            for attempt in range(5):
                try:
                    connection.request("GET", f"/api/v1/cases/{case_id}", headers={"Authorization": "Bearer " + token})
                    response = connection.getresponse()
                    data = response.read()
                except (OSError, http.client.HTTPException):
                    connection.close()
                    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                    time.sleep(0.2)
                    continue
                if response.status >= 500:
                    time.sleep(0.2)
                    continue
                break
            else:
                with lock:
                    missing.append((case_id, number, "no answer after 5 attempts"))
                continue
            if response.status != 200:
                problem = f"HTTP {response.status}"
            else:
                found = json.loads(data).get("number")
                problem = None if found == number else f"number is {found!r}"
            if problem:
                with lock:
                    missing.append((case_id, number, problem))

    workers = [threading.Thread(target=worker) for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return missing


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", help="the finegrain binary (default: the first of " + ", ".join(BINARIES) + ")")
    parser.add_argument("--seconds", type=float, default=3, help="seconds of load before the kill (default 3)")
    parser.add_argument("--clients", type=int, default=16, help="concurrent posting threads (default 16)")
    parser.add_argument("--database", help="sqlite:PATH or postgres://… (default: a new SQLite file in a temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory (logs, database)")
    args = parser.parse_args()
    binary = args.binary or next((os.path.join(ROOT, b) for b in BINARIES if os.access(os.path.join(ROOT, b), os.X_OK)), None)
    if not binary or not os.access(binary, os.X_OK):
        sys.exit(f"{binary or 'no finegrain binary'} not found: swift build -c release --product finegrain")

    work = tempfile.mkdtemp(prefix="fg-crash-test-")
    database = args.database or f"sqlite:{work}/db.sqlite"
    port = free_port()
    command = [binary, "serve", "--demo", "--demo-cases", "0", "--database", database,
               "--data-dir", f"{work}/data", "--port", str(port)]
    servers = []
    try:
        servers.append(Server(command, f"{work}/serve-1.log"))
        base = f"http://127.0.0.1:{port}"
        wait_for(base + "/healthz")
        token = api_key(base, "operator")
        before = request("GET", base + "/api/v1/cases?per_page=1", token=token)[2]["total"]

        load = Load(port, token, args.clients)
        for t in load.threads:
            t.start()
        time.sleep(args.seconds)
        load.killed.set()
        os.killpg(servers[0].process.pid, signal.SIGKILL)
        servers[0].process.wait()
        time.sleep(0.5)  # let the threads read what the kernel already holds, then stop them
        load.stopped.set()
        for t in load.threads:
            t.join(60)
        servers[0].stop()

        servers.append(Server(command, f"{work}/serve-2.log"))
        wait_for(base + "/healthz")
        cases = list(load.acknowledged)
        total = request("GET", base + "/api/v1/cases?per_page=1", token=token)[2]["total"] - before
        missing = verify(port, token, cases)
        duplicates = [n for n, k in Counter(number for _, number in cases).items() if k > 1]
        duplicate_ids = [i for i, k in Counter(case_id for case_id, _ in cases).items() if k > 1]

        kind = "PostgreSQL" if database.startswith("postgres") else "SQLite"
        print(f"{kind}, {args.clients} clients, SIGKILL after {args.seconds:g} s; work dir {work}")
        print(f"acknowledged (201):       {len(cases)}")
        print(f"verified present:         {len(cases) - len(missing)}")
        print(f"missing or changed:       {len(missing)}")
        for case_id, number, problem in missing[:10]:
            print(f"  {case_id} {number}: {problem}")
        print(f"cases in the database:    {total} (acknowledged + committed but unanswered at the kill)")
        print(f"other answers:            {dict(load.statuses) or 'none'}")
        print(f"requests cut by the kill: {load.cut_by_kill} of {args.clients} clients")
        print(f"connection errors before the kill: {dict(load.errors_before_kill) or 'none'}")
        if load.early_5xx:
            print(f"5xx before the kill:      {len(load.early_5xx)}, first: {load.early_5xx[0]}")
        if duplicates or duplicate_ids:
            print(f"duplicate numbers: {duplicates[:10]}; duplicate ids: {duplicate_ids[:10]}")
        failed = missing or not cases or load.early_5xx or duplicates or duplicate_ids or total < len(cases)
        print("FAIL" if failed else "PASS: every acknowledged case survived kill -9")
        return 1 if failed else 0
    finally:
        for server in servers:
            if server.process.poll() is None:
                os.killpg(server.process.pid, signal.SIGKILL)
            server.stop()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
