"""Shared fixtures: the personas, CI-aware requirements, and the browser.

Personas (STYLE.md): ana is a person in withdrawal, ben is her clinician, cho is a
clinician ana has not shared with, dee is a clinic admin.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Keep tests away from the user's real data directory and secret key. This runs before
# pytest-django imports the settings (conftest files load before the first test session).
os.environ.setdefault("EASEOFF_DATA_DIR", tempfile.mkdtemp(prefix="easeoff-test-"))
os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production-0123456789")

IN_CI = os.environ.get("CI", "").lower() == "true"
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
PASSWORD = "correct-horse-battery-staple-42"


def require(condition: object, reason: str) -> None:
    """Skip when `condition` is false; in CI (CI=true) fail instead, so nothing skips silently."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"required in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    """Hash test passwords with a fast hasher; production uses argon2 (tested in test_accounts)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def make_user(db: Any) -> Any:
    """Return a factory that creates a user with a role through the account service."""
    from easeoff.web.accounts.services import create_user

    def make(username: str, role: str = "patient", **extra: Any) -> Any:
        return create_user(
            username=username, role=role, email=f"{username}@example.org", password=PASSWORD, **extra
        )

    return make


@pytest.fixture
def ana(make_user: Any) -> Any:
    return make_user("ana", "patient")


@pytest.fixture
def ben(make_user: Any) -> Any:
    return make_user("ben", "clinician")


@pytest.fixture
def cho(make_user: Any) -> Any:
    return make_user("cho", "clinician")


@pytest.fixture
def dee(make_user: Any) -> Any:
    return make_user("dee", "admin")


@pytest.fixture
def personas(ana: Any, ben: Any, cho: Any, dee: Any) -> dict[str, Any]:
    return {"ana": ana, "ben": ben, "cho": cho, "dee": dee}


@pytest.fixture
def artifacts() -> Path:
    """Folder for screenshots and rendered pages kept after the run."""
    path = ARTIFACTS / "screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path


CHROMIUM = os.environ.get("EASEOFF_CHROMIUM", "/usr/bin/chromium")
# Flags that keep Chromium off the network (this machine has none) and work as root.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium, headless, driven by Playwright."""
    require(Path(CHROMIUM).exists(), f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the
    # test itself (fixtures, assertions) are still synchronous, so allow them.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh browser context and page per test (desktop size)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    """A fresh phone-sized page (390 x 844, touch)."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    yield page
    context.close()
