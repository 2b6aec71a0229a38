from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.fixture
def run_cli(tmp_path: Path):
    """Run `easeoff ARGS` in a subprocess with its own data directory; return the completed process."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "SECRET_KEY", "EASEOFF_DATA_DIR"}
    }
    env["EASEOFF_DATA_DIR"] = str(tmp_path / "data")

    def run(*args: str, input: str | None = None, extra_env: dict[str, str] | None = None):
        return subprocess.run(
            [sys.executable, "-m", "easeoff", *args],
            capture_output=True,
            text=True,
            input=input,
            env={**env, **(extra_env or {})},
            timeout=120,
        )

    run.data_dir = tmp_path / "data"  # type: ignore[attr-defined]
    return run
