"""The suite runs on the database the environment names; CI checks it really is that one."""

import os

import pytest
from django.db import connection

from tests.conftest import require


@pytest.mark.django_db
def test_it_runs_on_the_expected_database():
    expected = os.environ.get("EASEOFF_EXPECT_DB")
    if expected is None:
        assert connection.vendor in {"sqlite", "postgresql"}
    else:
        assert connection.vendor == expected


@pytest.mark.django_db
def test_sqlite_has_foreign_keys_on():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA foreign_keys")
        assert cursor.fetchone()[0] == 1


@pytest.mark.django_db
def test_postgresql_run_in_ci():
    # In CI the PostgreSQL run sets EASEOFF_EXPECT_DB; a missing server there is a failure.
    if os.environ.get("EASEOFF_EXPECT_DB") != "postgresql":
        pytest.skip("not the PostgreSQL run")
    require(connection.vendor == "postgresql", "PostgreSQL at 127.0.0.1:5432")
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        assert cursor.fetchone()[0]
