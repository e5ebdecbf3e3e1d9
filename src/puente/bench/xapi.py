"""Benchmark of the learning record store: batches of statements POSTed over HTTP.

    puente bench xapi                              # starts `puente serve` on a free port
    puente bench xapi --url http://host:8000/xapi/ --key K --secret S

Without --url it starts `puente serve` against the current DATABASE_URL (SQLite by default)
on a free port, issues a fresh credential for a benchmark agency, and stops the server at
the end. It writes into that database (an agency BENCH-LRS, an account xapi-bench that
cannot sign in, the credential and the statements): point it at a database of its own. Several client threads each POST batches of valid statements (fresh UUIDs, a few
verbs and activities, some with results and context) for the given seconds, then it prints:

* statements stored per second (statements acknowledged by 200 answers / wall time);
* batch latency: median, p95 and max (time from sending a request to reading its answer);
* errors (any answer other than 200), which must be 0;
* when it started the server: the server process's CPU seconds per 1,000 statements (from
  /proc, user + system), a figure that other load on the machine does not inflate much.

Target on a 2-core machine: >= 1,000 statements/s on PostgreSQL.
"""
from __future__ import annotations

import base64
import http.client
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import uuid
from urllib.parse import urlparse

TARGET_PER_SECOND = 1000
VERBS = ["http://adlnet.gov/expapi/verbs/experienced", "http://adlnet.gov/expapi/verbs/attempted",
         "http://adlnet.gov/expapi/verbs/answered", "http://adlnet.gov/expapi/verbs/completed"]


