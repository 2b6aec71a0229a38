"""`easeoff serve` applies migrations and serves with granian (the README's first command)."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(url: str, deadline_s: float = 30.0) -> bytes:
    end = time.monotonic() + deadline_s
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 -- loopback only
                return bytes(response.read())
        except OSError:
            if time.monotonic() > end:
                raise
            time.sleep(0.2)


def test_serve_migrates_and_answers_on_home_and_healthz(tmp_path: Path):
    port = free_port()
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "SECRET_KEY", "DJANGO_SETTINGS_MODULE"}
    }
    env["EASEOFF_DATA_DIR"] = str(tmp_path)
    server = subprocess.Popen(
        [sys.executable, "-m", "easeoff", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        health = json.loads(wait_for(f"http://127.0.0.1:{port}/healthz"))
        assert health["status"] == "ok"
        assert health["database"] == "sqlite"
        home = wait_for(f"http://127.0.0.1:{port}/").decode()
        assert "easeoff" in home
        assert (tmp_path / "easeoff.db").exists()
    finally:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        assert server.stdout is not None
        log = server.stdout.read().decode()
    assert "Traceback" not in log
    assert "granian" in log.lower()
