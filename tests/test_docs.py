"""Documentation stays in step with the code."""

import re
from pathlib import Path

from easeoff.config import SETTINGS

ROOT = Path(__file__).resolve().parent.parent


def test_every_setting_is_in_the_readme_configuration_table():
    readme = (ROOT / "README.md").read_text()
    for setting in SETTINGS:
        assert f"| `{setting.name}` | {setting.default} | {setting.meaning} |" in readme, setting.name


def test_config_reads_only_documented_variables():
    source = (ROOT / "src/easeoff/config.py").read_text()
    read = set(re.findall(r'environ(?:\.get)?\(\s*"([A-Z_]+)"', source)) | set(
        re.findall(r'parse_bool\(environ, "([A-Z_]+)"', source)
    )
    documented = {setting.name for setting in SETTINGS}
    assert read, "no variables found: the pattern no longer matches config.py"
    assert read <= documented, read - documented


def test_readme_quick_start_has_exactly_two_commands():
    readme = (ROOT / "README.md").read_text()
    quick = readme.split("## Quick start", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    commands = [line for line in quick.strip().splitlines() if line.strip()]
    assert [c.split("#")[0].strip() for c in commands] == ["./run serve", "./run test"]


def test_readme_lists_every_instrument():
    from easeoff.domain.instruments import INSTRUMENTS

    readme = (ROOT / "README.md").read_text()
    for code in INSTRUMENTS:
        assert f"| `{code}` |" in readme, code


def test_readme_documents_every_cli_command():
    import typer

    from easeoff.cli import app

    readme = (ROOT / "README.md").read_text()
    command = typer.main.get_command(app)
    for name in command.commands:  # type: ignore[attr-defined]
        assert f"`easeoff {name}" in readme, name


def test_readme_documents_every_api_path():
    from easeoff.web.api import api

    readme = (ROOT / "README.md").read_text()
    for path in api.get_openapi_schema()["paths"]:
        assert path.removeprefix("/api") in readme.replace("/api", ""), path


def test_safety_rules_doc_is_generated_from_the_registry():
    from easeoff.domain.safety import render_rules_markdown

    # Regenerate with `make docs`.
    assert (ROOT / "docs/safety-rules.md").read_text() == render_rules_markdown()


def test_every_safety_rule_has_a_source():
    from easeoff.domain.safety import RULES

    assert RULES
    for rule in RULES.values():
        assert rule.source.strip() and rule.rationale.strip(), rule.id
