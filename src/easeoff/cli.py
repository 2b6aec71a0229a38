"""The `easeoff` command: serve the app, migrate, manage users, and use easeoff from a terminal.

`main(args, environ)` does the work and returns an exit code; `entrypoint()` is the only
place that reads `sys.argv` and `os.environ`. Errors end as one line on standard error
and a non-zero exit code, never a traceback: 2 for a wrong command line, 1 for anything else.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from typing import Annotated, Any

import typer
from rich.console import Console

from easeoff import __version__
from easeoff.config import ConfigError

try:  # Typer 0.2x vendors its own copy of click.
    from typer._click import exceptions as click_errors
except ImportError:  # pragma: no cover -- older Typer uses click itself
    from click import exceptions as click_errors  # type: ignore[no-redef]

app = typer.Typer(
    name="easeoff",
    help="Measure opioid withdrawal on validated scales, log doses, taper safely, share with a clinician.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


class CommandError(Exception):
    """A failure to report as one line, with an exit code."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def redact_url(url: str) -> str:
    """Hide the password in a database URL before printing it."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return urlunsplit(parts._replace(netloc=netloc))
    return url


def setup_django() -> None:
    """Configure Django from the environment; raise CommandError for bad configuration."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "easeoff.web.settings")
    import django

    try:
        django.setup()
    except ConfigError as exc:
        raise CommandError(f"configuration: {exc}") from exc


def check_database() -> None:
    """Connect to the database once, so an unreachable one fails with a clear line."""
    from django.db import DatabaseError, connection

    try:
        connection.ensure_connection()
    except DatabaseError as exc:
        from django.conf import settings

        db = settings.DATABASES["default"]
        where = os.environ.get("DATABASE_URL") or str(db["NAME"])
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise CommandError(f"cannot reach the database at {redact_url(where)}: {reason}") from exc


def require_migrated() -> None:
    """Connect, and refuse to go on when migrations are pending (say which command fixes it)."""
    check_database()
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise CommandError("the database is not up to date: run `easeoff migrate` first")


def run_migrations(*, verbose: bool) -> None:
    """Apply every pending migration."""
    from django.core.management import call_command

    check_database()
    call_command("migrate", interactive=False, verbosity=1 if verbose else 0)


def version_callback(value: bool) -> None:
    if value:
        out.print(f"easeoff {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=version_callback, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Measure opioid withdrawal on validated scales, log doses, taper safely, share with a clinician."""


@app.command()
def migrate() -> None:
    """Create or update the database tables."""
    setup_django()
    run_migrations(verbose=True)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to bind; 0.0.0.0 exposes easeoff to the network.")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")] = 8000,
    workers: Annotated[
        int | None, typer.Option(min=1, max=64, help="Worker processes (default: EASEOFF_WORKERS or 1).")
    ] = None,
) -> None:
    """Apply migrations, then serve easeoff with a production server (granian)."""
    setup_django()
    run_migrations(verbose=False)
    from granian import Granian
    from granian.constants import Interfaces

    count = workers or int(os.environ.get("EASEOFF_WORKERS", "1"))
    err.print(f"easeoff {__version__} serving on http://{host}:{port} with {count} worker(s); Ctrl+C stops.")
    Granian(
        target="easeoff.web.wsgi:application",
        address=host,
        port=port,
        interface=Interfaces.WSGI,
        workers=count,
        # WSGI requests run on blocking threads; a few per worker is plenty under the GIL,
        # and backpressure makes excess connections wait instead of piling up threads.
        blocking_threads=8,
        backpressure=64,
        log_access=False,
    ).serve()


@app.command()
def createuser(
    username: Annotated[str, typer.Argument(help="Sign-in name.")],
    role: Annotated[str, typer.Option(help="patient, clinician or admin.")] = "patient",
    email: Annotated[str, typer.Option(help="E-mail address (for password reset).")] = "",
    password: Annotated[
        str | None,
        typer.Option(
            help="Password; asked for (hidden) when not given. Prefer the prompt or EASEOFF_PASSWORD."
        ),
    ] = None,
    clinic: Annotated[
        str | None,
        typer.Option(
            help="Clinic a clinician or clinic admin works for (made if new). An admin without one "
            "is the site operator."
        ),
    ] = None,
) -> None:
    """Create an account with a role (clinicians and clinic admins in a clinic)."""
    roles = ("patient", "clinician", "admin")
    if role not in roles:
        raise CommandError(f"--role {role!r} is not allowed; use one of: {', '.join(roles)}", exit_code=2)
    setup_django()
    check_database()
    from easeoff.web.accounts.services import AccountError, create_user

    secret = password or os.environ.get("EASEOFF_PASSWORD")
    if secret is None:
        if not sys.stdin.isatty():
            raise CommandError("no password: pass --password, set EASEOFF_PASSWORD, or run in a terminal")
        secret = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        user = create_user(username=username, role=role, email=email, password=secret, clinic=clinic)
    except AccountError as exc:
        raise CommandError(str(exc)) from exc
    where = f" in {user.clinic.name}" if user.clinic else ""
    out.print(f"created {user.role} {user.username}{where}")


@app.command()
def invite(
    user: Annotated[
        str | None, typer.Option(help="Person who shares (default: the only person account).")
    ] = None,
) -> None:
    """Make a one-time code for a clinician to see your records (7 days, single use)."""
    setup_django()
    require_migrated()
    from zoneinfo import ZoneInfo

    from django.urls import reverse
    from django.utils import timezone

    from easeoff.services.errors import InvalidInput, NotAllowed
    from easeoff.services.sharing import create_invitation

    person = local_user(user)
    try:
        made = create_invitation(person=person, now=timezone.now())
    except (InvalidInput, NotAllowed) as exc:
        raise CommandError(str(exc)) from None
    zone = ZoneInfo(person.time_zone)
    expires = made.invitation.expires_at.astimezone(zone).strftime("%Y-%m-%d %H:%M %Z")
    out.print(made.code, markup=False)
    err.print(
        f"Give this code to your clinician; it works once, until {expires}. "
        f"Link: <your easeoff address>{reverse('sharing_accept_link', args=[made.code])}",
        markup=False,
    )


