"""Settings are built by a function from an environment mapping."""

from pathlib import Path

import pytest

from easeoff.config import ConfigError, build_settings


def test_it_defaults_to_sqlite_in_the_data_directory(tmp_path: Path):
    settings = build_settings({"EASEOFF_DATA_DIR": str(tmp_path)})
    db = settings["DATABASES"]["default"]
    assert db["ENGINE"] == "easeoff.web.db.sqlite3"
    assert Path(db["NAME"]) == tmp_path / "easeoff.db"
    assert "journal_mode=WAL" in db["OPTIONS"]["init_command"]
    assert settings["DEBUG"] is False
    assert settings["USE_TZ"] is True


def test_it_generates_the_secret_key_once_and_keeps_it(tmp_path: Path):
    first = build_settings({"EASEOFF_DATA_DIR": str(tmp_path)})["SECRET_KEY"]
    second = build_settings({"EASEOFF_DATA_DIR": str(tmp_path)})["SECRET_KEY"]
    assert first == second
    assert len(first) >= 50
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


def test_an_explicit_secret_key_wins(tmp_path: Path):
    settings = build_settings({"EASEOFF_DATA_DIR": str(tmp_path), "SECRET_KEY": "x" * 60})
    assert settings["SECRET_KEY"] == "x" * 60
    assert not (tmp_path / "secret_key").exists()


def test_it_reads_a_postgresql_url(tmp_path: Path):
    settings = build_settings(
        {"EASEOFF_DATA_DIR": str(tmp_path), "DATABASE_URL": "postgresql://eo:pw@db.internal:5433/easeoff"}
    )
    db = settings["DATABASES"]["default"]
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["HOST"], db["PORT"], db["NAME"], db["USER"]) == ("db.internal", 5433, "easeoff", "eo")


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"DEBUG": "maybe"}, "DEBUG='maybe' is not a boolean"),
        ({"DATABASE_URL": "mysql://x@y/z"}, "DATABASE_URL has scheme 'mysql'"),
        ({"TIME_ZONE": "Mars/Olympus"}, "TIME_ZONE='Mars/Olympus' is not an IANA time zone"),
        ({"EMAIL_URL": "pigeon://coop"}, "EMAIL_URL has scheme 'pigeon'"),
    ],
)
def test_it_rejects_bad_values_naming_the_variable(tmp_path: Path, environ, message):
    with pytest.raises(ConfigError, match=message):
        build_settings({"EASEOFF_DATA_DIR": str(tmp_path), **environ})


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, ["127.0.0.1", "localhost"]),
        ({"ALLOWED_HOSTS": "easeoff.clinic.example, 10.0.0.5"}, ["easeoff.clinic.example", "10.0.0.5"]),
    ],
)
def test_it_reads_allowed_hosts(tmp_path: Path, environ, expected):
    assert build_settings({"EASEOFF_DATA_DIR": str(tmp_path), **environ})["ALLOWED_HOSTS"] == expected


def test_secure_mode_turns_on_secure_cookies_and_hsts(tmp_path: Path):
    settings = build_settings({"EASEOFF_DATA_DIR": str(tmp_path), "EASEOFF_SECURE": "1"})
    assert settings["SESSION_COOKIE_SECURE"] and settings["CSRF_COOKIE_SECURE"]
    assert settings["SECURE_HSTS_SECONDS"] == 31536000


def test_smtp_email_url(tmp_path: Path):
    settings = build_settings(
        {"EASEOFF_DATA_DIR": str(tmp_path), "EMAIL_URL": "smtp://u:p@127.0.0.1:2525?tls=1"}
    )
    assert settings["EMAIL_HOST"] == "127.0.0.1"
    assert settings["EMAIL_PORT"] == 2525
    assert settings["EMAIL_USE_TLS"] is True


def test_passwords_are_hashed_with_argon2(tmp_path: Path):
    hashers = build_settings({"EASEOFF_DATA_DIR": str(tmp_path)})["PASSWORD_HASHERS"]
    assert hashers[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
