"""The terminal: clinic accounts with createuser --clinic, an invitation code, the JSON export."""

import json
import re

PASSWORD_ENV = {"EASEOFF_PASSWORD": "correct-horse-battery-staple-42"}


def test_createuser_puts_clinic_staff_in_a_clinic_and_invite_and_export_work(run_cli):
    assert run_cli("migrate").returncode == 0
    made = run_cli("createuser", "ana", "--role", "patient", extra_env=PASSWORD_ENV)
    assert made.returncode == 0, made.stderr
    staff = run_cli(
        "createuser", "ben", "--role", "clinician", "--clinic", "Riverside Clinic", extra_env=PASSWORD_ENV
    )
    assert staff.returncode == 0, staff.stderr
    assert staff.stdout.strip() == "created clinician ben in Riverside Clinic"
    refused = run_cli(
        "createuser", "cy", "--role", "patient", "--clinic", "Riverside", extra_env=PASSWORD_ENV
    )
    assert refused.returncode == 1
    assert "belongs to no clinic" in refused.stderr

    invited = run_cli("invite", "--user", "ana")
    assert invited.returncode == 0, invited.stderr
    assert re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", invited.stdout.strip())
    assert "works once" in invited.stderr and "/sharing/accept/" in invited.stderr
    assert run_cli("invite", "--user", "ben").returncode == 1

    out = run_cli.data_dir / "ana.json"
    exported = run_cli("export", "--user", "ana", "--out", str(out))
    assert exported.returncode == 0, exported.stderr
    document = json.loads(out.read_text())
    assert (document["schema"], document["version"]) == ("easeoff.export", 1)
    assert len(document["invitations"]) == 1
    printed = run_cli("export", "--user", "ana")
    assert json.loads(printed.stdout)["account"]["username"] == "ana"