@app.command()
def export(
    out_file: Annotated[
        str | None, typer.Option("--out", help="Write the JSON here (default: stdout).")
    ] = None,
    user: Annotated[
        str | None, typer.Option(help="Account to export (default: the only person account).")
    ] = None,
    format_: Annotated[
        str, typer.Option("--format", help="json, or csv (CSV files in a zip; needs --out).")
    ] = "json",
) -> None:
    """Export everything an account has as JSON (schema easeoff.export, version 1; docs/export.md)."""
    import json
    from pathlib import Path

    if format_ not in ("json", "csv"):
        raise CommandError(f"--format {format_!r}: choose json or csv", exit_code=2)
    if format_ == "csv" and not out_file:
        raise CommandError("--format csv writes a zip: say where with --out FILE.zip", exit_code=2)
    setup_django()
    require_migrated()
    from django.utils import timezone

    from easeoff.services.export import export_person

    person = local_user(user)
    if format_ == "csv":
        from easeoff.services.export_csv import export_csv_zip

        Path(str(out_file)).write_bytes(export_csv_zip(person, person, timezone.now()))
        err.print(f"wrote {out_file}", markup=False)
        return
    document = export_person(viewer=person, person=person, now=timezone.now())
    text = json.dumps(document, indent=2, ensure_ascii=False)
    if out_file:
        Path(out_file).write_text(text + "\n", encoding="utf-8")
        err.print(f"wrote {out_file}", markup=False)
    else:
        out.print(text, markup=False, highlight=False)


@app.command("import")
def import_command(
    source: Annotated[str, typer.Argument(help="An easeoff export (JSON file from `easeoff export`).")],
    user: Annotated[
        str | None, typer.Option(help="Person to import into (default: the only person account).")
    ] = None,
    keep_existing: Annotated[
        bool,
        typer.Option("--keep-existing", help="On conflicts, keep the records here and import the rest."),
    ] = False,
) -> None:
    """Import an easeoff export (idempotent; conflicts reported, never overwritten; docs/export.md)."""
    from pathlib import Path

    path = Path(source)
    if not path.is_file():
        raise CommandError(f"{source!r}: no such file", exit_code=2)
    setup_django()
    require_migrated()
    from django.utils import timezone

    from easeoff.services.errors import InvalidInput
    from easeoff.services.importer import import_export

    person = local_user(user)
    try:
        text = path.read_text(encoding="utf-8")
        result = import_export(
            actor=person, person=person, text=text, now=timezone.now(), keep_existing=keep_existing
        )
    except UnicodeDecodeError:
        raise CommandError("nothing imported: file: not UTF-8 text") from None
    except InvalidInput as exc:
        raise CommandError(f"nothing imported: {exc}") from None
    out.print(result.summary(), markup=False)
    for conflict in result.conflicts:
        out.print(f"conflict: {conflict}", markup=False)
    for kind, why in result.skipped.items():
        out.print(f"skipped {kind}: {why}", markup=False)
    if not result.stored:
        raise CommandError(
            "nothing imported: the file has conflicts; re-run with --keep-existing to import the rest"
        )


def load_answers(text: str) -> dict[str, Any]:
    """Parse --answers JSON into a mapping, or raise a usage error naming the flag."""
    import json

    try:
        answers = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CommandError(
            f"--answers is not valid JSON: {exc.msg} at character {exc.pos}", exit_code=2
        ) from None
    if not isinstance(answers, dict):
        raise CommandError("--answers must be a JSON object, e.g. '{\"sows_1\": 2, ...}'", exit_code=2)
    return answers


@app.command()
def instruments(
    as_json: Annotated[
        bool, typer.Option("--json", help="Print JSON with every item, anchor and band.")
    ] = False,
    fhir: Annotated[
        str | None,
        typer.Option("--fhir", metavar="CODE", help="Print one instrument as a FHIR R4 Questionnaire."),
    ] = None,
) -> None:
    """List the validated instruments easeoff scores."""
    from easeoff.domain.instruments import INSTRUMENTS, UnknownInstrument, get_instrument

    if fhir is not None:
        try:
            get_instrument(fhir)
        except UnknownInstrument as exc:
            raise CommandError(str(exc), exit_code=2) from None
        from easeoff.interop.fhir_questionnaire import questionnaire_json

        out.print(questionnaire_json(fhir), markup=False, highlight=False)
        return
    if as_json:
        import json

        from easeoff.services.scoring import instrument_public

        out.print(json.dumps([instrument_public(i) for i in INSTRUMENTS.values()], indent=2), markup=False)
        return
    from rich.table import Table

    table = Table(title="Instruments", show_lines=False)
    for column in ("code", "name", "items", "range", "bands", "filled in by"):
        table.add_column(column)
    for instrument in INSTRUMENTS.values():
        bands = ", ".join(f"{b.low}-{b.high} {b.label}" for b in instrument.bands) or "none published"
        table.add_row(
            instrument.code,
            instrument.name,
            str(len(instrument.scored_items)),
            f"{instrument.min_total}-{instrument.max_total}",
            bands,
            instrument.administered_by,
        )
    out.print(table)


@app.command(name="score")
def score_command(
    code: Annotated[str, typer.Argument(help="Instrument code, e.g. sows (see `easeoff instruments`).")],
    answers: Annotated[str, typer.Option("--answers", help='JSON object: {"item_id": value, ...}')],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print {instrument, total, band, flags} as JSON.")
    ] = False,
    variant: Annotated[str, typer.Option(help="Wording variant the answers were given under.")] = "published",
) -> None:
    """Score answers to an instrument without storing them; exit 2 naming every invalid item."""
    import json

    from easeoff.services.errors import InvalidInput
    from easeoff.services.scoring import score_answers

    try:
        result = score_answers(code, load_answers(answers), variant=variant)
    except InvalidInput as exc:
        if as_json:
            out.print(json.dumps({"instrument": code, "problems": exc.problems}), markup=False)
        raise CommandError(str(exc), exit_code=2) from None
    if as_json:
        payload = {
            "instrument": result.instrument_code,
            "total": result.total,
            "band": result.band.label if result.band else None,
            "flags": list(result.flags),
        }
        out.print(json.dumps(payload), markup=False)
        return
    band = f" ({result.band.label})" if result.band else ""
    out.print(f"{result.instrument_code}: total {result.total}{band}", markup=False)
    for flag in result.flags:
        out.print(f"flag: {flag}", markup=False)


