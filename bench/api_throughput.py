"""Assessments scored and stored per second through the API, against a bare Django insert.

Both endpoints (and, for information, the same insert behind the API stack: token, schema,
django-ninja) run in the same granian server (WSGI, --workers N) in one run, driven by the
same concurrent keep-alive clients, alternating rounds so drift hits both alike. Prints the
two rates, their ratio (target: at least 0.6), and each worker's resident memory (target:
under 150 MB).

    .venv/bin/python bench/api_throughput.py [--seconds 5] [--clients 8] [--workers 2] [--people 500]

Each POST is for the next of `--people` persons in turn, as in a clinic where many people
check in; the safety rules run after every stored assessment (part of what is measured).

Uses SQLite in a temporary data directory, or DATABASE_URL when it is set (PostgreSQL).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def prepare(env: dict[str, str], people: int) -> list[str]:
    """Migrate, create the bench table and `people` persons; return one API token per person."""
    script = """
import sys
import django
django.setup()
from django.core.management import call_command
from django.db import connection
from django.contrib.auth import get_user_model
from easeoff.web.accounts.services import create_api_token
call_command("migrate", verbosity=0)
with connection.cursor() as c:
    kind = "INTEGER" if connection.vendor == "sqlite" else "BIGSERIAL"
    c.execute(f"CREATE TABLE IF NOT EXISTS bench_row (id {kind} PRIMARY KEY, payload TEXT)")
User = get_user_model()
for n in range(int(sys.argv[1])):
    user = User.objects.create(username=f"bench-person-{n}", role="patient")
    print(create_api_token(user, "bench")[1])
"""
    out = subprocess.run(
        [sys.executable, "-c", script, str(people)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return out.stdout.strip().splitlines()[-people:]


def drive(
    port: int, path: str, body: bytes, headers: list[dict[str, str]], seconds: float, clients: int
) -> tuple[int, int]:
    """Send POSTs from `clients` keep-alive connections for `seconds`; return (ok, errors).

    Each request takes the next header set from `headers` in turn (one per person).
    """
    ok = errors = 0
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(index: int) -> None:
        nonlocal ok, errors
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine_ok = mine_err = 0
        turn = 0
        while time.monotonic() < stop:
            turn += 1
            try:
                conn.request(
                    "POST", path, body=body, headers=headers[(turn * clients + index) % len(headers)]
                )
                response = conn.getresponse()
                response.read()
                if response.status == 201:
                    mine_ok += 1
                else:
                    mine_err += 1
            except (OSError, http.client.HTTPException):
                mine_err += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.close()
        with lock:
            ok += mine_ok
            errors += mine_err

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return ok, errors


def worker_rss_mb(server_pid: int) -> list[float]:
    """Return the resident memory (MB) of each child process of the server."""
    sizes = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in text.splitlines() if ":" in line)
        if fields.get("PPid", "").strip() == str(server_pid) and "VmRSS" in fields:
            sizes.append(int(fields["VmRSS"].split()[0]) / 1024)
    return sizes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--people", type=int, default=500, help="persons posting in turn (each with a token)")
    args = parser.parse_args()

    data_dir = tempfile.mkdtemp(prefix="easeoff-bench-")
    env = {**os.environ, "EASEOFF_DATA_DIR": data_dir, "SECRET_KEY": secrets.token_urlsafe(50)}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    env["DJANGO_SETTINGS_MODULE"] = "easeoff.web.settings"
    tokens = prepare(env, args.people)
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable, "-m", "granian", "--interface", "wsgi",
            "--host", "127.0.0.1", "--port", str(port),
            "--workers", str(args.workers), "--blocking-threads", "8", "--backpressure", "64",
            "--no-ws", "--log-level", "warning", "bench.bench_site:application",
        ],
        env=env, cwd=ROOT, start_new_session=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        ours_headers = [
            {"Content-Type": "application/json", "Authorization": f"Bearer {token}", "Host": "127.0.0.1"}
            for token in tokens
        ]
        answers = {f"sows_{n}": n % 5 for n in range(1, 17)}
        ours_body = json.dumps({"instrument": "sows", "answers": answers}).encode()
        bare_body = ours_body
        bare_headers = [{"Content-Type": "application/json", "Host": "127.0.0.1"}]
        # Warm up both paths (imports, connections, caches) before measuring.
        for path, body, headers in (
            ("/bench/bare", bare_body, bare_headers),
            ("/bench/api/insert", ours_body, ours_headers),
            ("/api/assessments", ours_body, ours_headers),
        ):
            ok, errors = drive(port, path, body, headers, 1.0, args.clients)
            if ok == 0:
                raise SystemExit(f"warm-up of {path} failed: {errors} errors")
        totals = {"bare": [0, 0, 0.0], "stack": [0, 0, 0.0], "ours": [0, 0, 0.0]}
        for _ in range(args.rounds):
            for name, path, body, headers in (
                ("bare", "/bench/bare", bare_body, bare_headers),
                ("stack", "/bench/api/insert", ours_body, ours_headers),
                ("ours", "/api/assessments", ours_body, ours_headers),
            ):
                ok, errors = drive(port, path, body, headers, args.seconds, args.clients)
                totals[name][0] += ok
                totals[name][1] += errors
                totals[name][2] += args.seconds
        rss = worker_rss_mb(server.pid)
    finally:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
    database = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    bare_rate = totals["bare"][0] / totals["bare"][2]
    ours_rate = totals["ours"][0] / totals["ours"][2]
    stack_rate = totals["stack"][0] / totals["stack"][2]
    setup = f"workers: {args.workers}; clients: {args.clients}; {args.rounds} x {args.seconds}s per path"
    print(f"database: {database}; {setup}")
    print(f"bare Django insert:        {bare_rate:8.1f} req/s ({totals['bare'][1]} errors)")
    print(f"API stack insert (informational): {stack_rate:8.1f} req/s ({totals['stack'][1]} errors)")
    print(f"easeoff POST /api/assessments: {ours_rate:8.1f} req/s ({totals['ours'][1]} errors)")
    print(f"ratio (ours / bare): {ours_rate / bare_rate:.2f}  (target >= 0.60)")
    print(f"ratio (API stack insert / bare): {stack_rate / bare_rate:.2f}  (no scoring or rules)")
    print(f"ratio (ours / API stack insert): {ours_rate / stack_rate:.2f}")
    print("worker RSS MB: " + ", ".join(f"{mb:.0f}" for mb in rss) + "  (target < 150 each)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