def _statement(n: int) -> dict:
    verb = VERBS[n % len(VERBS)]
    statement = {
        "id": str(uuid.uuid4()),
        "actor": {"objectType": "Agent", "name": f"Officer {n % 500}", "mbox": f"mailto:officer{n % 500}@bench.example.org"},
        "verb": {"id": verb, "display": {"en-US": verb.rsplit("/", 1)[-1]}},
        "object": {"objectType": "Activity", "id": f"https://lms.bench.example.org/courses/{n % 40}",
                   "definition": {"name": {"en-US": f"Course {n % 40}", "es-MX": f"Curso {n % 40}"}}},
        "timestamp": "2024-03-01T15:04:05.000Z",
    }
    if n % 3 == 0:
        statement["result"] = {"score": {"scaled": 0.8, "raw": 80, "min": 0, "max": 100}, "success": True, "duration": "PT14M"}
        statement["context"] = {"registration": str(uuid.uuid4()), "language": "es-MX",
                                "contextActivities": {"parent": [{"id": "https://lms.bench.example.org/programs/cites"}]}}
    return statement


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _bench_credential() -> tuple[str, str]:
    """A fresh credential of a benchmark agency, issued through the app's action."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "puente.settings.dev")
    django.setup()
    from puente.accounts.models import User
    from puente.registry.models import Agency, Country
    from puente.xapi.actions import issue_credential

    country, _ = Country.objects.get_or_create(code="MX", defaults={"name_en": "Mexico", "name_es": "México"})
    agency, _ = Agency.objects.get_or_create(code="BENCH-LRS", defaults={
        "name": "Benchmark e-learning agency", "country": country, "level": "federal", "kind": "training_academy"})
    user = User.objects.filter(username="xapi-bench").first()
    if user is None:
        user = User(username="xapi-bench", is_superuser=True)
        user.set_unusable_password()
        user.save()
    credential, secret = issue_credential(user, "Benchmark client", agency)
    return credential.key, secret


def _cpu_seconds(pid: int) -> float | None:
    """User + system CPU seconds of a process (Linux /proc), None elsewhere."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def _wait_until_up(host: str, port: int, server: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise OSError(f"the server exited with {server.returncode}")
        try:
            with socket.create_connection((host, port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise OSError("the server did not start in time")


class Client(threading.Thread):
    """POSTs batches on one keep-alive connection until the deadline."""

    def __init__(self, url, auth, batch, deadline, offset):
        super().__init__(daemon=True)
        parsed = urlparse(url)
        self.host, self.port, self.path = parsed.hostname, parsed.port or 80, parsed.path.rstrip("/") + "/statements"
        self.headers = {"Authorization": auth, "X-Experience-API-Version": "1.0.3", "Content-Type": "application/json"}
        self.batch, self.deadline, self.n = batch, deadline, offset
        self.latencies, self.stored, self.errors = [], 0, []

    def run(self):
        connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
        while time.monotonic() < self.deadline:
            body = json.dumps([_statement(self.n + i) for i in range(self.batch)])
            self.n += self.batch
            started = time.perf_counter()
            try:
                connection.request("POST", self.path, body=body, headers=self.headers)
                response = connection.getresponse()
                data = response.read()
            except (OSError, http.client.HTTPException) as exc:
                self.errors.append(str(exc))
                connection.close()
                connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
                continue
            self.latencies.append(time.perf_counter() - started)
            if response.status == 200:
                self.stored += len(json.loads(data))
            else:
                self.errors.append(f"{response.status}: {data[:200]!r}")
        connection.close()


def run(url: str | None, key: str | None, secret: str | None, seconds: float, clients: int, batch: int, threads: int) -> dict:
    server = None
    if url is None:
        key, secret = _bench_credential()
        port = _free_port()
        server = subprocess.Popen([sys.executable, "-m", "puente.cli", "serve", "--port", str(port), "--threads", str(threads)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        url = f"http://127.0.0.1:{port}/xapi/"
        _wait_until_up("127.0.0.1", port, server)
    elif not (key and secret):
        raise ValueError("--url needs --key and --secret")
    auth = "Basic " + base64.b64encode(f"{key}:{secret}".encode()).decode()
    cpu_before = _cpu_seconds(server.pid) if server is not None else None
    cpu_after = None
    try:
        started = time.monotonic()
        deadline = started + seconds
        workers = [Client(url, auth, batch, deadline, offset=i * 10_000_000) for i in range(clients)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        elapsed = time.monotonic() - started
        cpu_after = _cpu_seconds(server.pid) if server is not None else None
    finally:
        if server is not None:
            # SIGINT, not SIGTERM: `puente serve` then stops its job worker too.
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
    latencies = sorted(t for w in workers for t in w.latencies)
    stored = sum(w.stored for w in workers)
    errors = [e for w in workers for e in w.errors]
    p95 = latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))] if latencies else 0.0
    report = {
        "url": url, "database": _database(), "seconds": elapsed, "clients": clients, "batch": batch,
        "server_threads": threads if server is not None else None,
        "requests": len(latencies), "statements": stored, "per_second": stored / elapsed if elapsed else 0.0,
        "latency_median_ms": 1000 * statistics.median(latencies) if latencies else 0.0,
        "latency_p95_ms": 1000 * p95, "latency_max_ms": 1000 * latencies[-1] if latencies else 0.0,
        "errors": len(errors), "error_examples": errors[:3],
        "server_cpu_seconds_per_1000": (1000 * (cpu_after - cpu_before) / stored
                                        if cpu_before is not None and cpu_after is not None and stored else None),
    }
    report["targets"] = {f">= {TARGET_PER_SECOND:,} statements/s": report["per_second"] >= TARGET_PER_SECOND, "no errors": not errors}
    return report


def _database() -> str:
    url = os.environ.get("DATABASE_URL", "")
    return urlparse(url).scheme + " " + urlparse(url).path.lstrip("/") if url else "sqlite (default)"


def _text(r: dict) -> str:
    lines = [
        f"xAPI statement POST benchmark — {r['url']} ({r['database']})",
        f"  {r['clients']} clients × batches of {r['batch']} for {r['seconds']:.1f} s"
        + (f"; server: puente serve with {r['server_threads']} threads" if r["server_threads"] else ""),
        f"statements stored: {r['statements']:,} in {r['requests']:,} requests",
        f"statements/second: {r['per_second']:,.0f}",
        f"batch latency: median {r['latency_median_ms']:.1f} ms, p95 {r['latency_p95_ms']:.1f} ms, max {r['latency_max_ms']:.1f} ms",
        f"errors: {r['errors']}" + (f"  e.g. {r['error_examples'][0]}" if r["errors"] else ""),
    ]
    if r["server_cpu_seconds_per_1000"] is not None:
        lines.append(f"server CPU: {r['server_cpu_seconds_per_1000']:.3f} s per 1,000 statements "
                     f"(at most {1000 / r['server_cpu_seconds_per_1000']:,.0f} statements/s on one free core)")
    for name, ok in r["targets"].items():
        lines.append(f"target {name}: {'met' if ok else 'MISSED'}")
    return "\n".join(lines)


HELP = "learning record store: statements/second and p95 latency of batched POSTs over HTTP"


def add_arguments(parser) -> None:
    parser.add_argument("--url", help="the xAPI endpoint of a running server (default: start one on a free port)")
    parser.add_argument("--key", help="credential key, with --url")
    parser.add_argument("--secret", help="credential secret, with --url")
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--clients", type=int, default=4, help="concurrent client connections")
    parser.add_argument("--batch", type=int, default=100, help="statements per POST")
    parser.add_argument("--threads", type=int, default=8, help="server threads when the benchmark starts the server")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")


def main(options: dict) -> int:
    report = run(options["url"], options["key"], options["secret"], options["seconds"], options["clients"], options["batch"], options["threads"])
    print(json.dumps(report, indent=2) if options["json"] else _text(report))
    return 0 if all(report["targets"].values()) else 1


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(prog="python -m puente.bench.xapi", description=__doc__.split("\n")[0])
    add_arguments(parser)
    sys.exit(main(vars(parser.parse_args())))