def local_user(username: str | None) -> Any:
    """Return the account to record for: --user, else EASEOFF_USER, else the only person account."""
    from easeoff.web.accounts.models import Role, User

    name = username or os.environ.get("EASEOFF_USER")
    if name:
        user = User.objects.filter(username=name).first()
        if user is None:
            raise CommandError(
                f"--user {name!r}: no such account (create it with `easeoff createuser {name}`)"
            )
        return user
    people = list(User.objects.filter(role=Role.PATIENT, is_active=True)[:2])
    if len(people) == 1:
        return people[0]
    if not people:
        raise CommandError("no person account yet: create one with `easeoff createuser NAME --role patient`")
    raise CommandError("several person accounts: say which with --user NAME (or set EASEOFF_USER)")


@app.command()
def checkin(
    code: Annotated[str, typer.Argument(help="Instrument code, e.g. sows.")],
    user: Annotated[
        str | None, typer.Option(help="Account to record for (default: the only person account).")
    ] = (None),
    variant: Annotated[
        str, typer.Option(help="Wording variant, e.g. 'using' for SOWS item 16.")
    ] = "published",
) -> None:
    """Answer an instrument item by item in the terminal and save it."""
    from rich.panel import Panel
    from rich.prompt import Prompt

    from easeoff.services.errors import InvalidInput, NotAllowed
    from easeoff.services.scoring import find_instrument

    try:
        instrument = find_instrument(code)
    except InvalidInput as exc:
        raise CommandError(str(exc), exit_code=2) from None
    setup_django()
    require_migrated()
    from django.utils import timezone

    from easeoff.services.assessments import may_administer, record_assessment

    person = local_user(user)
    if not may_administer(person, person, instrument):
        raise CommandError(
            f"{instrument.short_name} is filled in by a clinician, not self-rated; "
            "try `easeoff checkin sows` or `easeoff checkin sows_gossop`"
        )
    try:
        instrument.variant(variant)
    except KeyError as exc:
        raise CommandError(f"--variant: {exc.args[0]}", exit_code=2) from None
    out.print(
        Panel(
            f"{instrument.instructions}\n[dim]Time frame: {instrument.recall_period}[/dim]",
            title=instrument.name,
        )
    )
    answers: dict[str, int] = {}
    for item in instrument.items:
        out.print(f"\n[bold]{item.number}. {instrument.item_text(item.id, variant)}[/bold]")
        if item.help:
            out.print(f"[dim]{item.help}[/dim]")
        for option in item.options:
            out.print(f"  [bold]{option.value}[/bold]  {option.text}")
        choices = [str(v) for v in item.allowed_values]
        if not item.required:
            choices.append("")
        picked = Prompt.ask("Your answer", choices=choices, show_choices=True, console=out)
        if picked != "":
            answers[item.id] = int(picked)
    try:
        recorded = record_assessment(
            actor=person,
            person=person,
            instrument_code=instrument.code,
            answers=answers,
            now=timezone.now(),
            variant=variant,
        )
    except (InvalidInput, NotAllowed) as exc:
        raise CommandError(str(exc)) from None
    band = f" ({recorded.score.band.label})" if recorded.score.band else ""
    out.print(f"\nSaved {instrument.short_name} for {person.username}: total {recorded.score.total}{band}.")
    if "phq9_item9_positive" in recorded.score.flags:
        out.print(
            "[bold red]You said you have had thoughts of being better off dead or of hurting yourself. "
            "If you might act on them, call your local emergency number now. "
            "Talk to your clinician today.[/bold red]"
        )


@app.command()
def rules(
    as_json: Annotated[
        bool, typer.Option("--json", help="Print every rule with its source as JSON.")
    ] = False,
) -> None:
    """List every safety rule with its severity and clinical source."""
    from easeoff.domain.safety import RULES, rules_as_json

    if as_json:
        out.print(rules_as_json(), markup=False)
        return
    from rich.table import Table

    table = Table(title="Safety rules")
    for column in ("id", "severity", "source"):
        table.add_column(column)
    for rule in RULES.values():
        table.add_row(rule.id, rule.severity, rule.source)
    out.print(table)


LEGAL_STATUSES = ("legal", "regulated", "restricted", "banned", "unknown")


@app.command()
def legal(
    place: Annotated[str, typer.Argument(help="ISO 3166 code (TH, US-AL) or a name (Thailand, Alabama).")],
    as_json: Annotated[
        bool, typer.Option("--json", help='Print {"place", "status", "as_of", "source", "notes"}.')
    ] = False,
) -> None:
    """Show kratom's legal status for a place, with its date and source. Laws change: check locally."""
    import json

    from easeoff.knowledge.legality import candidates, known_places, lookup

    status = lookup(place)
    if status is None:
        options = candidates(place)
        known = ", ".join(sorted({p.code for p in known_places() if ":" not in p.code}))
        if options:
            hint = "it could mean " + " or ".join(f"{o.code} ({o.name})" for o in options)
        else:
            hint = f"known places: {known}"
        message = f"no data for {place!r}; {hint}"
        if as_json:
            payload = {"place": place, "status": "unknown", "as_of": None, "source": None, "notes": message}
            out.print(json.dumps(payload), markup=False)
        raise CommandError(message)
    if as_json:
        payload = {
            "place": status.code,
            "status": status.status,
            "as_of": status.as_of,
            "source": status.source,
            "notes": status.notes,
        }
        out.print(json.dumps(payload), markup=False)
        return
    out.print(
        f"{status.name} ({status.code}): kratom is {status.status} (as of {status.as_of})", markup=False
    )
    if status.seven_oh_status and status.seven_oh_status != status.status:
        out.print(f"7-OH products: {status.seven_oh_status}", markup=False)
    out.print(status.notes, markup=False)
    out.print(f"Source: {status.source}", markup=False)
    out.print("Laws change and local rules may differ: check before you rely on this.", markup=False)


