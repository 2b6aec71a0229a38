import sqlite3

import pytest

from easeoff import __version__


def test_it_prints_the_version(run_cli):
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"easeoff {__version__}"


def test_help_lists_the_commands(run_cli):
    result = run_cli("--help")
    assert result.returncode == 0
    for command in ("serve", "migrate", "createuser"):
        assert command in result.stdout


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--bogus"], "No such option: --bogus"),
        (["serve", "--port", "abc"], "Invalid value for '--port'"),
        (["serve", "--port", "70000"], "Invalid value for '--port'"),
        (["frobnicate"], "No such command 'frobnicate'"),
        (
            ["createuser", "x", "--role", "nurse"],
            "--role 'nurse' is not allowed; use one of: patient, clinician, admin",
        ),
    ],
)
def test_a_wrong_command_line_is_one_line_and_exit_2(run_cli, args, fragment):
    result = run_cli(*args)
    assert result.returncode == 2
    assert fragment in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr + result.stdout


def test_an_unreachable_database_is_one_line_and_exit_1(run_cli):
    result = run_cli("migrate", extra_env={"DATABASE_URL": "postgresql://easeoff:secret@127.0.0.1:1/none"})
    assert result.returncode == 1
    assert result.stderr.startswith("easeoff: error: cannot reach the database at postgresql://easeoff:***@")
    assert "secret" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_a_bad_setting_is_one_line_and_exit_1(run_cli):
    result = run_cli("migrate", extra_env={"DEBUG": "perhaps"})
    assert result.returncode == 1
    assert "DEBUG='perhaps' is not a boolean" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_migrate_creates_a_sqlite_database_in_wal_mode(run_cli):
    result = run_cli("migrate")
    assert result.returncode == 0, result.stderr
    db = run_cli.data_dir / "easeoff.db"
    assert db.exists()
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "accounts_user" in tables


def test_createuser_creates_each_role(run_cli):
    assert run_cli("migrate").returncode == 0
    for name, role in [("ana", "patient"), ("ben", "clinician"), ("dee", "admin")]:
        result = run_cli(
            "createuser", name, "--role", role, extra_env={"EASEOFF_PASSWORD": "long-enough-pass-9"}
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == f"created {role} {name}"
    with sqlite3.connect(run_cli.data_dir / "easeoff.db") as conn:
        rows = dict(conn.execute("SELECT username, role FROM accounts_user").fetchall())
        staff = dict(conn.execute("SELECT username, is_staff FROM accounts_user").fetchall())
    assert rows == {"ana": "patient", "ben": "clinician", "dee": "admin"}
    assert staff == {"ana": 0, "ben": 0, "dee": 1}


def test_createuser_refuses_a_taken_name_and_a_weak_password(run_cli):
    assert run_cli("migrate").returncode == 0
    env = {"EASEOFF_PASSWORD": "long-enough-pass-9"}
    assert run_cli("createuser", "ana", extra_env=env).returncode == 0
    again = run_cli("createuser", "ANA", extra_env=env)
    assert again.returncode == 1
    assert "username: 'ANA' is already taken" in again.stderr
    weak = run_cli("createuser", "bob", extra_env={"EASEOFF_PASSWORD": "123"})
    assert weak.returncode == 1
    assert weak.stderr.startswith("easeoff: error: password:")


def test_createuser_without_a_password_or_terminal_says_how(run_cli):
    assert run_cli("migrate").returncode == 0
    result = run_cli("createuser", "ana", input="")
    assert result.returncode == 1
    assert "no password" in result.stderr
