"""Build Django settings from an environment mapping.

`build_settings(environ)` is the only place that reads configuration. It takes the
environment as an argument (never `os.environ` directly), so tests and the CLI can
build settings for any environment without import-time side effects.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off", ""})


class ConfigError(ValueError):
    """A configuration value is invalid; the message names the variable and what is allowed."""


@dataclass(frozen=True, slots=True)
class Setting:
    """One environment variable easeoff reads, for the README's configuration table."""

    name: str
    default: str
    meaning: str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "EASEOFF_DATA_DIR", "~/.local/share/easeoff", "Where the SQLite database, secret key and logs live."
    ),
    Setting(
        "DATABASE_URL",
        "sqlite:///$EASEOFF_DATA_DIR/easeoff.db",
        "Database URL: `sqlite:///path` (WAL mode, foreign keys on) or `postgresql://user@host:5432/db`.",
    ),
    Setting(
        "SECRET_KEY",
        "generated once into $EASEOFF_DATA_DIR/secret_key",
        "Django's signing key. Set it explicitly when several app servers share one database.",
    ),
    Setting("DEBUG", "false", "Django debug pages. Never on in production."),
    Setting(
        "ALLOWED_HOSTS",
        "127.0.0.1,localhost",
        "Comma-separated host names the app answers for (`*` for any; only behind a proxy).",
    ),
    Setting("TIME_ZONE", "UTC", "Server time zone for logs; a person's days use their own IANA zone."),
    Setting("EASEOFF_SECURE", "false", "Behind HTTPS: secure cookies, HSTS and SSL redirect."),
    Setting(
        "EMAIL_URL",
        "console:",
        "Outgoing mail: `smtp://user:pass@host:port` (add `?tls=1` for STARTTLS) or `console:`.",
    ),
    Setting("DEFAULT_FROM_EMAIL", "easeoff@localhost", "Sender address of mail easeoff sends."),
    Setting("EASEOFF_WORKERS", "1", "App server worker processes started by `easeoff serve`."),
)


def parse_bool(environ: Mapping[str, str], name: str, default: bool) -> bool:
    """Read a boolean variable; accept 1/true/yes/on and 0/false/no/off."""
    raw = environ.get(name)
    if raw is None:
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ConfigError(f"{name}={raw!r} is not a boolean; use one of 1, true, yes, on, 0, false, no, off")


def data_dir(environ: Mapping[str, str]) -> Path:
    """Return the data directory: EASEOFF_DATA_DIR, else the platform's user data directory."""
    raw = environ.get("EASEOFF_DATA_DIR")
    if raw:
        return Path(raw).expanduser()
    from platformdirs import user_data_path

    return user_data_path("easeoff", appauthor=False)


def load_or_create_secret_key(directory: Path) -> str:
    """Return the secret key stored in `directory`, creating it (mode 0600) on first use."""
    path = directory / "secret_key"
    if path.exists():
        key = path.read_text(encoding="utf-8").strip()
        if key:
            return key
    directory.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    path.touch(mode=0o600)
    path.write_text(key + "\n", encoding="utf-8")
    return key


def database_settings(url: str) -> dict[str, Any]:
    """Turn a DATABASE_URL into Django's DATABASES["default"]; SQLite gets WAL and a busy timeout."""
    import dj_database_url

    scheme = urlsplit(url).scheme
    if scheme not in {"sqlite", "postgres", "postgresql", "pgsql"}:
        raise ConfigError(
            f"DATABASE_URL has scheme {scheme!r}; allowed: sqlite:///path or postgresql://user@host:port/db"
        )
    config: dict[str, Any] = dict(dj_database_url.parse(url))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["ENGINE"] = "easeoff.web.db.sqlite3"
        name = str(config["NAME"])
        if name and name != ":memory:":
            Path(name).expanduser().parent.mkdir(parents=True, exist_ok=True)
        # WAL lets readers and the single writer work at once; IMMEDIATE transactions take the
        # write lock up front so concurrent writers wait (busy timeout) instead of failing with
        # "database is locked" half way through. Django turns foreign keys on for SQLite itself.
        config["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    else:
        config.setdefault("OPTIONS", {})["connect_timeout"] = 5
    # Keep each worker thread's connection open between requests. On SQLite, opening and
    # closing per request cost more than the request's own queries (closing the last
    # connection checkpoints the WAL); see docs/benchmarks.md, API throughput.
    config["CONN_MAX_AGE"] = 60
    config["CONN_HEALTH_CHECKS"] = True
    return config


def email_settings(url: str) -> dict[str, Any]:
    """Turn EMAIL_URL into Django email settings."""
    parts = urlsplit(url)
    if parts.scheme == "console":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if parts.scheme == "smtp":
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": parts.hostname or "localhost",
            "EMAIL_PORT": parts.port or 25,
            "EMAIL_HOST_USER": parts.username or "",
            "EMAIL_HOST_PASSWORD": parts.password or "",
            "EMAIL_USE_TLS": "tls=1" in parts.query,
            "EMAIL_TIMEOUT": 10,
        }
    raise ConfigError(f"EMAIL_URL has scheme {parts.scheme!r}; allowed: smtp://host:port or console:")