@app.command()
def demo(
    people: Annotated[int, typer.Option(min=0, max=5000, help="People in the demo caseload.")] = 40,
    days: Annotated[int, typer.Option(min=1, max=365, help="Days of check-ins per person.")] = 30,
    seed: Annotated[int, typer.Option(help="Random seed: the same seed gives the same data.")] = 1,
    force: Annotated[
        bool, typer.Option("--force", help="Add demo data even if real accounts exist.")
    ] = False,
) -> None:
    """Fill the database with generated demo data: the personas and a caseload with withdrawal courses."""
    setup_django()
    run_migrations(verbose=False)
    from django.utils import timezone

    from easeoff.services.demo import DEMO_PASSWORD, generate_demo
    from easeoff.services.errors import InvalidInput

    try:
        summary = generate_demo(people=people, days=days, seed=seed, now=timezone.now(), force=force)
    except InvalidInput as exc:
        raise CommandError(str(exc)) from None
    out.print(
        f"demo: {summary.people} people, {summary.days} days, {summary.assessments} assessments, "
        f"{summary.flags} flags. Sign in as ana (person), ben (clinician), cho, dee (admin); "
        f"password {DEMO_PASSWORD!r}",
        markup=False,
    )


def parse_day(flag: str, text: str | None) -> Any:
    """Parse a YYYY-MM-DD option, or raise a usage error naming the flag."""
    from datetime import date

    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{flag} {text!r} is not a day; use YYYY-MM-DD", exit_code=2) from None


@app.command()
def report(
    out_file: Annotated[str, typer.Option("--out", help="Where to write the PDF, e.g. visit.pdf.")],
    date_from: Annotated[
        str | None, typer.Option("--from", help="First day (YYYY-MM-DD); default: since the last report.")
    ] = None,
    date_to: Annotated[
        str | None, typer.Option("--to", help="Last day (YYYY-MM-DD); default: today.")
    ] = None,
    user: Annotated[
        str | None, typer.Option(help="Person the report is about (default: the only person account).")
    ] = None,
) -> None:
    """Write the visit report (PDF) for a period."""
    from pathlib import Path

    start, end = parse_day("--from", date_from), parse_day("--to", date_to)
    if not out_file.lower().endswith(".pdf"):
        raise CommandError(f"--out {out_file!r} must end in .pdf", exit_code=2)
    setup_django()
    require_migrated()
    from zoneinfo import ZoneInfo

    from django.utils import timezone

    from easeoff.interop.report import build_report, default_period, record_report, render_report_pdf
    from easeoff.services.errors import InvalidInput

    person = local_user(user)
    now = timezone.now()
    today = now.astimezone(ZoneInfo(person.time_zone)).date()
    default_from, default_to = default_period(person, today=today)
    try:
        built = build_report(
            viewer=person, person=person, date_from=start or default_from, date_to=end or default_to, now=now
        )
    except InvalidInput as exc:
        raise CommandError(
            str(exc).replace("from:", "--from:").replace("to:", "--to:"), exit_code=2
        ) from None
    Path(out_file).write_bytes(render_report_pdf(built))
    record_report(built, person=person, viewer=person)
    out.print(
        f"wrote {out_file}: {built.assessment_count} assessments, {built.date_from} to {built.date_to}",
        markup=False,
    )


@app.command()
def extract(
    source: Annotated[
        str, typer.Argument(help='JSON Lines file of {"id", "text"}; - or nothing reads stdin.')
    ] = "-",
    out_file: Annotated[
        str | None, typer.Option("--out", help="Write JSON Lines here (default: stdout).")
    ] = None,
    jobs: Annotated[int, typer.Option("--jobs", min=1, max=64, help="Worker processes.")] = 1,
    text: Annotated[
        str | None, typer.Option("--text", help="Extract one passage given here instead.")
    ] = None,
) -> None:
    """Extract symptoms, substances, doses and kratom's effect (the extraction guidelines' schema)."""
    import json
    from pathlib import Path

    from easeoff.nlp import extract as extract_text
    from easeoff.nlp import iter_records

    if text is not None:
        out.print(json.dumps(extract_text(text).to_json("text"), ensure_ascii=False), markup=False)
        return
    from contextlib import ExitStack

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    with ExitStack() as stack:
        if source == "-":
            if sys.stdin.isatty():
                raise CommandError("give a FILE, - for standard input, or --text", exit_code=2)
            lines: Any = sys.stdin
            total = None
        else:
            path = Path(source)
            if not path.is_file():
                raise CommandError(f"FILE {source!r}: no such file", exit_code=2)
            with path.open(encoding="utf-8") as handle:
                total = sum(1 for _ in handle)
            lines = stack.enter_context(path.open(encoding="utf-8"))
        target = stack.enter_context(Path(out_file).open("w", encoding="utf-8")) if out_file else sys.stdout
        progress = stack.enter_context(
            Progress(
                "[progress.description]{task.description}",
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=err,
                disable=not err.is_terminal,
                transient=True,
            )
        )
        task = progress.add_task("extracting", total=total)
        skipped = written = 0
        for _, record, error in iter_records(lines, jobs=jobs):
            progress.advance(task)
            if error is not None:
                skipped += 1
                err.print(f"easeoff: skipped {error}", markup=False, highlight=False)
                continue
            target.write(json.dumps(record, ensure_ascii=False) + "\n")
            written += 1
    if out_file or skipped:
        err.print(f"extracted {written} passage(s); skipped {skipped} malformed line(s)", markup=False)