def build_settings(environ: Mapping[str, str]) -> dict[str, Any]:
    """Return the Django settings for this environment, as a dict of UPPER_CASE names."""
    directory = data_dir(environ)
    debug = parse_bool(environ, "DEBUG", default=False)
    secure = parse_bool(environ, "EASEOFF_SECURE", default=False)
    secret_key = environ.get("SECRET_KEY") or load_or_create_secret_key(directory)
    database_url = environ.get("DATABASE_URL") or f"sqlite:///{directory / 'easeoff.db'}"
    hosts = [h.strip() for h in environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h.strip()]
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    time_zone = environ.get("TIME_ZONE", "UTC")
    try:
        ZoneInfo(time_zone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ConfigError(f"TIME_ZONE={time_zone!r} is not an IANA time zone (e.g. Europe/London)") from exc

    package_dir = Path(__file__).resolve().parent
    settings: dict[str, Any] = {
        "EASEOFF_DATA_DIR": directory,
        "BASE_DIR": package_dir,
        "SECRET_KEY": secret_key,
        "DEBUG": debug,
        "ALLOWED_HOSTS": hosts,
        "INSTALLED_APPS": [
            "django.contrib.admin",
            "django.contrib.auth",
            "django.contrib.contenttypes",
            "django.contrib.sessions",
            "django.contrib.messages",
            "whitenoise.runserver_nostatic",
            "django.contrib.staticfiles",
            "django_htmx",
            "ninja",
            "django_tasks",
            "django_tasks_db",
            "axes",
            "easeoff.web.accounts",
            "easeoff.web.core",
            "easeoff.web.tracking",
            "easeoff.web.care",
            "easeoff.web.doses",
        ],
        "MIDDLEWARE": [
            "django.middleware.security.SecurityMiddleware",
            "whitenoise.middleware.WhiteNoiseMiddleware",
            "django.contrib.sessions.middleware.SessionMiddleware",
            "django.middleware.common.CommonMiddleware",
            "django.middleware.csrf.CsrfViewMiddleware",
            "django.contrib.auth.middleware.AuthenticationMiddleware",
            "django.contrib.messages.middleware.MessageMiddleware",
            "django.middleware.clickjacking.XFrameOptionsMiddleware",
            "django_htmx.middleware.HtmxMiddleware",
            "easeoff.web.core.middleware.SecurityHeadersMiddleware",
            "easeoff.web.core.middleware.UserTimeZoneMiddleware",
            # Last, as django-axes requires: turns a locked-out sign-in into the lockout page.
            "axes.middleware.AxesMiddleware",
        ],
        "ROOT_URLCONF": "easeoff.web.urls",
        "WSGI_APPLICATION": "easeoff.web.wsgi.application",
        "TEMPLATES": [
            {
                "BACKEND": "django.template.backends.django.DjangoTemplates",
                "DIRS": [package_dir / "web" / "templates"],
                "APP_DIRS": True,
                "OPTIONS": {
                    "context_processors": [
                        "django.template.context_processors.request",
                        "django.contrib.auth.context_processors.auth",
                        "django.contrib.messages.context_processors.messages",
                        "easeoff.web.core.context.site",
                    ]
                },
            }
        ],
        "DATABASES": {"default": database_settings(database_url)},
        "DEFAULT_AUTO_FIELD": "django.db.models.BigAutoField",
        "AUTH_USER_MODEL": "accounts.User",
        "PASSWORD_HASHERS": [
            "django.contrib.auth.hashers.Argon2PasswordHasher",
            "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        ],
        "AUTH_PASSWORD_VALIDATORS": [
            {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
            {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
            {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
            {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
        ],
        # django-axes first: it refuses a locked-out username before the password is checked.
        "AUTHENTICATION_BACKENDS": [
            "axes.backends.AxesStandaloneBackend",
            "django.contrib.auth.backends.ModelBackend",
        ],
        # Brute-force protection: 5 failed sign-ins lock that username for 15 minutes, from any
        # address. Per username, not per IP: behind a clinic's proxy every user shares one IP.
        "AXES_FAILURE_LIMIT": 5,
        "AXES_COOLOFF_TIME": timedelta(minutes=15),
        "AXES_LOCKOUT_PARAMETERS": ["username"],
        "AXES_RESET_ON_SUCCESS": True,
        "AXES_LOCKOUT_CALLABLE": "easeoff.web.accounts.views.locked_out",
        # axes.W006 asks for the IP address among the lockout parameters; easeoff locks by username
        # on purpose (see above), so rotating addresses or user agents gains an attacker nothing.
        "SILENCED_SYSTEM_CHECKS": ["axes.W006"],
        "PASSWORD_RESET_TIMEOUT": 60 * 60,
        "LOGIN_URL": "/accounts/login/",
        "LOGIN_REDIRECT_URL": "/",
        "LANGUAGE_CODE": "en",
        "TIME_ZONE": time_zone,
        "USE_I18N": True,
        "USE_TZ": True,
        "STATIC_URL": "/static/",
        "STATICFILES_DIRS": [package_dir / "web" / "static"],
        "STORAGES": {
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
        },
        # Serve static files straight from the installed package: no collectstatic step and no CDN.
        "WHITENOISE_USE_FINDERS": True,
        "WHITENOISE_AUTOREFRESH": debug,
        "TASKS": {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}},
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": secure,
        "CSRF_COOKIE_SECURE": secure,
        "CSRF_COOKIE_SAMESITE": "Lax",
        "SECURE_CONTENT_TYPE_NOSNIFF": True,
        "SECURE_REFERRER_POLICY": "same-origin",
        "SECURE_CROSS_ORIGIN_OPENER_POLICY": "same-origin",
        "X_FRAME_OPTIONS": "DENY",
        "SECURE_SSL_REDIRECT": secure,
        "SECURE_HSTS_SECONDS": 31536000 if secure else 0,
        "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https") if secure else None,
        "DEFAULT_FROM_EMAIL": environ.get("DEFAULT_FROM_EMAIL", "easeoff@localhost"),
        "LOGGING": {
            "version": 1,
            "disable_existing_loggers": False,
            "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
            "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
            "root": {"handlers": ["console"], "level": "WARNING"},
        },
    }
    settings.update(email_settings(environ.get("EMAIL_URL", "console:")))
    return settings