@app.command(name="mine-report")
def mine_report(
    mined: Annotated[str, typer.Argument(help="JSON Lines written by `easeoff extract`.")],
    chart: Annotated[
        str | None, typer.Option(help="Chart file, .svg or .png (default: next to the input, .svg).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Summarise a mined corpus: symptoms present or relieved, by substance, and kratom effects."""
    import json
    from pathlib import Path

    from rich.table import Table

    from easeoff.analytics.mining import EFFECTS, chart_png, chart_svg, summarise

    path = Path(mined)
    if not path.is_file():
        raise CommandError(f"{mined!r}: no such file", exit_code=2)
    chart_path = Path(chart) if chart else path.with_suffix(".svg")
    if chart_path.suffix.lower() not in (".svg", ".png"):
        raise CommandError(f"--chart {chart!r} must end in .svg or .png", exit_code=2)
    with path.open(encoding="utf-8") as handle:
        summary = summarise(handle)
    for number in summary.skipped_lines:
        err.print(f"easeoff: skipped line {number}: not a mined record", markup=False)
    if chart_path.suffix.lower() == ".png":
        chart_png(summary, chart_path)
    else:
        chart_path.write_text(chart_svg(summary), encoding="utf-8")
    if as_json:
        out.print(json.dumps({**summary.as_json(), "chart": str(chart_path)}), markup=False)
        return
    table = Table(title=f"Symptoms in {summary.passages} passages")
    for column in ("symptom", "present", "relieved", "negated"):
        table.add_column(column, justify="left" if column == "symptom" else "right")
    for name, counts in sorted(summary.symptoms.items(), key=lambda kv: -sum(kv[1].values())):
        table.add_row(name, str(counts["present"]), str(counts["relieved"]), str(counts["negated"]))
    out.print(table)
    by = Table(title="By substance named (passages; symptoms present / relieved)")
    by.add_column("substance")
    by.add_column("passages", justify="right")
    by.add_column("top symptoms")
    for substance, count in summary.substances.most_common(12):
        symptoms = summary.by_substance.get(substance, {})
        top = sorted(symptoms.items(), key=lambda kv: -sum(kv[1].values()))[:4]
        by.add_row(substance, str(count), ", ".join(f"{n} {c['present']}/{c['relieved']}" for n, c in top))
    out.print(by)
    effects = ", ".join(f"{e} {summary.effects.get(e, 0)}" for e in EFFECTS)
    out.print(f"kratom effect: {effects}", markup=False)
    out.print(f"chart: {chart_path}", markup=False)


@app.command(name="evaluate-extractor")
def evaluate_extractor(
    gold: Annotated[
        str, typer.Argument(help="Hand-labelled JSON Lines (with text), e.g. tests/nlp/devset.jsonl.")
    ],
    predicted: Annotated[
        str | None, typer.Option(help="Predictions to score (default: run the extractor).")
    ] = None,
) -> None:
    """Print precision, recall and F1 per field of the extractor against hand labels."""
    from pathlib import Path

    from easeoff.nlp import extract as extract_text
    from easeoff.nlp.evaluate import evaluate, format_report, read_jsonl

    for name in (gold, predicted):
        if name is not None and not Path(name).is_file():
            raise CommandError(f"{name!r}: no such file", exit_code=2)
    gold_records = read_jsonl(Path(gold))
    if predicted is not None:
        predicted_records = read_jsonl(Path(predicted))
    else:
        predicted_records = [extract_text(g["text"]).to_json(g["id"]) for g in gold_records]
    out.print(format_report(evaluate(gold_records, predicted_records)), markup=False)


@app.command()
def sweep() -> None:
    """Run the safety rules for everyone active in the last two weeks (run it hourly, e.g. from cron).

    Rules that react to silence, such as no check-in after a severe score, need a clock tick:
    nothing new arrives to trigger them.
    """
    setup_django()
    require_migrated()
    from django.utils import timezone

    from easeoff.services.safety import sweep_all

    people, flags = sweep_all(now=timezone.now())
    out.print(f"checked {people} people; raised {flags} new flag(s)", markup=False)


fhir_app = typer.Typer(help="FHIR R4 for the clinic's record system.", no_args_is_help=True)
app.add_typer(fhir_app, name="fhir")


@fhir_app.command("export")
def fhir_export(
    out_file: Annotated[
        str | None, typer.Option("--out", help="Write the Bundle here (default: stdout).")
    ] = None,
    user: Annotated[
        str | None, typer.Option(help="Person to export (default: the only person account).")
    ] = None,
) -> None:
    """Export a person's record as a FHIR R4 Bundle (Patient, Questionnaires, responses, totals, flags)."""
    import json
    from pathlib import Path

    setup_django()
    require_migrated()
    from django.utils import timezone

    from easeoff.interop.fhir_bundle import export_bundle

    person = local_user(user)
    text = json.dumps(
        export_bundle(viewer=person, person=person, now=timezone.now()), indent=2, ensure_ascii=False
    )
    if out_file:
        Path(out_file).write_text(text + "\n", encoding="utf-8")
        err.print(f"wrote {out_file}", markup=False)
    else:
        out.print(text, markup=False, highlight=False)


@fhir_app.command("import")
def fhir_import(
    source: Annotated[str, typer.Argument(help="A FHIR R4 Bundle (JSON file).")],
    user: Annotated[
        str | None, typer.Option(help="Person to import into (default: the only person account).")
    ] = None,
) -> None:
    """Import the QuestionnaireResponses of a FHIR Bundle as assessments (all or nothing; idempotent)."""
    from pathlib import Path

    path = Path(source)
    if not path.is_file():
        raise CommandError(f"{source!r}: no such file", exit_code=2)
    setup_django()
    require_migrated()
    from django.utils import timezone

    from easeoff.interop.fhir_bundle import import_bundle
    from easeoff.services.errors import InvalidInput

    person = local_user(user)
    try:
        result = import_bundle(
            actor=person, person=person, text=path.read_text(encoding="utf-8"), now=timezone.now()
        )
    except InvalidInput as exc:
        raise CommandError(f"nothing imported: {exc}") from None
    skipped = ", ".join(f"{n} {kind}" for kind, n in sorted(result.skipped_types.items())) or "none"
    out.print(
        f"imported {result.imported} assessment(s); {result.already_present} already present; "
        f"other resources skipped: {skipped}",
        markup=False,
    )


token_app = typer.Typer(
    help="API tokens for scripts and apps (Authorization: Bearer ...).", no_args_is_help=True
)
app.add_typer(token_app, name="token")


@token_app.command("create")
def token_create(
    username: Annotated[str, typer.Argument(help="Account the token acts as.")],
    name: Annotated[str, typer.Option(help="What the token is for, e.g. 'my laptop'.")] = "cli",
) -> None:
    """Make an API token and print its secret once (only a hash is stored)."""
    setup_django()
    require_migrated()
    from easeoff.web.accounts.models import User
    from easeoff.web.accounts.services import AccountError, create_api_token

    user = User.objects.filter(username=username).first()
    if user is None:
        raise CommandError(f"no account named {username!r}")
    try:
        _, secret = create_api_token(user, name)
    except AccountError as exc:
        raise CommandError(str(exc)) from None
    out.print(secret, markup=False)


dose_app = typer.Typer(help="Log doses and list them with daily totals.", no_args_is_help=True)
app.add_typer(dose_app, name="dose")

# Where each field a dose service names lives on the command line.
DOSE_FLAGS = {
    "substance": "SUBSTANCE",
    "amount": "AMOUNT",
    "unit": "--unit",
    "product": "--product",
    "kind": "--form",
    "route": "--route",
    "taken_at": "--at",
    "note": "--note",
    "from": "--from",
}


def flag_problems(problems: Mapping[str, str], flags: Mapping[str, str]) -> str:
    """Join a service's field problems into one line that names the command-line flags."""
    return "; ".join(f"{flags.get(name, name)}: {message}" for name, message in problems.items())


@dose_app.command("add")
def dose_add(
    substance: Annotated[str, typer.Argument(help="Substance code or name, e.g. kratom (see the README).")],
    amount: Annotated[str, typer.Argument(help="Amount, e.g. 4 with --unit g, or 4g, or '2 capsules'.")],
    unit: Annotated[
        str | None, typer.Option(help="g, mg, mcg, capsules, tablets, ml, drops, tsp, tbsp, drinks.")
    ] = None,
    product: Annotated[str | None, typer.Option(help="One of your saved products, by name.")] = None,
    at: Annotated[
        str | None,
        typer.Option("--at", help="When (ISO 8601); without an offset it is your local time. Default: now."),
    ] = None,
    route: Annotated[str | None, typer.Option(help="oral (default), sublingual, smoked, ...")] = None,
    form: Annotated[str | None, typer.Option("--form", help="Catalogue form, e.g. extract.")] = None,
    note: Annotated[str, typer.Option(help="A note to keep with the dose.")] = "",
    user: Annotated[
        str | None, typer.Option(help="Account to log for (default: the only person account).")
    ] = None,
) -> None:
    """Log a dose; its mass and any alkaloid estimate are worked out and shown with their basis."""
    from easeoff.services.amounts import UNIT_ALIASES, parse_amount

    unit = UNIT_ALIASES.get(unit.strip().lower(), unit) if unit else None
    problems: dict[str, str] = {}
    # AMOUNT may carry its unit ("4g", "2 capsules"); without one, --unit (or the product's) applies.
    number, amount_unit = parse_amount(amount, "amount", problems, default_unit=unit or "")
    if problems:
        raise CommandError(flag_problems(problems, DOSE_FLAGS), exit_code=2)
    if unit and amount_unit and amount_unit != unit:
        raise CommandError(f"AMOUNT {amount!r} is in {amount_unit} but --unit is {unit}", exit_code=2)
    setup_django()
    require_migrated()
    from zoneinfo import ZoneInfo

    from django.utils import timezone

    from easeoff.domain.doses import format_amount
    from easeoff.services.doses import record_dose
    from easeoff.services.errors import InvalidInput, NotAllowed

    person = local_user(user)
    try:
        row = record_dose(
            actor=person,
            person=person,
            substance=substance,
            amount=number,
            unit=amount_unit or unit,
            product=product,
            kind=form,
            route=route,
            taken_at=at,
            note=note,
            now=timezone.now(),
        )
    except InvalidInput as exc:
        raise CommandError(flag_problems(exc.problems, DOSE_FLAGS), exit_code=2) from None
    except NotAllowed as exc:
        raise CommandError(str(exc)) from None
    local = row.taken_at.astimezone(ZoneInfo(person.time_zone))
    out.print(
        f"saved dose {row.pk}: {format_amount(row.amount)} {row.unit} {row.substance}"
        f"{f' ({row.product_name})' if row.product_name else ''} at {local:%Y-%m-%d %H:%M} "
        f"{person.time_zone} (local day {row.taken_on})",
        markup=False,
    )
    out.print(f"mass: {row.basis}", markup=False)
    if row.alkaloid_basis:
        out.print(f"alkaloids: {row.alkaloid_basis}", markup=False)


@dose_app.command("list")
def dose_list(
    as_json: Annotated[
        bool, typer.Option("--json", help='Print {"doses": [...], "daily_totals": [...]} as JSON.')
    ] = False,
    date_from: Annotated[str | None, typer.Option("--from", help="First local day (YYYY-MM-DD).")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Last local day (YYYY-MM-DD).")] = None,
    substance: Annotated[str | None, typer.Option(help="Only this substance.")] = None,
    user: Annotated[
        str | None, typer.Option(help="Account to list (default: the only person account).")
    ] = None,
) -> None:
    """List doses, newest first, grouped by local day with daily totals and alkaloid estimates."""
    import json

    start, end = parse_day("--from", date_from), parse_day("--to", date_to)
    setup_django()
    require_migrated()
    from zoneinfo import ZoneInfo

    from easeoff.domain.doses import format_amount
    from easeoff.services.doses import daily_totals, dose_public, list_doses, total_public
    from easeoff.services.errors import InvalidInput

    person = local_user(user)
    try:
        rows = list(
            list_doses(viewer=person, person=person, date_from=start, date_to=end, substance=substance)
        )
        totals = daily_totals(viewer=person, person=person, date_from=start, date_to=end, substance=substance)
    except InvalidInput as exc:
        raise CommandError(
            flag_problems(exc.problems, {**DOSE_FLAGS, "substance": "--substance"}), 2
        ) from None
    if as_json:
        payload = {"doses": [dose_public(r) for r in rows], "daily_totals": [total_public(t) for t in totals]}
        out.print(json.dumps(payload, ensure_ascii=False), markup=False)
        return
    if not rows:
        out.print("no doses logged", markup=False)
        return
    zone = ZoneInfo(person.time_zone)
    by_day: dict[Any, list[Any]] = {}
    for row in rows:
        by_day.setdefault(row.taken_at.astimezone(zone).date(), []).append(row)
    for day in sorted(by_day, reverse=True):
        out.print(f"{day:%Y-%m-%d %a}", markup=False)
        for total in (t for t in totals if t.total.on == day):
            estimate = ""
            if total.mitragynine_mg is not None or total.seven_oh_mg is not None:
                parts = []
                if total.mitragynine_mg is not None:
                    parts.append(f"mitragynine ≈ {format_amount(round(total.mitragynine_mg, 1))} mg")
                if total.seven_oh_mg is not None:
                    parts.append(f"7-OH ≈ {format_amount(round(total.seven_oh_mg, 2))} mg")
                covered = total.alkaloid_doses
                estimate = (
                    f"; estimate: {', '.join(parts)} (from {covered} of {total.total.dose_count} doses)"
                )
            out.print(f"  total {total.name}: {total.amount_text}{estimate}", markup=False)
        for row in by_day[day]:
            mass = "no mass" if row.amount_mg is None else f"{'≈ ' if row.is_approximate else ''}"
            if row.amount_mg is not None:
                mass += f"{format_amount(row.amount_mg)} mg{' (approximate)' if row.is_approximate else ''}"
            product = f" ({row.product_name})" if row.product_name else ""
            out.print(
                f"  {row.taken_at.astimezone(zone):%H:%M}  {format_amount(row.amount)} {row.unit} "
                f"{row.substance}{product}, {row.route}: {mass}  [dose {row.pk}]",
                markup=False,
            )


taper_app = typer.Typer(help="Plan a taper, save it, and see where you are on it.", no_args_is_help=True)
app.add_typer(taper_app, name="taper")

TAPER_FLAGS = {
    "substance": "--substance",
    "start": "--start",
    "unit": "--start",
    "reduce": "--reduce",
    "every_days": "--every",
    "floor": "--floor",
    "start_on": "--from",
    "rounding_step": "--step",
    "after_floor": "--after-floor",
    "floor_days": "--floor-days",
    "hold": "--hold",
    "hold_threshold": "--hold-threshold",
    "hold_consecutive": "--hold-threshold",
    "hold_window_days": "--hold-threshold",
    "product": "--product",
}


def print_schedule(steps: Sequence[Any], unit: str, *, current: int | None = None) -> None:
    """Print taper steps as a table: dates, amount per day and how each was rounded."""
    from rich.table import Table

    from easeoff.domain.doses import format_amount

    table = Table(show_lines=False)
    for column in ("step", "from", "to", f"{unit} per day", "rounding"):
        table.add_column(column)
    for step in steps:
        marker = " <- today" if current is not None and step.index == current else ""
        table.add_row(
            f"{step.index + 1}{' floor' if step.is_floor else ''}",
            step.on.isoformat(),
            step.last_on.isoformat(),
            format_amount(step.amount_per_day) + marker,
            "starting amount" if step.index == 0 else step.rounding,
        )
    out.print(table)


@taper_app.command("plan")
def taper_plan(
    substance: Annotated[str, typer.Option("--substance", help="Substance code or name, e.g. kratom.")],
    start: Annotated[str, typer.Option("--start", help="Amount per day with its unit, e.g. 24g or 300mg.")],
    reduce: Annotated[
        str, typer.Option("--reduce", help="Per step: PERCENT% of the current amount, or an AMOUNT (2g).")
    ],
    every: Annotated[str, typer.Option("--every", help="Days between steps (1-365).")],
    floor: Annotated[str, typer.Option("--floor", help="Lowest amount per day, e.g. 0g (to stop) or 2g.")],
    start_on: Annotated[str, typer.Option("--from", help="First day, YYYY-MM-DD.")],
    as_json: Annotated[
        bool,
        typer.Option("--json", help='Print {"substance", "unit", "steps": [{"on", "amount_per_day"}, ...]}.'),
    ] = False,
    save: Annotated[bool, typer.Option("--save", help="Store the plan (needs the database).")] = False,
    step: Annotated[
        str | None,
        typer.Option(
            "--step", help="Round to this (what you can measure); default 0.1 g, 1 mg, 1 capsule ..."
        ),
    ] = None,
    after_floor: Annotated[
        str, typer.Option("--after-floor", help="hold (stay at the floor) or stop_with_clinician.")
    ] = "hold",
    hold: Annotated[
        str, typer.Option("--hold", help="Hold a step on high scores of: sows, cows, none.")
    ] = "sows",
    hold_threshold: Annotated[
        str | None, typer.Option("--hold-threshold", help="Hold threshold (default: SOWS 11, COWS 13).")
    ] = None,
    user: Annotated[str | None, typer.Option(help="With --save: the account the plan is for.")] = None,
) -> None:
    """Compute a taper schedule and show it; nothing is saved (and no database is needed) without --save."""
    from easeoff.services.errors import InvalidInput
    from easeoff.services.taper import TaperRequest, compute_plan, describe_after_floor, describe_hold

    request = TaperRequest(
        substance=substance,
        start=start,
        reduce=reduce,
        every_days=every,
        floor=floor,
        start_on=start_on,
        rounding_step=step,
        after_floor=after_floor,
        hold=hold,
        hold_threshold=hold_threshold,
    )
    try:
        plan = compute_plan(request)
    except InvalidInput as exc:
        raise CommandError(flag_problems(exc.problems, TAPER_FLAGS), exit_code=2) from None
    saved = None
    if save:
        setup_django()
        require_migrated()
        from django.utils import timezone

        from easeoff.services.errors import NotAllowed
        from easeoff.services.taper import save_taper

        person = local_user(user)
        try:
            saved = save_taper(actor=person, person=person, request=request, now=timezone.now())
        except InvalidInput as exc:
            raise CommandError(flag_problems(exc.problems, TAPER_FLAGS), exit_code=2) from None
        except NotAllowed as exc:
            raise CommandError(str(exc)) from None
    if as_json:
        out.print(plan.to_json(), markup=False)
        if saved is not None:
            err.print(f"saved taper plan {saved.pk} for {saved.person.username}", markup=False)
        return
    from easeoff.domain.doses import format_amount
    from easeoff.domain.substances import get_substance
    from easeoff.services.taper import describe_reduction

    rule = plan.rule
    out.print(
        f"Taper of {get_substance(plan.substance).name}: {format_amount(rule.start_per_day)} {plan.unit} "
        f"per day from {plan.starts_on}, less {describe_reduction(rule)} every {rule.interval_days} "
        f"day(s), down to {format_amount(rule.floor)} {plan.unit}; amounts rounded to "
        f"{format_amount(rule.rounding_step)} {plan.unit}. {len(plan.steps)} steps, floor on "
        f"{plan.floor_on}.",
        markup=False,
    )
    print_schedule(plan.steps, plan.unit)
    out.print(f"After the floor: {describe_after_floor(rule)}", markup=False)
    out.print(f"Hold rule: {describe_hold(rule.hold)}", markup=False)
    if saved is not None:
        out.print(f"Saved as taper plan {saved.pk} for {saved.person.username}.", markup=False)
    else:
        out.print("Not saved: add --save to store it.", markup=False)


@taper_app.command("show")
def taper_show(
    as_json: Annotated[bool, typer.Option("--json", help="Print the status as JSON.")] = False,
    user: Annotated[
        str | None, typer.Option(help="Account to show (default: the only person account).")
    ] = None,
) -> None:
    """Show the active taper plan: today's amount, whether the next step is held and why, plan vs actual."""
    import json

    setup_django()
    require_migrated()
    from django.utils import timezone

    from easeoff.domain.doses import format_amount
    from easeoff.services.taper import status_public, taper_status

    person = local_user(user)
    report = taper_status(viewer=person, person=person, now=timezone.now())
    if as_json:
        payload = {"plan": None} if report is None else status_public(report)
        out.print(json.dumps(payload, ensure_ascii=False), markup=False)
        return
    if report is None:
        out.print("no taper plan yet: set one with `easeoff taper plan ... --save`", markup=False)
        return
    plan, decision, row = report.plan, report.decision, report.row
    approval = (
        f"approved by {row.approved_by.username} on {row.approved_at:%Y-%m-%d}"
        if row.approved_at
        else "not yet approved by a clinician"
    )
    out.print(f"Taper plan {row.pk} of {plan.substance} ({approval})", markup=False)
    if report.amount_today is not None:
        amount = format_amount(report.amount_today)
        out.print(f"Today {report.today}: {amount} {plan.unit} per day.", markup=False)
    elif report.today < plan.starts_on:
        out.print(f"The plan starts on {plan.starts_on}.", markup=False)
    else:
        out.print(f"The schedule has ended. {report.after_floor_text}", markup=False)
    label = {"hold": "HELD" if report.held_today else "WOULD HOLD", "proceed": "NEXT", "complete": "DONE"}
    out.print(f"{label[decision.action]}: {decision.reason}", markup=False)
    for held in report.holds[:-1] if report.held_today else report.holds:
        out.print(f"held on {held.on}: {held.reason}", markup=False)
    summary = report.summary
    if summary["percent"] is not None:
        out.print(
            f"Plan vs actual: at or below the plan on {summary['within']} of {summary['logged']} logged days "
            f"({summary['percent']} %); {summary['not_logged']} day(s) not logged.",
            markup=False,
        )
    current = report.current_step.index if report.current_step else None
    print_schedule(report.effective.steps, plan.unit, current=current)


def main(args: Sequence[str], environ: Mapping[str, str] | None = None) -> int:
    """Run the command line `args` and return the exit code."""
    if environ is not None:
        os.environ.update(environ)
    command = typer.main.get_command(app)
    try:
        result: Any = command.main(list(args), prog_name="easeoff", standalone_mode=False)
    except click_errors.NoArgsIsHelpError as exc:
        # `easeoff` alone prints the help, like `easeoff --help`.
        out.print(exc.ctx.get_help() if exc.ctx else "")
        return 0
    except click_errors.UsageError as exc:
        hint = f" (see 'easeoff {exc.ctx.info_name if exc.ctx and exc.ctx.parent else ''} --help')"
        err.print(f"easeoff: error: {exc.format_message()}{hint.replace('  ', ' ')}")
        return 2
    except typer.Exit as exc:
        return int(exc.exit_code)
    except typer.Abort:
        err.print("easeoff: aborted")
        return 1
    except click_errors.ClickException as exc:
        err.print(f"easeoff: error: {exc.format_message()}")
        return exc.exit_code
    except CommandError as exc:
        err.print(f"easeoff: error: {exc}")
        return exc.exit_code
    except ConfigError as exc:
        err.print(f"easeoff: error: configuration: {exc}")
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        err.print(f"easeoff: internal error: {type(exc).__name__}: {exc}")
        return 1
    return int(result) if isinstance(result, int) else 0


def entrypoint() -> None:
    """Console-script entry point."""
    sys.exit(main(sys.argv[1:]))
